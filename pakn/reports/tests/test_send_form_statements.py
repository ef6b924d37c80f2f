"""What the send form promises (issue 14): the limits it states are the limits the upload
checks apply, and the microphone beside the title and the content is a drawn SVG icon that
renders on every phone (an emoji is missing from some phones' fonts)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from pakn.reports.services import attachments
from pakn.testing.browser import log_in, no_tiles

MB = 1024 * 1024


@pytest.mark.django_db
def test_the_stated_limits_are_the_limits_applied(client, org):
    client.force_login(org["reporter"])

    html = client.get(reverse("reports:send")).content.decode()

    assert (
        f"Tối đa {attachments.MAX_ATTACHMENTS} tệp: ảnh JPEG, PNG, HEIC đến "
        f"{attachments.MAX_PHOTO_BYTES // MB} MB mỗi ảnh; video MP4, MOV đến "
        f"{attachments.MAX_VIDEO_BYTES // MB} MB; tài liệu PDF, DOC, DOCX, PPTX, XLSX đến "
        f"{attachments.MAX_DOCUMENT_BYTES // MB} MB."
    ) in html


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_microphone_is_a_drawn_icon_with_a_name(page, live_server, org):
    # Speech recognition as a phone's browser offers it (headless Chromium may not).
    page.add_init_script("window.webkitSpeechRecognition = window.webkitSpeechRecognition"
                         " || function () {};")  # fmt: skip
    no_tiles(page)
    log_in(page, live_server, org["reporter"].username)
    page.goto(live_server.url + "/gui-phan-anh/")

    microphones = page.get_by_role("button", name="Nói để nhập")
    expect(microphones).to_have_count(2)  # the title and the content
    for index in range(2):
        microphone = microphones.nth(index)
        expect(microphone.locator("svg path")).to_have_count(1)
        expect(microphone).to_have_text("")  # no emoji or letter standing in for the icon
        box = microphone.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24
