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

    tracemalloc.start()
    reset_queries()
    for _ in range(20):
        client.get("/")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    figure("GET / x20, peak Python memory", f"{peak / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
