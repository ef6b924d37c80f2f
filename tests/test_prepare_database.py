"""A second `make run` starts in seconds: bin/prepare-database migrates and checks for demo data
only when the migrations, the installed lock or the database changed since the last start.

The interpreter is a stand-in that records what it was asked to run (and creates the SQLite
file, as a real migrate does), so the test reads which steps ran without a 20-second migrate.
"""

import os
import shutil
import stat
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    (project / "bin").mkdir(parents=True)
    shutil.copy(ROOT / "bin" / "prepare-database", project / "bin")
    (project / "pakn" / "reports" / "migrations").mkdir(parents=True)
    (project / "pakn" / "reports" / "migrations" / "0001_initial.py").write_text("# one\n")
    (project / "requirements.lock").write_text("django==5.2.19\n")
    python = project / "python"
    python.write_text(
        "#!/bin/sh\n"
        'echo "$2" >> calls.txt\n'
        'if [ "$2" = migrate ]; then mkdir -p var && echo x > var/db.sqlite3; fi\n'
    )
    python.chmod(python.stat().st_mode | stat.S_IXUSR)
    return project


def _start(project: Path, **environment: str) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "PAKN_VAR_DIR"}}
    env.update(PAKN_PYTHON=str(project / "python"), **environment)
    calls = project / "calls.txt"
    calls.unlink(missing_ok=True)
    subprocess.run(["bin/prepare-database"], cwd=project, env=env, check=True, capture_output=True)
    return calls.read_text().split() if calls.exists() else []


def test_a_second_start_with_nothing_changed_skips_migrate_and_seeding(tmp_path):
    project = _project(tmp_path)
    assert _start(project) == ["migrate", "seed_demo"]
    assert _start(project) == []
    assert _start(project) == []


def test_a_changed_or_new_migration_migrates_again(tmp_path):
    project = _project(tmp_path)
    _start(project)
    (project / "pakn" / "reports" / "migrations" / "0002_more.py").write_text("# two\n")
    assert _start(project) == ["migrate", "seed_demo"]
    (project / "pakn" / "reports" / "migrations" / "0002_more.py").write_text("# two, edited\n")
    assert _start(project) == ["migrate", "seed_demo"]
    assert _start(project) == []


def test_a_new_lock_or_another_database_migrates_again(tmp_path):
    project = _project(tmp_path)
    _start(project)
    (project / "requirements.lock").write_text("django==5.2.20\n")
    assert _start(project) == ["migrate", "seed_demo"]
    assert _start(project, DATABASE_URL="postgres://pakn@127.0.0.1/pakn") == [
        "migrate",
        "seed_demo",
    ]
    assert _start(project) == ["migrate", "seed_demo"]


def test_a_removed_database_file_is_migrated_and_seeded_again(tmp_path):
    project = _project(tmp_path)
    _start(project)
    (project / "var" / "db.sqlite3").unlink()
    assert _start(project) == ["migrate", "seed_demo"]


def test_a_failed_migrate_leaves_no_stamp_so_the_next_start_tries_again(tmp_path):
    project = _project(tmp_path)
    _start(project)
    (project / "requirements.lock").write_text("django==5.2.20\n")
    failing = project / "python"
    original = failing.read_text()
    failing.write_text('#!/bin/sh\necho "$2" >> calls.txt\nexit 1\n')
    env = {**os.environ, "PAKN_PYTHON": str(failing)}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(["bin/prepare-database"], cwd=project, env=env, capture_output=True)
    assert result.returncode != 0
    failing.write_text(original)
    assert _start(project) == ["migrate", "seed_demo"]


def test_the_national_demo_has_its_own_database_file_and_stamp(tmp_path):
    """`PAKN_MODE=national make run` (bin/run names var/db-national.sqlite3): starting one
    mode does not make the other migrate again, and a removed national file is rebuilt."""
    project = _project(tmp_path)
    (project / "python").write_text(
        "#!/bin/sh\n"
        'echo "$2" >> calls.txt\n'
        'if [ "$2" = migrate ]; then mkdir -p var && echo x > "${DATABASE_URL#sqlite://}"; fi\n'
    )
    national_file = project / "var" / "db-national.sqlite3"
    national = {"PAKN_MODE": "national", "DATABASE_URL": f"sqlite:///{national_file}"}
    province = {"DATABASE_URL": f"sqlite:///{project / 'var' / 'db.sqlite3'}"}
    assert _start(project, **province) == ["migrate", "seed_demo"]
    assert _start(project, **national) == ["migrate", "seed_demo"]
    assert _start(project, **province) == []
    assert _start(project, **national) == []
    national_file.unlink()
    assert _start(project, **national) == ["migrate", "seed_demo"]
    assert _start(project, **province) == []
