"""Writes benchmark data at a chosen scale into the configured database (DATABASE_URL, or
BENCH_DATABASE_URL when set): `python bench/generate.py --reports 1000000`.

A thin wrapper of `manage.py bench_generate` (pakn/demo/generate.py) with production-like
settings, so that it runs the same way from `make bench` and by hand."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
if "BENCH_DATABASE_URL" in os.environ:
    os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
os.environ.setdefault("LOG_LEVEL", "WARNING")

if __name__ == "__main__":
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("bench_generate", *sys.argv[1:], allow_production=True)
