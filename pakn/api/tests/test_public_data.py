"""The public reference data of /api/v1/public/: what the portal's pages show, for apps."""

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from pakn.backoffice.tests.desk_setup import report_at
from pakn.portal.models import Announcement

pytestmark = pytest.mark.django_db


def test_sectors_units_and_areas(desk):
    app = APIClient()
    sectors = app.get("/api/v1/public/sectors/").json()
    lighting = next(
        s for s in sectors for sub in [s, *s["sub_sectors"]] if sub["code"] == "lighting"
    )
    assert lighting
    units = {u["code"]: u for u in app.get("/api/v1/public/units/").json()}
    assert units["sxd-ht"]["parent"] == units["sxd"]["id"]
    assert units["tinh"]["parent"] is None
    assert set(units["sxd"]) == {"id", "code", "name", "short_name", "kind", "parent"}
    provinces = app.get("/api/v1/public/areas/").json()
    assert [p["name"] for p in provinces] == ["Khánh Hòa"]
    communes = app.get("/api/v1/public/areas/", {"province": provinces[0]["id"]}).json()
    assert {c["name"] for c in communes} == {"Phường Nha Trang", "Phường Cam Ranh"}
    assert app.get("/api/v1/public/areas/", {"province": "٣"}).status_code == 400


def test_statistics_table_as_on_the_page(desk):
    report_at(desk, "unit_a")
    app = APIClient()
    table = app.get("/api/v1/public/statistics/", {"view": "sector"}).json()
    assert table["view"] == "sector" and table["totals"]["total"] == 1
    assert app.get("/api/v1/public/statistics/", {"view": "bảng"}).status_code == 400
    assert app.get("/api/v1/public/statistics/", {"date_from": "x"}).status_code == 400


def test_announcements_published_only(desk):
    Announcement.objects.create(title="Lịch tiếp công dân tháng 12", body="<p>Nội dung</p>",
                                publish_at=timezone.now())  # fmt: skip
    Announcement.objects.create(title="Chưa đăng", body="x",
                                publish_at=timezone.now() + timezone.timedelta(days=1))  # fmt: skip
    app = APIClient()
    listed = app.get("/api/v1/public/announcements/").json()["results"]
    assert [a["title"] for a in listed] == ["Lịch tiếp công dân tháng 12"]
    detail = app.get(f"/api/v1/public/announcements/{listed[0]['slug']}/")
    assert detail.status_code == 200 and "Nội dung" in detail.json()["body"]
    assert app.get("/api/v1/public/announcements/khong-co/").status_code == 404
