# ruff: noqa: S608, S611 - the SQL is built from constants only; typed words go as parameters
"""Search of published reports ("Tra cứu"), one selector whatever the database.

A keyword query is folded as ``text_fold`` folds it (lower case, no Vietnamese marks, "đ" as
"d"), cut into words, and every word must start a word of the public title or content, so
"duong ong nuoc" finds "Đường ống nước bị vỡ" and "den chieu" finds "đèn chiếu sáng". A query
that is a report code (PAKN-2026-000123, any case) is an exact match on the code instead.

- SQLite (the embedded default): an FTS5 table ``reports_public_search`` (tokenizer
  ``unicode61 remove_diacritics 2``) holds the public title and content of published reports.
  Triggers on ``reports_report`` keep it in step with every insert, update and delete, bulk
  ones and raw SQL included, so publication, edits and unpublication show at once. The
  tokenizer strips marks but leaves "đ" whole (Unicode does not decompose it), so the
  triggers write "đ"/"Đ" as "d" first.
- PostgreSQL: a stored generated column ``public_search``, the ``tsvector`` of
  ``to_tsvector('simple', lower(pakn_unaccent(...)))`` over the public title (weight A) and
  content (weight B), with a GIN index on it for published reports (migration 0005).
  ``pakn_unaccent`` is an IMMUTABLE wrapper of the ``unaccent`` extension (which maps "đ" to
  "d"), needed because ``unaccent`` itself is only STABLE. Ranking reads the stored vector:
  nothing is recomputed per matching row. The column is not a field of the model (Django has
  no portable generated tsvector), so a migration that changes the type of ``public_title``
  or ``public_content`` on PostgreSQL must drop and re-add it.

The SQLite parts come from migration 0002; ``search_index_ensure`` re-creates the SQLite
triggers after a migration that rebuilt the report table (SQLite's way of altering a column
drops the table's triggers).

At scale (hundreds of thousands of matches for one common word) two limits keep a query
bounded: counts stop at ``RESULTS_CAP`` (the page says "more than 1,000 results", one
``COUNT`` over a ``LIMIT RESULTS_CAP + 1`` subquery), and sorting by relevance ranks only the
``RELEVANCE_CANDIDATES`` newest matches (a recent report matters more to a visitor than an
old one ranked a little higher; the other sorts walk the date index and stop at the page).
"""

import datetime
import re
from dataclasses import dataclass

from django import forms
from django.db import connection
from django.db.models import BooleanField, F, FloatField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _

from pakn.core.public_cache import public_cache_get_or_set
from pakn.core.text import text_fold
from pakn.core.typed_input import DateInputField
from pakn.organisations.models import AdministrativeArea, Unit, subtree_condition
from pakn.organisations.selectors import category_choices
from pakn.reports.models import Report, ReportStatus
from pakn.reports.services.codes import CODE_PREFIX

FTS_TABLE = "reports_public_search"
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 10
CODE_PATTERN = re.compile(rf"^\s*{CODE_PREFIX}-(\d{{4}})-(\d{{1,6}})\s*$", re.IGNORECASE)
WORD_PATTERN = re.compile(r"\w+")

SORT_RELEVANCE, SORT_NEWEST, SORT_OLDEST = "relevance", "newest", "oldest"
SORT_CHOICES = [
    (SORT_RELEVANCE, _("Phù hợp nhất")),
    (SORT_NEWEST, _("Mới nhất")),
    (SORT_OLDEST, _("Cũ nhất")),
]
# The statuses a published report can be in: answered, closed, or handled again after a
# "not satisfied" review.
PUBLIC_STATUSES = (
    ReportStatus.ANSWERED,
    ReportStatus.CLOSED,
    ReportStatus.IN_PROGRESS,
    ReportStatus.PENDING_APPROVAL,
    ReportStatus.PENDING_REVIEW,
)

# PostgreSQL: the stored search vector (migration 0005) and its GIN index.
PG_VECTOR_COLUMN = "public_search"
PG_INDEX = "reports_report_public_search_vector"
# Counts stop here; results beyond it are not shown (the visitor narrows the search).
RESULTS_CAP = 1000
# Sorting by relevance ranks at most this many matches: the newest ones.
RELEVANCE_CANDIDATES = 1000

# SQLite: what the triggers write, "đ" folded because the tokenizer does not fold it.
SQLITE_FOLD = "replace(replace({column}, 'Đ', 'd'), 'đ', 'd')"
SQLITE_TRIGGERS = {
    f"{FTS_TABLE}_insert": (
        f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_insert AFTER INSERT ON reports_report "
        f"WHEN new.is_published BEGIN "
        f"INSERT INTO {FTS_TABLE}(rowid, title, content) VALUES (new.id, "
        f"{SQLITE_FOLD.format(column='new.public_title')}, "
        f"{SQLITE_FOLD.format(column='new.public_content')}); END"
    ),
    f"{FTS_TABLE}_update": (
        f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_update "
        f"AFTER UPDATE OF id, is_published, public_title, public_content ON reports_report BEGIN "
        f"DELETE FROM {FTS_TABLE} WHERE rowid = old.id; "
        f"INSERT INTO {FTS_TABLE}(rowid, title, content) SELECT new.id, "
        f"{SQLITE_FOLD.format(column='new.public_title')}, "
        f"{SQLITE_FOLD.format(column='new.public_content')} WHERE new.is_published; END"
    ),
    f"{FTS_TABLE}_delete": (
        f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_delete AFTER DELETE ON reports_report BEGIN "
        f"DELETE FROM {FTS_TABLE} WHERE rowid = old.id; END"
    ),
}
SQLITE_CREATE_TABLE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "title, content, tokenize = 'unicode61 remove_diacritics 2')"
)


# --- Keeping the index -----------------------------------------------------------------------


def search_index_rebuild() -> int:
    """Refills the SQLite index from the published reports (after a restore, or to repair it);
    returns how many reports it holds. PostgreSQL's index needs no rebuilding: returns the
    number of published reports."""
    if connection.vendor != "sqlite":
        return Report.objects.filter(is_published=True).count()
    with connection.cursor() as cursor:
        cursor.execute(SQLITE_CREATE_TABLE)
        cursor.execute(f"DELETE FROM {FTS_TABLE}")
        cursor.execute(
            f"INSERT INTO {FTS_TABLE}(rowid, title, content) SELECT id, "
            f"{SQLITE_FOLD.format(column='public_title')}, "
            f"{SQLITE_FOLD.format(column='public_content')} "
            "FROM reports_report WHERE is_published"
        )
        cursor.execute(f"SELECT count(*) FROM {FTS_TABLE}")
        return cursor.fetchone()[0]


def search_index_ensure() -> bool:
    """Creates what is missing of the SQLite index (table, triggers); when anything was
    missing the index may have missed changes, so it is rebuilt. Returns True if it was."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE name = %s OR (type = 'trigger' AND name IN "
            f"({', '.join(['%s'] * len(SQLITE_TRIGGERS))}))",
            [FTS_TABLE, *SQLITE_TRIGGERS],
        )
        present = {row[0] for row in cursor.fetchall()}
        cursor.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'reports_report'"
        )
        if not cursor.fetchone()[0]:
            return False  # the reports table is not there yet (before its migration)
        if present >= {FTS_TABLE, *SQLITE_TRIGGERS}:
            return False
        cursor.execute(SQLITE_CREATE_TABLE)
        for statement in SQLITE_TRIGGERS.values():
            cursor.execute(statement)
    search_index_rebuild()
    return True


# --- Reading the query -----------------------------------------------------------------------


def report_code_from_query(query: str) -> str | None:
    """The report code typed, in its stored form (PAKN-2026-000123), or None."""
    match = CODE_PATTERN.match(query or "")
    if match is None:
        return None
    year, number = match.groups()
    return f"{CODE_PREFIX}-{year}-{int(number):06d}"


def search_words(query: str) -> list[str]:
    """The folded words of a keyword query, at most MAX_QUERY_WORDS."""
    return WORD_PATTERN.findall(text_fold(query or "")[:MAX_QUERY_LENGTH])[:MAX_QUERY_WORDS]


def _keyword_condition(words: list[str], *, any_word: bool = False) -> tuple[RawSQL, RawSQL]:
    """A boolean condition and a relevance (greater is better) for the words: every word
    must match, or at least one with ``any_word`` (then the relevance does the sorting)."""
    table = connection.ops.quote_name(Report._meta.db_table)
    if connection.vendor == "postgresql":
        vector = f"{table}.{PG_VECTOR_COLUMN}"
        tsquery = (" | " if any_word else " & ").join(f"{word}:*" for word in words)
        return (
            RawSQL(
                f"{vector} @@ to_tsquery('simple'::regconfig, %s)",
                [tsquery],
                output_field=BooleanField(),
            ),
            RawSQL(
                f"ts_rank({vector}, to_tsquery('simple'::regconfig, %s))",
                [tsquery],
                output_field=FloatField(),
            ),
        )
    match = (" OR " if any_word else " AND ").join(f'"{word}"*' for word in words)
    return (
        RawSQL(
            f"{table}.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)",
            [match],
            output_field=BooleanField(),
        ),
        # bm25 is smaller for better matches; a title match counts three times.
        RawSQL(
            f"(SELECT -bm25({FTS_TABLE}, 3.0, 1.0) FROM {FTS_TABLE} "
            f"WHERE {FTS_TABLE} MATCH %s AND rowid = {table}.id)",
            [match],
            output_field=FloatField(),
        ),
    )


# --- The selector ----------------------------------------------------------------------------


def reports_public_any_words(
    *, words: list[str], since: datetime.datetime | None = None
) -> QuerySet[Report]:
    """Published reports (sent since ``since``) holding any of the folded ``words``, the most
    relevant first: the candidates that pakn.reports.duplicates ranks."""
    if not words:
        return Report.objects.none()
    condition, relevance = _keyword_condition(words, any_word=True)
    reports = reports_public(with_relations=False).filter(condition)
    if since is not None:
        reports = reports.filter(submitted_at__gte=since)
    return reports.annotate(relevance=relevance).order_by("-relevance", "-published_at")


def reports_public(*, with_relations: bool = True) -> QuerySet[Report]:
    """Published reports, with what their public pages show."""
    reports = Report.objects.filter(is_published=True).exclude(code=None)
    if with_relations:
        reports = reports.select_related("category", "commune", "current_unit")
    return reports


def _reports_public_matching(
    *,
    query: str,
    category_id: int | None,
    unit_id: int | None,
    commune_id: int | None,
    period: tuple[datetime.date | None, datetime.date | None],
    status: str | None,
) -> tuple[QuerySet[Report], RawSQL | None]:
    """The published reports matching the query and the filters, unordered, and the
    relevance expression when keywords were given."""
    reports = reports_public()
    code = report_code_from_query(query)
    relevance = None
    if code is not None:
        reports = reports.filter(code=code)
    else:
        words = search_words(query)
        if words:
            condition, relevance = _keyword_condition(words)
            reports = reports.filter(condition)
    if category_id:
        reports = reports.filter(Q(category_id=category_id) | Q(category__parent_id=category_id))
    if unit_id:
        unit_paths = Unit.objects.filter(pk=unit_id).values_list("path", flat=True)[:1]
        reports = reports.filter(subtree_condition(unit_paths, field="current_unit__path"))
    if commune_id:
        reports = reports.filter(commune_id=commune_id)
    date_from, date_to = period
    if date_from:
        reports = reports.filter(submitted_at__date__gte=date_from)
    if date_to:
        reports = reports.filter(submitted_at__date__lte=date_to)
    if status:
        reports = reports.filter(status=status)
    return reports, relevance


NEWEST_FIRST = (F("submitted_at").desc(nulls_last=True), "-id")


def reports_public_search(
    *,
    query: str = "",
    category_id: int | None = None,
    unit_id: int | None = None,
    commune_id: int | None = None,
    period: tuple[datetime.date | None, datetime.date | None] = (None, None),
    status: str | None = None,
    sort: str = SORT_RELEVANCE,
) -> QuerySet[Report]:
    """Published reports matching the query and the filters, in the order asked for.

    The sector includes its sub-sectors, the unit its sub-units; the period is the date the
    report was sent. Without keywords "relevance" means newest first; with them, the
    ``RELEVANCE_CANDIDATES`` newest matches are ranked (all of them below that number)."""
    reports, relevance = _reports_public_matching(
        query=query,
        category_id=category_id,
        unit_id=unit_id,
        commune_id=commune_id,
        period=period,
        status=status,
    )
    if sort == SORT_OLDEST:
        return reports.order_by(F("submitted_at").asc(nulls_last=True), "id")
    if sort == SORT_RELEVANCE and relevance is not None:
        # The candidates are the matches sent since the RELEVANCE_CANDIDATES-th newest one's
        # date, read first by its own query: the keyword condition names the report table, so
        # as a subquery it would bind to the outer row (a per-row subplan, 13 s at 20,000
        # reports, and wrong). With fewer matches every match is ranked.
        oldest_candidate = (
            reports.order_by(*NEWEST_FIRST)
            .exclude(submitted_at=None)
            .values_list("submitted_at", flat=True)[RELEVANCE_CANDIDATES - 1 : RELEVANCE_CANDIDATES]
        )
        since = next(iter(oldest_candidate), None)
        if since is not None:
            reports = reports.filter(submitted_at__gte=since)
        return reports.annotate(relevance=relevance).order_by("-relevance", *NEWEST_FIRST)
    return reports.order_by(*NEWEST_FIRST)


def reports_public_search_count(
    *,
    query: str = "",
    category_id: int | None = None,
    unit_id: int | None = None,
    commune_id: int | None = None,
    period: tuple[datetime.date | None, datetime.date | None] = (None, None),
    status: str | None = None,
) -> tuple[int, bool]:
    """How many reports match, up to ``RESULTS_CAP``, and whether more do: one query that
    stops at the cap's next row instead of counting every match."""
    reports, _relevance = _reports_public_matching(
        query=query,
        category_id=category_id,
        unit_id=unit_id,
        commune_id=commune_id,
        period=period,
        status=status,
    )
    counted = reports.order_by().values("pk")[: RESULTS_CAP + 1].count()
    return min(counted, RESULTS_CAP), counted > RESULTS_CAP


# --- The form shared by the search page and the public API ---------------------------------


def _category_choices() -> list[tuple[int, str]]:
    return public_cache_get_or_set("search:choices:sector", category_choices, 3600)


def _unit_choices() -> list[tuple[int, str]]:
    def compute():
        # Units that handle published reports, and their ancestors (to search a subtree).
        paths = set(
            reports_public(with_relations=False)
            .exclude(current_unit=None)
            .values_list("current_unit__path", flat=True)
            .order_by()  # without it Meta.ordering's columns join the DISTINCT: one row a report
            .distinct()
        )
        step = Unit.steplen
        wanted = {path[:end] for path in paths for end in range(step, len(path) + 1, step)}
        units = (
            Unit.objects.filter(path__in=wanted).order_by("path").values_list("pk", "name", "depth")
        )
        return [(pk, "— " * max(depth - 2, 0) + name) for pk, name, depth in units]

    return public_cache_get_or_set("search:choices:unit", compute, 3600)


def _commune_choices() -> list[tuple[int, str]]:
    def compute():
        communes = (
            AdministrativeArea.objects.filter(
                pk__in=reports_public(with_relations=False).values("commune_id")
            )
            .order_by("name")
            .values_list("pk", "name")
        )
        return list(communes)

    return public_cache_get_or_set("search:choices:commune", compute, 3600)


def _sector_choices():
    return [("", _("Tất cả lĩnh vực")), *_category_choices()]


def _unit_filter_choices():
    return [("", _("Tất cả cơ quan, đơn vị")), *_unit_choices()]


def _commune_filter_choices():
    return [("", _("Tất cả xã, phường, đặc khu")), *_commune_choices()]


class PublicSearchForm(forms.Form):
    """The parameters of "Tra cứu", for the page and the API alike; every one optional."""

    q = forms.CharField(
        label=_("Mã số PAKN hoặc từ khóa"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        error_messages={"max_length": _("Từ khóa tối đa %(limit_value)d ký tự.")},
    )
    sector = forms.TypedChoiceField(
        label=_("Lĩnh vực"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=_sector_choices,
    )
    unit = forms.TypedChoiceField(
        label=_("Cơ quan, đơn vị xử lý"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=_unit_filter_choices,
    )
    commune = forms.TypedChoiceField(
        label=_("Xã, phường, đặc khu"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=_commune_filter_choices,
    )
    date_from = DateInputField(label=_("Gửi từ ngày"), required=False)
    date_to = DateInputField(label=_("Đến ngày"), required=False)
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[("", _("Tất cả trạng thái"))] + [(s.value, s.label) for s in PUBLIC_STATUSES],
    )
    sort = forms.ChoiceField(
        label=_("Sắp xếp"), required=False, choices=SORT_CHOICES, initial=SORT_RELEVANCE
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        invalid_choice = _("Giá trị “%(value)s” không có trong danh sách.")
        for name in ("sector", "unit", "commune", "status", "sort"):
            self.fields[name].error_messages["invalid_choice"] = invalid_choice

    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("date_from"), cleaned_data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("“Đến ngày” phải sau “Gửi từ ngày”."))
        return cleaned_data

    def search_params(self) -> "PublicSearchParams":
        data = self.cleaned_data
        return PublicSearchParams(
            query=(data.get("q") or "").strip(),
            category_id=data.get("sector"),
            unit_id=data.get("unit"),
            commune_id=data.get("commune"),
            period=(data.get("date_from"), data.get("date_to")),
            status=data.get("status") or None,
            sort=data.get("sort") or SORT_RELEVANCE,
        )


@dataclass(frozen=True)
class PublicSearchParams:
    query: str = ""
    category_id: int | None = None
    unit_id: int | None = None
    commune_id: int | None = None
    period: tuple[datetime.date | None, datetime.date | None] = (None, None)
    status: str | None = None
    sort: str = SORT_RELEVANCE

    @property
    def filters(self) -> dict:
        """What narrows the matches (everything but the order), as the selectors take it."""
        return {
            "query": self.query,
            "category_id": self.category_id,
            "unit_id": self.unit_id,
            "commune_id": self.commune_id,
            "period": self.period,
            "status": self.status,
        }

    def search(self) -> QuerySet[Report]:
        return reports_public_search(**self.filters, sort=self.sort)

    def count(self) -> tuple[int, bool]:
        """``(count up to RESULTS_CAP, whether more match)``."""
        return reports_public_search_count(**self.filters)

    @property
    def is_empty(self) -> bool:
        return not (
            self.query
            or self.category_id
            or self.unit_id
            or self.commune_id
            or any(self.period)
            or self.status
        )
