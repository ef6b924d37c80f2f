"""Object storage, cache and e-mail are chosen by environment variables alone.

Each test starts the real service (an S3-compatible server, redis-server, an SMTP server) on a
port of 127.0.0.1 that the service itself binds (port 0, or a retry when the port was taken in
between: a port found free a moment ago may not be free any more), runs PAKN in a fresh process with the variables an operator would set,
and checks the effect on the service's side. The defaults for one machine (local disk, outbox
folder) are checked the same way.
"""

import email
import email.policy
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
import redis
from aiosmtpd.controller import Controller
from moto.server import ThreadedMotoServer

from pakn.core.tests.processes import free_port, shell_output

CITIZEN = "cong.dan@example.vn"
SUBJECT = "Phản ánh PA-2025-000123 đã được tiếp nhận"
BODY = "Cảm ơn bạn đã gửi phản ánh về ổ gà trên đường Lê Lợi, phường Bến Thành."


# Object storage ------------------------------------------------------------------------------


@pytest.fixture
def s3_server() -> Iterator[dict[str, str]]:
    """An S3-compatible server with one empty bucket; yields the variables that point at it."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    _host, port = server.get_host_and_port()
    variables = {
        "S3_BUCKET": "pakn-attachments",
        "S3_ENDPOINT_URL": f"http://127.0.0.1:{port}",
        "S3_ACCESS_KEY_ID": "pakn-test-access",
        "S3_SECRET_ACCESS_KEY": "pakn-test-secret",
        "S3_REGION": "us-east-1",
    }
    s3_client(variables).create_bucket(Bucket=variables["S3_BUCKET"])
    yield variables
    server.stop()


def s3_client(variables: dict[str, str]):
    return boto3.client(
        "s3",
        endpoint_url=variables["S3_ENDPOINT_URL"],
        aws_access_key_id=variables["S3_ACCESS_KEY_ID"],
        aws_secret_access_key=variables["S3_SECRET_ACCESS_KEY"],
        region_name=variables["S3_REGION"],
    )


SAVE_ATTACHMENT = """
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
name = default_storage.save("reports/o-ga-le-loi.txt", ContentFile("Ổ gà sâu 20 cm".encode()))
print(name)
with default_storage.open(name) as stored:
    print(stored.read().decode())
print(default_storage.url(name))
"""


def test_s3_variables_send_attachments_to_the_bucket(manage_py, s3_server):
    output = shell_output(manage_py("shell", "--no-imports", "-c", SAVE_ATTACHMENT, **s3_server))

    name, content, url = output.splitlines()
    assert name.startswith("reports/o-ga-le-loi")
    assert content == "Ổ gà sâu 20 cm"
    # Attachments are private: the link carries a signature that expires.
    assert url.startswith(f"{s3_server['S3_ENDPOINT_URL']}/pakn-attachments/{name}?")
    assert "Signature=" in url or "X-Amz-Signature=" in url
    stored = s3_client(s3_server).get_object(Bucket="pakn-attachments", Key=name)
    assert stored["Body"].read().decode() == "Ổ gà sâu 20 cm"


def test_without_s3_variables_attachments_stay_on_local_disk(manage_py, tmp_path):
    media = tmp_path / "media"
    output = shell_output(
        manage_py("shell", "--no-imports", "-c", SAVE_ATTACHMENT, MEDIA_ROOT=str(media))
    )

    name, content, url = output.splitlines()
    assert (media / name).read_text() == content == "Ổ gà sâu 20 cm"
    assert url == f"/media/{name}"


# Cache -----------------------------------------------------------------------------------------


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    """A real redis-server that keeps nothing on disk; yields its REDIS_URL."""
    executable = shutil.which("redis-server")
    assert executable, "redis-server is not installed (bin/check-system says how)"
    data = tmp_path / "redis"
    data.mkdir()
    # redis-server cannot be told to pick a port itself: a port that was free a moment ago
    # may be taken by the time it binds, and then it exits; another port is tried.
    for _attempt in range(5):
        port = free_port()
        # No snapshots and no append-only file: nothing outlives the test.
        options = {"bind": "127.0.0.1", "port": port, "dir": data, "save": "", "appendonly": "no"}
        command = [executable]
        for option, value in options.items():
            command += [f"--{option}", str(value)]
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"redis://127.0.0.1:{port}/0"
        client = redis.Redis.from_url(url)
        try:
            wait_until_answering(client, server)
            break
        except AssertionError:  # it exited: the port was taken
            client.close()
    else:
        raise AssertionError("redis-server could not bind a port in five tries")
    try:
        yield url
    finally:
        client.close()
        server.terminate()
        server.wait(timeout=10)


def wait_until_answering(client: redis.Redis, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 15
    while True:
        try:
            client.ping()
            return
        except redis.ConnectionError:
            if server.poll() is not None:
                raise AssertionError(f"redis-server exited with {server.returncode}") from None
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def test_redis_url_puts_the_cache_in_redis_shared_between_processes(manage_py, redis_url):
    set_value = "from django.core.cache import cache; cache.set('portal:visits', 'Xin chào', 300)"
    get_value = "from django.core.cache import cache; print(cache.get('portal:visits'))"

    shell_output(manage_py("shell", "--no-imports", "-c", set_value, REDIS_URL=redis_url))
    # A second process (another application server) sees what the first one stored.
    output = shell_output(manage_py("shell", "--no-imports", "-c", get_value, REDIS_URL=redis_url))

    assert output.strip() == "Xin chào"
    client = redis.Redis.from_url(redis_url)
    assert client.keys("*") == [b"pakn:1:portal:visits"]
    assert 0 < client.ttl("pakn:1:portal:visits") <= 300
    client.close()


# E-mail --------------------------------------------------------------------------------------


class CollectingHandler:
    """An SMTP server's message handler that keeps every message it is given."""

    def __init__(self) -> None:
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


class PortZeroController(Controller):
    """aiosmtpd's controller on a port the system chooses when the server binds (port 0),
    so no other process can take it between choosing and binding."""

    def _create_server(self):
        async def bind():
            server = await self.loop.create_server(
                self._factory_invoker, host=self.hostname, port=0, ssl=self.ssl_context
            )
            self.port = server.sockets[0].getsockname()[1]
            return server

        return bind()


@pytest.fixture
def smtp_server() -> Iterator[tuple[CollectingHandler, int]]:
    handler = CollectingHandler()
    controller = PortZeroController(handler, hostname="127.0.0.1", port=0)
    controller.start()
    yield handler, controller.port
    controller.stop()


SEND_MAIL = f"""
from django.core.mail import send_mail
print(send_mail({SUBJECT!r}, {BODY!r}, None, [{CITIZEN!r}]))
"""


def test_smtp_variables_deliver_mail_to_the_smtp_server(manage_py, smtp_server):
    handler, port = smtp_server

    output = shell_output(
        manage_py(
            "shell",
            "--no-imports",
            "-c",
            SEND_MAIL,
            EMAIL_BACKEND="smtp",
            SMTP_HOST="127.0.0.1",
            SMTP_PORT=str(port),
            SMTP_STARTTLS="false",
            DEFAULT_FROM_EMAIL="Cổng PAKN <pakn@example.vn>",
        )
    )

    assert output.strip() == "1"
    [envelope] = handler.envelopes
    assert envelope.rcpt_tos == [CITIZEN]
    assert envelope.mail_from == "pakn@example.vn"
    message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
    # A long encoded subject is folded onto a continuation line; decoding keeps the fold's space.
    assert message["Subject"].strip() == SUBJECT
    assert message["From"].addresses[0].display_name == "Cổng PAKN"
    assert message.get_content().strip() == BODY


def test_by_default_mail_is_written_to_a_readable_outbox_folder(manage_py, tmp_path):
    output = shell_output(manage_py("shell", "--no-imports", "-c", SEND_MAIL))

    assert output.strip() == "1"
    [mail_file] = (tmp_path / "var" / "outbox" / "mail").iterdir()
    text = mail_file.read_text(encoding="utf-8")
    # A developer opening the file reads the Vietnamese body as it was written.
    assert BODY in text
    raw_message = text.split("\n" + "-" * 79)[0].encode()
    message = email.message_from_bytes(raw_message, policy=email.policy.default)
    assert message["To"] == CITIZEN
    assert message["Subject"].strip() == SUBJECT
