"""The answer-quality guard (pakn.reports.answer_quality) on the good and bad answers of
pakn/testing/data/answer_quality_cases.json."""

import json
from pathlib import Path

import pytest

from pakn.reports.answer_quality import answer_quality_lines, answer_quality_warnings
from pakn.testing.duplicate_pairs import duplicate_pairs_background

CASES = json.loads(
    (
        Path(__file__).resolve().parents[2] / "testing" / "data" / "answer_quality_cases.json"
    ).read_text(encoding="utf-8")
)["cases"]


def answer_of(case) -> str:
    if "answer_repeat" in case:
        return case["answer_repeat"]["text"] * case["answer_repeat"]["times"]
    return case["answer"]


@pytest.fixture
def history(db, org):
    """A deployment's past reports, for the weight of words."""
    duplicate_pairs_background(reporter=org["reporter"])


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_each_answer_gets_the_warnings_it_deserves(history, case):
    warnings = answer_quality_warnings(
        answer=answer_of(case),
        report_title=case["report_title"],
        report_content=case["report_content"],
    )

    assert sorted({w.code for w in warnings}) == sorted(case["warnings"])


def test_the_pasted_lines_are_the_ones_pointed_at(history):
    letter = next(c for c in CASES if c["name"] == "bad: the pasted official letter")
    warnings = answer_quality_warnings(answer=letter["answer"],
                                       report_title=letter["report_title"])  # fmt: skip

    lines = answer_quality_lines(letter["answer"], warnings)
    flagged = [line["text"] for line in lines if line["flagged"]]
    assert "Số: 1234/UBND-QLĐT" in flagged and "- Lưu: VT." in flagged
    assert "Kính gửi: Trung tâm Chuyển đổi số tỉnh." in flagged and "(Đã ký)" in flagged
    assert not any("đã giao các bộ phận" in text for text in flagged)
