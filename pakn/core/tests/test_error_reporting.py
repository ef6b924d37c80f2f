"""Errors to Sentry when SENTRY_DSN is set (issue #17), without personal data: the events that
would leave the site are caught by a transport of the test's own instead of the network."""

import pytest
import sentry_sdk
from django.test import override_settings
from django.urls import path
from sentry_sdk.transport import Transport

from config import urls as site_urls
from pakn.core.error_reporting import error_reporting_start
from pakn.core.request_ids import request_id_bound


class KeptEvents(Transport):
    def __init__(self, options=None):
        super().__init__(options)
        self.events: list[dict] = []

    def capture_envelope(self, envelope):
        self.events.extend(item.payload.json for item in envelope.items if item.type == "event")


@pytest.fixture
def sentry():
    transport = KeptEvents()
    with override_settings(SENTRY_DSN="https://key@errors.example.invalid/7"):
        assert error_reporting_start(transport=transport)
    yield transport
    sentry_sdk.get_client().close()
    sentry_sdk.get_global_scope().set_client(None)


def test_no_dsn_starts_nothing():
    with override_settings(SENTRY_DSN=""):
        assert error_reporting_start() is False
    assert not sentry_sdk.get_client().is_active()


def test_an_error_reaches_sentry_with_its_request_id_and_no_personal_number(sentry):
    with request_id_bound("req-err-0001"):
        try:
            citizen_id = "079203001234"  # a local variable Sentry would send with the frame
            raise ValueError(f"Không tìm thấy công dân {citizen_id}, gọi 0905 123 456")
        except ValueError as error:
            sentry_sdk.capture_exception(error)
        sentry_sdk.get_client().flush()

    (event,) = sentry.events
    value = event["exception"]["values"][0]["value"]
    assert value == "Không tìm thấy công dân ***, gọi ***"
    assert event["tags"]["request_id"] == "req-err-0001"
    text = str(event)
    assert "079203001234" not in text and "0905 123 456" not in text
    assert "user" not in event or "ip_address" not in event.get("user", {})


def _broken(request):
    raise RuntimeError("hỏng khi đọc 0905123456")


# The site's own addresses beside the broken page: the 500 page links to them.
urlpatterns = [path("hong", _broken), *site_urls.urlpatterns]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_a_server_error_in_a_page_is_reported(sentry, client):
    client.raise_request_exception = False
    response = client.get("/hong")
    sentry_sdk.get_client().flush()
    assert response.status_code == 500
    (event,) = sentry.events
    assert event["exception"]["values"][-1]["value"] == "hỏng khi đọc ***"
    assert event["tags"]["request_id"] == response["X-Request-ID"]
    assert "0905123456" not in str(event)
