"""The duplicate ranking (pakn.reports.duplicates) on the pairs of
pakn/testing/data/duplicate_pairs.json (same problem in other words; the same street with
another problem), and its rules of place and word weight."""

import pytest

from pakn.accounts.tests.factories import UserFactory
from pakn.reports.duplicates import (
    DuplicateQuery,
    WordWeights,
    duplicates_public,
    text_similarity,
    word_weights,
)
from pakn.testing.duplicate_pairs import (
    duplicate_pairs_communes,
    duplicate_pairs_evaluate,
    duplicate_pairs_load,
)

ISSUE_CASE = "O ga lon tren duong Tran Phu"
FALLEN_TREES = {f"PAKN-2026-00010{n}" for n in range(2, 7)}


@pytest.fixture
def pairs(db):
    communes = duplicate_pairs_communes()
    reports = duplicate_pairs_load(reporter=UserFactory(), communes=communes)
    return {"communes": communes, "reports": reports}


def test_the_pairs_are_found_and_the_same_street_is_not_enough(pairs):
    result = duplicate_pairs_evaluate(communes=pairs["communes"])

    assert result.recall >= 0.95, result.shown
    assert result.precision >= 0.85, result.shown
    # Every query with a duplicate has it first.
    assert result.first_right == result.with_duplicate, result.shown
    # "Same street, other problem": at most one of them is shown anything.
    assert result.quiet_negatives >= result.negatives - 1, result.shown


def test_the_issue_case_ranks_the_pothole_first_and_no_fallen_tree(pairs):
    found = [c.report.code for c in duplicates_public(query=DuplicateQuery(title=ISSUE_CASE))]

    assert found[0] == "PAKN-2026-000101"
    assert not FALLEN_TREES & set(found)


def test_a_report_too_far_away_or_in_another_commune_is_not_a_duplicate(pairs, settings):
    settings.DUPLICATES_RADIUS_METERS = 500
    communes = pairs["communes"]
    beside = DuplicateQuery(
        title="Ổ gà lớn trên đường Trần Phú", latitude=12.2390, longitude=109.1967
    )
    far = DuplicateQuery(title="Ổ gà lớn trên đường Trần Phú", latitude=12.2600, longitude=109.1967)
    elsewhere = DuplicateQuery(title="Ổ gà lớn trên đường Trần Phú",
                               commune_id=communes["camranh"].pk)  # fmt: skip

    near = duplicates_public(query=beside)
    assert near[0].report.code == "PAKN-2026-000101"
    assert near[0].distance_m is not None and near[0].distance_m < 50
    assert "PAKN-2026-000101" not in [c.report.code for c in duplicates_public(query=far)]
    assert "PAKN-2026-000101" not in [c.report.code for c in duplicates_public(query=elsewhere)]


def test_a_rare_shared_word_counts_more_than_a_common_one():
    weights = WordWeights(
        documents=100,
        counts={"duong": 90, "tran": 60, "phu": 60, "tran phu": 60, "o": 50, "ga": 3, "o ga": 2},
        place_counts={"tran": 55, "phu": 55, "tran phu": 55},
    )
    typed = "Ổ gà đường Trần Phú"

    def similarity(title):
        return text_similarity(query_title=typed, query_text=typed, title=title, text=title,
                               weights=weights)  # fmt: skip

    assert similarity("Ổ gà ở Nha Trang") > similarity("Cây đổ đường Trần Phú")


def test_the_word_weights_are_kept_between_requests(pairs, django_assert_num_queries):
    word_weights()
    with django_assert_num_queries(0):
        weights = word_weights()
    assert weights.documents == len(pairs["reports"]) + 40
