"""Several app servers (issue #17): two real gunicorn servers, started with deploy/gunicorn.conf.py
as an operator starts them, and a real task worker, sharing nothing but the database, a real
redis-server and an S3-compatible server (moto in server mode). One visitor's requests go to
either server, as a proxy balancing them would send them:
- a session made on one is valid on the other;
- a file uploaded through one is served by the other, and its thumbnail, made by the worker;
- the public API's rate limit counted on one applies on the other;
- the public cache cleared by a change made through one is cleared for both.

The database is this test's own (PostgreSQL in CI's second pass, the SQLite test file in the
first), so the test prepares data with the ORM; the tests are transactional so that the
servers see it.
"""

import io
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.utils import timezone
from PIL import Image

from pakn.core.tests.captcha_solver import captcha_fields
from pakn.core.tests.processes import REPO_ROOT, free_port, pakn_environment
from pakn.core.tests.test_adapters import redis_url, s3_client, s3_server  # noqa: F401
from pakn.core.tests.workers import database_url_of_this_test
from pakn.reports.models import Attachment, Report
from pakn.reports.services.submission import ReportDetails, report_submit
from pakn.reports.tests.conftest import answer_report, org  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)

SECRET_KEY = "shared-by-every-app-server-of-this-test-0123456789"
PASSWORD = "Matkhau@2026"
# Seconds a request may take: generous, CI's machine is shared and busy (no timing is asserted).
TIMEOUT = 120


@pytest.fixture(scope="module")
def static_root(tmp_path_factory) -> Path:
    """collectstatic once, as a deployment does: DEBUG=false pages need its manifest."""
    root = tmp_path_factory.mktemp("static")
    environment = pakn_environment(
        tmp_path_factory.mktemp("collect"), DEBUG="false", STATIC_ROOT=str(root)
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=REPO_ROOT, env=environment, check=True, timeout=300,
    )  # fmt: skip
    return root


class Deployment:
    """Two gunicorn app servers and one pakn_worker with the same shared services."""

    def __init__(self, tmp_path: Path, shared: dict[str, str]):
        self.tmp_path = tmp_path
        self.shared = shared
        self.processes: list[subprocess.Popen] = []
        self.logs: list[Path] = []
        self.urls: list[str] = []

    def _environment(self, name: str, **extra: str) -> dict[str, str]:
        # Each process has a var/ folder of its own: nothing on a local disk is shared.
        return pakn_environment(
            self.tmp_path / name,
            DATABASE_URL=database_url_of_this_test(),
            DEBUG="false",
            SECRET_KEY=SECRET_KEY,
            LOG_FORMAT="json",
            **self.shared,
            **extra,
        )

    def _start(self, name: str, command: list[str], environment: dict[str, str]):
        log = self.tmp_path / f"{name}.log"
        self.logs.append(log)
        with log.open("a", encoding="utf-8") as output:
            process = subprocess.Popen(
                command, cwd=REPO_ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT
            )
        self.processes.append(process)
        return process

    def start_app_server(self, name: str) -> str:
        for _attempt in range(5):  # a port found free may be taken by the time gunicorn binds
            port = free_port()
            environment = self._environment(
                name,
                GUNICORN_BIND=f"127.0.0.1:{port}",
                WEB_CONCURRENCY="1",
                GUNICORN_THREADS="2",
                PROMETHEUS_MULTIPROC_DIR=str(self.tmp_path / name / "metrics"),
            )
            process = self._start(
                name,
                [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "config.wsgi"],
                environment,
            )
            url = f"http://127.0.0.1:{port}"
            if self._wait_until_answering(url, process):
                self.urls.append(url)
                return url
        raise AssertionError(f"{name} did not start:\n{self.log_text()}")

    def start_worker(self) -> None:
        self._start(
            "worker",
            [sys.executable, "manage.py", "pakn_worker", "--queue-name", "*",
             "--interval", "0.2", "--no-startup-delay", "--no-reload"],
            self._environment("worker"),
        )  # fmt: skip

    def _wait_until_answering(self, url: str, process: subprocess.Popen) -> bool:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if process.poll() is not None:
                return False
            try:
                if requests.get(f"{url}/healthz", timeout=5).status_code == 200:
                    return True
            except requests.RequestException:  # not listening yet, or too busy starting to answer
                pass
            time.sleep(0.2)
        raise AssertionError(f"{url} did not answer in time:\n{self.log_text()}")

    def log_text(self) -> str:
        return "\n".join(
            f"--- {log.name}\n{log.read_text(encoding='utf-8', errors='replace')[-4000:]}"
            for log in self.logs
            if log.exists()
        )

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture
def deployment(tmp_path, redis_url, s3_server, static_root):  # noqa: F811
    shared = {
        "REDIS_URL": redis_url,
        "STATIC_ROOT": str(static_root),
        "PUBLIC_API_REQUESTS_PER_MINUTE": "5",
        **s3_server,
    }
    running = Deployment(tmp_path, shared)
    try:
        running.start_app_server("app-1")
        running.start_app_server("app-2")
        running.start_worker()
        yield running
    finally:
        running.stop()


def _wait_for(condition, what: str, deployment: Deployment, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting until {what}:\n{deployment.log_text()}")


def _csrf(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def _png() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (640, 480), (30, 120, 200)).save(output, format="PNG")
    return output.getvalue()


def test_two_app_servers_and_a_worker_share_sessions_files_limits_and_the_public_cache(
    deployment,
    org,  # noqa: F811
    s3_server,  # noqa: F811
):
    first, second = deployment.urls
    reporter = org["reporter"]
    # The test settings hash passwords with MD5 for speed; the servers know only production's
    # hashers.
    reporter.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
    reporter.save(update_fields=["password"])
    report = report_submit(
        reporter=reporter,
        details=ReportDetails(title="Cống thoát nước bị tắc", content="Nước ngập sau mưa."),
        idempotency_key=uuid.uuid4(),
    )
    visitor = requests.Session()  # one browser; its requests reach either server

    # A session made on the first server...
    login_page = visitor.get(f"{first}/dang-nhap/", timeout=TIMEOUT)
    assert login_page.status_code == 200, deployment.log_text()
    response = visitor.post(
        f"{first}/dang-nhap/",
        {"csrfmiddlewaretoken": _csrf(login_page.text), "login": reporter.username,
         "password": PASSWORD, **captcha_fields(login_page.text)},
        allow_redirects=False, timeout=TIMEOUT,
    )  # fmt: skip
    assert response.status_code == 302, response.text[-2000:]
    # ...is valid on the second.
    mine = visitor.get(f"{second}/phan-anh-cua-toi/{report.code}/", timeout=TIMEOUT)
    assert mine.status_code == 200
    assert "Cống thoát nước bị tắc" in mine.text

    # A photo uploaded through the second server...
    photo = _png()
    response = visitor.post(
        f"{second}/phan-anh-cua-toi/{report.code}/trao-doi/",
        data={"csrfmiddlewaretoken": _csrf(mine.text), "body": "Ảnh chụp sáng nay."},
        files={"attachments": ("cong-tac.png", photo, "image/png")},
        allow_redirects=False, timeout=TIMEOUT,
    )  # fmt: skip
    assert response.status_code == 302, response.text[-2000:]
    attachment = Attachment.objects.get(message__report=report)
    # ...is in the shared bucket, not on either server's disk...
    bucket = s3_client(s3_server).list_objects_v2(Bucket=s3_server["S3_BUCKET"])
    assert attachment.file.name in [item["Key"] for item in bucket.get("Contents", [])]
    # ...and served by the first, byte for byte.
    served = visitor.get(f"{first}/tep-dinh-kem/{attachment.pk}/", timeout=TIMEOUT)
    assert served.status_code == 200
    assert served.content == photo
    # The worker made its thumbnail; the second server serves it.
    _wait_for(
        lambda: bool(Attachment.objects.get(pk=attachment.pk).thumbnail),
        "the worker makes the thumbnail",
        deployment,
    )
    thumbnail = visitor.get(f"{second}/tep-dinh-kem/{attachment.pk}/anh-nho/", timeout=TIMEOUT)
    assert thumbnail.status_code == 200
    assert thumbnail.content[:3] == b"\xff\xd8\xff"  # a JPEG

    # The public cache: the second server caches the public page of the answered report...
    answer_report(org, report)
    Report.objects.filter(pk=report.pk).update(
        is_published=True, public_title="Cống thoát nước bị tắc ở phường Lộc Thọ",
        public_content="Nước ngập sau mưa.", published_at=timezone.now(),
    )  # fmt: skip
    public = f"{second}/api/v1/public/reports/{report.code}/"
    assert requests.get(public, timeout=TIMEOUT).json()["rating"] is None
    # ...the citizen rates the answer through the first server...
    page = visitor.get(f"{first}/phan-anh-cua-toi/{report.code}/", timeout=TIMEOUT)
    response = visitor.post(
        f"{first}/phan-anh-cua-toi/{report.code}/danh-gia/",
        {"csrfmiddlewaretoken": _csrf(page.text), "value": "satisfied",
         "comment": "Đã thông cống, cảm ơn."},
        allow_redirects=False, timeout=TIMEOUT,
    )  # fmt: skip
    assert response.status_code == 302, response.text[-2000:]
    # ...and the second server's cached page is gone: it shows the rating at once.
    rating = requests.get(public, timeout=TIMEOUT).json()["rating"]
    assert rating is not None and rating["comment"] == "Đã thông cống, cảm ơn."

    # The public API's limit (5 a minute from one address here; 2 used above): counted
    # across both servers.
    statuses = [
        requests.get(f"{url}/api/v1/public/reports/{report.code}/", timeout=TIMEOUT).status_code
        for url in (first, second, first, second)
    ]
    assert statuses == [200, 200, 200, 429]
    assert requests.get(public.replace(second, first), timeout=TIMEOUT).status_code == 429
