"""The floor views of `make bench` (config/bench_floor.py) exist only when BENCH_FLOOR_VIEWS is
on: a production site never answers /bench/floor/insert."""

import importlib

import pytest
from django.urls import clear_url_caches

import config.urls
from pakn.core.models import CaptchaChallenge

pytestmark = pytest.mark.django_db


@pytest.fixture
def floor_routes(settings):
    settings.BENCH_FLOOR_VIEWS = True
    importlib.reload(config.urls)
    clear_url_caches()
    yield
    settings.BENCH_FLOOR_VIEWS = False
    importlib.reload(config.urls)
    clear_url_caches()


def test_without_the_setting_there_is_no_floor(client):
    assert client.post("/bench/floor/insert").status_code == 404
    assert client.get("/bench/floor/read").status_code == 404
    assert not CaptchaChallenge.objects.exists()


def test_with_the_setting_one_insert_and_one_read(client, floor_routes):
    assert client.post("/bench/floor/insert").status_code == 200
    assert CaptchaChallenge.objects.count() == 1
    answer = client.get("/bench/floor/read", {"code": "PAKN-2026-000001"})
    assert answer.status_code == 200 and answer.content == b"-"
