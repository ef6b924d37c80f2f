"""The restore drill of docs/deploy.md, as a test (issue #17): a database seeded with the demo
data is backed up the documented way, restored into a fresh database, and the restored one
serves the same public report pages, report for report.

On PostgreSQL (CI's second pass, or DATABASE_URL pointing at one) with `pg_dump -Fc` and
`pg_restore` into a new database; on SQLite (the first pass) with SQLite's online backup of the
database file. The databases are this test's own, created beside the test database.
"""

import json
import sqlite3
import subprocess
import uuid
from pathlib import Path

import pytest
from django.db import connection

from pakn.core.tests.processes import pakn_environment, run_manage, shell_output

# Renders, in a PAKN process on the given database, the public pages of every published
# report and the public API's list, and prints what a visitor reads on them.
READ_PAGES = """
import json, re
from django.test import Client
from pakn.reports.models import Report
client = Client()
codes = sorted(Report.objects.filter(is_published=True).values_list("code", flat=True))
pages = {}
for code in codes:
    html = client.get(f"/phan-anh/{code}/").content.decode()
    main = re.search(r"<main.*?</main>", html, re.S).group(0)
    pages[code] = re.sub(r'(nonce|value)="[^"]*"', "", main)
listing = client.get("/api/v1/public/reports/?page_size=100").json()
home = client.get("/").status_code
print(json.dumps({"codes": codes, "pages": pages, "listing": listing, "home": home}))
"""


def _postgres_arguments() -> tuple[list[str], dict[str, str]]:
    database = connection.settings_dict
    arguments = [
        "--host", database["HOST"] or "127.0.0.1", "--port", str(database["PORT"] or 5432),
        "--username", database["USER"],
    ]  # fmt: skip
    return arguments, {"PGPASSWORD": database["PASSWORD"] or ""}


def _run(command: list[str], environment: dict[str, str] | None = None) -> None:
    result = subprocess.run(
        command, capture_output=True, text=True, env=environment, timeout=600, check=False
    )
    assert result.returncode == 0, f"{command[0]} failed:\n{result.stderr}"


class Databases:
    """Fresh databases of the same kind as the test database, removed at the end."""

    def __init__(self, tmp_path: Path):
        self.tmp_path = tmp_path
        self.postgres = connection.vendor == "postgresql"
        self.created: list[str] = []

    def new_url(self) -> str:
        if not self.postgres:
            return f"sqlite:///{self.tmp_path / f'{uuid.uuid4().hex}.sqlite3'}"
        name = f"pakn_restore_{uuid.uuid4().hex[:12]}"
        arguments, password = _postgres_arguments()
        _run(["createdb", *arguments, name], {**_os_environment(), **password})
        self.created.append(name)
        database = connection.settings_dict
        return (
            f"postgres://{database['USER']}:{database['PASSWORD']}@"
            f"{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{name}"
        )

    def backup_and_restore(self, source_url: str, target_url: str) -> None:
        """The documented backup, then the documented restore into ``target_url``."""
        if not self.postgres:
            backup = self.tmp_path / "backup.sqlite3"
            with sqlite3.connect(source_url.removeprefix("sqlite:///")) as source:
                with sqlite3.connect(backup) as copy:
                    source.backup(copy)
            with sqlite3.connect(backup) as copy:
                with sqlite3.connect(target_url.removeprefix("sqlite:///")) as target:
                    copy.backup(target)
            return
        arguments, password = _postgres_arguments()
        environment = {**_os_environment(), **password}
        dump = self.tmp_path / "pakn.dump"
        source_name, target_name = source_url.rsplit("/", 1)[1], target_url.rsplit("/", 1)[1]
        _run(["pg_dump", *arguments, "--format=custom", "--no-owner", f"--file={dump}",
              source_name], environment)  # fmt: skip
        _run(["pg_restore", *arguments, "--no-owner", "--exit-on-error", f"--dbname={target_name}",
              str(dump)], environment)  # fmt: skip

    def drop_all(self) -> None:
        arguments, password = _postgres_arguments()
        for name in self.created:
            subprocess.run(
                ["dropdb", *arguments, "--if-exists", "--force", name],
                env={**_os_environment(), **password}, capture_output=True, check=False,
            )  # fmt: skip


def _os_environment() -> dict[str, str]:
    import os

    return {name: value for name, value in os.environ.items() if name in ("PATH", "HOME")}


@pytest.fixture
def databases(tmp_path):
    made = Databases(tmp_path)
    yield made
    made.drop_all()


def _pages(tmp_path: Path, database_url: str, name: str) -> dict:
    environment = pakn_environment(
        tmp_path / name, DATABASE_URL=database_url, DEBUG="true", ALLOWED_HOSTS="testserver"
    )
    output = shell_output(run_manage("shell", "-c", READ_PAGES, environment=environment,
                                     timeout=300))  # fmt: skip
    return json.loads(output.strip().splitlines()[-1])


def test_a_restored_backup_serves_the_same_report_pages(tmp_path, databases):
    source = databases.new_url()
    environment = pakn_environment(tmp_path / "seed", DATABASE_URL=source)
    shell_output(run_manage("migrate", "--noinput", "-v0", environment=environment, timeout=600))
    shell_output(run_manage("seed_demo", "--citizens", "5", "--reports", "30",
                            environment=environment, timeout=600))  # fmt: skip
    before = _pages(tmp_path, source, "before")
    assert before["home"] == 200
    assert len(before["codes"]) >= 5, "the demo data publishes reports"

    restored = databases.new_url()
    databases.backup_and_restore(source, restored)
    after = _pages(tmp_path, restored, "after")

    assert after["codes"] == before["codes"]
    for code in before["codes"]:
        assert after["pages"][code] == before["pages"][code], code
        assert code in after["pages"][code]
    assert after["listing"] == before["listing"]
    assert after["home"] == 200
