import json

import pytest
from django.test import override_settings
from django.urls import clear_url_caches

pytestmark = pytest.mark.django_db


@pytest.fixture
def debug_urls(settings):
    """The developers' outbox page exists only when DEBUG is on (URLs are read at import)."""
    import importlib

    import config.urls

    settings.DEBUG = True
    importlib.reload(config.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(config.urls)
    clear_url_caches()


def test_the_outbox_page_lists_sms_for_developers(client, debug_urls, settings, tmp_path):
    settings.SMS_OUTBOX_DIR = tmp_path
    (tmp_path / "20261123-090000-000001.json").write_text(
        json.dumps({"to": "+84912345678", "body": "Ma xac thuc 123456", "created_at": "x"}),
        encoding="utf-8",
    )
    response = client.get("/dev/outbox/")
    assert response.status_code == 200
    assert "Ma xac thuc 123456" in response.content.decode()


@override_settings(DEBUG=False)
def test_the_outbox_page_does_not_exist_in_production(client):
    assert client.get("/dev/outbox/").status_code == 404


def test_the_outbox_page_never_fails_on_what_it_finds(client, debug_urls, settings, tmp_path):
    """Odd files in the outbox (a folder, a dangling link, broken or non-object JSON, a name
    that is not UTF-8) are shown as such; the page itself answers. (A pipe is skipped by the
    same is_file check; it is not made here, as a regression would hang the suite.)"""
    import os

    settings.SMS_OUTBOX_DIR = tmp_path
    (tmp_path / "20261123-090000-000001.json").write_text(
        json.dumps({"to": "+84912345678", "body": "Ma xac thuc 123456"}), encoding="utf-8"
    )
    (tmp_path / "20261123-090000-000002.json").mkdir()
    (tmp_path / "20261123-090000-000003.json").symlink_to(tmp_path / "missing")
    (tmp_path / "20261123-090000-000005.json").write_text("[1, 2", encoding="utf-8")
    (tmp_path / "20261123-090000-000006.json").write_text('["a list"]', encoding="utf-8")
    (tmp_path / "20261123-090000-000007.json").write_bytes(b"\xff\xfe not utf-8")
    with open(os.path.join(os.fsencode(tmp_path), b"bad-\xff-name.json"), "wb") as file:
        file.write(b"{}")
    response = client.get("/dev/outbox/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ma xac thuc 123456" in page
    assert "not a regular file" in page
    assert "bad-\ufffd-name.json" in page


@pytest.mark.parametrize("kind", ["missing", "a file"])
def test_the_outbox_page_answers_when_the_folder_is_missing_or_a_file(
    client, debug_urls, settings, tmp_path, kind
):
    folder = tmp_path / "sms"
    if kind == "a file":
        folder.write_text("not a folder")
    settings.SMS_OUTBOX_DIR = folder
    settings.EMAIL_FILE_PATH = folder
    response = client.get("/dev/outbox/")
    assert response.status_code == 200
    if kind == "a file":
        assert "cannot be read" in response.content.decode()
