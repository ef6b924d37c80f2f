"""Uploaded files on local disk in production (issue #17): the logo and the news pictures are
served without S3 and without DEBUG; private files only through the views that check who may
have them, and, with MEDIA_SENDFILE, sent by the proxy (X-Accel-Redirect or X-Sendfile) after
those checks."""

import io
import re
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from pakn.core.models import SiteSettings
from pakn.portal.models import Announcement
from pakn.reports.services.attachments import attachment_create
from pakn.reports.services.submission import ReportDetails, report_submit

pytestmark = pytest.mark.django_db


def _png(colour=(200, 40, 40)) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (48, 48), colour).save(output, format="PNG")
    return output.getvalue()


@pytest.fixture
def logo():
    site = SiteSettings.objects.get_or_create(pk=1)[0]
    site.logo.save("logo.png", SimpleUploadedFile("logo.png", _png(), "image/png"))
    cache.clear()
    return site.logo


@pytest.fixture
def news_picture():
    announcement = Announcement.objects.create(
        title="Lịch tiếp công dân tháng 12", slug="lich-tiep-cong-dan", body="<p>Lịch.</p>",
        image=SimpleUploadedFile("lich.png", _png((40, 40, 200)), "image/png"), image_alt="Lịch",
    )  # fmt: skip
    return announcement.image


def test_the_logo_and_a_news_picture_are_served_without_s3_or_debug(client, logo, news_picture):
    assert not settings.DEBUG
    assert settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage")
    html = client.get("/").content.decode()
    logo_url = re.search(r'<img class="emblem" src="([^"]+)"', html).group(1)
    assert logo_url == logo.url and logo_url.startswith("/media/site/")
    for url, stored in ((logo_url, logo), (news_picture.url, news_picture)):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("image/")
        assert b"".join(response.streaming_content) == Path(stored.path).read_bytes()


@pytest.mark.parametrize(
    "path",
    ["attachments/ab/secret.png", "site/../attachments/ab/secret.png", "site/", "site/a.html",
     "exports/2026/thong-ke.xlsx"],
)  # fmt: skip
def test_no_other_file_is_public_under_media(client, path):
    folder = Path(settings.MEDIA_ROOT) / "attachments" / "ab"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "secret.png").write_bytes(_png())
    (Path(settings.MEDIA_ROOT) / "site").mkdir(parents=True, exist_ok=True)
    (Path(settings.MEDIA_ROOT) / "site" / "a.html").write_text("<script>alert(1)</script>")
    assert client.get(f"/media/{path}").status_code == 404


@pytest.fixture
def photo_of_a_report(org):
    report = report_submit(
        reporter=org["reporter"],
        details=ReportDetails(title="Nắp cống vỡ", content="Nắp cống trước cổng trường bị vỡ."),
        idempotency_key=uuid.uuid4(),
    )
    return attachment_create(
        uploaded_by=org["reporter"],
        uploaded_file=SimpleUploadedFile("anh.png", _png(), "image/png"),
        report=report,
    )


def test_x_accel_redirect_hands_a_private_file_to_nginx_after_the_check(
    client,
    settings,
    org,
    photo_of_a_report,
    logo,
):
    settings.MEDIA_SENDFILE = "x-accel-redirect"
    url = f"/tep-dinh-kem/{photo_of_a_report.pk}/"
    client.force_login(org["reporter"])
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_protected_media/{photo_of_a_report.file.name}"
    assert response["Content-Type"] == "image/png"
    assert response.content == b""  # nginx sends the bytes

    client.force_login(org["other_citizen"])
    refused = client.get(url)
    assert refused.status_code == 404
    assert "X-Accel-Redirect" not in refused

    public = client.get(logo.url)
    assert public["X-Accel-Redirect"] == f"/_protected_media/{logo.name}"


def test_x_sendfile_gives_the_files_path(client, settings, org, photo_of_a_report):
    settings.MEDIA_SENDFILE = "x-sendfile"
    client.force_login(org["reporter"])
    response = client.get(f"/tep-dinh-kem/{photo_of_a_report.pk}/")
    assert response["X-Sendfile"] == photo_of_a_report.file.path
    assert Path(response["X-Sendfile"]).read_bytes() == _png()


def test_a_file_gone_from_disk_is_a_404_not_an_empty_answer(
    client, settings, org, photo_of_a_report
):
    settings.MEDIA_SENDFILE = "x-accel-redirect"
    Path(photo_of_a_report.file.path).unlink()
    client.force_login(org["reporter"])
    assert client.get(f"/tep-dinh-kem/{photo_of_a_report.pk}/").status_code == 404
