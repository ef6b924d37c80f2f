"""The one reading of numbers and dates from people (pakn.core.typed_input), as a table."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from pakn.core.typed_input import (
    ID_MAX,
    INTEGER_MAX,
    IntegerInputField,
    Paginator,
    parse_date,
    parse_decimal,
    parse_int,
)

REFUSED_INTEGERS = [
    "²", "①", "٣", "３", "Ⅻ", "1²", "", " ", "NaN", "nan", "Infinity", "-inf", "1e3", "1.5",
    "1,5", "0x10", "1_000", "last", "\x00", "1\x00", "--1", "+-1", "١٢٣", "9" * 41, None,
]  # fmt: skip


@pytest.mark.parametrize("text", REFUSED_INTEGERS)
def test_only_ascii_digits_are_an_integer(text):
    with pytest.raises(ValidationError) as refused:
        parse_int(text)
    assert refused.value.code == "invalid"
    assert "0–9" in str(refused.value.messages[0])


@pytest.mark.parametrize(
    ("text", "expected"),
    [("7", 7), (" 42 ", 42), ("-0", 0), ("+3", 3), ("007", 7), (str(INTEGER_MAX), INTEGER_MAX)],
)
def test_ascii_integers_are_read(text, expected):
    assert parse_int(text) == expected


@pytest.mark.parametrize(
    ("text", "bounds", "code"),
    [
        ("99999999999999999999999", {}, "max_value"),
        (str(INTEGER_MAX + 1), {}, "max_value"),
        (str(ID_MAX + 1), {"maximum": ID_MAX}, "max_value"),
        ("0", {"minimum": 1}, "min_value"),
        ("-1", {"minimum": 0}, "min_value"),
        ("25", {"minimum": 0, "maximum": 20}, "max_value"),
    ],
)
def test_integers_out_of_range_are_refused(text, bounds, code):
    with pytest.raises(ValidationError) as refused:
        parse_int(text, **bounds)
    assert refused.value.code == code


@pytest.mark.parametrize(
    "text", ["NaN", "sNaN", "Infinity", "-Infinity", "1e999", "1E5", "١٢.٥", "12.", ".5", "1..2"]
)
def test_decimals_are_never_nan_infinity_or_exponents(text):
    with pytest.raises(ValidationError):
        parse_decimal(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12.2387914", Decimal("12.238791")), ("109,1967495", Decimal("109.196750")), ("-0", 0)],
)
def test_decimals_take_a_dot_or_a_comma_and_are_rounded(text, expected):
    assert parse_decimal(text, places=6) == expected


@pytest.mark.parametrize("text", ["9" * 30, "-" + "9" * 30])
def test_a_decimal_too_long_for_its_context_is_out_of_range_not_an_error(text):
    with pytest.raises(ValidationError) as refused:
        parse_decimal(text, minimum=Decimal(-90), maximum=Decimal(90))
    assert refused.value.code in ("min_value", "max_value")


@pytest.mark.parametrize(
    "text",
    ["٢٠٢٦-٠١-٠١", "2026-02-30", "0001-01-01", "9999-12-31", "31/13/2026", "2026-1-1x", "١/١/٢٠٢٦"],
)
def test_dates_are_ascii_and_within_range(text):
    with pytest.raises(ValidationError):
        parse_date(text)


def test_a_date_is_read_year_month_day_or_day_month_year():
    assert parse_date(" 2026-1-31 ") == datetime.date(2026, 1, 31)
    assert parse_date("31/01/2026") == datetime.date(2026, 1, 31)


def test_the_integer_field_keeps_its_own_messages():
    field = IntegerInputField(min_value=1, max_value=30, error_messages={"invalid": "Sai số."})
    with pytest.raises(ValidationError, match="Sai số."):
        field.clean("٣")
    with pytest.raises(ValidationError):
        field.clean("31")
    assert field.clean("3") == 3


@pytest.mark.parametrize(
    ("number", "shown"), [("2", 2), ("٢", 1), ("²", 1), ("last", 1), ("9" * 30, 3), ("9" * 50, 1)]
)
def test_the_paginator_reads_page_numbers_in_ascii_digits(number, shown):
    assert Paginator(list(range(25)), 10).get_page(number).number == shown
