"""Duplicates ("trùng"): the reports that may be about the same matter as one being typed or
just sent, for the citizen's form and for the coordinator's desk.

``duplicates_rank`` is the one ranking both places call: text similarity weighted by how
rare each shared word is in this deployment's reports (so "ổ gà" counts and "đường",
"Trần Phú" hardly do), and place (near when both have a position, else the same commune).
The callers only gather candidates: the citizen's from the public search index (published
reports, accents folded), the coordinator's also from the reports within their reach.

Hand-written rather than a library's TF-IDF: the corpus statistics must be shared between
processes through the cache and computed from a bounded sample of the newest reports, and the
scoring mixes place and text in ways no vectoriser does; the whole rule is a few lines.
"""

import datetime
import math
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone

from pakn.core.text import text_fold
from pakn.reports.access import report_visibility_condition
from pakn.reports.models import Report, ReportStatus
from pakn.reports.search import WORD_PATTERN, reports_public, reports_public_any_words

# How many of the newest reports the word statistics are computed from, and for how long
# they are kept: a word's rarity moves slowly, and the sample bounds the work at any scale.
WEIGHTS_CORPUS_SIZE = 5000
WEIGHTS_CACHE_SECONDS = 6 * 3600
WEIGHTS_CACHE_KEY = "duplicates:weights"
# Words seen fewer times than this are not stored: they count as never seen (the rarest).
WEIGHTS_MIN_COUNT = 2
# How much a word that is mostly part of addresses loses of its weight.
PLACE_DISCOUNT = 0.8
# Candidates read before ranking: by the search index, and by place.
TEXT_POOL = 100
PLACE_POOL = 200
RECENT_POOL = 300
# The rarest words of the query that the search index is asked for.
RETRIEVAL_WORDS = 4
# Below this a candidate is not shown (measured on the pairs of bench/duplicates.py).
MIN_SIMILARITY = 0.3
# Reports that cannot be the surviving report of a merge.
NOT_CANDIDATES = (
    ReportStatus.DRAFT,
    ReportStatus.MERGED,
    ReportStatus.WITHDRAWN,
    ReportStatus.REJECTED,
)


@dataclass(frozen=True)
class DuplicateQuery:
    """What is known of the report being typed or checked."""

    title: str
    content: str = ""
    commune_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    exclude_id: int | None = None

    @property
    def has_position(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True)
class DuplicateCandidate:
    report: Report
    similarity: float  # 0..1, place included
    distance_m: float | None  # when both have a position
    same_commune: bool
    shows_private_text: bool  # the officer may read the reporter's own words

    @property
    def title(self) -> str:
        return self.report.title if self.shows_private_text else self.report.public_title

    @property
    def percent(self) -> int:
        return round(self.similarity * 100)


@dataclass(frozen=True)
class WordWeights:
    """How rare each word and pair of words is in the corpus, and how often it is part of
    a place (a report's address): "Trần Phú" says where, not what."""

    documents: int
    counts: dict[str, int]
    place_counts: dict[str, int]

    def weight(self, feature: str) -> float:
        # Inverse document frequency (a word never seen weighs the most), less the share of
        # reports whose address holds it.
        count = self.counts.get(feature, 0)
        rarity = max(math.log((self.documents + 1) / (count + 0.5)), 0.0)
        placeness = min(self.place_counts.get(feature, 0) / count, 1.0) if count else 0.0
        return rarity * (1 - PLACE_DISCOUNT * placeness)

    def total(self, features) -> float:
        return sum(self.weight(feature) for feature in features)


def text_features(text: str) -> set[str]:
    """The folded words of ``text`` and each pair of neighbouring words ("o ga"): a pair
    tells "ổ gà" from "ở" and "ga" alone."""
    words = WORD_PATTERN.findall(text_fold(text or ""))
    return set(words) | {
        f"{first} {second}" for first, second in zip(words, words[1:], strict=False)
    }


def _weights_compute() -> WordWeights:
    rows = (
        Report.objects.exclude(status=ReportStatus.DRAFT)
        .order_by("-id")
        .values_list("title", "content", "address")[:WEIGHTS_CORPUS_SIZE]
    )
    counts: Counter = Counter()
    place_counts: Counter = Counter()
    documents = 0
    for title, content, address in rows:
        documents += 1
        counts.update(text_features(f"{title} {content}"))
        place_counts.update(text_features(address))
    kept = {feature: n for feature, n in counts.items() if n >= WEIGHTS_MIN_COUNT}
    places = {feature: n for feature, n in place_counts.items() if feature in kept}
    return WordWeights(documents=documents, counts=kept, place_counts=places)


_memo: dict[str, object] = {}


def word_weights() -> WordWeights:
    """The corpus statistics, kept in the cache (shared by every process) for
    WEIGHTS_CACHE_SECONDS and in this process while the cache holds the same stamp."""
    stamp = cache.get(f"{WEIGHTS_CACHE_KEY}:stamp")
    if stamp is not None and _memo.get("stamp") == stamp:
        return _memo["weights"]
    weights = cache.get(WEIGHTS_CACHE_KEY) if stamp is not None else None
    if weights is None:
        weights = _weights_compute()
        stamp = timezone.now().isoformat()
        cache.set(WEIGHTS_CACHE_KEY, weights, WEIGHTS_CACHE_SECONDS)
        cache.set(f"{WEIGHTS_CACHE_KEY}:stamp", stamp, WEIGHTS_CACHE_SECONDS)
    _memo.update(stamp=stamp, weights=weights)
    return weights


def word_weights_forget() -> None:
    """Drops the statistics: the next ranking computes them again (after a bulk load)."""
    cache.delete_many([WEIGHTS_CACHE_KEY, f"{WEIGHTS_CACHE_KEY}:stamp"])
    _memo.clear()


# --- Place -----------------------------------------------------------------------------------


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine; a few metres off at these scales)."""
    radius = 6_371_000
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * radius * math.asin(math.sqrt(a))


def _place_factor(query: DuplicateQuery, report: Report) -> tuple[float | None, float | None, bool]:
    """(factor, distance, same commune): factor None when the place rules the report out."""
    radius = settings.DUPLICATES_RADIUS_METERS
    same_commune = bool(query.commune_id and report.commune_id == query.commune_id)
    if query.has_position and report.latitude is not None and report.longitude is not None:
        metres = distance_m(query.latitude, query.longitude,
                            float(report.latitude), float(report.longitude))  # fmt: skip
        if metres > radius:
            return None, metres, same_commune
        return 1.0 + 0.25 * (1 - metres / radius), metres, same_commune
    if query.commune_id and report.commune_id:
        return (1.15, None, True) if same_commune else (None, None, False)
    return 1.0, None, same_commune


# --- The ranking -----------------------------------------------------------------------------


def _cosine(first: set[str], second: set[str], weights: WordWeights) -> float:
    norm = math.sqrt(weights.total(first) * weights.total(second))
    return weights.total(first & second) / norm if norm else 0.0


def text_similarity(
    *, query_title: str, query_text: str, title: str, text: str, weights: WordWeights
) -> float:
    """0..1: half how much of the query's weight the report's text holds, half how close
    the titles, or the whole texts, are (weighted cosine of their word sets)."""
    asked, found = text_features(query_text), text_features(text)
    asked_weight = weights.total(asked)
    if not asked_weight:
        return 0.0
    coverage = weights.total(asked & found) / asked_weight
    titles = _cosine(text_features(query_title), text_features(title), weights)
    return 0.5 * coverage + 0.5 * max(titles, _cosine(asked, found, weights))


def duplicates_rank(
    *,
    query: DuplicateQuery,
    candidates,
    private_text_ids: frozenset[int] = frozenset(),
    weights: WordWeights | None = None,
    limit: int = 5,
    min_similarity: float = MIN_SIMILARITY,
) -> list[DuplicateCandidate]:
    """The candidates that may be the same matter as ``query``, best first. A report whose id
    is in ``private_text_ids`` is compared by its own words, any other by its public ones."""
    weights = weights or word_weights()
    query_text = f"{query.title} {query.content}"
    ranked = []
    seen = set()
    for report in candidates:
        if report.pk in seen or report.pk == query.exclude_id:
            continue
        seen.add(report.pk)
        factor, metres, same_commune = _place_factor(query, report)
        if factor is None:
            continue
        private = report.pk in private_text_ids
        title = report.title if private else report.public_title
        text = f"{title} {report.content if private else report.public_content}"
        score = text_similarity(query_title=query.title, query_text=query_text, title=title,
                                text=text, weights=weights)  # fmt: skip
        score = min(score * factor, 1.0)
        if score >= min_similarity:
            ranked.append(DuplicateCandidate(report, score, metres, same_commune, private))
    ranked.sort(key=lambda c: (-c.similarity, -(c.report.submitted_at or _EPOCH).timestamp()))
    return ranked[:limit]


_EPOCH = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


# --- Gathering candidates --------------------------------------------------------------------


def _since() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=30 * settings.DUPLICATES_MONTHS)


def _rare_words(query: DuplicateQuery, weights: WordWeights) -> list[str]:
    """The query's rarest words (two letters or more: one letter matches too much), which
    the search index is asked for."""
    words = {w for w in WORD_PATTERN.findall(text_fold(f"{query.title} {query.content}"))
             if len(w) >= 2}  # fmt: skip
    return sorted(words, key=lambda w: (-weights.weight(w), w))[:RETRIEVAL_WORDS]


def _near(reports: QuerySet[Report], query: DuplicateQuery) -> QuerySet[Report] | None:
    """The reports in the query's place: a box around its position (the exact distance is
    checked when ranking), else its commune; None when the place is unknown."""
    if query.has_position:
        degrees = settings.DUPLICATES_RADIUS_METERS / 111_000
        lon_degrees = degrees / max(math.cos(math.radians(query.latitude)), 0.1)
        return reports.filter(
            latitude__range=(query.latitude - degrees, query.latitude + degrees),
            longitude__range=(query.longitude - lon_degrees, query.longitude + lon_degrees),
        )
    if query.commune_id:
        return reports.filter(commune_id=query.commune_id)
    return None


def _public_pool(query: DuplicateQuery, weights: WordWeights) -> list[Report]:
    since = _since()
    words = _rare_words(query, weights)
    pool: list[Report] = []
    if words:
        pool += list(reports_public_any_words(words=words, since=since)[:TEXT_POOL])
    near = _near(reports_public(with_relations=False).filter(submitted_at__gte=since), query)
    if near is not None:
        pool += list(near.order_by("-submitted_at")[:PLACE_POOL])
    return pool


def duplicates_public(*, query: DuplicateQuery, limit: int = 5) -> list[DuplicateCandidate]:
    """For the citizen's form: published reports of the last months only, by their public
    words (what anyone may read), never a report's private text."""
    weights = word_weights()
    return duplicates_rank(query=query, candidates=_public_pool(query, weights),
                           weights=weights, limit=limit)  # fmt: skip


def duplicate_query_of(report: Report) -> DuplicateQuery:
    return DuplicateQuery(
        title=report.title,
        content=report.content,
        commune_id=report.commune_id,
        latitude=None if report.latitude is None else float(report.latitude),
        longitude=None if report.longitude is None else float(report.longitude),
        exclude_id=report.pk,
    )


def duplicates_for_officer(*, report: Report, officer, limit: int = 8) -> list[DuplicateCandidate]:
    """For the coordinator's desk: the published reports, and every report of the last
    months within the officer's reach (``access.report_visibility_condition``), these by
    their own words."""
    weights = word_weights()
    query = duplicate_query_of(report)
    since = _since()
    visible = (
        Report.objects.filter(report_visibility_condition(officer))
        .exclude(status__in=NOT_CANDIDATES)
        .filter(submitted_at__gte=since)
        .exclude(pk=report.pk)
    )
    pool = _public_pool(query, weights)
    near = _near(visible, query)
    if near is not None:
        pool += list(near.order_by("-submitted_at")[:PLACE_POOL])
    # Within reach and not published: no index holds their folded words, so the newest in
    # reach are read too (a duplicate is mostly sent within days of the first report).
    pool += list(visible.order_by("-submitted_at")[:RECENT_POOL])
    ids = {r.pk for r in pool}
    private_ids = frozenset(
        Report.objects.filter(pk__in=ids)
        .filter(report_visibility_condition(officer))
        .values_list("pk", flat=True)
    )
    return duplicates_rank(query=query, candidates=pool, private_text_ids=private_ids,
                           weights=weights, limit=limit)  # fmt: skip
