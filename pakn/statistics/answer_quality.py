"""Answers sent back for quality, per unit: the drafts a leader sent back while the
answer-quality guard warned about them (pakn.reports.answer_quality), counted from the
recorded decisions (pakn.reports.models.AnswerQualityCheck), never guessed."""

import datetime
from dataclasses import dataclass

from django.db.models import Count

from pakn.organisations.models import Unit
from pakn.reports.models import AnswerQualityCheck


@dataclass(frozen=True)
class SentBackForQuality:
    unit: Unit
    count: int


def answers_sent_back_for_quality(
    *,
    units=None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> list[SentBackForQuality]:
    """Per answering unit (within ``units`` when given), how many drafts were sent back with
    quality warnings in the period, most first. One grouped query and one for the units."""
    checks = AnswerQualityCheck.objects.filter(decision=AnswerQualityCheck.Decision.SENT_BACK)
    if units is not None:
        checks = checks.filter(unit__in=units)
    if date_from:
        checks = checks.filter(created_at__date__gte=date_from)
    if date_to:
        checks = checks.filter(created_at__date__lte=date_to)
    rows = list(checks.values("unit").annotate(count=Count("id")).order_by("-count", "unit"))
    by_id = Unit.objects.in_bulk([row["unit"] for row in rows])
    return [SentBackForQuality(by_id[row["unit"]], row["count"]) for row in rows]
