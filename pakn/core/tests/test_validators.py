import datetime

import pytest
from django.core.exceptions import ValidationError

from pakn.core.validators import (
    mask_identifier,
    normalise_vn_mobile,
    phone_national,
    validate_business_code,
    validate_cccd,
    validate_citizen_id,
)

TODAY = datetime.date(2026, 11, 23)


@pytest.mark.parametrize(
    "number",
    [
        "056090001234",  # Khánh Hòa, male born 1990
        "001185012345",  # Hà Nội, female born 1985
        "079203000001",  # Hồ Chí Minh City, female born 2003
        "096026999999",  # Cà Mau, male born 2026 (a baby registered this year)
    ],
)
def test_valid_cccd(number):
    validate_cccd(number, today=TODAY)


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("05609000123", "cccd_format"),  # 11 digits
        ("0560900012345", "cccd_format"),  # 13 digits
        ("05609000123a", "cccd_format"),
        ("٠٥٦٠٩٠٠٠١٢٣٤", "cccd_format"),  # Arabic-Indic digits, which int() would read
        ("０５６０９０００１２３４", "cccd_format"),  # full-width digits
        ("003090001234", "cccd_province"),  # 003 is no province code
        ("099090001234", "cccd_province"),
        ("056590001234", "cccd_century"),  # 5: born in the 2100s
        ("056227001234", "cccd_birth_year"),  # male born 2027: in the future
    ],
)
def test_invalid_cccd(number, code):
    with pytest.raises(ValidationError) as error:
        validate_cccd(number, today=TODAY)
    assert error.value.code == code


@pytest.mark.parametrize(("number", "valid"), [
    ("225123456", True),   # 9-digit CMND
    ("111111111", False),  # all the same digit
    ("22512345", False),   # 8 digits
    ("0560900012", False),  # 10 digits: neither
    ("٢٢٥١٢٣٤٥٦", False),  # a CMND in Arabic-Indic digits
    ("056090001234", True),
])  # fmt: skip
def test_citizen_id_accepts_cmnd_or_cccd(number, valid):
    if valid:
        validate_citizen_id(number)
    else:
        with pytest.raises(ValidationError):
            validate_citizen_id(number)


@pytest.mark.parametrize(
    "code",
    [
        "0100109106",  # Viettel: check digit 6
        "0300588569",  # Vinamilk: check digit 9
        "0300588569-001",  # a branch
        "123/QĐ-UBND",  # founding decision of a body that is not a business
        "45/2019/QĐ-SKHCN",
    ],
)
def test_valid_business_codes(code):
    validate_business_code(code)


@pytest.mark.parametrize(
    ("code", "error_code"),
    [
        ("0100109107", "business_code_check_digit"),
        ("0300588560", "business_code_check_digit"),
        ("030058856", "business_code_format"),  # 9 digits
        ("0300588569-01", "business_code_format"),
        ("0300588569-000", "business_code_branch"),
        ("QĐ-UBND", "business_code_format"),
        ("٠١٠٠١٠٩١٠٦", "business_code_format"),  # Viettel's code in Arabic-Indic digits
    ],
)
def test_invalid_business_codes(code, error_code):
    with pytest.raises(ValidationError) as error:
        validate_business_code(code)
    assert error.value.code == error_code


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0912345678", "+84912345678"),
        ("091 234 5678", "+84912345678"),
        ("+84 912 345 678", "+84912345678"),
        ("84912345678", "+84912345678"),
        ("0332123456", "+84332123456"),
        ("0562123456", "+84562123456"),
        ("0701234567", "+84701234567"),
        ("0861234567", "+84861234567"),
    ],
)
def test_vietnamese_mobiles_are_normalised(typed, stored):
    assert normalise_vn_mobile(typed) == stored
    assert phone_national(stored) == "0" + stored[3:]


@pytest.mark.parametrize(
    "typed",
    [
        "02583822222",  # a Khánh Hòa landline
        "091234567",  # 9 digits
        "09123456789",  # 11 digits
        "0123456789",  # old 11-digit-era prefix, no longer issued
        "+14155552671",  # not Vietnamese
        "số điện thoại",
        "",
    ],
)
def test_invalid_mobiles_are_refused(typed):
    with pytest.raises(ValidationError):
        normalise_vn_mobile(typed)


def test_masking_keeps_only_the_last_four():
    assert mask_identifier("056090001234") == "********1234"
    assert mask_identifier("+84912345678") == "********5678"
    assert mask_identifier("123") == "***"
    assert mask_identifier("") == ""
