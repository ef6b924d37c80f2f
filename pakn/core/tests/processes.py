"""Helpers for tests that start PAKN the way an operator does: `manage.py` in its own process.

Settings are read once per process, so the only honest way to show that an environment
variable changes behaviour is a fresh process with that variable set. Each such process gets a
small, explicit environment (nothing inherited from the developer's shell or from CI, where
DATABASE_URL may point at PostgreSQL) and its own SQLite file and var/ folder under tmp_path.
"""

import os
import socket
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]
MANAGE_PY = REPO_ROOT / "manage.py"

# Variables a child process may inherit; every PAKN setting is passed explicitly instead.
_INHERITED_VARIABLES = ("PATH", "HOME", "TMPDIR")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now, and may by the time it is
    used: only for a server that cannot bind port 0 itself, with a retry when it fails."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def pakn_environment(tmp_path: Path, **overrides: str | None) -> dict[str, str]:
    """A minimal environment for one PAKN process: local settings, files under tmp_path.

    An override of None removes the variable, e.g. ``DATABASE_URL=None``.
    """
    environment = {name: os.environ[name] for name in _INHERITED_VARIABLES if name in os.environ}
    environment.update(
        {
            "LANG": "C.UTF-8",
            "PYTHONIOENCODING": "utf-8",
            "PYTHONDONTWRITEBYTECODE": "1",
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "PAKN_VAR_DIR": str(tmp_path / "var"),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        }
    )
    for name, value in overrides.items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    return environment


def run_manage(
    *arguments: str, environment: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Runs ``manage.py <arguments>`` with this interpreter from the repository root."""
    return subprocess.run(
        [sys.executable, str(MANAGE_PY), *arguments],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )


def shell_output(result: subprocess.CompletedProcess[str]) -> str:
    """The stdout of a ``manage.py shell -c`` run, failing the test with stderr if it failed."""
    assert result.returncode == 0, f"manage.py exited {result.returncode}:\n{result.stderr}"
    return result.stdout
