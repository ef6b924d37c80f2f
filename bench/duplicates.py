"""Duplicate ranking figures (pakn.reports.duplicates): precision and recall on the pairs of
pakn/testing/data/duplicate_pairs.json, the issue's case, and the time to rank while a
citizen types. Prints figures, never passes or fails; run by `make bench` and
`make bench-quick`, or alone: `python bench/duplicates.py`.

Runs on a throw-away SQLite database (BENCH_DATABASE_URL is not used: the pairs need a
database of their own, without other reports changing the words' weights)."""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
_work = Path(tempfile.mkdtemp(prefix="pakn-bench-duplicates-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
os.environ["PAKN_VAR_DIR"] = str(_work)
os.environ["DATABASE_URL"] = f"sqlite:///{_work}/duplicates.sqlite3"
os.environ["DEBUG"] = "false"
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

ISSUE_CASE = "O ga lon tren duong Tran Phu"


def figure(name: str, value: str) -> None:
    print(f"{name:<48} {value}")


def main() -> None:
    call_command("migrate", verbosity=0)
    from pakn.accounts.models import User
    from pakn.reports.duplicates import DuplicateQuery, duplicates_public
    from pakn.testing.duplicate_pairs import (
        duplicate_pairs_communes,
        duplicate_pairs_data,
        duplicate_pairs_evaluate,
        duplicate_pairs_load,
    )

    reporter = User.objects.create(username="056099999999", full_name="Bench")
    communes = duplicate_pairs_communes()
    duplicate_pairs_load(reporter=reporter, communes=communes)
    data = duplicate_pairs_data()
    result = duplicate_pairs_evaluate(communes=communes)
    print("Duplicates: pairs of pakn/testing/data/duplicate_pairs.json")
    figure("queries (same problem / same street, other)",
           f"{result.with_duplicate} / {result.negatives}")  # fmt: skip
    figure("precision (shown candidates that are duplicates)", f"{result.precision:.0%}")
    figure("recall (duplicates shown)", f"{result.recall:.0%}")
    figure("duplicate ranked first", f"{result.first_right} of {result.with_duplicate}")
    figure("same street, other problem: nothing shown",
           f"{result.quiet_negatives} of {result.negatives}")  # fmt: skip
    expected = {row["name"]: set(row["duplicates"]) for row in data["queries"]}
    for name, shown in result.shown.items():
        wrong = [code for code in shown if code not in expected[name]]
        missed = sorted(expected[name] - set(shown))
        if wrong or missed:
            figure(f"  {name[:44]}", f"shown {wrong or '-'} missed {missed or '-'}")
    issue = [c.report.code for c in duplicates_public(query=DuplicateQuery(title=ISSUE_CASE))]
    figure(f"“{ISSUE_CASE}”", ", ".join(issue) or "nothing")
    timings = []
    for _ in range(20):
        start = time.perf_counter()
        duplicates_public(query=DuplicateQuery(title=ISSUE_CASE))
        timings.append((time.perf_counter() - start) * 1000)
    figure("ranking while typing (weights cached), median", f"{statistics.median(timings):.1f} ms")


if __name__ == "__main__":
    main()
