from pathlib import Path

from django.core.management.base import BaseCommand

from pakn.organisations.services import OFFICIAL_AREAS_FILE, areas_load_official


class Command(BaseCommand):
    help = "Loads or refreshes the official provinces and communes (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=OFFICIAL_AREAS_FILE)

    def handle(self, *args, file: Path, **options):
        result = areas_load_official(path=file)
        self.stdout.write(
            f"Administrative areas from {result.source_version}: {result.provinces} provinces, "
            f"{result.communes} communes/wards/special zones "
            f"({result.created} created, {result.updated} updated, "
            f"{result.deactivated} deactivated)."
        )
