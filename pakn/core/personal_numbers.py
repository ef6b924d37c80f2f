"""Is this a personal number? The one answer for the whole site (STYLE.md §13): the publish
guard, the notifications, the public rating comments and the logs all ask these functions.

A personal number is
- a phone number of a person or a household: Vietnamese mobiles and landlines, and foreign
  numbers written with their country code, in any writing (0905 123 456, 0905.123.456,
  0905-123-456, +84 905 123 456, 84905123456, (0258) 3 822 123, non-breaking or thin spaces,
  full-width digits);
- an identity number: a 12-digit CCCD or a 9-digit CMND, run together or in groups of three
  (or of four for a CCCD) split by spaces, dots or dashes, all with the same separator.

Not personal, by decision: public service numbers (1900…, 1800… hotlines; they are printed on
every office door) and short emergency numbers (113, 114, 115), which are not numbers of a
person; and the numbers people write in reports: dates, times, amounts of money, years, house
and lot numbers, report codes, coordinates, business (tax) codes.

Known limits: a landline written without its area code (3822123) is not found (seven digits
say nothing); a business code that is also a valid mobile (0300588569) is taken for a phone,
which only masks more.

Phones are found by the phonenumbers library (Google's libphonenumber metadata), which knows
every Vietnamese prefix and length, so that no list of prefixes is kept here. Leniency VALID:
the number must be a valid number of its country, but any grouping is accepted, because
Vietnamese writers group digits many ways (0905 123 456, 090 512 3456, 0258 3822 123) and the
stricter leniencies miss some of them. Identity numbers have no check digit and no library
knows them, hence the hand-written pattern below.
"""

import re
import unicodedata
from dataclasses import dataclass

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher, PhoneNumberType

MASK = "***"
REGION = "VN"
# Types of the numbers of a person or a household; toll-free (1800), premium-rate (1900) and
# the other service types are public.
PERSONAL_PHONE_TYPES = frozenset(
    {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE}
)
# An identity number: 12 digits run together, or 3+3+3+3 / 4+4+4 with one separator; 9 digits
# run together or 3+3+3. Not inside a longer number or a word: no letter, digit or "/" next to
# it, no "+" before it (+841900571255 is a hotline), and no ".", "," or "-" followed by a digit
# (1.150.000.000 is an amount, not a CMND).
ID_NUMBER = re.compile(
    r"(?<![\w/+])(?<!\d[.,-])"
    r"(?:\d{12}|\d{3}([ .-])\d{3}\1\d{3}\1\d{3}|\d{4}([ .-])\d{4}\2\d{4}"
    r"|\d{9}|\d{3}([ .-])\d{3}\3\d{3})"
    r"(?![\w/])(?![.,-]\d)"
)
# Money written after the number ("150.000.000 đồng", "500 000 000 VNĐ") makes it an amount.
AMOUNT_UNIT = re.compile(r"\s*(?:đồng|đ|vnđ|vnd|₫)(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class PersonalNumber:
    """A personal number found in a text, as it was written there."""

    start: int
    end: int
    text: str


class _Normalise(dict):
    """str.translate table: any Unicode space (no-break, thin, narrow no-break, ideographic
    ...) becomes " ", any dash "-", any decimal digit (full-width ０-９ ...) its ASCII digit;
    one character for one, so that positions in the normalised text are positions in the
    original. Hand-written because the matcher takes neither thin spaces as separators nor
    every dash, and the pattern below reads ASCII only. Each character is looked up once."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        category = unicodedata.category(char)
        if category == "Zs":
            char = " "
        elif category == "Pd":
            char = "-"
        else:
            char = str(unicodedata.decimal(char, char))
        self[code] = char
        return char


_NORMALISE = _Normalise()


def _phones(text: str) -> list[tuple[int, int]]:
    return [
        (match.start, match.end)
        for match in PhoneNumberMatcher(text, REGION, leniency=Leniency.VALID)
        if phonenumbers.number_type(match.number) in PERSONAL_PHONE_TYPES
        and _written_as_phone(match.raw_string)
    ]


def _written_as_phone(raw: str) -> bool:
    """People write a phone with its trunk 0 (0905…, 0258…), a + or 00, or 84 in front. The
    matcher also takes numbers without any of them (2251234567 as the landline 0225 123 4567),
    which in a report are codes and references, not phones; hence this hand-written check."""
    digits = re.sub(r"\D", "", raw)
    return bool(re.match(r"\(?\+", raw)) or digits.startswith(("0", "84"))


def _id_numbers(text: str) -> list[tuple[int, int]]:
    return [
        match.span()
        for match in ID_NUMBER.finditer(text)
        if not AMOUNT_UNIT.match(text, match.end())
    ]


def personal_numbers_find(text: str | None) -> list[PersonalNumber]:
    """The phone and identity numbers in ``text``, in order, overlapping finds merged (the
    CMND pattern also sees "905 123 456" inside "+84 905 123 456": one number is reported)."""
    if not text:
        return []
    normalised = text.translate(_NORMALISE)
    spans: list[tuple[int, int]] = []
    for start, end in sorted(_phones(normalised) + _id_numbers(normalised)):
        if spans and start < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return [PersonalNumber(start, end, text[start:end]) for start, end in spans]


def personal_numbers_mask(text: str | None) -> str:
    """``text`` with each personal number replaced by ***."""
    text = text or ""
    pieces, position = [], 0
    for number in personal_numbers_find(text):
        pieces += [text[position : number.start], MASK]
        position = number.end
    pieces.append(text[position:])
    return "".join(pieces)


def contains_personal_number(text: str | None) -> bool:
    return bool(personal_numbers_find(text))
