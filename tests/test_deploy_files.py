"""The deployment files of docs/deploy.md (issue #17) say what the guide says: the image
installs the runtime lock only and does not run as root, the compose file has the whole
layout, and the systemd units are valid for systemd itself (`systemd-analyze verify`)."""

import re
import shutil
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
UNITS = ROOT / "deploy" / "systemd"


def test_the_image_is_multi_stage_installs_the_runtime_lock_only_and_runs_unprivileged():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert len(re.findall(r"^FROM ", dockerfile, re.MULTILINE)) == 2
    assert "--require-hashes -r /tmp/requirements.lock" in dockerfile
    assert "requirements-dev.lock" not in dockerfile
    user_lines = re.findall(r"^USER (\S+)", dockerfile, re.MULTILINE)
    assert user_lines == ["pakn"]
    assert dockerfile.rstrip().splitlines()[-1].startswith("CMD")
    assert dockerfile.index("USER pakn") < dockerfile.index("CMD")
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".venv", "var", ".git"} <= set(ignored)


def test_the_compose_file_has_the_whole_layout():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert {"proxy", "app-1", "app-2", "worker", "scheduler", "postgres", "redis", "minio"} <= set(
        services
    )
    for name in ("app-1", "app-2", "worker", "scheduler"):
        environment = services[name]["environment"]
        assert environment["DATABASE_URL"].startswith("postgres://")
        assert environment["REDIS_URL"].startswith("redis://")
        assert environment["S3_ENDPOINT_URL"] == "http://minio:9000"
        assert services[name]["depends_on"]["migrate"]["condition"] == (
            "service_completed_successfully"
        )
    assert "pakn_scheduler" in services["scheduler"]["command"]
    assert "pakn_worker" in services["worker"]["command"]


def test_the_systemd_units_pass_systemd_analyze_verify(tmp_path):
    """Verified as installed, except that the virtualenv is this one (verify wants the
    programs of ExecStart to exist)."""
    analyze = shutil.which("systemd-analyze")
    assert analyze, "systemd-analyze (package systemd) is needed to check the units"
    import sys

    venv = str(Path(sys.executable).parent.parent)
    for unit in UNITS.glob("*.service"):
        text = unit.read_text(encoding="utf-8").replace("/opt/pakn/venv", venv)
        (tmp_path / unit.name).write_text(text, encoding="utf-8")
    names = ["pakn-web@8001.service", "pakn-worker@default.service", "pakn-scheduler.service",
             "pakn-migrate.service"]  # fmt: skip
    result = subprocess.run(
        [analyze, "verify", *[f"./{name}" for name in names]],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "", result.stderr
