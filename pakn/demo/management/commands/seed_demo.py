from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from pakn.core.modes import NATIONAL, PROVINCE, site_mode
from pakn.demo import data
from pakn.demo.content import demo_content_create
from pakn.demo.national import DEFAULT_PROPOSAL_COUNT, national_demo_seed, national_staff
from pakn.demo.reports import DEFAULT_REPORT_COUNT
from pakn.demo.selectors import (
    DemoAccountRow,
    demo_account_rows,
    demo_accounts_markdown,
    demo_data_present,
)
from pakn.demo.services import DemoSeedResult, demo_password_get, demo_seed


class Command(BaseCommand):
    help = (
        "Creates the Khánh Hòa demo: units, officers for every role, citizens, organisations "
        "and site settings. Idempotent: creates only what is missing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--mode",
            choices=(PROVINCE, NATIONAL),
            default=site_mode(),
            help="province: the Khánh Hòa demo; national: the programme of proposals "
            "(three provinces, two ministries). Default: PAKN_MODE.",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has units (what `make run` uses).",
        )
        parser.add_argument(
            "--citizens",
            type=int,
            default=data.DEFAULT_CITIZEN_COUNT,
            help=f"How many citizen accounts (default {data.DEFAULT_CITIZEN_COUNT}).",
        )
        parser.add_argument(
            "--reports",
            type=int,
            default=DEFAULT_REPORT_COUNT,
            help=f"How many demo reports, created once (default {DEFAULT_REPORT_COUNT}).",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even with DEBUG=false (the demo accounts share a known password).",
        )
        parser.add_argument(
            "--accounts-doc",
            type=Path,
            metavar="PATH",
            help="Also write the demo accounts table (Markdown, for the README) to PATH.",
        )

    def handle(
        self,
        *args,
        if_empty: bool,
        citizens: int,
        reports: int,
        allow_production: bool,
        accounts_doc: Path | None,
        mode: str = PROVINCE,
        **options,
    ) -> None:
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "seed_demo creates accounts with a known password and does not run with "
                "DEBUG=false; pass --allow-production if you really mean it."
            )
        if citizens < 0:
            raise CommandError("--citizens must be 0 or more.")
        if reports < 0:
            raise CommandError("--reports must be 0 or more.")
        if if_empty and demo_data_present():
            self.stdout.write("Demo data not loaded: the database already has units (--if-empty).")
            return

        if mode == NATIONAL:
            self._seed_national(citizens=citizens, reports=reports)
            return
        result = demo_seed(citizens=citizens, password=demo_password_get(), reports=reports)
        self._report(result)
        content = demo_content_create()
        if any(content.values()):
            self.stdout.write(
                "Portal content: {announcements} announcements, {directory} useful addresses, "
                "{online_services} online-service links.".format(**content)
            )
        if accounts_doc is not None:
            accounts_doc.write_text(
                demo_accounts_markdown(rows=demo_account_rows()), encoding="utf-8"
            )
            self.stdout.write(f"Demo accounts table written to {accounts_doc}.")

    def _seed_national(self, *, citizens: int, reports: int) -> None:
        result = national_demo_seed(
            citizens=citizens,
            proposals=min(reports, DEFAULT_PROPOSAL_COUNT) if reports else 0,
            password=demo_password_get(),
        )
        self.stdout.write(
            f"National programme: {result.units_created} units, {result.officers_created} "
            f"officers, {result.fields_created} science fields, {result.rules_created} routing "
            f"rules, {result.citizens_created} citizens, {result.organisations_created} "
            "organisations."
        )
        if result.proposals_created:
            by_status = ", ".join(
                f"{status} {count}" for status, count in sorted(result.proposals_created.items())
            )
            self.stdout.write(
                f"Created {result.proposals_created.total()} demo proposals: {by_status}."
            )
        if result.officers_created:
            self.stdout.write("")
            for username, unit, role in national_staff():
                self.stdout.write(f"  {username:<22}  {role:<12}  {unit}")
            self.stdout.write(
                self.style.WARNING(
                    f"Password of every demo account: {demo_password_get()} "
                    "(DEMO_PASSWORD, or the documented default)."
                )
            )

    def _report(self, result: DemoSeedResult) -> None:
        if not result.created_anything:
            self.stdout.write("Demo data already complete: nothing was created.")
            return
        if result.areas_created:
            self.stdout.write(f"Administrative areas loaded: {result.areas_created}.")
        if result.site_settings_fields:
            fields = ", ".join(result.site_settings_fields)
            self.stdout.write(f"Site settings set for Khánh Hòa: {fields}.")
        self.stdout.write(
            f"Created {result.units_created} units ({result.unit_areas_created} area links), "
            f"{result.officers_created} officer accounts with {result.memberships_created} "
            f"roles, {result.citizens_created} citizens, "
            f"{result.organisations_created} organisations."
        )
        if result.routing_rules_created:
            self.stdout.write(
                f"Routing rules (by sector and commune): {result.routing_rules_created}."
            )
        if result.reports_created:
            by_status = ", ".join(
                f"{status} {count}" for status, count in sorted(result.reports_created.items())
            )
            self.stdout.write(
                f"Created {result.reports_created.total()} demo reports: {by_status}."
            )
        if result.campaign_submissions:
            self.stdout.write(
                f"App-adoption campaign (seed 000): {result.campaign_submissions} unit submissions "
                "in two periods; communes' populations are demo values."
            )
        if result.officers_created:
            self._write_accounts_table(demo_account_rows())

    def _write_accounts_table(self, rows: list[DemoAccountRow]) -> None:
        header = ("username", "role", "unit")
        table = [header, *((r.username, r.role or "superuser", r.unit_name) for r in rows)]
        widths = [max(len(row[column]) for row in table) for column in range(2)]
        self.stdout.write("")
        for username, role, unit in table:
            self.stdout.write(f"  {username:<{widths[0]}}  {role:<{widths[1]}}  {unit}")
        self.stdout.write(
            self.style.WARNING(
                f"Password of every demo account: {demo_password_get()} "
                "(DEMO_PASSWORD, or the documented default)."
            )
        )
