"""PAKN benchmarks: prints figures, never passes or fails.

Runs on a throw-away SQLite database (or the database in BENCH_DATABASE_URL) so that the
developer's var/ is untouched. Each figure is the median of several runs.
"""

import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
_work = Path(tempfile.mkdtemp(prefix="pakn-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ["PAKN_VAR_DIR"] = str(_work)
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{_work}/bench.sqlite3"
)
os.environ["DEBUG"] = "false"
os.environ.setdefault("LOG_LEVEL", "WARNING")  # figures only, not login lines
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def median_ms(function, repeat: int) -> tuple[float, float]:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings), min(timings)


def figure(name: str, value: str) -> None:
    print(f"{name:<48} {value}")


def main() -> None:
    print(f"PAKN benchmarks on {connection.vendor} ({os.cpu_count()} cores)")
    call_command("migrate", verbosity=0)
    # Pages are measured as production serves them: hashed static files, DEBUG off.
    call_command("collectstatic", interactive=False, verbosity=0)

    from pakn.organisations.services import areas_load_official

    start = time.perf_counter()
    areas_load_official()
    figure("load_areas, empty database (3,355 areas)", f"{time.perf_counter() - start:.2f} s")
    reload_ms, _ = median_ms(areas_load_official, 3)
    figure("load_areas, unchanged list (idempotent rerun)", f"{reload_ms:.0f} ms")

    start = time.perf_counter()
    call_command("seed_demo", allow_production=True, verbosity=0, stdout=open(os.devnull, "w"))
    figure("seed_demo, first run", f"{time.perf_counter() - start:.2f} s")

    client = Client()
    client.get("/")  # warm the caches and templates
    for path in ["/", "/healthz", "/readyz"]:
        med, best = median_ms(lambda path=path: client.get(path), 50)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        figure(f"GET {path}", f"median {med:.1f} ms, best {best:.1f} ms, {len(queries)} queries")

    public_pages(client)
    open311_requests(client)
    officer_pages()
    background_work()
    triage()

    tracemalloc.start()
    reset_queries()
    for _ in range(20):
        client.get("/")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    figure("GET / x20, peak Python memory", f"{peak / 1024:.0f} KiB")


def measure(client, path: str, *, cold: bool, repeat: int = 20) -> None:
    """Median time and queries of ``path``; ``cold`` empties the cache before each request,
    as the first visitor after a change sees it."""
    from django.core.cache import cache

    def fetch():
        if cold:
            cache.clear()
        response = client.get(path)
        assert response.status_code in (200, 302), (path, response.status_code)

    med, best = median_ms(fetch, repeat)
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        fetch()
    state = "cold" if cold else "warm"
    figure(
        f"GET {path} ({state})", f"median {med:.1f} ms, best {best:.1f} ms, {len(queries)} queries"
    )


def public_pages(client) -> None:
    from pakn.reports.models import Report

    code = Report.objects.filter(is_published=True).values_list("code", flat=True).first()
    paths = [
        "/",
        "/tra-cuu/?q=duong+ong+nuoc",
        f"/tra-cuu/?q={code}",
        "/tra-cuu/?q=den+chieu+sang&sort=newest&page=2",
        f"/phan-anh/{code}/",
        "/thong-ke/",
        "/thong-ke/?view=commune",
        "/api/v1/public/reports/?q=duong",
        "/api/v1/public/map/?bbox=108.5,11.3,109.6,12.9&zoom=10",
    ]
    for path in paths:
        client.get(path)
        for cold in (True, False):
            measure(client, path.replace(f"?q={code}", f"?q={code.lower()}"), cold=cold)


def open311_requests(client) -> None:
    """Open311 GeoReport v2: the default list (the last 90 days, up to 1,000 requests) in
    both formats and filtered, and a request sent with POST into the workflow."""
    from pakn.open311.services import api_key_create
    from pakn.organisations.models import Category

    for path in [
        "/open311/v2/requests.json",
        "/open311/v2/requests.xml",
        "/open311/v2/requests.json?status=open&page_size=100",
        "/open311/v2/services.json",
    ]:
        measure(client, path, cold=False, repeat=10)
    _key, raw_key = api_key_create(name="Bench", rate_limit_per_minute=1_000_000)
    fields = {
        "api_key": raw_key,
        "service_code": Category.objects.filter(is_active=True).values_list("code", flat=True)[0],
        "lat": "12.2388",
        "long": "109.1967",
        "description": "Ổ gà lớn trước số 5 Trần Phú, xe máy dễ ngã.",
    }

    def send():
        response = client.post("/open311/v2/requests.json", fields)
        assert response.status_code == 201, response.content

    med, best = median_ms(send, 20)
    with CaptureQueriesContext(connection) as queries:
        send()
    figure(
        "POST /open311/v2/requests.json",
        f"median {med:.1f} ms, best {best:.1f} ms, {len(queries)} queries",
    )


def officer_pages() -> None:
    from pakn.accounts.models import User
    from pakn.reports.models import Report

    client = Client()
    client.force_login(User.objects.get(username="dieuphoi1"))
    code = Report.objects.filter(status="submitted").values_list("code", flat=True).first()
    for path in ["/can-bo/phan-anh/", "/can-bo/phan-anh/?hop-thu=tat-ca&page=5",
                 f"/can-bo/phan-anh/{code}/", "/can-bo/bang-dieu-khien/"]:  # fmt: skip
        measure(client, path, cold=False)
    leader = Client()
    leader.force_login(User.objects.get(username="lanhdao.sxd"))
    measure(leader, "/can-bo/bang-dieu-khien/", cold=False)


def background_work() -> None:
    from django.utils import timezone

    from pakn.notifications.scheduler import reminders_run

    later = timezone.now() + timezone.timedelta(days=3)
    start = time.perf_counter()
    queued = reminders_run(now=later, send=False)
    figure(
        "scheduler: reminders pass 3 days ahead",
        f"{(time.perf_counter() - start) * 1000:.0f} ms, {queued} due",
    )
    start = time.perf_counter()
    again = reminders_run(now=later, send=False)
    figure(
        "scheduler: the same pass again (all sent)",
        f"{(time.perf_counter() - start) * 1000:.0f} ms, {again} due",
    )


def triage() -> None:
    """The coordinator's suggestions on the demo history (bench/triage.py)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from triage import triage_figures, triage_lines

    for name, value in triage_lines(triage_figures()):
        figure(name, value)


if __name__ == "__main__":
    main()
    # The duplicate ranking's precision and recall, on a database of its own.
    import subprocess

    subprocess.run([sys.executable, str(ROOT / "bench" / "duplicates.py")], check=False)
