from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from pakn.core.tests.processes import pakn_environment, run_manage

ManagePy = Callable[..., CompletedProcess[str]]


@pytest.fixture
def manage_py(tmp_path: Path) -> ManagePy:
    """``manage_py("check", DEBUG="maybe")`` runs manage.py in a fresh process.

    Keyword arguments are environment variables on top of ``pakn_environment``; None removes one.
    """

    def run(*arguments: str, timeout: float = 120, **variables: str | None):
        environment = pakn_environment(tmp_path, **variables)
        return run_manage(*arguments, environment=environment, timeout=timeout)

    return run
