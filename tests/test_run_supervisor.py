"""`make run` starts the task workers and the scheduler under bin/supervise (issue #11): a
process that dies (here a real kill -9) is started again, and stopping the supervisor (as
Ctrl-C in `make run` does) stops its process too, leaving nothing behind."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAND_IN = (
    "import os, sys, time; open(sys.argv[1], 'a').write(f'{os.getpid()}\\n'); time.sleep(600)"
)


def _pids(path: Path) -> list[int]:
    return [int(line) for line in path.read_text().split()] if path.exists() else []


def _wait_for(condition, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting until {what}")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_killed_worker_is_started_again_and_stops_with_the_supervisor(tmp_path):
    started = tmp_path / "started"
    supervisor = subprocess.Popen(
        [str(ROOT / "bin" / "supervise"), "worker (default)", sys.executable, "-c", STAND_IN,
         str(started)],
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        _wait_for(lambda: len(_pids(started)) == 1, "the worker starts")
        first = _pids(started)[0]
        os.kill(first, signal.SIGKILL)

        _wait_for(lambda: len(_pids(started)) == 2, "the worker is started again")
        second = _pids(started)[1]
        assert second != first and _alive(second)

        supervisor.send_signal(signal.SIGTERM)
        assert supervisor.wait(timeout=30) == 0
        assert not _alive(second)
        assert "PAKN: worker (default) stopped (exit 137), starting it again in 1 s" in (
            supervisor.stderr.read()
        )
    finally:
        if supervisor.poll() is None:
            supervisor.kill()
        for pid in _pids(started):
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
