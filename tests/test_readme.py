"""The README is a newcomer's only guide: every variable the code reads must be documented."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READ_PATTERN = re.compile(
    r"""(?:env_\w+|os\.environ\.get|os\.environ\.setdefault|getenv)\(\s*["']([A-Z][A-Z0-9_]+)["']"""
)


def variables_read_by_code() -> set[str]:
    names: set[str] = set()
    for path in [*ROOT.glob("config/**/*.py"), *ROOT.glob("pakn/**/*.py")]:
        if "/tests/" in str(path):
            continue
        names |= set(READ_PATTERN.findall(path.read_text(encoding="utf-8")))
    return names


def test_every_environment_variable_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = variables_read_by_code()
    assert {"DATABASE_URL", "SECRET_KEY", "REDIS_URL", "S3_BUCKET"} <= names
    undocumented = sorted(name for name in names if f"`{name}`" not in readme)
    assert undocumented == []


def test_the_readme_starts_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```", 2)[1]
    assert "make run" in first_block
    assert "make test" in first_block
