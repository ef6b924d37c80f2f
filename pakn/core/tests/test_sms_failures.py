"""When an SMS cannot leave (issue 11, point 7): the failure is recorded on the row with an
error that holds no code, and no one-time code is ever readable in the database."""

import socket

import pytest
from django.db import connection, transaction

from pakn.core.models import OutgoingSms, SmsStatus
from pakn.core.sms import sms_deliver, sms_queue
from pakn.core.tests.test_sms import FakeGateway

pytestmark = pytest.mark.django_db(transaction=True)
CODE = "731904"
TEXT = f"Ma xac thuc dang ky PAKN cua ban la {CODE}. Hieu luc 5 phut."


def unwritable_outbox(tmp_path):
    """A folder below a regular file: no one can create it, not even root (tests run as root,
    who ignores chmod)."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    return blocker / "sms"


def dead_port() -> int:
    """A port that was just bound and closed: a real connection refusal, nothing listening."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_text() -> str:
    """Every value of the tables an SMS and its code touch, as one string to search."""
    with connection.cursor() as cursor:
        values = []
        for table in ("core_outgoingsms", "accounts_onetimecode"):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
            values += [str(value) for row in cursor.fetchall() for value in row]
    return "\n".join(values)


def test_an_unwritable_outbox_is_a_recorded_failure(settings, tmp_path):
    settings.SMS_BACKEND = "outbox"
    settings.SMS_OUTBOX_DIR = unwritable_outbox(tmp_path)
    message = sms_queue(phone="+84912345678", body=TEXT, secret=CODE)
    message.refresh_from_db()
    assert message.status == SmsStatus.FAILED
    assert message.attempts == 1
    assert "Không ghi được hộp thư đi" in message.last_error
    assert CODE not in database_text()

    # Once the outbox can be written, the same row goes out with its code.
    settings.SMS_OUTBOX_DIR = tmp_path / "sms"
    assert sms_deliver(message_id=message.pk).status == SmsStatus.SENT
    [sent] = (tmp_path / "sms").iterdir()
    assert CODE in sent.read_text(encoding="utf-8")
    assert CODE not in database_text()
    message.refresh_from_db()
    assert message.sealed_secret == "" and message.last_error == ""


def test_a_dead_gateway_port_is_a_recorded_failure_without_the_code(settings):
    settings.SMS_BACKEND = "http"
    settings.SMS_HTTP_URL = f"http://127.0.0.1:{dead_port()}/send"
    settings.SMS_HTTP_RETRIES = 0
    message = sms_queue(phone="+84912345678", body=TEXT, secret=CODE)
    message.refresh_from_db()
    assert message.status == SmsStatus.FAILED
    assert "ConnectionError" in message.last_error
    assert CODE not in database_text()


@pytest.fixture
def echoing_gateway(settings):
    gateway = FakeGateway(statuses=[400])
    settings.SMS_BACKEND = "http"
    settings.SMS_HTTP_URL = gateway.url
    settings.SMS_HTTP_RETRIES = 0
    yield gateway
    gateway.close()


def test_a_gateway_that_echoes_the_text_in_its_error_does_not_put_the_code_in_the_log(
    echoing_gateway,
):
    gateway = echoing_gateway
    original_post = gateway.server.RequestHandlerClass.do_POST

    def echo(handler):
        original_post(handler)
        handler.wfile.write(gateway.requests[-1]["body"].encode())

    gateway.server.RequestHandlerClass.do_POST = echo
    message = sms_queue(phone="+84912345678", body=TEXT, secret=CODE)
    message.refresh_from_db()
    assert message.status == SmsStatus.FAILED
    assert "HTTP 400" in message.last_error
    assert CODE not in database_text()


def test_a_queued_code_is_sealed_and_masked_in_the_database(settings, tmp_path):
    settings.SMS_OUTBOX_DIR = tmp_path
    with transaction.atomic():
        message = sms_queue(phone="+84912345678", body=TEXT, secret=CODE)
        assert OutgoingSms.objects.get(pk=message.pk).body == TEXT.replace(CODE, "******")
        assert CODE not in database_text()


def test_a_code_masked_before_sealing_is_never_sent_as_stars(settings, tmp_path):
    """Rows the migration masked (queued before codes were sealed) have no code left to send."""
    settings.SMS_OUTBOX_DIR = tmp_path
    message = OutgoingSms.objects.create(
        phone="+84912345678", body=TEXT.replace(CODE, "******"), sensitive=True
    )
    assert sms_deliver(message_id=message.pk).status == SmsStatus.FAILED
    assert list(tmp_path.iterdir()) == []
    message.refresh_from_db()
    assert "mã mới" in message.last_error


def test_the_migration_masks_codes_left_in_clear_by_earlier_versions():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("pakn.core.migrations.0006_outgoingsms_sealed_secret")
    waiting = OutgoingSms.objects.create(phone="+84912345678", body=TEXT, sensitive=True)
    receipt = OutgoingSms.objects.create(phone="+84912345678", body="PAKN-2026-123456 da nhan")
    migration.mask_codes_in_clear(apps, None)
    waiting.refresh_from_db()
    receipt.refresh_from_db()
    assert waiting.body == TEXT.replace(CODE, "******")
    assert receipt.body == "PAKN-2026-123456 da nhan"  # holds no code: left as it was
