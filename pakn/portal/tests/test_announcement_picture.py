"""Issue 11, "every door": a news picture uploaded in the administration is shown to everyone,
so it gets the checks of a citizen's photo, not only Pillow's "can I open it"."""

import io
import zipfile

import pytest
from django.utils import timezone
from PIL import Image

from pakn.portal.admin import AnnouncementAdminForm
from pakn.portal.models import Announcement
from pakn.reports.tests.upload_samples import HTML_PAGE, pdf_bytes, png_bytes, upload

pytestmark = pytest.mark.django_db


def form_with(picture) -> AnnouncementAdminForm:
    data = {
        "title": "Lịch tiếp công dân tháng 12",
        "slug": "lich-tiep-cong-dan-thang-12",
        "kind": "news",
        "summary": "",
        "body": "<p>Lịch tiếp công dân.</p>",
        "image_alt": "Ảnh minh họa",
        "publish_at": f"{timezone.localdate().isoformat()} 08:00",
    }
    return AnnouncementAdminForm(data, {"image": picture})


def jpeg_with_zip_appended() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (60, 40), "blue").save(output, format="JPEG")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as payload:
        payload.writestr("index.html", HTML_PAGE)
    return output.getvalue() + archive.getvalue()


def gif_with_a_script_inside() -> bytes:
    output = io.BytesIO()
    Image.new("P", (4, 4)).save(output, format="GIF", comment=b"<script>alert(1)</script>")
    return output.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("anh.jpg", jpeg_with_zip_appended(), "dữ liệu lạ gắn thêm"),
        ("anh.gif", gif_with_a_script_inside(), "“anh.gif” không phải ảnh hợp lệ"),
        ("anh.png", pdf_bytes(), "hình ảnh hợp lệ"),  # Django's own check, kept
        ("anh.jpg", HTML_PAGE, "hình ảnh hợp lệ"),
    ],
    ids=["jpeg-zip-polyglot", "gif-with-script", "pdf-named-png", "html-named-jpg"],
)
def test_a_news_picture_that_is_not_a_clean_photo_is_refused(name, content, reason):
    form = form_with(upload(name, content, "image/jpeg"))
    assert not form.is_valid()
    assert reason in " ".join(form.errors["image"])


def test_a_real_png_news_picture_is_kept():
    form = form_with(upload("anh.png", png_bytes(), "image/png"))
    assert form.is_valid(), form.errors
    announcement = form.save()
    stored = Announcement.objects.get(pk=announcement.pk).image
    with stored.open("rb") as handle, Image.open(handle) as picture:
        assert picture.size == (32, 24)
