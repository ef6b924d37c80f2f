"""Numbers and dates that people type or put in a link, parsed in one place.

Python's int(), float() and Decimal(), and the Django and DRF fields built on them, take more
than a person means: digits of other scripts ("٣", full-width "３"), "NaN", "Infinity" and
exponents ("1e999"); str.isdigit() says yes to "²" and "①", which int() then refuses with a
ValueError; and a number longer than a database integer ends in an OverflowError (SQLite) or a
DataError (PostgreSQL). Each of these was a 500. Every number from a form, a query string, the
API or a page link goes through ``parse_int`` or ``parse_decimal`` (or a field below that calls
them): ASCII digits only, the range checked, a ValidationError with a message otherwise.
"""

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.core import paginator as django_paginator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# PostgreSQL's integer and bigint (SQLite's INTEGER is the latter): the widest values a column
# or an id can hold. A number outside is refused before it reaches a query.
INTEGER_MIN, INTEGER_MAX = -(2**31), 2**31 - 1
ID_MAX = 2**63 - 1
# Longer input is refused without a look at its digits: no page number or id needs more.
MAX_NUMBER_LENGTH = 40
# Dates in filters: wide enough for any report, narrow enough that a day before or after
# (start and end of a period, time zones) stays a valid datetime.
DATE_MIN, DATE_MAX = datetime.date(1900, 1, 1), datetime.date(2999, 12, 31)

_INTEGER = re.compile(r"[+-]?[0-9]+", re.ASCII)
_DECIMAL = re.compile(r"[+-]?([0-9]+)(?:[.,][0-9]+)?", re.ASCII)
# Digits before the point that a Decimal quantized to 12 places still holds in its default
# 28-digit context (more raises InvalidOperation): far beyond any coordinate or amount here.
MAX_DECIMAL_INTEGER_DIGITS = 15
_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", re.ASCII)
# What a person types where the browser has no date picker: day/month/year, the Vietnamese order.
_DATE_TYPED = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})", re.ASCII)

NOT_AN_INTEGER = _("Vui lòng nhập một số nguyên, chỉ gồm các chữ số 0–9.")
NOT_A_NUMBER = _("Vui lòng nhập một số, chỉ gồm các chữ số 0–9 và dấu chấm thập phân.")
TOO_SMALL = _("Giá trị phải từ %(minimum)s trở lên.")
TOO_LARGE = _("Giá trị không được lớn hơn %(maximum)s.")
NOT_A_DATE = _("Ngày không hợp lệ (năm-tháng-ngày, ví dụ 2026-01-31).")
DATE_OUT_OF_RANGE = _("Ngày phải từ %(minimum)s đến %(maximum)s.")


def _check_range(value, minimum, maximum):
    if minimum is not None and value < minimum:
        params = {"minimum": minimum, "limit_value": minimum}
        raise ValidationError(TOO_SMALL, code="min_value", params=params)
    if maximum is not None and value > maximum:
        params = {"maximum": maximum, "limit_value": maximum}
        raise ValidationError(TOO_LARGE, code="max_value", params=params)
    return value


def parse_int(text, *, minimum: int | None = INTEGER_MIN, maximum: int | None = INTEGER_MAX) -> int:
    """An integer written in ASCII digits (an optional sign, spaces around allowed) within
    [minimum, maximum], which default to a database integer's range."""
    if isinstance(text, bool):
        raise ValidationError(NOT_AN_INTEGER, code="invalid")
    if isinstance(text, int):
        return _check_range(text, minimum, maximum)
    text = str(text).strip() if text is not None else ""
    if len(text) > MAX_NUMBER_LENGTH or not _INTEGER.fullmatch(text):
        raise ValidationError(NOT_AN_INTEGER, code="invalid")
    return _check_range(int(text), minimum, maximum)


def parse_decimal(
    text, *, minimum: Decimal | None = None, maximum: Decimal | None = None, places: int = 6
) -> Decimal:
    """A decimal number written in ASCII digits, a dot or a comma before the decimals (the
    Vietnamese keyboard's), rounded half up to ``places``: never NaN, Infinity or 1e999."""
    text = str(text).strip() if text is not None else ""
    match = _DECIMAL.fullmatch(text) if len(text) <= MAX_NUMBER_LENGTH else None
    if not match or not 0 <= places <= 12:
        raise ValidationError(NOT_A_NUMBER, code="invalid")
    if len(match.group(1).lstrip("0")) > MAX_DECIMAL_INTEGER_DIGITS:
        bound = Decimal(10) ** MAX_DECIMAL_INTEGER_DIGITS
        if text.startswith("-"):
            _check_range(-bound * 10, minimum if minimum is not None else -bound, None)
        _check_range(bound * 10, None, maximum if maximum is not None else bound)
    value = Decimal(text.replace(",", ".")).quantize(
        Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP
    )
    return _check_range(value, minimum, maximum)


def parse_date(text) -> datetime.date:
    """A date written year-month-day (the format of <input type="date">) or day/month/year, in
    ASCII digits, within DATE_MIN and DATE_MAX."""
    if isinstance(text, datetime.datetime):
        text = text.date()
    if isinstance(text, datetime.date):
        value = text
    else:
        text = str(text).strip() if text is not None else ""
        if match := _DATE.fullmatch(text):
            year, month, day = match.groups()
        elif match := _DATE_TYPED.fullmatch(text):
            day, month, year = match.groups()
        else:
            raise ValidationError(NOT_A_DATE, code="invalid")
        try:
            value = datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(NOT_A_DATE, code="invalid") from None
    if not DATE_MIN <= value <= DATE_MAX:
        raise ValidationError(
            DATE_OUT_OF_RANGE,
            code="date_range",
            params={"minimum": DATE_MIN.isoformat(), "maximum": DATE_MAX.isoformat()},
        )
    return value


# --- Form fields -------------------------------------------------------------------------------


class IntegerInputField(forms.IntegerField):
    """Django's IntegerField with parse_int's reading: no "٣", no overflow. A field's own
    error_messages (min_value, max_value, invalid) still name the problem when it has them."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        minimum = self.min_value if self.min_value is not None else INTEGER_MIN
        maximum = self.max_value if self.max_value is not None else INTEGER_MAX
        try:
            return parse_int(value, minimum=minimum, maximum=maximum)
        except ValidationError as error:
            if error.code in self.error_messages:
                raise ValidationError(
                    self.error_messages[error.code], code=error.code, params=error.params
                ) from None
            raise


class DateInputField(forms.DateField):
    """Django's DateField reading only year-month-day in ASCII digits, within a range that
    every later computation (a period's end, a time zone) can hold."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}))
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault("invalid", NOT_A_DATE)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_date(value)
        except ValidationError as error:
            if error.code == "invalid":
                raise ValidationError(self.error_messages["invalid"], code="invalid") from None
            raise


class ModelIdChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField whose submitted id is read by parse_int first: "٣" or an id beyond a
    bigint is "not in the list", like any other wrong choice, instead of a lookup that finds
    row 3 or fails with a 500."""

    def to_python(self, value):
        if value in self.empty_values or isinstance(value, self.queryset.model):
            return super().to_python(value)
        if self.to_field_name is None:
            try:
                value = parse_int(value, minimum=1, maximum=ID_MAX)
            except ValidationError:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(value)[:MAX_NUMBER_LENGTH]},
                ) from None
        return super().to_python(value)


# --- Pages -------------------------------------------------------------------------------------


class Paginator(django_paginator.Paginator):
    """Django's Paginator reading the page number with parse_int: get_page() shows the first
    page for "²", "٣" or "last", as it already does for "abc"."""

    def validate_number(self, number):
        if not isinstance(number, int):
            try:
                number = parse_int(number, minimum=None, maximum=None)
            except ValidationError:
                raise django_paginator.PageNotAnInteger(
                    _("Số trang phải là một số nguyên.")
                ) from None
        return super().validate_number(number)


class KnownCountPaginator(Paginator):
    """A Paginator told its count (a capped one, counted once by the caller) instead of
    counting every row of the list itself; pages beyond that count do not exist."""

    def __init__(self, object_list, per_page, *, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._known_count = count

    @property
    def count(self) -> int:
        return self._known_count
