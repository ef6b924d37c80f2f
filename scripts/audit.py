#!/usr/bin/env python3
"""`make audit`: the pinned packages of requirements-dev.lock (runtime and
development packages: it holds the runtime lock's pins too) against a vulnerability database
(pip-audit, with PyPI's advisories, then OSV's if PyPI's cannot answer).

pip-audit alone says "No known vulnerabilities found" when the database answered nothing at
all (every package "not found", as behind a registry mirror or without internet), which
reads like a pass. This says instead which packages could not be checked and why, and exits:
0 every package checked, none vulnerable; 1 vulnerabilities found; 2 not everything could
be checked (no database reachable). Extra arguments go to pip-audit (e.g. --cache-dir).
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements-dev.lock"
SERVICES = ("pypi", "osv")
EXIT_CLEAN, EXIT_VULNERABLE, EXIT_UNCHECKED = 0, 1, 2


def audit_verdict(report: dict) -> tuple[int, list[str]]:
    """The exit code and the lines to print for one pip-audit JSON report."""
    dependencies = report.get("dependencies", [])
    vulnerable = [
        f"  {package['name']} {package['version']}: {vulnerability['id']}"
        + (
            f" (fixed in {', '.join(vulnerability['fix_versions'])})"
            if vulnerability.get("fix_versions")
            else ""
        )
        for package in dependencies
        for vulnerability in package.get("vulns", [])
    ]
    unchecked = [
        f"  {package['name']}: {package['skip_reason']}"
        for package in dependencies
        if package.get("skip_reason")
    ]
    if vulnerable:
        return EXIT_VULNERABLE, ["Known vulnerabilities in requirements-dev.lock:", *vulnerable]
    if not dependencies or unchecked:
        return EXIT_UNCHECKED, [
            f"Not checked: {len(unchecked)} of {len(dependencies)} packages got no answer "
            "from the vulnerability database.",
            *unchecked[:10],
            *(["  …"] if len(unchecked) > 10 else []),
        ]
    return EXIT_CLEAN, [f"{len(dependencies)} packages checked, no known vulnerability."]


def run_pip_audit(service: str, extra: list[str]) -> tuple[dict | None, str]:
    """pip-audit's JSON report, or None and the reason it gave none."""
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "report.json"
        completed = subprocess.run(  # noqa: S603 - fixed arguments, our own interpreter
            [
                sys.executable,
                "-m",
                "pip_audit",
                "--requirement",
                str(LOCK),
                # Every package is pinned in the lock: nothing to resolve, no pip needed.
                "--no-deps",
                "--disable-pip",
                "--progress-spinner",
                "off",
                "--vulnerability-service",
                service,
                "--format",
                "json",
                "--output",
                str(output),
                *extra,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if output.exists() and output.stat().st_size:
            return json.loads(output.read_text(encoding="utf-8")), ""
    lines = [line for line in completed.stderr.strip().splitlines() if line.strip()]
    return None, lines[-1] if lines else f"pip-audit exited {completed.returncode}"


def main(extra: list[str]) -> int:
    reasons = []
    for service in SERVICES:
        report, reason = run_pip_audit(service, extra)
        if report is None:
            reasons.append(f"{service}: {reason}")
            continue
        code, lines = audit_verdict(report)
        if code != EXIT_UNCHECKED:
            print(f"Vulnerability database: {service}.")
            print("\n".join(lines))
            return code
        reasons.append(f"{service}: " + "\n".join(lines))
    print(
        "make audit: no vulnerability database could be reached, so nothing is known about "
        "the packages of requirements-dev.lock. Run it where the network reaches PyPI's or OSV's "
        "vulnerability service.",
        file=sys.stderr,
    )
    print("\n".join(reasons), file=sys.stderr)
    return EXIT_UNCHECKED


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
