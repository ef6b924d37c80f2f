""" "Cài đặt thông báo": a person turns off the e-mail or SMS copy of a kind of notification.
The in-app notification always stays, the receipt of a sent report follows the same table
(it went around it before), and one-time codes are not notifications: they always go."""

import uuid

import pytest
from django.urls import reverse

from pakn.accounts.models import OtpPurpose
from pakn.accounts.services.otp import otp_issue
from pakn.notifications.models import Notification, NotificationKind, NotificationMute
from pakn.notifications.tests.test_event_notifications import act
from pakn.reports.services.submission import ReportDetails, report_submit

pytestmark = pytest.mark.django_db
URL = reverse("notifications:preferences")


@pytest.fixture
def citizen(org):
    citizen = org["reporter"]
    citizen.email, citizen.phone = "dan@example.vn", "+84905123456"
    citizen.save()
    return citizen


def boxes(response) -> dict[str, bool]:
    """Each check box of the page: its value and whether it is ticked."""
    html = response.content.decode()
    found = {}
    for chunk in html.split('name="copy" value="')[1:]:
        value, rest = chunk.split('"', 1)
        found[value] = rest.split(">", 1)[0].rstrip().endswith("checked")
    return found


def send(citizen, capture):
    with capture(execute=True):
        return report_submit(
            reporter=citizen,
            details=ReportDetails(title="Đèn đường hỏng", content="Đèn tắt ba đêm nay."),
            idempotency_key=uuid.uuid4(),
        )


def test_the_page_offers_what_the_rule_table_sends_this_person(client, citizen, org):
    client.force_login(citizen)
    offered = boxes(client.get(URL))
    assert offered == {
        f"{kind}:{channel}": True
        for kind in ["received", "question", "answered", "rejected", "merged", "message"]
        for channel in ["email", "sms", "push"]
    } | {"followed_answered:email": True, "followed_answered:push": True}
    client.force_login(org["handler"])
    officer = boxes(client.get(URL))
    assert "assigned:email" in officer and "reminder:email" in officer and "digest:email" in officer
    assert not [value for value in officer if value.endswith(":sms")]  # officers get no SMS
    assert "assigned:push" in officer
    assert "answered:email" not in officer  # a citizen's kind


def test_a_citizen_turns_off_the_sms_receipt_and_keeps_the_rest(
    client, citizen, django_capture_on_commit_callbacks, mailoutbox, sms_outbox
):
    client.force_login(citizen)
    ticked = [value for value, on in boxes(client.get(URL)).items() if on]
    ticked.remove("received:sms")
    response = client.post(URL, {"copy": [*ticked, "assigned:email", "nonsense"]}, follow=True)
    assert "Đã lưu cài đặt thông báo." in response.content.decode()
    assert boxes(response)["received:sms"] is False
    assert boxes(response)["answered:sms"] is True
    assert list(NotificationMute.objects.values_list("user", "kind", "channel")) == [
        (citizen.pk, "received", "sms")
    ]

    report = send(citizen, django_capture_on_commit_callbacks)
    assert sms_outbox.messages() == []
    assert [m.to for m in mailoutbox] == [["dan@example.vn"]]
    assert report.code in mailoutbox[0].subject
    assert Notification.objects.filter(recipient=citizen, kind=NotificationKind.RECEIVED).exists()


def test_the_receipt_goes_by_sms_and_e_mail_through_the_rule_table(
    citizen, django_capture_on_commit_callbacks, mailoutbox, sms_outbox
):
    report = send(citizen, django_capture_on_commit_callbacks)
    [text] = sms_outbox.messages()
    assert text["to"] == "+84905123456" and report.code in text["body"]
    assert "Da tiep nhan" in text["body"]
    assert [m.to for m in mailoutbox] == [["dan@example.vn"]]


def test_turning_everything_off_leaves_the_app_and_the_one_time_codes(
    client, citizen, org, django_capture_on_commit_callbacks, mailoutbox, sms_outbox
):
    client.force_login(citizen)
    client.post(URL, {})  # every box cleared
    report = send(citizen, django_capture_on_commit_callbacks)
    act(django_capture_on_commit_callbacks, report_id=report.pk, action="reject",
        actor=org["coordinator"], reason="Không thuộc thẩm quyền.")  # fmt: skip
    assert mailoutbox == [] and sms_outbox.messages() == []
    kinds = set(Notification.objects.filter(recipient=citizen).values_list("kind", flat=True))
    assert kinds == {NotificationKind.RECEIVED, NotificationKind.REJECTED}

    with django_capture_on_commit_callbacks(execute=True):
        otp_issue(
            phone=citizen.phone, purpose=OtpPurpose.PASSWORD_RESET, ip_address=None, user=citizen
        )
    assert [t["to"] for t in sms_outbox.messages()] == ["+84905123456"]


def test_the_page_needs_a_login_and_changes_only_ones_own_settings(client, citizen, org):
    assert client.get(URL).status_code == 302
    assert client.post(URL, {}).status_code == 302
    assert not NotificationMute.objects.exists()

    client.force_login(org["other_citizen"])
    client.post(URL, {})
    assert not NotificationMute.objects.filter(user=citizen).exists()
    assert NotificationMute.objects.filter(user=org["other_citizen"]).count() == 20
