"""One table of the ways people write personal numbers, and of the ordinary numbers in reports
that must be left alone. Every place that finds, masks or refuses personal numbers (the core
function, the publish guard, notifications' title and note, the public report page and API, the
statistics exports, the logs) is tested against this table, so that a spelling added here is
checked at every door at once.

Each row: the text, then the exact pieces that must be found in it (none for a negative row).
"""

from dataclasses import dataclass

import pytest


@dataclass(frozen=True)
class Spelling:
    id: str
    text: str
    found: tuple[str, ...] = ()


PERSONAL = [
    # Mobiles, every grouping and separator.
    Spelling("mobile run together", "0905123456", ("0905123456",)),
    Spelling("mobile 4-3-3 spaces", "0905 123 456", ("0905 123 456",)),
    Spelling("mobile 4-3-3 dots", "0905.123.456", ("0905.123.456",)),
    Spelling("mobile 4-3-3 dashes", "0905-123-456", ("0905-123-456",)),
    Spelling("mobile 3-3-4", "090 512 3456", ("090 512 3456",)),
    Spelling("mobile 03x", "035 123 4567", ("035 123 4567",)),
    Spelling("mobile 08x", "0868 123 456", ("0868 123 456",)),
    Spelling("mobile 07x", "070 123 4567", ("070 123 4567",)),
    Spelling("mobile 05x", "0589123456", ("0589123456",)),
    Spelling("mobile +84 spaces", "+84 905 123 456", ("+84 905 123 456",)),
    Spelling("mobile +84 run together", "+84905123456", ("+84905123456",)),
    Spelling("mobile 84 without plus", "84905123456", ("84905123456",)),
    Spelling("mobile 84 spaces", "84 905 123 456", ("84 905 123 456",)),
    Spelling("mobile (+84)", "(+84) 905 123 456", ("(+84) 905 123 456",)),
    Spelling("mobile +84 (0)", "+84 (0) 905 123 456", ("+84 (0) 905 123 456",)),
    Spelling("mobile 0084", "0084 905 123 456", ("0084 905 123 456",)),
    Spelling("mobile no-break spaces", "0905\u00a0123\u00a0456", ("0905\u00a0123\u00a0456",)),
    Spelling("mobile thin spaces", "0905\u2009123\u2009456", ("0905\u2009123\u2009456",)),
    Spelling("mobile narrow no-break", "0905\u202f123\u202f456", ("0905\u202f123\u202f456",)),
    Spelling("mobile en dashes", "0905\u2013123\u2013456", ("0905\u2013123\u2013456",)),
    Spelling("mobile full-width", "０９０５１２３４５６", ("０９０５１２３４５６",)),
    Spelling("mobile no-break hyphens", "0905\u2011123\u2011456", ("0905\u2011123\u2011456",)),
    Spelling(
        "mobile Arabic-Indic digits",
        "\u0660\u0669\u0660\u0665\u0661\u0662\u0663\u0664\u0665\u0666",
        ("\u0660\u0669\u0660\u0665\u0661\u0662\u0663\u0664\u0665\u0666",),
    ),  # fmt: skip
    Spelling("mobile digit by digit", "0 9 0 5 1 2 3 4 5 6", ("0 9 0 5 1 2 3 4 5 6",)),
    # Landlines (Khánh Hòa 0258, Hà Nội 024, TP.HCM 028).
    Spelling("landline (0258) 3 822 123", "(0258) 3 822 123", ("(0258) 3 822 123",)),
    Spelling("landline 02583 822 123", "02583 822 123", ("02583 822 123",)),
    Spelling("landline 0258 3822 123", "0258 3822 123", ("0258 3822 123",)),
    Spelling("landline dots", "0258.3822.123", ("0258.3822.123",)),
    Spelling("landline run together", "02583822123", ("02583822123",)),
    Spelling("landline Hà Nội", "024 3825 1234", ("024 3825 1234",)),
    Spelling("landline +84", "+84 258 3 822 123", ("+84 258 3 822 123",)),
    # Foreign numbers, written with their country code.
    Spelling("foreign US", "+1 650 253 0000", ("+1 650 253 0000",)),
    Spelling("foreign UK", "+44 20 7946 0958", ("+44 20 7946 0958",)),
    Spelling("foreign in brackets", "(+1) 650 253 0000", ("(+1) 650 253 0000",)),
    # CCCD (12 digits) and CMND (9 digits).
    Spelling("CCCD run together", "056090001234", ("056090001234",)),
    Spelling("CCCD 3-3-3-3 spaces", "056 090 001 234", ("056 090 001 234",)),
    Spelling("CCCD 3-3-3-3 dots", "056.090.001.234", ("056.090.001.234",)),
    Spelling("CCCD 3-3-3-3 dashes", "056-090-001-234", ("056-090-001-234",)),
    Spelling(
        "CCCD en dashes", "056\u2013090\u2013001\u2013234", ("056\u2013090\u2013001\u2013234",)
    ),
    Spelling("CCCD 4-4-4 spaces", "0560 9000 1234", ("0560 9000 1234",)),
    Spelling("CCCD 4-4-4 dots", "0560.9000.1234", ("0560.9000.1234",)),
    Spelling("CCCD 4-4-4 dashes", "0560-9000-1234", ("0560-9000-1234",)),
    Spelling(
        "CCCD no-break spaces",
        "056\u00a0090\u00a0001\u00a0234",
        ("056\u00a0090\u00a0001\u00a0234",),
    ),  # fmt: skip
    Spelling("CCCD full-width", "０５６０９０００１２３４", ("０５６０９０００１２３４",)),
    Spelling(
        "CCCD ideographic spaces",
        "056\u3000090\u3000001\u3000234",
        ("056\u3000090\u3000001\u3000234",),
    ),  # fmt: skip
    Spelling("CMND run together", "225123456", ("225123456",)),
    Spelling("CMND 3-3-3 spaces", "225 123 456", ("225 123 456",)),
    Spelling("CMND 3-3-3 dots", "225.123.456", ("225.123.456",)),
    Spelling("CMND 3-3-3 dashes", "225-123-456", ("225-123-456",)),
    Spelling(
        "CMND Devanagari digits",
        "\u0968\u0968\u096b\u0967\u0968\u0969\u096a\u096b\u096c",
        ("\u0968\u0968\u096b\u0967\u0968\u0969\u096a\u096b\u096c",),
    ),  # fmt: skip
    # In sentences, next to words, punctuation and other numbers.
    Spelling("phone after a colon", "Liên hệ anh Nam, SĐT:0905123456.", ("0905123456",)),
    Spelling(
        "phone and landline",
        "Gọi 0905 123 456 hoặc 0258 3822 123",
        ("0905 123 456", "0258 3822 123"),
    ),  # fmt: skip
    Spelling("two phones with a comma", "0905123456,0912345678", ("0905123456", "0912345678")),
    Spelling(
        "two phones stuck together", "+84905123456+84912345678", ("+84905123456", "+84912345678")
    ),  # fmt: skip
    Spelling("landline in odd groups", "+84 225 123 456 7", ("+84 225 123 456 7",)),
    Spelling("tel: link", "tel:+84905123456", ("+84905123456",)),
    Spelling("CCCD and a date", "CCCD số 056090001234, cấp ngày 12/05/2021", ("056090001234",)),
    Spelling("CMND in brackets", "(CMND: 225123456)", ("225123456",)),
    Spelling("CMND before a word in đ", "CMND 225 123 456 đã nộp", ("225 123 456",)),
    Spelling("CMND before đồng-like word", "số 225.123.456 đường Trần Phú", ("225.123.456",)),
]

ORDINARY = [
    Spelling("date with slashes", "ngày 12/05/2026"),
    Spelling("date with dashes", "12-05-2026"),
    Spelling("date with dots", "12.05.2026"),
    Spelling("time and date", "07:30 ngày 30/11/2026"),
    Spelling("year", "năm 2026"),
    Spelling("range of years", "giai đoạn 2021-2025"),
    Spelling("report code", "PAKN-2026-000123"),
    Spelling("house number", "số 12 Trần Phú, phường Nha Trang"),
    Spelling("alley house number", "số nhà 225/12/3"),
    Spelling("lot and map sheet", "thửa đất số 245, tờ bản đồ số 12, lô B12"),
    Spelling("amount in đồng", "1.500.000 đồng"),
    Spelling("nine-digit amount in đồng", "150.000.000 đồng"),
    Spelling("nine-digit amount in đ", "150.000.000đ"),
    Spelling("nine-digit amount in đ after a space", "225.123.456 đ"),
    Spelling("nine-digit amount in VNĐ", "225.123.456 VNĐ"),
    Spelling("nine-digit amount in VND", "225 123 456 VND"),
    Spelling("nine-digit amount in ₫", "225123456 ₫"),
    Spelling("twelve-digit amount", "500.000.000.000 đồng"),
    Spelling("ten-digit amount", "tổng 1.150.000.000"),
    Spelling("amount with a decimal comma", "225.123.456,75 đồng"),
    Spelling("fifteen-digit amount", "225.123.456.789.000 đồng"),
    Spelling("hotline 1900", "Tổng đài 1900 1023"),
    Spelling("hotline 1900 run together", "19001023"),
    Spelling("free line 1800", "1800 1090"),
    Spelling("hotline 1900 from abroad", "+84 1900 1023"),
    Spelling("free line 1800 from abroad", "+84 1800 1090"),
    Spelling("hotline 1900 from abroad run together", "+841900571255"),
    Spelling("emergency numbers", "Gọi 113, 114 hoặc 115"),
    Spelling("coordinates", "12.2388, 109.1967"),
    Spelling("long coordinates", "12.238812345, 109.196712345"),
    Spelling("coordinates with decimal commas", "12,238812345"),
    Spelling("business code", "Mã số doanh nghiệp 4201234567"),
    Spelling("business code of a branch", "4201234567-001"),
    Spelling("postal tracking number", "EB225123456VN"),
    Spelling("decision number", "Quyết định 225123456/QĐ-UBND"),
    Spelling("file number with a year", "hồ sơ số 2026/225123456"),
    Spelling("transaction reference", "mã giao dịch 2026-225123456"),
    Spelling("serial number with a suffix", "số seri 225123456-01"),
    Spelling("ten digits run together", "mã 2251234567"),
    Spelling("eleven digits run together", "mã 22512345678"),
    Spelling("thirteen digits run together", "mã 2251234567890"),
]


def masked(text: str, found: tuple[str, ...], mask: str = "***") -> str:
    """What a text must become once masked: each expected piece replaced, left to right, the
    rest as written. Built from the table, not from the function under test."""
    result, rest = "", text
    for piece in found:
        before, _, rest = rest.partition(piece)
        result += before + mask
    return result + rest


def personal_params():
    return [pytest.param(s, id=s.id) for s in PERSONAL]


def ordinary_params():
    return [pytest.param(s, id=s.id) for s in ORDINARY]


def all_params():
    return personal_params() + ordinary_params()
