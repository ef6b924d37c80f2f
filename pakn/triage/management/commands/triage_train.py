"""Trains the triage suggestion model now (the scheduler does it once a day by itself) and
prints its held-out figures."""

from django.core.management.base import BaseCommand, CommandError

from pakn.triage.services import triage_model_train


def _percent(value) -> str:
    return "—" if value is None else f"{value * 100:.1f} %"


class Command(BaseCommand):
    help = "Trains the sector/unit suggestion model from the forwarding history now."

    def handle(self, *args, **options):
        row = triage_model_train()
        if row is None:
            raise CommandError("A training is already under way.")
        self.stdout.write(f"Triage model v{row.version}: {row.get_status_display()}, "
                          f"{row.samples} forwarded reports.")  # fmt: skip
        if row.status == "ready":
            self.stdout.write(
                f"Held out {row.held_out}: sector top-1 {_percent(row.category_top1)}, "
                f"top-3 {_percent(row.category_top3)}; unit top-1 {_percent(row.unit_top1)}, "
                f"top-3 {_percent(row.unit_top3)}; kind top-1 {_percent(row.kind_top1)}."
            )
        elif row.status == "failed":
            raise CommandError(row.error)
