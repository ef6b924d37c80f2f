"""`make audit` tells a clean audit from one that could not check anything: pip-audit alone
prints "No known vulnerabilities found" when the database answered for no package."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pakn.core.tests.processes import free_port

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from audit import audit_verdict  # noqa: E402


def package(name, version="1.0", vulns=(), skip_reason=None):
    if skip_reason:
        return {"name": name, "skip_reason": skip_reason}
    return {"name": name, "version": version, "vulns": list(vulns)}


@pytest.mark.parametrize(
    ("dependencies", "code", "first_line"),
    [
        ([package("django"), package("requests")], 0, "2 packages checked, no known"),
        (
            [
                package("django", "5.2.0", [{"id": "PYSEC-2025-1", "fix_versions": ["5.2.1"]}]),
                package("requests"),
            ],
            1,
            "Known vulnerabilities in requirements-dev.lock:",
        ),
        (
            [package(name, skip_reason=f"Dependency not found on PyPI: {name}") for name in "ab"],
            2,
            "Not checked: 2 of 2 packages got no answer",
        ),
        (
            [package("django"), package("b", skip_reason="Dependency not found on PyPI: b")],
            2,
            "Not checked: 1 of 2 packages",
        ),
        ([], 2, "Not checked: 0 of 0"),
    ],
    ids=["clean", "vulnerable", "nothing-answered", "partly-answered", "empty"],
)
def test_audit_verdict(dependencies, code, first_line):
    verdict, lines = audit_verdict({"dependencies": dependencies, "fixes": []})
    assert verdict == code
    assert lines[0].startswith(first_line)
    if code == 1:
        assert "  django 5.2.0: PYSEC-2025-1 (fixed in 5.2.1)" in lines


def test_without_a_reachable_database_the_audit_fails_and_says_why(tmp_path):
    """Every request goes through a proxy on a port nothing listens on: no database."""
    environment = {
        **os.environ,
        "HTTPS_PROXY": f"http://127.0.0.1:{free_port()}",
        "https_proxy": f"http://127.0.0.1:{free_port()}",
    }
    completed = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "audit.py"), "--cache-dir", str(tmp_path)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 2
    assert "no vulnerability database could be reached" in completed.stderr
    assert "No known vulnerabilities found" not in completed.stdout + completed.stderr


def test_make_audit_is_not_part_of_make_test():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    test_recipe = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert "audit" not in test_recipe
    assert "\naudit: install-dev\n\t$(PY) scripts/audit.py" in makefile
