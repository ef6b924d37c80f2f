"""Benchmark data at scale (issue #13): the province's units and officers, many citizens and
years of reports, written in chunks so that a million reports never sit in memory at once.

Each report is planned exactly as the demo plans its year of reports (``pakn.demo.reports``:
the same events, deadlines, answers, messages, ratings and merges that the workflow leaves),
only spread over five years: a finished report is planned against a "now" moved back by up
to four years, an open one (a quarter of them, as in the demo's weights) against the real
now. A chunk is planned, numbered and written in one transaction, then dropped. The stored
search column fills itself (a generated column on PostgreSQL, triggers on SQLite); the
reminders' schedule and the reminders already due are stored at the end, as sent, as the
demo does for its history.

On PostgreSQL the rows go in with COPY (``_copy_write``): bulk_create spends most of its
time preparing each value through the fields and its UNNEST arrays, four times the time of
planning. Report ids are taken from the table's sequence in one block first, so the events,
answers, messages and ratings can point at them in the same pass. SQLite (small runs) uses the
demo's bulk_create.
"""

import datetime
import random
import time
from collections import Counter
from collections.abc import Callable

from django.db import connection, transaction
from django.utils import timezone

from pakn.accounts.models import AccountType, User
from pakn.demo import data
from pakn.demo import reports as demo_reports
from pakn.demo.services import demo_password_get, demo_seed
from pakn.notifications.scheduler import reminders_run
from pakn.reports.models import Answer, Event, Message, Rating, Report
from pakn.reports.reminder_schedule import reports_next_reminder_fill

DEFAULT_BENCH_REPORTS = 100_000
DEFAULT_BENCH_CITIZENS = 100_000
CHUNK = 5_000
HISTORY_YEARS = 5
# Idempotency keys of generated reports start here, far above the demo's indexes.
KEY_OFFSET = 1_000_000_000
BENCH_RANDOM_SEED = 13_2026


def bench_citizen_count(*, reports: int) -> int:
    """100,000 citizens at scale; a small run needs fewer (one per report, at least 300)."""
    return max(data.DEFAULT_CITIZEN_COUNT, min(DEFAULT_BENCH_CITIZENS, reports))


def bench_data_generate(
    *,
    reports: int = DEFAULT_BENCH_REPORTS,
    citizens: int | None = None,
    chunk: int = CHUNK,
    seed: int = BENCH_RANDOM_SEED,
    now: datetime.datetime | None = None,
    progress: Callable[[str], None] = print,
) -> Counter[str]:
    """Adds ``reports`` reports (and the organisation and citizens when missing); returns how
    many per status."""
    now = now or timezone.now()
    citizens = bench_citizen_count(reports=reports) if citizens is None else citizens
    started = time.monotonic()
    seeded = demo_seed(citizens=citizens, password=demo_password_get(), reports=0)
    progress(
        f"organisation and citizens: {seeded.units_created} units, {seeded.officers_created} "
        f"officers, {seeded.citizens_created} citizens created "
        f"({time.monotonic() - started:.0f} s)"
    )
    ctx = demo_reports._context()
    if ctx is None:
        raise RuntimeError("The demo organisation is incomplete: no centre, communes or citizens.")
    ctx.citizens = list(
        User.objects.filter(account_type=AccountType.INDIVIDUAL)
        .order_by("id")
        .values_list("id", flat=True)
    )
    rng = random.Random(seed)
    key_base = KEY_OFFSET + Report.objects.count()
    statuses, weights = zip(*demo_reports.STATUS_WEIGHTS, strict=True)
    finished_span = (HISTORY_YEARS - 1) * 365
    made: Counter[str] = Counter()
    written_at = time.monotonic()
    for first in range(0, reports, chunk):
        size = min(chunk, reports - first)
        plans = []
        for index in range(first, first + size):
            status = rng.choices(statuses, weights)[0]
            shift = (
                datetime.timedelta()
                if status in demo_reports.OPEN or status == demo_reports.S.DRAFT
                else datetime.timedelta(days=rng.uniform(0, finished_span))
            )
            plans.append(
                demo_reports._plan(
                    ctx=ctx, rng=rng, index=key_base + index, status=status, now=now - shift
                )
            )
        with transaction.atomic():
            demo_reports._assign_codes(plans=plans)
            demo_reports._link_duplicates(plans=plans, rng=rng)
            if connection.vendor == "postgresql":
                _copy_write(plans=plans)
            else:
                demo_reports._write(plans=plans)
        made.update(plan.report.status for plan in plans)
        done = first + size
        rate = done / max(time.monotonic() - written_at, 1e-6)
        progress(
            f"reports {done:,}/{reports:,} ({done * 100 // reports} %), {rate:,.0f}/s, "
            f"about {(reports - done) / rate:,.0f} s left"
        )
    step = time.monotonic()
    reports_next_reminder_fill()
    sent = reminders_run(now=now, send=False)
    progress(f"reminders recorded as sent: {sent} ({time.monotonic() - step:.0f} s)")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # the planner's statistics, for the pages measured next
    progress(f"done: {sum(made.values()):,} reports in {time.monotonic() - started:,.0f} s")
    return made


def _copy_write(*, plans: list[demo_reports._Plan]) -> None:
    """Writes a chunk's plans with PostgreSQL's COPY, ids of the reports taken in advance."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('reports_report', 'id'), "
            "nextval(pg_get_serial_sequence('reports_report', 'id')) + %s - 1)",
            [len(plans)],
        )
        last = cursor.fetchone()[0]
    for pk, plan in zip(range(last - len(plans) + 1, last + 1), plans, strict=True):
        plan.report.pk = pk
    children: dict[type, list] = {Event: [], Answer: [], Message: [], Rating: []}
    for plan in plans:
        if plan.merge_into is not None:
            plan.report.duplicate_of_id = plans[plan.merge_into].report.pk
        rows = (
            *plan.events,
            *plan.answers,
            *plan.messages,
            *([plan.rating] if plan.rating else []),
        )
        for row in rows:
            row.report_id = plan.report.pk
            children[type(row)].append(row)
    _copy(Report, [plan.report for plan in plans], with_pk=True)
    for model, rows in children.items():
        _copy(model, rows, with_pk=False)


def _copy(model, rows: list, *, with_pk: bool) -> None:
    fields = [f for f in model._meta.concrete_fields if with_pk or not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    names = [f.attname for f in fields]
    table = connection.ops.quote_name(model._meta.db_table)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(
            f"COPY {table} ({columns}) FROM STDIN"  # noqa: S608 - names from the model only
        ) as copy,
    ):
        for row in rows:
            values = row.__dict__
            copy.write_row([values[name] for name in names])
