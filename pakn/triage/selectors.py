"""What the coordinator is offered for one report: "which kind, which sector, which unit?"
answered in one place (``report_triage_suggest``) for the desk, the decision record and the
benchmark. The trained model when there is one that learnt from enough forwarded reports,
else the routing rules (organisations.RoutingRule), saying which."""

import dataclasses
import logging
import threading

from django.conf import settings

from pakn.organisations.models import Category, RoutingRule, Unit, UnitKind
from pakn.organisations.selectors import routing_rule_suggest
from pakn.reports.models import Event, Report, ReportKind
from pakn.triage.learning import TriageClassifier, TriageSample, triage_classifier_load
from pakn.triage.models import TriageModel, TriageModelStatus, TriageSource

logger = logging.getLogger(__name__)
TOP = 3


def triage_history(*, limit: int) -> list[TriageSample]:
    """The newest ``limit`` forwarded reports, oldest first, each with the unit of its last
    forward (a unit that sent the report back was not the right one) and the sector and
    kind it has now. Reads the forward events newest first by primary key and stops: a
    bounded read however long the history."""
    rows = (
        Event.objects.filter(action="forward", to_unit__isnull=False)
        .order_by("-id")
        .values_list(
            "report_id",
            "to_unit_id",
            "report__title",
            "report__content",
            "report__commune_id",
            "report__category_id",
            "report__kind",
        )
    )
    seen: set[int] = set()
    samples: list[TriageSample] = []
    for report_id, unit_id, title, content, commune_id, category_id, kind in rows[: limit * 2]:
        if report_id in seen:
            continue
        seen.add(report_id)
        samples.append(TriageSample(title=title, content=content, commune_id=commune_id,
                                    kind=kind, category_id=category_id, unit_id=unit_id))  # fmt: skip
        if len(samples) >= limit:
            break
    samples.reverse()
    return samples


# The serving model, unpickled once per process and version: the desk asks for it on every
# report page, the row it comes from changes once a day.
_serving_lock = threading.Lock()
_serving: dict[str, tuple[tuple, TriageClassifier]] = {}


def triage_model_serving() -> tuple[TriageModel | None, TriageClassifier | None]:
    """The newest ready model and its classifier (None when it cannot be read)."""
    row = (
        TriageModel.objects.filter(status=TriageModelStatus.READY)
        .defer("payload")
        .order_by("-version")
        .first()
    )
    if row is None:
        return None, None
    key = (row.pk, row.version, row.trained_at)
    with _serving_lock:
        cached = _serving.get("model")
    if cached is not None and cached[0] == key:
        return row, cached[1]
    payload = TriageModel.objects.filter(pk=row.pk).values_list("payload", flat=True).first()
    try:
        classifier = triage_classifier_load(payload)
    except Exception:  # another library version, a damaged row: the rules suggest meanwhile
        logger.exception("Triage model v%s could not be loaded", row.version)
        return row, None
    with _serving_lock:
        _serving["model"] = (key, classifier)
    return row, classifier


def triage_training_last() -> TriageModel | None:
    """The newest finished training attempt, whatever its outcome."""
    return (
        TriageModel.objects.exclude(status=TriageModelStatus.TRAINING)
        .defer("payload")
        .order_by("-version")
        .first()
    )


@dataclasses.dataclass(frozen=True)
class Ranked:
    value: object  # a kind (str), a Category or a Unit
    confidence: float | None = None  # None: from a rule, not a probability

    @property
    def percent(self) -> int | None:
        return None if self.confidence is None else round(self.confidence * 100)

    @property
    def label(self) -> str:
        if isinstance(self.value, str):
            return str(ReportKind(self.value).label)
        return self.value.name


@dataclasses.dataclass(frozen=True)
class TriageSuggestion:
    source: str  # TriageSource
    kinds: list[Ranked]
    categories: list[Ranked]
    units: list[Ranked]
    rule: RoutingRule | None  # the routing rule for the suggested sector and the commune
    model: TriageModel | None = None
    samples_needed: int = 0
    samples_seen: int | None = None  # at the last training attempt; None: never trained

    @property
    def from_model(self) -> bool:
        return self.source == TriageSource.MODEL

    @property
    def kind(self) -> str:
        return self.kinds[0].value if self.kinds else ""

    @property
    def category_id(self) -> int | None:
        return self.categories[0].value.pk if self.categories else None

    @property
    def unit_id(self) -> int | None:
        return self.units[0].value.pk if self.units else None

    @property
    def unit_ids(self) -> list[int]:
        """The units to list first in the picker: the model's, then the rule's."""
        ids = [ranked.value.pk for ranked in self.units]
        if self.rule is not None and self.rule.unit_id not in ids:
            ids.append(self.rule.unit_id)
        return ids


def _forwardable_unit_ids() -> set[int]:
    return set(
        Unit.objects.filter(is_active=True)
        .exclude(kind=UnitKind.COORDINATING_CENTRE)
        .values_list("pk", flat=True)
    )


def report_triage_suggest(*, report: Report) -> TriageSuggestion:
    """The top three kinds, sectors and units for ``report`` with their confidence, from the
    serving model; or, while no model has learnt from PAKN_TRIAGE_MIN_SAMPLES forwarded
    reports, the report's own sector and the routing rule's unit."""
    needed = settings.PAKN_TRIAGE_MIN_SAMPLES
    row, classifier = triage_model_serving()
    if row is None or classifier is None or row.samples < needed:
        last = triage_training_last()
        rule = routing_rule_suggest(category=report.category, commune=report.commune)
        return TriageSuggestion(
            source=TriageSource.RULES,
            kinds=[Ranked(report.kind)] if report.kind else [],
            categories=[Ranked(report.category)] if report.category_id else [],
            units=[Ranked(rule.unit)] if rule is not None else [],
            rule=rule,
            samples_needed=needed,
            samples_seen=last.samples if last is not None else None,
        )
    active_categories = set(Category.objects.filter(is_active=True).values_list("pk", flat=True))
    forwardable = _forwardable_unit_ids()
    ranked = classifier.rank_one(
        title=report.title,
        content=report.content,
        commune_id=report.commune_id,
        keep={
            "kind": lambda kind: kind in ReportKind.values,
            "category": active_categories.__contains__,
            "unit": forwardable.__contains__,
        },
    )
    kinds, categories, units = (ranked[t][:TOP] for t in ("kind", "category", "unit"))
    category_rows = Category.objects.in_bulk([pk for pk, _ in categories])
    unit_rows = Unit.objects.in_bulk([pk for pk, _ in units])
    ranked_categories = [Ranked(category_rows[pk], p) for pk, p in categories]
    rule = routing_rule_suggest(
        category=ranked_categories[0].value if ranked_categories else report.category,
        commune=report.commune,
    )
    return TriageSuggestion(
        source=TriageSource.MODEL,
        kinds=[Ranked(kind, p) for kind, p in kinds],
        categories=ranked_categories,
        units=[Ranked(unit_rows[pk], p) for pk, p in units],
        rule=rule,
        model=row,
        samples_needed=needed,
        samples_seen=row.samples,
    )
