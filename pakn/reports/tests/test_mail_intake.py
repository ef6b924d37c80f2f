"""E-mail intake from the .eml folder (issue 16): real message files, a folder mixing good
and bad ones, each read once, each failure kept with its reason."""

import shutil
from pathlib import Path

import pytest

from pakn.accounts.models import AccountType
from pakn.accounts.tests.factories import UserFactory
from pakn.notifications.scheduler import scheduler_pass
from pakn.reports.mailbox import mailbox_read
from pakn.reports.models import (
    Attachment,
    InboundEmail,
    InboundEmailStatus,
    MailboxState,
    Report,
    ReportChannel,
    ReportStatus,
)
from pakn.reports.services.mail_intake import inbound_email_receive

MAIL = Path(__file__).parent / "mail"
pytestmark = pytest.mark.django_db


@pytest.fixture
def inbox(settings, tmp_path):
    folder = tmp_path / "mail-inbox"
    folder.mkdir()
    settings.MAIL_INBOX_DIR = folder
    return folder


def drop(inbox: Path, *names: str) -> None:
    for name in names:
        shutil.copy(MAIL / name, inbox / name)


def test_a_folder_mixing_good_and_bad_mail_is_read_to_the_end(org, inbox):
    drop(inbox, *sorted(path.name for path in MAIL.glob("*.eml")))
    counts = mailbox_read()

    # The duplicate of 01 makes nothing; the two unreadable ones are failures; the rest drafts.
    assert counts == {"drafted": 7, "failed": 2, "seen_before": 1}
    drafts = Report.objects.filter(channel=ReportChannel.EMAIL, status=ReportStatus.DRAFT)
    assert drafts.count() == 7
    failed = {r.source: r.failure_reason for r in
              InboundEmail.objects.filter(status=InboundEmailStatus.FAILED)}  # fmt: skip
    assert "không có dòng tiêu đề thư" in failed["07-not-an-email.eml"]
    assert "không có địa chỉ người gửi" in failed["08-no-sender.eml"]
    # Read once: every file moved out of the inbox, the failed ones apart for a person to see.
    assert not list(inbox.glob("*.eml"))
    assert sorted(p.name for p in (inbox / "failed").iterdir()) == [
        "07-not-an-email.eml", "08-no-sender.eml"]  # fmt: skip
    assert mailbox_read() == {"drafted": 0, "failed": 0, "seen_before": 0}
    state = MailboxState.objects.get()
    assert state.last_error == "" and state.succeeded_at is not None


def test_plain_text_mail_becomes_a_draft_of_its_sender_as_a_contact(org):
    record = inbound_email_receive(raw=(MAIL / "01-plain.eml").read_bytes(), source="01")
    report = record.report
    assert record.status == InboundEmailStatus.DRAFTED
    assert report.title == "Đèn đường hỏng trên đường Trần Phú"
    assert "trước số 12 Trần Phú" in report.content
    assert report.channel == ReportChannel.EMAIL and report.status == ReportStatus.DRAFT
    assert report.reporter.account_type == AccountType.CONTACT
    assert report.reporter.email == "an.nguyen@example.vn"
    assert report.reporter.full_name == "Nguyễn Văn An"
    assert report.coordinating_unit == org["centre"]


def test_the_sender_with_an_account_is_the_reporter(org):
    citizen = UserFactory(email="An.Nguyen@example.vn")
    record = inbound_email_receive(raw=(MAIL / "01-plain.eml").read_bytes())
    assert record.report.reporter == citizen


def test_a_duplicate_message_id_makes_no_second_draft(org):
    first = inbound_email_receive(raw=(MAIL / "01-plain.eml").read_bytes())
    again = inbound_email_receive(raw=(MAIL / "04-duplicate-message-id.eml").read_bytes())
    assert again.pk == first.pk
    assert Report.objects.count() == 1
    assert "trước số 12" in Report.objects.get().content  # the first text is kept


def test_html_only_mail_is_readable_text_without_its_script(org):
    report = inbound_email_receive(raw=(MAIL / "02-html-only.eml").read_bytes()).report
    assert report.title == "Rác thải ở chợ Đầm"  # "Fwd:" removed
    assert report.content == "Rác thải ở chợ Đầm không được thu gom & bốc mùi.\nXin cảm ơn."
    assert "alert" not in report.content and "color" not in report.content


def test_attachments_go_through_the_upload_checks(org):
    record = inbound_email_receive(raw=(MAIL / "03-attachments.eml").read_bytes())
    kept = Attachment.objects.filter(report=record.report)
    assert sorted((a.original_name, a.kind) for a in kept) == [
        ("don-kien-nghi.pdf", "document"), ("o-ga.jpg", "photo")]  # fmt: skip
    assert [f["name"] for f in record.refused_files] == ["hoa-don.exe"]
    assert "chương trình chạy được" in record.refused_files[0]["reason"]
    # The HTML alternative of the text is not taken for a file.
    assert record.report.content == "Ổ gà lớn tại km 1450 Quốc lộ 1, xem ảnh đính kèm."


def test_a_message_without_body_is_a_draft_that_says_so(org):
    record = inbound_email_receive(raw=(MAIL / "05-no-body.eml").read_bytes())
    assert record.status == InboundEmailStatus.DRAFTED
    assert record.report.content == ""
    assert "không có nội dung" in record.notes


def test_windows_1258_bytes_declared_utf8_are_read_as_vietnamese(org):
    record = inbound_email_receive(raw=(MAIL / "06-wrong-charset.eml").read_bytes())
    assert record.subject == "Nước đục"
    assert record.report.content == "Nước sinh hoạt ở thôn Phú Lộc bị đục nhiều ngày."
    assert "cp1258" in record.notes


def test_an_attachment_over_the_limits_is_refused_and_the_message_kept(org, inbox, settings):
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "x@example.vn"
    message["Subject"] = "Tệp lớn"
    message["Message-ID"] = "<huge@example.vn>"
    message.set_content("Có tệp rất lớn.")
    message.add_attachment(b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024), maintype="application",
                           subtype="pdf", filename="lon.pdf")  # fmt: skip
    (inbox / "huge.eml").write_bytes(message.as_bytes())
    (inbox / "z-next.eml").write_bytes((MAIL / "01-plain.eml").read_bytes())
    assert mailbox_read()["drafted"] == 2
    record = InboundEmail.objects.get(message_id="<huge@example.vn>")
    assert "quá lớn" in record.refused_files[0]["reason"]

    # A whole message over MAIL_INTAKE_MAX_MB is a failure with its reason; the next is read.
    settings.MAIL_INTAKE_MAX_MB = 1
    (inbox / "huge2.eml").write_bytes(message.as_bytes().replace(b"huge@", b"huge2@"))
    (inbox / "z-next2.eml").write_bytes((MAIL / "02-html-only.eml").read_bytes())
    assert mailbox_read() == {"drafted": 1, "failed": 1, "seen_before": 0}
    assert InboundEmail.objects.get(source="huge2.eml").failure_reason.startswith("Thư quá lớn")


def test_the_scheduler_queues_the_mailbox_reading(org, inbox):
    drop(inbox, "01-plain.eml")
    scheduler_pass()  # tests run tasks at once
    assert InboundEmail.objects.get().status == InboundEmailStatus.DRAFTED


def test_the_unique_message_id_stops_a_second_worker_s_draft(org):
    """Two workers past the "already read?" check at once: the second insert fails on the
    unique Message-ID and its whole draft is rolled back."""
    from django.db import IntegrityError

    from pakn.reports.services.mail_intake import _draft_create, email_parse

    raw = (MAIL / "03-attachments.eml").read_bytes()
    _draft_create(email_parse(raw), source="worker 1")
    with pytest.raises(IntegrityError):
        _draft_create(email_parse(raw), source="worker 2")
    assert Report.objects.count() == 1
    assert Attachment.objects.count() == 2


def test_nested_multiparts_give_the_html_text_and_the_inline_photo(org):
    record = inbound_email_receive(raw=(MAIL / "09-nested-multipart.eml").read_bytes())
    assert record.report.title == "Cây đổ"
    assert record.report.content == "Cây đổ chắn đường\nThôn Đông"
    [photo] = Attachment.objects.filter(report=record.report)
    assert (photo.original_name, photo.kind) == ("cay-do.jpg", "photo")


def test_a_multipart_without_its_boundary_keeps_its_text(org):
    record = inbound_email_receive(raw=(MAIL / "10-missing-boundary.eml").read_bytes())
    assert record.status == InboundEmailStatus.DRAFTED
    assert "Cong thoat nuoc bi tac." in record.report.content
    assert "thiếu dấu phân cách" in record.notes
    assert record.refused_files == []
