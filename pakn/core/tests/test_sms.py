"""SMS leave through the configured backend after commit; a failing gateway loses nothing."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction

from pakn.core.models import OutgoingSms, SmsStatus
from pakn.core.sms import SECRET_MASK, sms_deliver, sms_queue

pytestmark = pytest.mark.django_db(transaction=True)


class FakeGateway:
    """A real HTTP server on 127.0.0.1 that answers with the statuses it is given in turn."""

    def __init__(self, statuses):
        self.statuses = list(statuses)
        self.requests = []
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's naming
                length = int(self.headers["Content-Length"])
                gateway.requests.append(
                    {"headers": dict(self.headers), "body": self.rfile.read(length).decode()}
                )
                status = gateway.statuses.pop(0) if gateway.statuses else 200
                self.send_response(status)
                self.send_header("X-Message-Id", f"gw-{len(gateway.requests)}")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/send"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def gateway_factory(settings):
    gateways = []

    def make(statuses=()):
        gateway = FakeGateway(statuses)
        gateways.append(gateway)
        settings.SMS_BACKEND = "http"
        settings.SMS_HTTP_URL = gateway.url
        settings.SMS_HTTP_TOKEN = "token-123"
        settings.SMS_HTTP_BACKOFF = 0.01
        return gateway

    yield make
    for gateway in gateways:
        gateway.close()


def test_outbox_writes_a_readable_json_file_after_commit(settings, tmp_path):
    settings.SMS_BACKEND = "outbox"
    settings.SMS_OUTBOX_DIR = tmp_path
    with transaction.atomic():
        sms_queue(phone="+84912345678", body="Phản ánh PAKN-2026-000123 đã được tiếp nhận.")
        assert list(tmp_path.iterdir()) == []  # nothing leaves before commit
    [path] = tmp_path.iterdir()
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["to"] == "+84912345678"
    assert document["body"] == "Phan anh PAKN-2026-000123 da duoc tiep nhan."  # GSM 7-bit
    assert OutgoingSms.objects.get().status == SmsStatus.SENT


def test_a_rolled_back_change_sends_nothing(settings, tmp_path):
    settings.SMS_OUTBOX_DIR = tmp_path
    with pytest.raises(RuntimeError), transaction.atomic():
        sms_queue(phone="+84912345678", body="x")
        raise RuntimeError
    assert list(tmp_path.iterdir()) == []
    assert not OutgoingSms.objects.exists()


def test_http_gateway_gets_the_templated_json_body(gateway_factory):
    gateway = gateway_factory()
    message = sms_queue(phone="+84912345678", body='Mã "123456"', secret="123456")
    message.refresh_from_db()
    [request] = gateway.requests
    assert request["headers"]["Authorization"] == "Bearer token-123"
    assert json.loads(request["body"]) == {
        "to": "+84912345678",
        "from": "PAKN",
        "text": 'Ma "123456"',
        "reference": str(message.pk),
    }
    assert message.status == SmsStatus.SENT
    assert message.gateway_reference == "gw-1"
    assert message.body == f'Ma "{SECRET_MASK}"'  # the code does not stay in the database
    assert message.sealed_secret == ""


def test_http_gateway_is_retried_with_backoff(gateway_factory):
    gateway = gateway_factory(statuses=[503, 502, 200])
    message = sms_queue(phone="+84912345678", body="xin chào")
    message.refresh_from_db()
    assert len(gateway.requests) == 3
    assert message.status == SmsStatus.SENT


def test_a_failing_gateway_keeps_the_message_for_a_later_try(gateway_factory, settings):
    gateway = gateway_factory(statuses=[500] * 10)
    settings.SMS_HTTP_RETRIES = 1
    message = sms_queue(phone="+84912345678", body="Mã 654321", secret="654321")
    message.refresh_from_db()
    assert message.status == SmsStatus.FAILED
    assert "HTTP 500" in message.last_error
    assert "654321" not in message.body + message.sealed_secret  # kept sealed to send again
    gateway.statuses = []
    assert sms_deliver(message_id=message.pk).status == SmsStatus.SENT
    assert json.loads(gateway.requests[-1]["body"])["text"] == "Ma 654321"


def test_an_unreachable_gateway_is_a_recorded_failure_not_a_crash(settings):
    settings.SMS_BACKEND = "http"
    settings.SMS_HTTP_URL = "http://127.0.0.1:9/unreachable"
    settings.SMS_HTTP_RETRIES = 0
    message = sms_queue(phone="+84912345678", body="x")
    message.refresh_from_db()
    assert message.status == SmsStatus.FAILED
    assert message.last_error


def test_console_backend_hides_one_time_codes_outside_debug(settings, caplog):
    settings.SMS_BACKEND = "console"
    settings.DEBUG = False
    with caplog.at_level("INFO", logger="pakn.core.sms"):
        sms_queue(phone="+84912345678", body="Ma xac thuc 246810", secret="246810")
        sms_queue(phone="+84912345678", body="Phan anh da duoc tiep nhan")
    logged = caplog.text
    assert "246810" not in logged and "912345678" not in logged
    assert "Phan anh da duoc tiep nhan" in logged
