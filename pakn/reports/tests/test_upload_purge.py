"""Issue 11, point 4: uploads nobody sends do not stay forever. Real files on disk, aged by
setting their timestamps, removed by the scheduler's pass and by ``attachments_purge``; files
attached to a report, a message or an answer stay."""

import datetime
import io
import os
import re
import signal
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from pakn.accounts.tests.factories import UserFactory
from pakn.core.upload_handlers import OwnFolderTemporaryFileUploadHandler
from pakn.notifications.scheduler import scheduler_pass
from pakn.reports.models import Attachment
from pakn.reports.services.attachments import attachment_create, attachments_pending_purge
from pakn.reports.tests.factories import ReportFactory

pytestmark = pytest.mark.django_db


def photo(name: str) -> SimpleUploadedFile:
    output = io.BytesIO()
    Image.new("RGB", (64, 48), "green").save(output, format="JPEG")
    return SimpleUploadedFile(name, output.getvalue(), content_type="image/jpeg")


def stored_paths(attachment: Attachment) -> list[Path]:
    return [
        Path(stored.path)
        for stored in (attachment.file, attachment.public_file, attachment.thumbnail)
        if stored
    ]


def aged(attachment: Attachment, hours: float) -> Attachment:
    Attachment.objects.filter(pk=attachment.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=hours)
    )
    return attachment


@pytest.fixture
def citizen():
    return UserFactory()


def test_an_upload_never_sent_is_removed_after_a_day_with_its_files(
    citizen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the thumbnail is made
        old = attachment_create(uploaded_by=citizen, uploaded_file=photo("cu.jpg"),
                                upload_token=uuid.uuid4())  # fmt: skip
    old.refresh_from_db()
    old = aged(old, hours=25)
    recent = aged(attachment_create(uploaded_by=citizen, uploaded_file=photo("moi.jpg"),
                                    upload_token=uuid.uuid4()), hours=23)  # fmt: skip
    old_paths, recent_paths = stored_paths(old), stored_paths(recent)
    assert len(old_paths) == 3  # the original, the public copy and the thumbnail
    assert all(path.exists() for path in old_paths + recent_paths)

    result = scheduler_pass()

    assert result["uploads_removed"] == 1
    assert not Attachment.objects.filter(pk=old.pk).exists()
    assert not any(path.exists() for path in old_paths)
    assert Attachment.objects.filter(pk=recent.pk).exists()
    assert all(path.exists() for path in recent_paths)


def test_files_attached_to_a_report_a_message_or_an_answer_stay_however_old(citizen, org):
    from pakn.reports.models import Answer, Message

    report = ReportFactory(reporter=citizen)
    message = Message.objects.create(report=report, author=citizen, body="Bổ sung ảnh.")
    answer = Answer.objects.create(
        report=report, unit=org["department"], content="Đã xử lý.", drafted_by=org["handler"]
    )
    kept = []
    for owner in ({"report": report}, {"message": message}, {"answer": answer}):
        attachment = attachment_create(uploaded_by=citizen, uploaded_file=photo("giu.jpg"))
        Attachment.objects.filter(pk=attachment.pk).update(**owner)
        kept.append(aged(attachment, hours=24 * 400))

    call_command("attachments_purge", stdout=io.StringIO())

    assert Attachment.objects.count() == 3
    assert all(path.exists() for attachment in kept for path in stored_paths(attachment))


def test_the_command_removes_every_due_upload_and_says_how_many(citizen, settings, monkeypatch):
    from pakn.reports.services import attachments

    settings.UPLOADS_PENDING_MAX_FILES = 50
    monkeypatch.setattr(attachments, "PURGE_BATCH", 2)  # several batches in one run
    uploads = [
        aged(
            attachment_create(
                uploaded_by=citizen, uploaded_file=photo(f"{n}.jpg"), upload_token=uuid.uuid4()
            ),
            hours=30,
        )  # fmt: skip
        for n in range(5)
    ]
    output = io.StringIO()
    call_command("attachments_purge", stdout=output)
    assert "Removed 5 unsent uploads" in output.getvalue()
    assert not Attachment.objects.exists()
    assert not any(path.exists() for upload in uploads for path in stored_paths(upload))


def test_the_pending_age_follows_the_setting(citizen, settings):
    settings.UPLOADS_PENDING_MAX_AGE_HOURS = 2
    upload = aged(attachment_create(uploaded_by=citizen, uploaded_file=photo("a.jpg"),
                                    upload_token=uuid.uuid4()), hours=3)  # fmt: skip
    assert attachments_pending_purge()["attachments"] == 1
    assert not any(path.exists() for path in stored_paths(upload))


KILLED_UPLOAD = textwrap.dedent(
    """
    import os, signal, sys
    import django
    from django.conf import settings
    settings.configure(UPLOAD_TEMP_DIR=sys.argv[1])
    django.setup()
    from pakn.core.upload_handlers import OwnFolderTemporaryUploadedFile
    upload = OwnFolderTemporaryUploadedFile("video.mp4", "video/mp4", 0, None)
    upload.write(b"\\x00" * 1024 * 1024)  # a request reading a big video...
    upload.flush()
    print(upload.temporary_file_path(), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)  # ...killed before Django could remove the file
    """
)


def test_a_large_upload_is_written_in_the_own_folder_and_removed_after_the_request(client):
    """Over 2.5 MB Django writes the upload to disk while it reads the request: into
    UPLOAD_TEMP_DIR (made when first needed), which the request leaves empty."""
    from pakn.reports.tests.upload_samples import pdf_bytes

    citizen = UserFactory()
    client.force_login(citizen)
    html = client.get("/gui-phan-anh/").content.decode()
    hidden = {
        name: re.search(rf'name="{name}" value="([^"]+)"', html).group(1)
        for name in ("idempotency_key", "upload_token")
    }
    pdf = pdf_bytes()
    large = SimpleUploadedFile("ho-so.pdf", pdf + b"\n" * (3 * 1024 * 1024 - len(pdf)))
    seen = []
    original_new_file = OwnFolderTemporaryFileUploadHandler.new_file

    def watching_new_file(self, *args, **kwargs):
        original_new_file(self, *args, **kwargs)
        seen.append(Path(self.file.temporary_file_path()))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(OwnFolderTemporaryFileUploadHandler, "new_file", watching_new_file)
        response = client.post("/gui-phan-anh/", {**hidden, "title": "", "content": "Hồ sơ.",
                                                  "kind": "report", "save": "1",
                                                  "attachments": [large]})  # fmt: skip
    assert response.status_code == 200
    assert Attachment.objects.get().size == 3 * 1024 * 1024
    assert [path.parent for path in seen] == [Path(settings.UPLOAD_TEMP_DIR)]
    assert not seen[0].exists()


def test_the_temporary_file_of_a_killed_upload_is_removed_once_no_request_can_own_it():
    folder = Path(settings.UPLOAD_TEMP_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    process = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", KILLED_UPLOAD, str(folder)],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert process.returncode == -signal.SIGKILL
    left = Path(process.stdout.strip())
    assert left.parent == folder and left.exists()
    in_progress = folder / "tmpupload-in-progress.upload.mp4"
    in_progress.write_bytes(b"\x00" * 1024)

    assert attachments_pending_purge()["temporary_files"] == 0  # both may still be in use
    an_hour_and_more = (timezone.now() - datetime.timedelta(minutes=61)).timestamp()
    os.utime(left, (an_hour_and_more, an_hour_and_more))

    assert scheduler_pass()["uploads_removed"] == 1
    assert not left.exists()
    assert in_progress.exists()
    in_progress.unlink()
