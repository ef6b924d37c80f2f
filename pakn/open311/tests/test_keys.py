"""Partner keys: created in the admin or by a command, shown once, stored as a hash, each with
its own rate limit and its own record of what it sent; reports sent with a key reach the
coordinators like any other and tell no one's phone or mailbox."""

import hashlib
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from pakn.accounts.models import User
from pakn.notifications.models import Notification
from pakn.open311.models import ApiKey, Submission
from pakn.open311.services import api_key_create
from pakn.reports.models import Report
from pakn.reports.workflow import report_apply

pytestmark = pytest.mark.django_db
REQUESTS = "/open311/v2/requests.json"


def _fields(province, raw_key, **extra):
    return {
        "api_key": raw_key,
        "service_code": province["potholes"].code,
        "address_string": "Chợ Đầm, Nha Trang",
        "description": "Nắp cống bị vỡ trước cổng chợ.",
        **extra,
    }


def _stored_anywhere(raw_key: str) -> bool:
    api_key = ApiKey.objects.get(prefix=raw_key[:8])
    values = [str(getattr(api_key, f.attname)) for f in ApiKey._meta.concrete_fields]
    values += [str(v) for v in User.objects.filter(pk=api_key.account_id).values().get().values()]
    return any(raw_key in value for value in values)


def test_the_command_prints_the_key_once_and_stores_only_its_hash(province, client):
    out, err = io.StringIO(), io.StringIO()
    call_command("open311_key_create", name="Ứng dụng Nha Trang Xanh", rate=5, stdout=out,
                 stderr=err)  # fmt: skip
    raw_key = out.getvalue().strip()
    assert len(raw_key) >= 40 and raw_key[:8] in err.getvalue()
    api_key = ApiKey.objects.get()
    assert api_key.key_hash == hashlib.sha256(raw_key.encode()).hexdigest()
    assert api_key.rate_limit_per_minute == 5 and api_key.name == "Ứng dụng Nha Trang Xanh"
    assert not _stored_anywhere(raw_key)
    assert not api_key.account.has_usable_password()
    assert client.post(REQUESTS, _fields(province, raw_key)).status_code == 201
    with pytest.raises(CommandError):
        call_command("open311_key_create", name="X", rate=0, stdout=io.StringIO())


def test_the_admin_creates_a_key_and_shows_it_once(client, django_user_model, province):
    admin_user = django_user_model.objects.create_superuser("admin", "a@example.vn", "Quantri@2026")
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:open311_apikey_add"),
        {"name": "Cổng 311 Cam Ranh", "contact": "", "rate_limit_per_minute": 12,
         "is_active": "on"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    api_key = ApiKey.objects.get(name="Cổng 311 Cam Ranh")
    page = response.content.decode()
    raw_key = page.split('<code id="open311-api-key">')[1].split("</code>")[0]
    assert api_key.key_hash == hashlib.sha256(raw_key.encode()).hexdigest()
    assert api_key.rate_limit_per_minute == 12
    change = client.get(reverse("admin:open311_apikey_change", args=[api_key.pk]))
    assert change.status_code == 200 and raw_key not in change.content.decode()
    assert raw_key[:8] in change.content.decode()
    assert not _stored_anywhere(raw_key)
    assert client.post(REQUESTS, _fields(province, raw_key)).status_code == 201
    records = client.get(reverse("admin:open311_submission_changelist"))
    assert records.status_code == 200 and "Cổng 311 Cam Ranh" in records.content.decode()


def test_each_key_has_its_own_rate_limit(client, province):
    slow, slow_key = api_key_create(name="Đối tác chậm", rate_limit_per_minute=2)
    _fast, fast_key = api_key_create(name="Đối tác nhanh", rate_limit_per_minute=100)
    assert client.post(REQUESTS, _fields(province, slow_key)).status_code == 201
    assert client.post(REQUESTS, _fields(province, slow_key)).status_code == 201
    refused = client.post(REQUESTS, _fields(province, slow_key))
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert refused.json()[0]["code"] == 429
    assert client.post(REQUESTS, _fields(province, fast_key)).status_code == 201
    assert Submission.objects.filter(api_key=slow).count() == 2


def test_the_record_keeps_what_each_key_sent(client, province, partner):
    api_key, raw_key = partner
    client.post(REQUESTS, _fields(province, raw_key, phone="0905123456", email="a@example.vn",
                                  **{"attribute[so_nha]": "12"}))  # fmt: skip
    client.post(REQUESTS, _fields(province, raw_key, description=""))
    accepted, refused = Submission.objects.order_by("id")
    assert accepted.status_code == 201 and accepted.report.code
    assert (accepted.phone, accepted.email) == ("0905123456", "a@example.vn")
    assert accepted.attributes == {"so_nha": "12"}
    assert "so_nha" not in accepted.report.content  # the sector asks no such question
    assert refused.status_code == 400 and refused.report is None
    assert refused.error.startswith("description:")
    api_key.refresh_from_db()
    assert api_key.last_used_at is not None


def test_coordinators_hear_of_it_and_no_one_is_sent_an_sms_or_mail(
    client, province, partner, django_capture_on_commit_callbacks, settings, tmp_path, mailoutbox
):
    settings.SMS_BACKEND, settings.SMS_OUTBOX_DIR = "outbox", tmp_path / "sms"
    api_key, raw_key = partner
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REQUESTS, _fields(province, raw_key, phone="0905123456"))
    report = Report.objects.get(code=response.json()[0]["service_request_id"])
    assert Notification.objects.filter(recipient=province["coordinator"], report=report).exists()
    with django_capture_on_commit_callbacks(execute=True):
        report_apply(report_id=report.pk, action="forward", actor=province["coordinator"],
                     unit_id=province["department"].pk)  # fmt: skip
        report_apply(report_id=report.pk, action="accept", actor=province["handler"])
        report_apply(report_id=report.pk, action="submit_answer", actor=province["handler"],
                     content="Đã thay nắp cống.")  # fmt: skip
        report_apply(report_id=report.pk, action="approve_answer", actor=province["leader"])
    assert Notification.objects.filter(recipient=api_key.account, report=report).exists()
    assert not (tmp_path / "sms").exists() or not any((tmp_path / "sms").iterdir())
    assert [m.to for m in mailoutbox if "0905123456" in str(m.to)] == []
