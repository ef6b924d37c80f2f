from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from pakn.demo.generate import DEFAULT_BENCH_REPORTS, bench_citizen_count, bench_data_generate


class Command(BaseCommand):
    help = (
        "Writes benchmark data into the configured database: the demo organisation, citizens "
        "and N reports over five years (bench/generate.py and `make bench` call it)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--reports", type=int, default=DEFAULT_BENCH_REPORTS,
                            help=f"How many reports (default {DEFAULT_BENCH_REPORTS:,}).")  # fmt: skip
        parser.add_argument("--citizens", type=int, default=None,
                            help="How many citizens (default 100,000, fewer for small runs).")  # fmt: skip
        parser.add_argument("--allow-production", action="store_true",
                            help="Run even with DEBUG=false (accounts share a known password).")  # fmt: skip

    def handle(self, *args, reports: int, citizens: int | None, allow_production: bool, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "bench_generate creates accounts with a known password and does not run with "
                "DEBUG=false; pass --allow-production if you really mean it."
            )
        if reports < 1 or (citizens is not None and citizens < 1):
            raise CommandError("--reports and --citizens must be 1 or more.")
        citizens = bench_citizen_count(reports=reports) if citizens is None else citizens
        bench_data_generate(
            reports=reports,
            citizens=citizens,
            progress=lambda line: self.stdout.write(line) if options["verbosity"] else None,
        )
