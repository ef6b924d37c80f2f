"""Validators for the identifiers Vietnamese users type: citizen ID numbers, business codes,
mobile phone numbers. Each raises ValidationError with a message the user can act on.

No maintained library checks CCCD structure or the tax-code check digit, so these are written
here from the public rules (Circular 59/2021/TT-BCA for CCCD; Circular 105/2020/TT-BTC for the
tax code that is also the business code). Phone numbers use the phonenumbers library.
"""

import datetime
import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Birth-registration province codes of the 63 provinces before 2025 (the first three digits of
# a CCCD). The 34 provinces since 1 July 2025 kept codes from this list.
CCCD_PROVINCE_CODES = frozenset(
    f"{code:03d}"
    for code in (
        1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35,
        36, 37, 38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70,
        72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96,
    )
)  # fmt: skip

# Fourth digit: century of birth and sex (0/1: 1900s male/female, 2/3: 2000s, 4/5: 2100s ...).
CCCD_CENTURY_BY_DIGIT = {"0": 1900, "1": 1900, "2": 2000, "3": 2000}

TAX_CODE_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)
# [0-9], not \d: in Python \d also matches "٣" and "３", which int() then reads as digits.
BUSINESS_CODE_PATTERN = re.compile(r"^([0-9]{10})(?:-([0-9]{3}))?$")
FOUNDING_DECISION_PATTERN = re.compile(r"^[0-9]{1,6}/(?:[0-9]{4}/)?Q[ĐD]-[0-9A-ZĐ&.-]{2,30}$")
VN_MOBILE_PREFIXES = ("03", "05", "07", "08", "09")


def validate_cccd(value: str, *, today: datetime.date | None = None) -> None:
    """A 12-digit citizen identity card number (Căn cước công dân / Căn cước)."""
    if not re.fullmatch(r"[0-9]{12}", value or ""):
        raise ValidationError(_("Số CCCD phải gồm đúng 12 chữ số."), code="cccd_format")
    if value[:3] not in CCCD_PROVINCE_CODES:
        raise ValidationError(
            _("Ba chữ số đầu của số CCCD không phải mã tỉnh, thành phố hợp lệ."),
            code="cccd_province",
        )
    century = CCCD_CENTURY_BY_DIGIT.get(value[3])
    if century is None:
        raise ValidationError(
            _("Chữ số thứ tư của số CCCD (thế kỷ sinh và giới tính) không hợp lệ."),
            code="cccd_century",
        )
    birth_year = century + int(value[4:6])
    if birth_year > (today or datetime.date.today()).year:
        raise ValidationError(
            _("Năm sinh trong số CCCD (chữ số thứ 5 và 6) nằm trong tương lai."),
            code="cccd_birth_year",
        )


def validate_cmnd(value: str) -> None:
    """A 9-digit identity card number (Chứng minh nhân dân, still accepted)."""
    if not re.fullmatch(r"[0-9]{9}", value or ""):
        raise ValidationError(_("Số CMND phải gồm đúng 9 chữ số."), code="cmnd_format")
    if len(set(value)) == 1:
        raise ValidationError(_("Số CMND không hợp lệ."), code="cmnd_invalid")


def validate_citizen_id(value: str) -> None:
    """The username of an individual: a 12-digit CCCD or a 9-digit CMND."""
    if len(value or "") == 9:
        validate_cmnd(value)
    elif len(value or "") == 12:
        validate_cccd(value)
    else:
        raise ValidationError(
            _("Số CMND/CCCD phải gồm 9 chữ số (CMND) hoặc 12 chữ số (CCCD)."),
            code="citizen_id_length",
        )


def tax_code_check_digit(first_nine: str) -> int | None:
    """The tenth digit of a tax code for its first nine, or None when no valid code exists."""
    remainder = sum(int(d) * w for d, w in zip(first_nine, TAX_CODE_WEIGHTS, strict=True)) % 11
    digit = 10 - remainder
    return None if digit == 10 else digit % 10


def validate_business_code(value: str) -> None:
    """A 10-digit business (tax) code with a valid check digit, optionally with a -NNN branch
    suffix; or the number of a founding decision for a body that is not a business."""
    value = (value or "").strip().upper()
    if FOUNDING_DECISION_PATTERN.fullmatch(value):
        return
    match = BUSINESS_CODE_PATTERN.fullmatch(value)
    if not match:
        raise ValidationError(
            _(
                "Mã số doanh nghiệp gồm 10 chữ số (chi nhánh thêm -NNN), "
                "hoặc số quyết định thành lập dạng 123/QĐ-UBND."
            ),
            code="business_code_format",
        )
    code, branch = match.groups()
    if tax_code_check_digit(code[:9]) != int(code[9]):
        raise ValidationError(
            _("Mã số doanh nghiệp không đúng (chữ số kiểm tra sai). Vui lòng kiểm tra lại."),
            code="business_code_check_digit",
        )
    if branch == "000":
        raise ValidationError(_("Mã chi nhánh phải từ 001 đến 999."), code="business_code_branch")


def normalise_vn_mobile(value: str) -> str:
    """Returns a Vietnamese mobile number in E.164 (+84…) or raises ValidationError.

    Accepts 0912345678, 091 234 5678, +84912345678, 84912345678."""
    raw = re.sub(r"[\s.()-]", "", value or "")
    if raw.startswith("84") and len(raw) == 11:
        raw = "+" + raw
    try:
        number = phonenumbers.parse(raw, "VN")
    except phonenumbers.NumberParseException:
        raise ValidationError(_("Số điện thoại không hợp lệ."), code="phone_format") from None
    national = "0" + str(number.national_number)
    if (
        number.country_code != 84
        or len(national) != 10
        or not national.startswith(VN_MOBILE_PREFIXES)
        or not phonenumbers.is_valid_number(number)
        or phonenumbers.number_type(number) != phonenumbers.PhoneNumberType.MOBILE
    ):
        raise ValidationError(
            _("Số điện thoại di động phải gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09."),
            code="phone_mobile",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_national(e164: str) -> str:
    """+84912345678 → 0912345678, the form people read and type."""
    return "0" + e164[3:] if e164.startswith("+84") else e164


def mask_identifier(value: str, *, visible: int = 4) -> str:
    """********1234: how ID numbers and phones appear to anyone but the owner."""
    if not value:
        return ""
    shown = value[-visible:] if len(value) > visible else ""
    return "*" * (len(value) - len(shown)) + shown
