"""Photo thumbnails on the citizen's pages: made by the background task, served under the
same rules as the file itself (404 for anyone else), shown in every list of files, with the
file's kind instead while the task has not run. Someone who did not take the photo gets only
the copy without EXIF/GPS."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image

from pakn.reports.models import Answer, Attachment, Message
from pakn.reports.services.attachments import attachment_create, attachment_thumbnail_make
from pakn.testing.captcha import captcha_fields
from pakn.testing.reports import answer_report, sent_report

pytestmark = pytest.mark.django_db


def jpeg_with_gps() -> bytes:
    """A phone photo: EXIF with the place where it was taken."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Dien thoai"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (12.0, 14.0, 19.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (109.0, 11.0, 48.0)
    output = io.BytesIO()
    Image.new("RGB", (120, 90), (30, 120, 200)).save(output, format="JPEG", exif=exif)
    return output.getvalue()


def has_gps(content: bytes) -> bool:
    with Image.open(io.BytesIO(content)) as image:
        return bool(image.getexif().get_ifd(ExifTags.IFD.GPSInfo))


def photo_on(report, user, content: bytes, name="anh.jpg", thumbnail=True):
    attachment = attachment_create(
        uploaded_by=user,
        uploaded_file=SimpleUploadedFile(name, content, "image/jpeg"),
        report=report,
    )
    if thumbnail:
        attachment = attachment_thumbnail_make(attachment_id=attachment.pk)
    return attachment


def thumbnail_url(attachment):
    return reverse("reports:attachment-thumbnail", args=[attachment.pk])


def test_the_thumbnail_is_the_reporters_only(client, org):
    report = sent_report(org["reporter"])
    attachment = photo_on(report, org["reporter"], jpeg_with_gps())

    assert client.get(thumbnail_url(attachment)).status_code == 302  # to the login page
    client.force_login(org["reporter"])
    response = client.get(thumbnail_url(attachment))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    content = b"".join(response.streaming_content)
    with Image.open(io.BytesIO(content)) as image:
        assert image.format == "JPEG" and max(image.size) <= 400
    assert not has_gps(content)

    client.force_login(org["other_citizen"])
    assert client.get(thumbnail_url(attachment)).status_code == 404
    assert client.get(reverse("reports:attachment", args=[attachment.pk])).status_code == 404


def test_no_thumbnail_yet_is_a_404_and_the_page_shows_the_kind(client, org, png_bytes):
    report = sent_report(org["reporter"])
    photo = photo_on(report, org["reporter"], jpeg_with_gps(), thumbnail=False)
    client.force_login(org["reporter"])

    assert client.get(thumbnail_url(photo)).status_code == 404
    html = client.get(reverse("reports:detail", args=[report.code])).content.decode()
    assert "attachment-item__icon--photo" in html
    assert "data-thumbnail" not in html

    attachment_thumbnail_make(attachment_id=photo.pk)
    html = client.get(reverse("reports:detail", args=[report.code])).content.decode()
    assert f'src="{thumbnail_url(photo)}"' in html


def test_thumbnails_of_the_report_the_answer_and_the_exchange_are_shown(client, org):
    report = sent_report(org["reporter"])
    own = photo_on(report, org["reporter"], jpeg_with_gps(), name="hien-truong.jpg")
    answer_report(org, report)
    answer = Answer.objects.get(report=report)
    answered = photo_on(None, org["handler"], jpeg_with_gps(), name="da-sua.jpg")
    Attachment.objects.filter(pk=answered.pk).update(answer=answer)
    message = Message.objects.create(report=report, author=org["handler"],
                                     author_unit=org["department"], body="Ảnh sau khi sửa.")  # fmt: skip
    written = photo_on(None, org["handler"], jpeg_with_gps(), name="trao-doi.jpg")
    Attachment.objects.filter(pk=written.pk).update(message=message)
    client.force_login(org["reporter"])

    html = client.get(reverse("reports:detail", args=[report.code])).content.decode()

    for attachment in (own, answered, written):
        assert f'src="{thumbnail_url(attachment)}"' in html
        assert client.get(thumbnail_url(attachment)).status_code == 200


def test_the_reporter_gets_the_units_photo_without_its_location(client, org):
    report = answer_report(org, sent_report(org["reporter"]))
    original = jpeg_with_gps()
    answered = photo_on(None, org["handler"], original, name="da-sua.jpg")
    Attachment.objects.filter(pk=answered.pk).update(answer=Answer.objects.get(report=report))
    own = photo_on(report, org["reporter"], original, name="cua-toi.jpg")
    client.force_login(org["reporter"])

    theirs = client.get(reverse("reports:attachment", args=[answered.pk]))
    assert theirs.status_code == 200 and theirs["Content-Type"] == "image/jpeg"
    assert not has_gps(b"".join(theirs.streaming_content))
    # Their own photo comes back as they sent it.
    mine = client.get(reverse("reports:attachment", args=[own.pk]))
    assert b"".join(mine.streaming_content) == original


def test_a_refused_send_keeps_the_photo_whose_thumbnail_follows(
    client, org, django_capture_on_commit_callbacks
):
    client.force_login(org["reporter"])
    html = client.get("/gui-phan-anh/").content.decode()

    hidden = {
        name: re.search(rf'name="{name}" value="([^"]+)"', html).group(1)
        for name in ("idempotency_key", "upload_token")
    }
    data = {
        **hidden,
        **captcha_fields(html),
        "captcha_answer": "9999",
        "title": "Đèn đường hỏng",
        "content": "Đèn hỏng nhiều ngày.",
        "kind": "report",
        "latitude": "12.238791",
        "longitude": "109.196749",
        "send": "1",
        "attachments": [SimpleUploadedFile("den.jpg", jpeg_with_gps(), "image/jpeg")],
    }
    with django_capture_on_commit_callbacks(execute=True):  # the thumbnail task runs
        response = client.post("/gui-phan-anh/", data)

    html = response.content.decode()
    attachment = Attachment.objects.get(original_name="den.jpg", report__isnull=True)
    assert response.status_code == 200
    assert "Mã số xác thực không đúng" in html
    # The page was made before the task ran: the photo is listed by its kind, then its
    # thumbnail is there for the next page.
    assert "den.jpg" in html and "attachment-item__icon--photo" in html
    assert 'value="12.238791"' in html and 'value="109.196749"' in html
    assert client.get(thumbnail_url(attachment)).status_code == 200
    client.force_login(org["other_citizen"])
    assert client.get(thumbnail_url(attachment)).status_code == 404
