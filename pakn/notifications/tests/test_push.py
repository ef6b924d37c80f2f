"""Web push end to end: a subscription made by the test (its own P-256 key and auth secret,
as a browser makes them), a real notification from the workflow, a real HTTP push service
on a local port, and the payload decrypted with the subscription's key (http_ece, RFC 8291)."""

import base64
import json
import os
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.urls import reverse

from pakn.notifications.models import Notification, NotificationMute, PushSubscription
from pakn.notifications.push import push_deliver
from pakn.notifications.vapid import vapid_private_key_new, vapid_public_key
from pakn.reports.services.submission import ReportDetails, report_submit
from pakn.reports.workflow import report_apply

pytestmark = pytest.mark.django_db


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class PushService:
    """A push service on a local port: keeps each POST, answers with ``status``."""

    def __init__(self):
        self.requests = []
        self.status = 201
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - the standard library's name
                length = int(self.headers.get("Content-Length", 0))
                service.requests.append(
                    {"headers": dict(self.headers), "body": self.rfile.read(length)}
                )
                self.send_response(service.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/push/device-1"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def push_service():
    service = PushService()
    yield service
    service.close()


@pytest.fixture
def vapid_key(settings):
    settings.WEBPUSH_VAPID_PRIVATE_KEY = vapid_private_key_new()
    settings.PUBLIC_BASE_URL = "https://pakn.khanhhoa.gov.vn"
    return settings.WEBPUSH_VAPID_PRIVATE_KEY


@pytest.fixture
def device(org, push_service):
    """The citizen's phone: its key pair and auth secret, subscribed at the push service."""
    private = ec.generate_private_key(ec.SECP256R1())
    public = private.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    auth = os.urandom(16)
    # Made directly: the page refuses any address but the browsers' push services.
    subscription = PushSubscription.objects.create(
        user=org["reporter"], endpoint=push_service.url, p256dh=b64(public), auth=b64(auth)
    )
    return {"private": private, "auth": auth, "subscription": subscription}


def rejected_report(org, capture):
    with capture(execute=True):
        report = report_submit(
            reporter=org["reporter"],
            details=ReportDetails(title="Đèn đường hỏng", content="Đèn tắt ba đêm nay."),
            idempotency_key=uuid.uuid4(),
        )
    with capture(execute=True):
        report_apply(report_id=report.pk, action="reject", actor=org["coordinator"],
                     reason="Không thuộc thẩm quyền của tỉnh.")  # fmt: skip
    return report


def decrypted(request, device) -> dict:
    plain = http_ece.decrypt(
        request["body"], private_key=device["private"], auth_secret=device["auth"],
        version="aes128gcm",
    )  # fmt: skip
    return json.loads(plain)


def test_a_citizens_device_gets_each_notification_it_would_get_by_sms_encrypted_and_signed(
    org, vapid_key, device, push_service, django_capture_on_commit_callbacks
):
    report = rejected_report(org, django_capture_on_commit_callbacks)

    messages = [decrypted(request, device) for request in push_service.requests]
    assert [m["title"] for m in messages] == [
        f"Đã tiếp nhận phản ánh {report.code}",
        f"Phản ánh {report.code} không được tiếp nhận",
    ]
    assert messages[1]["body"] == "Lý do: Không thuộc thẩm quyền của tỉnh."
    assert messages[1]["url"] == f"https://pakn.khanhhoa.gov.vn/phan-anh-cua-toi/{report.code}/"
    headers = push_service.requests[1]["headers"]
    assert headers["content-encoding"] == "aes128gcm"
    assert headers["authorization"].startswith("vapid t=")
    assert f"k={vapid_public_key(vapid_key)}" in headers["authorization"]
    device["subscription"].refresh_from_db()
    assert device["subscription"].last_sent_at is not None


def test_a_push_goes_once_per_device_even_when_the_task_runs_again(
    org, vapid_key, device, push_service, django_capture_on_commit_callbacks
):
    rejected_report(org, django_capture_on_commit_callbacks)
    sent = len(push_service.requests)
    notification = Notification.objects.filter(recipient=org["reporter"]).latest("pk")
    assert push_deliver(notification_id=notification.pk) == 0
    assert len(push_service.requests) == sent


def test_a_subscription_the_push_service_forgot_is_deleted(
    org, vapid_key, device, push_service, django_capture_on_commit_callbacks
):
    push_service.status = 410
    rejected_report(org, django_capture_on_commit_callbacks)
    assert push_service.requests  # it was tried
    assert not PushSubscription.objects.exists()


def test_a_dead_push_service_costs_nothing_but_its_push(
    org, vapid_key, device, push_service, django_capture_on_commit_callbacks, sms_outbox
):
    push_service.close()  # nothing listens on the port any more
    report = rejected_report(org, django_capture_on_commit_callbacks)
    assert Notification.objects.filter(recipient=org["reporter"], report=report).count() == 2
    assert PushSubscription.objects.count() == 1  # kept: the service may come back


def test_push_turned_off_for_a_kind_is_not_sent(
    org, vapid_key, device, push_service, django_capture_on_commit_callbacks
):
    NotificationMute.objects.create(user=org["reporter"], kind="rejected", channel="push")
    report = rejected_report(org, django_capture_on_commit_callbacks)
    titles = [decrypted(request, device)["title"] for request in push_service.requests]
    assert titles == [f"Đã tiếp nhận phản ánh {report.code}"]


SUBSCRIBE = reverse("notifications:push-subscribe")
FCM = "https://fcm.googleapis.com/fcm/send/abc:def"


@pytest.mark.parametrize(
    ("endpoint", "accepted"),
    [
        (FCM, True),
        ("https://wns2-par02p.notify.windows.com/w/?token=x", True),
        ("http://fcm.googleapis.com/fcm/send/abc", False),  # not https
        ("https://169.254.169.254/latest/meta-data/", False),  # not a push service
        ("https://fcm.googleapis.com.evil.example/x", False),
        ("https://127.0.0.1:8000/admin/", False),
        ("not a url", False),
        (12, False),
    ],
)
def test_the_server_takes_only_the_browsers_push_services(
    client, org, vapid_key, endpoint, accepted
):
    client.force_login(org["reporter"])
    body = {"endpoint": endpoint, "keys": {"p256dh": "BKey", "auth": "secret"}}
    response = client.post(SUBSCRIBE, json.dumps(body), content_type="application/json")
    assert response.status_code == (201 if accepted else 400)
    assert PushSubscription.objects.filter(user=org["reporter"]).exists() is accepted
    if not accepted:
        assert "không hợp lệ" in response.json()["message"]


def test_subscribing_needs_a_login_a_json_body_and_the_sites_key(client, org, settings, vapid_key):
    body = json.dumps({"endpoint": FCM, "keys": {"p256dh": "BKey", "auth": "secret"}})
    assert client.post(SUBSCRIBE, body, content_type="application/json").status_code == 302
    client.force_login(org["reporter"])
    assert client.post(SUBSCRIBE, "{not json", content_type="application/json").status_code == 400
    settings.WEBPUSH_VAPID_PRIVATE_KEY = ""
    response = client.post(SUBSCRIBE, body, content_type="application/json")
    assert response.status_code == 400 and "chưa bật" in response.json()["message"]
    assert not PushSubscription.objects.exists()


def test_a_device_is_unsubscribed_only_by_its_own_person(client, org, vapid_key):
    PushSubscription.objects.create(user=org["reporter"], endpoint=FCM, p256dh="k", auth="a")
    body = json.dumps({"endpoint": FCM})
    client.force_login(org["other_citizen"])
    client.post(reverse("notifications:push-unsubscribe"), body, content_type="application/json")
    assert PushSubscription.objects.count() == 1
    client.force_login(org["reporter"])
    client.post(reverse("notifications:push-unsubscribe"), body, content_type="application/json")
    assert not PushSubscription.objects.exists()


def test_the_settings_page_offers_push_with_the_sites_public_key(client, org, vapid_key):
    client.force_login(org["reporter"])
    html = client.get(reverse("notifications:preferences")).content.decode()
    assert f'data-push-key="{vapid_public_key(vapid_key)}"' in html
    assert 'value="answered:push"' in html
