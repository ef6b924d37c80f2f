"""The pairs of reports that measure the duplicate ranking (data/duplicate_pairs.json): loaded
as published reports, then each query is ranked the way the citizen's form ranks it
(``pakn.reports.duplicates.duplicates_public``). The tests assert on the figures and
``bench/duplicates.py`` prints them."""

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone

from pakn.organisations.models import AdministrativeArea
from pakn.reports.duplicates import DuplicateQuery, duplicates_public, word_weights_forget
from pakn.reports.models import Report, ReportStatus

PAIRS_FILE = Path(__file__).resolve().parent / "data" / "duplicate_pairs.json"


def duplicate_pairs_data() -> dict:
    return json.loads(PAIRS_FILE.read_text(encoding="utf-8"))


def duplicate_pairs_communes() -> dict[str, AdministrativeArea]:
    """The two communes the pairs name (made if the database has no such codes)."""
    province, _ = AdministrativeArea.objects.get_or_create(
        code="56", defaults={"level": "province", "name": "Khánh Hòa", "division_type": "Tỉnh",
                             "codename": "khanh_hoa"},
    )  # fmt: skip
    communes = {}
    for key, code, name in (("nhatrang", "22333", "Phường Nha Trang"),
                            ("camranh", "22334", "Phường Cam Ranh")):  # fmt: skip
        communes[key], _ = AdministrativeArea.objects.get_or_create(
            code=code, defaults={"level": "commune", "name": name, "division_type": "Phường",
                                 "codename": key, "parent": province},
        )  # fmt: skip
    return communes


def duplicate_pairs_load(*, reporter, communes: dict[str, AdministrativeArea]) -> dict[str, Report]:
    """The pairs' reports, published and answered over the last weeks."""
    now = timezone.now()
    reports = {}
    for number, row in enumerate(duplicate_pairs_data()["reports"]):
        position = row.get("position") or (None, None)
        sent = now - datetime.timedelta(days=number + 1)
        reports[row["code"]] = Report.objects.create(
            code=row["code"], title=row["title"], content=row["content"], address=row["address"],
            public_title=row["title"], public_content=row["content"],
            status=ReportStatus.ANSWERED, is_published=True, reporter=reporter,
            commune=communes.get(row.get("commune")), latitude=position[0],
            longitude=position[1], submitted_at=sent, published_at=sent,
        )  # fmt: skip
    duplicate_pairs_background(reporter=reporter)
    word_weights_forget()
    return reports


def duplicate_pairs_background(*, reporter) -> None:
    """Older closed reports, never published, that give words their ordinary frequency
    (a deployment's history): street names and "đường" are common, "ổ gà" is not."""
    now = timezone.now()
    for number, row in enumerate(duplicate_pairs_data()["background"]):
        sent = now - datetime.timedelta(days=60 + number)
        Report.objects.create(
            code=f"PAKN-2025-{number + 1:06d}", title=row["title"], content=row["title"],
            address=row["address"], status=ReportStatus.CLOSED, reporter=reporter,
            submitted_at=sent,
        )  # fmt: skip
    word_weights_forget()


def pairs_query(row: dict, communes: dict[str, AdministrativeArea]) -> DuplicateQuery:
    position = row.get("position") or (None, None)
    commune = communes.get(row.get("commune"))
    return DuplicateQuery(
        title=row["title"],
        content=row.get("content", ""),
        commune_id=commune.pk if commune else None,
        latitude=position[0],
        longitude=position[1],
    )


@dataclass
class PairsResult:
    """Per query what was shown; precision and recall over every (query, shown report)."""

    shown: dict[str, list[str]] = field(default_factory=dict)
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    first_right: int = 0  # queries with a duplicate whose first candidate is it
    with_duplicate: int = 0
    quiet_negatives: int = 0  # "same street, other problem" queries shown nothing
    negatives: int = 0

    @property
    def precision(self) -> float:
        shown = self.true_positives + self.false_positives
        return self.true_positives / shown if shown else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0


def duplicate_pairs_evaluate(*, communes: dict[str, AdministrativeArea]) -> PairsResult:
    result = PairsResult()
    for row in duplicate_pairs_data()["queries"]:
        found = [c.report.code for c in duplicates_public(query=pairs_query(row, communes))]
        wanted = set(row["duplicates"])
        result.shown[row["name"]] = found
        result.true_positives += len(wanted & set(found))
        result.false_positives += len(set(found) - wanted)
        result.false_negatives += len(wanted - set(found))
        if wanted:
            result.with_duplicate += 1
            result.first_right += bool(found) and found[0] in wanted
        else:
            result.negatives += 1
            result.quiet_negatives += not found
    return result
