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
