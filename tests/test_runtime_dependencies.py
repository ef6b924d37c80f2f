"""The runtime lock holds everything the running site imports.

A server installs requirements.lock only (`make run`, the container image): a module of pakn/
or config/ that imports a development-only package (pytest, factory-boy, moto…) works under
`make test` and fails in production with ImportError. These tests read the imports of every
runtime module and check each against the runtime lock.
"""

import ast
import importlib.metadata
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNTIME_PACKAGES = ("pakn", "config")
OWN_MODULES = {"pakn", "config"}


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _lock_names(path: Path) -> set[str]:
    pin = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==")
    return {
        _normalise(match.group(1))
        for line in path.read_text(encoding="utf-8").splitlines()
        if (match := pin.match(line))
    }


def _runtime_modules(root: Path) -> list[Path]:
    return [
        path
        for package in RUNTIME_PACKAGES
        for path in sorted((root / package).rglob("*.py"))
        # Test code: the apps' tests and the fixtures they share (pakn/testing).
        if not {"tests", "testing"} & set(path.relative_to(root).parts)
        and path.name != "conftest.py"
    ]


def _top_level_imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def runtime_imports_outside_lock(lock: Path, root: Path = ROOT) -> dict[str, list[str]]:
    """Each imported third-party module whose distribution is not in ``lock``, with the files
    under ``root`` that import it."""
    allowed = _lock_names(lock)
    distributions = importlib.metadata.packages_distributions()
    outside: dict[str, list[str]] = {}
    for path in _runtime_modules(root):
        for module in _top_level_imports(path):
            if module in OWN_MODULES or module in sys.stdlib_module_names:
                continue
            providers = {_normalise(name) for name in distributions.get(module, [module])}
            if not providers & allowed:
                outside.setdefault(module, []).append(path.relative_to(root).as_posix())
    return outside


def test_runtime_code_imports_only_packages_of_the_runtime_lock():
    outside = runtime_imports_outside_lock(ROOT / "requirements.lock")
    assert outside == {}, (
        "Runtime code imports packages that requirements.lock does not install (add them to "
        f"pyproject.toml's dependencies and run `make lock`, or move the code to tests): {outside}"
    )


def test_the_check_catches_a_development_package_imported_by_runtime_code(tmp_path):
    """Guards the check itself: a lock without pytest makes an import of pytest stand out."""
    (tmp_path / "pakn" / "core" / "tests").mkdir(parents=True)
    (tmp_path / "config").mkdir()
    (tmp_path / "pakn" / "core" / "probe.py").write_text(
        "import os\nimport django\nfrom pakn.core import calendar\nimport pytest\nfrom factory import Faker\n",
        encoding="utf-8",
    )
    (tmp_path / "pakn" / "core" / "tests" / "test_probe.py").write_text("import moto\n")
    outside = runtime_imports_outside_lock(ROOT / "requirements.lock", root=tmp_path)
    assert outside == {"pytest": ["pakn/core/probe.py"], "factory": ["pakn/core/probe.py"]}


def test_the_development_lock_keeps_the_runtime_pins():
    """Both locks come from one `make lock`: every runtime pin is in the dev lock, same version."""
    pin = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*==\S+)")

    def pins(path: Path) -> set[str]:
        return {
            _normalise(match.group(1))
            for line in path.read_text(encoding="utf-8").splitlines()
            if (match := pin.match(line))
        }

    runtime, development = pins(ROOT / "requirements.lock"), pins(ROOT / "requirements-dev.lock")
    assert runtime - development == set()
    assert {"pytest", "moto", "playwright"} <= {name.split("==")[0] for name in development}
    assert not {"pytest", "moto", "playwright", "ruff"} & {name.split("==")[0] for name in runtime}
