"""Statistics and exports read from the replica when DATABASE_REPLICA_URL is set (issue #17).

A real PAKN process with two databases: the "replica" is a copy of the primary taken before
one more report was sent, as a lagging replica would be. The statistics table, the summary and
the export file count what the replica has; every other read, and every write, goes to the
primary. Without DATABASE_REPLICA_URL the same process counts the primary's reports.
"""

import json
import sqlite3

from pakn.core.tests.processes import pakn_environment, run_manage, shell_output

ADD_REPORT = """
from pakn.organisations.models import Unit
from pakn.organisations.tests.factories import UnitFactory
from pakn.reports.models import Report
from pakn.reports.tests.public_reports import published_report
unit = Unit.objects.first() or UnitFactory(name="Sở Xây dựng", code="sxd")
published_report("Đèn đường hỏng", code=f"PAKN-2026-{Report.objects.count() + 1:06d}",
                 current_unit=unit)
"""

READ = """
import json
from pakn.reports.models import Report
from pakn.statistics.models import ExportFormat
from pakn.statistics.selectors import StatisticsFilters, statistics_summary, statistics_table
from pakn.statistics.services import statistics_export_content
table = statistics_table(filters=StatisticsFilters())
summary = statistics_summary(filters=StatisticsFilters())
csv = statistics_export_content(filters=StatisticsFilters(), views=["unit"],
                                file_format=ExportFormat.CSV).decode("utf-8-sig")
before = Report.objects.count()
from pakn.organisations.models import Unit
from pakn.reports.tests.public_reports import published_report
published_report("Ổ gà", code=f"PAKN-2026-{before + 1:06d}",
                 current_unit=Unit.objects.first())  # a write: to the primary
print(json.dumps({
    "table_total": table.totals.total,
    "summary_total": summary.total,
    "csv_total": csv.strip().splitlines()[-1],
    "reports_on_primary": before,
    "reports_on_primary_after_write": Report.objects.count(),
}))
"""


def _read(tmp_path, **variables) -> dict:
    environment = pakn_environment(tmp_path / "reader", **variables)
    output = shell_output(run_manage("shell", "-c", READ, environment=environment, timeout=300))
    return json.loads(output.strip().splitlines()[-1])


def test_statistics_and_exports_read_the_replica_and_nothing_else_does(tmp_path):
    primary, replica = tmp_path / "primary.sqlite3", tmp_path / "replica.sqlite3"
    setup = pakn_environment(tmp_path / "setup", DATABASE_URL=f"sqlite:///{primary}")
    shell_output(run_manage("migrate", "--noinput", "-v0", environment=setup, timeout=600))
    shell_output(run_manage("shell", "-c", ADD_REPORT, environment=setup))
    with sqlite3.connect(primary) as source, sqlite3.connect(replica) as copy:
        source.backup(copy)  # the replica as it is now: one report
    shell_output(run_manage("shell", "-c", ADD_REPORT, environment=setup))  # the primary: two

    with_replica = _read(
        tmp_path, DATABASE_URL=f"sqlite:///{primary}", DATABASE_REPLICA_URL=f"sqlite:///{replica}"
    )
    assert with_replica["table_total"] == 1
    assert with_replica["summary_total"] == 1
    assert with_replica["csv_total"].split(",")[2] == "1"  # the export file's total line
    assert with_replica["reports_on_primary"] == 2
    assert with_replica["reports_on_primary_after_write"] == 3

    without_replica = _read(tmp_path, DATABASE_URL=f"sqlite:///{primary}")
    assert without_replica["table_total"] == 3
    assert without_replica["summary_total"] == 3
    assert without_replica["csv_total"].split(",")[2] == "3"
