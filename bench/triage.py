"""Figures of the coordinator's triage suggestions (pakn.triage) on the database's forwarding
history: top-1 and top-3 accuracy for the sector and the unit on the newest 20 % held out
(the model trained on the older 80 %), the training time, and the time to suggest for one
report on the desk (the first call loads the model; the others are the steady state).

`bench/run.py` (make bench-quick) calls ``triage_figures`` in-process after seeding the demo;
`bench/load.py` (make bench) runs this file in its own process, which prints one JSON line."""

import json
import os
import statistics
import sys
import time
from pathlib import Path


def triage_figures(*, suggestions: int = 50) -> dict:
    from django.conf import settings

    from pakn.reports.models import Report, ReportStatus
    from pakn.triage.learning import triage_held_out_figures
    from pakn.triage.selectors import report_triage_suggest, triage_history
    from pakn.triage.services import triage_model_train

    started = time.perf_counter()
    samples = triage_history(limit=settings.PAKN_TRIAGE_MAX_SAMPLES)
    read_s = time.perf_counter() - started
    started = time.perf_counter()
    held_out = triage_held_out_figures(samples)
    evaluate_s = time.perf_counter() - started
    started = time.perf_counter()
    row = triage_model_train()
    train_s = time.perf_counter() - started
    reports = list(
        Report.objects.exclude(status=ReportStatus.DRAFT)
        .select_related("category", "commune")
        .order_by("-id")[:suggestions]
    )
    timings = []
    for report in reports:
        started = time.perf_counter()
        report_triage_suggest(report=report)
        timings.append((time.perf_counter() - started) * 1000)

    def percent(value):
        return None if value is None else round(value * 100, 1)

    return {
        "samples": held_out.samples,
        "held_out": held_out.held_out,
        "sector_top1_percent": percent(held_out.category_top1),
        "sector_top3_percent": percent(held_out.category_top3),
        "unit_top1_percent": percent(held_out.unit_top1),
        "unit_top3_percent": percent(held_out.unit_top3),
        "kind_top1_percent": percent(held_out.kind_top1),
        "history_read_seconds": round(read_s, 2),
        "held_out_evaluation_seconds": round(evaluate_s, 2),
        "training_seconds": round(train_s, 2),
        "model_status": row.status if row is not None else "busy",
        "suggest_first_ms": round(timings[0], 1) if timings else None,
        "suggest_median_ms": round(statistics.median(timings[1:]), 1) if len(timings) > 1 else None,
    }


def triage_lines(figures: dict) -> list[tuple[str, str]]:
    """(name, value) lines for the benchmarks' printed table."""
    return [
        (
            f"triage: sector on {figures['held_out']} held out of {figures['samples']}",
            f"top-1 {figures['sector_top1_percent']} %, top-3 {figures['sector_top3_percent']} %",
        ),
        (
            "triage: handling unit, same held-out part",
            f"top-1 {figures['unit_top1_percent']} %, top-3 {figures['unit_top3_percent']} %",
        ),
        ("triage: kind, same held-out part", f"top-1 {figures['kind_top1_percent']} %"),
        (
            "triage: training (held-out run, then all)",
            f"{figures['held_out_evaluation_seconds']} s + {figures['training_seconds']} s",
        ),
        (
            "triage: time to suggest for one report",
            f"median {figures['suggest_median_ms']} ms (first, loading the model: "
            f"{figures['suggest_first_ms']} ms)",
        ),
    ]


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    print("BENCHTRIAGE " + json.dumps(triage_figures()))
