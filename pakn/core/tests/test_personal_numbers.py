"""The one rule for personal numbers, against the table of spellings."""

import pytest

from pakn.core import personal_numbers
from pakn.core.personal_numbers import (
    MASK,
    contains_personal_number,
    personal_numbers_find,
    personal_numbers_mask,
)
from pakn.core.tests.personal_number_spellings import (
    ORDINARY,
    PERSONAL,
    all_params,
    masked,
    ordinary_params,
    personal_params,
)


@pytest.fixture(autouse=True)
def _empty_normalise_cache():
    """The table of odd characters fills itself as texts are read and lives as long as the
    process; emptied here so that each test reads its own spaces, dashes and digits afresh
    instead of trusting what an earlier test (or an earlier import) left in it. Without this a
    wrong rule for one character goes unnoticed once any test has cached that character."""
    personal_numbers._NORMALISE.clear()


@pytest.mark.parametrize("spelling", personal_params())
def test_each_spelling_is_found_exactly_where_it_was_written(spelling):
    found = personal_numbers_find(spelling.text)
    assert [number.text for number in found] == list(spelling.found)
    assert [spelling.text[n.start : n.end] for n in found] == list(spelling.found)
    assert contains_personal_number(spelling.text)


@pytest.mark.parametrize("spelling", ordinary_params())
def test_ordinary_numbers_in_reports_are_left_alone(spelling):
    assert personal_numbers_find(spelling.text) == []
    assert not contains_personal_number(spelling.text)
    assert personal_numbers_mask(spelling.text) == spelling.text


@pytest.mark.parametrize("spelling", all_params())
def test_masking_replaces_the_numbers_and_keeps_every_other_character(spelling):
    assert personal_numbers_mask(spelling.text) == masked(spelling.text, spelling.found)


@pytest.mark.parametrize("spelling", all_params())
def test_a_spelling_inside_a_report_with_ordinary_numbers(spelling):
    """Each row in the middle of a sentence with a date, an amount and a house number: only
    the personal numbers go, the rest of the report stays as written."""
    text = (
        f"Ngày 12/05/2026 tại số 12 Trần Phú, nợ 1.500.000 đồng: {spelling.text} (PAKN-2026-000123)"
    )
    assert [n.text for n in personal_numbers_find(text)] == list(spelling.found)
    assert personal_numbers_mask(text) == masked(text, spelling.found)


def test_the_table_has_both_sides_and_no_row_twice():
    texts = [s.text for s in PERSONAL + ORDINARY]
    assert len(texts) == len(set(texts))
    assert all(s.found for s in PERSONAL) and not any(s.found for s in ORDINARY)


def test_every_personal_number_of_a_long_text_is_masked():
    text = " hoặc ".join(s.text for s in PERSONAL)
    result = personal_numbers_mask(text)
    assert result.count(MASK) == sum(len(s.found) for s in PERSONAL)
    assert not contains_personal_number(result)


@pytest.mark.parametrize("empty", [None, ""])
def test_nothing_to_find_in_nothing(empty):
    assert personal_numbers_find(empty) == []
    assert personal_numbers_mask(empty) == ""
    assert not contains_personal_number(empty)
