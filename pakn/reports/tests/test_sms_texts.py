"""Every text message goes out in GSM 7-bit letters (one accented letter makes a message
Unicode: 70 letters instead of 160, two or three times the price) and, where it is about a
report, with the report's short link. Checked with an SMS codec from PyPI (smspdudecoder),
not with the rule that folds the texts."""

import uuid

import pytest
from django.core.cache import cache
from django.urls import reverse
from smspdudecoder.codecs import GSM

from pakn.accounts.services.otp import SMS_TEXT_BY_PURPOSE
from pakn.accounts.services.profile import PHONE_TAKEN_SMS
from pakn.accounts.services.registration import REGISTRATION_ATTEMPT_SMS
from pakn.core.models import OutgoingSms, SiteSettings
from pakn.core.sms import sms_queue
from pakn.core.text import text_sms
from pakn.notifications.rules import SMS_TEXTS
from pakn.reports.links import sms_with_link
from pakn.reports.services.submission import ReportDetails, report_submit

BASE = "https://pakn.khanhhoa.gov.vn"
CODE = "PAKN-2026-000123"
ONE_SMS = 160  # GSM 7-bit letters in a single message


def gsm7_length(text: str) -> int:
    """Letters the text takes in GSM 7-bit; ValueError when it cannot be sent that way."""
    GSM.encode(text)
    return len(text) + sum(1 for c in text if c in GSM.ALPHABET_EXT_INV)


@pytest.fixture
def khanh_hoa(settings, db):
    settings.PUBLIC_BASE_URL = BASE
    SiteSettings.objects.update_or_create(pk=1, defaults={"short_name": "PAKN Khánh Hòa"})
    cache.clear()


def rendered_texts() -> dict[str, tuple[str, str]]:
    """Each SMS template as it is sent: (text, secret)."""
    values = {"code": CODE, "portal": "PAKN Khánh Hòa"}
    texts = {
        f"otp:{purpose}": (template.format(code="482916"), "482916")
        for purpose, template in SMS_TEXT_BY_PURPOSE.items()
    }
    texts["registration attempt"] = (REGISTRATION_ATTEMPT_SMS, "")
    texts["phone taken"] = (PHONE_TAKEN_SMS, "")
    for kind, template in SMS_TEXTS.items():
        texts[f"notification:{kind}"] = (sms_with_link(str(template) % values, code=CODE), "")
    return texts


def test_every_sms_template_goes_out_in_one_gsm7_message(khanh_hoa):
    texts = rendered_texts()
    assert len(texts) == len(SMS_TEXT_BY_PURPOSE) + 2 + len(SMS_TEXTS)
    for name, (text, secret) in texts.items():
        message = sms_queue(phone="+84905123456", body=text, secret=secret)
        sent = message.body.replace("******", secret) if secret else message.body
        assert gsm7_length(sent) <= ONE_SMS, (name, len(sent), sent)
    notification = texts[f"notification:{next(iter(SMS_TEXTS))}"][0]
    assert "Khanh Hoa" in text_sms(notification)
    assert notification.endswith(f"{BASE}/r/{CODE}/")


def test_the_receipt_names_the_site_links_to_the_report_and_is_gsm7(
    khanh_hoa, org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = report_submit(
            reporter=org["reporter"],
            details=ReportDetails(title="Đèn đường hỏng", content="Đèn tắt ba đêm nay."),
            idempotency_key=uuid.uuid4(),
        )
    receipt = OutgoingSms.objects.get(phone=org["reporter"].phone)
    assert receipt.body.startswith("PAKN Khanh Hoa: Da tiep nhan")
    assert receipt.body.endswith(f" {BASE}/r/{report.code}/")
    assert gsm7_length(receipt.body) <= ONE_SMS


def test_without_the_sites_address_a_text_carries_no_link(settings, db):
    settings.PUBLIC_BASE_URL = ""
    assert sms_with_link("PAKN: Phan anh da co ket qua.", code=CODE) == (
        "PAKN: Phan anh da co ket qua."
    )


@pytest.mark.parametrize(
    ("typed", "sent"),
    [
        ("Đường Trần Phú, phường Nha Trang", "Duong Tran Phu, phuong Nha Trang"),
        ("“Khánh Hòa” – 2 ngày…", '"Khanh Hoa" - 2 ngay...'),
        ("Mã [KH]{1} a\\b | ~ ^`x`", "Ma (KH)(1) a/b / - 'x'"),
        ("Diện tích 12 m² ✓", "Dien tich 12 m? ?"),
        ("ỨNG DỤNG KHANHHOA-S", "UNG DUNG KHANHHOA-S"),
    ],
)
def test_any_text_is_folded_to_letters_every_handset_reads(typed, sent):
    assert text_sms(typed) == sent
    GSM.encode(text_sms(typed))


def test_the_short_link_leads_to_the_citizens_page_of_the_report(client, org):
    report = report_submit(
        reporter=org["reporter"],
        details=ReportDetails(title="Cây đổ", content="Cây đổ chắn đường."),
        idempotency_key=uuid.uuid4(),
    )
    short = reverse("reports:short", args=[report.code])
    detail = reverse("reports:detail", args=[report.code])

    anonymous = client.get(short, follow=True)
    assert anonymous.redirect_chain[0] == (detail, 302)
    assert reverse("accounts:login") in anonymous.redirect_chain[-1][0]

    client.force_login(org["reporter"])
    page = client.get(short, follow=True)
    assert page.status_code == 200
    assert report.code in page.content.decode()

    client.force_login(org["other_citizen"])
    assert client.get(short, follow=True).status_code == 404
