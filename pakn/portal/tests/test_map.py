"""The map of published reports: clusters computed by the server per zoom level, filters,
links to the report pages, and a list link that works without the map tiles."""

import pytest
from django.db import connection
from django.urls import reverse

from pakn.organisations.tests.factories import CategoryFactory
from pakn.reports.models import ReportStatus
from pakn.reports.public import map_bbox_snap, map_cell_size
from pakn.reports.tests.public_reports import published_report

pytestmark = pytest.mark.django_db
MAP_API = reverse("api:public-map")
KHANH_HOA = "108.6,11.5,109.6,13.0"


def nha_trang_and_cam_ranh():
    """Three reports a few hundred metres apart in Nha Trang, one in Cam Ranh (50 km south)."""
    for number, (lat, lng) in enumerate(
        [("12.2388", "109.1967"), ("12.2401", "109.1952"), ("12.2395", "109.1971")]
    ):
        published_report(f"Nha Trang {number}", latitude=lat, longitude=lng)
    return published_report("Cam Ranh", latitude="11.9214", longitude="109.1591")


def test_the_map_page_loads_leaflet_and_offers_filters_and_a_list_link(client):
    sector = CategoryFactory(name="Giao thông")
    published_report("Ổ gà", category=sector)
    response = client.get(reverse("portal:map"), {"sector": sector.pk, "status": "closed"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "leaflet/leaflet.js" in page
    assert "js/public-map.js" in page
    assert f'data-api="{MAP_API}"' in page
    assert "https://tile.openstreetmap.org/{z}/{x}/{y}.png" in page  # the site's tile server
    assert f'<option value="{sector.pk}" selected>Giao thông</option>' in page
    # The list of the same reports, for when the map or its tiles cannot load.
    assert f'href="/tra-cuu/?sector={sector.pk}&amp;status=closed" data-list-link' in page
    assert "Không tải được bản đồ nền" in page


def test_far_apart_reports_are_a_cluster_and_a_point_at_province_zoom(client):
    cam_ranh = nha_trang_and_cam_ranh()
    data = client.get(MAP_API, {"bbox": KHANH_HOA, "zoom": 9}).json()
    assert [c["count"] for c in data["clusters"]] == [3]
    cluster = data["clusters"][0]
    assert 12.23 < cluster["lat"] < 12.25
    assert cluster["bounds"] == [[12.2388, 109.1952], [12.2401, 109.1971]]
    assert [p["code"] for p in data["points"]] == [cam_ranh.code]
    point = data["points"][0]
    assert point["title"] == "Cam Ranh"
    assert point["url"] == reverse("portal:report", args=[cam_ranh.code])
    assert (point["lat"], point["lng"]) == (11.9214, 109.1591)


def test_zooming_in_splits_the_cluster(client):
    nha_trang_and_cam_ranh()
    low = client.get(MAP_API, {"bbox": KHANH_HOA, "zoom": 5}).json()
    assert [c["count"] for c in low["clusters"]] == [4]
    street = client.get(MAP_API, {"bbox": "109.19,12.23,109.20,12.25", "zoom": 17}).json()
    assert street["clusters"] == []
    assert sorted(p["title"] for p in street["points"]) == ["Nha Trang 0", "Nha Trang 1",
                                                             "Nha Trang 2"]  # fmt: skip


def test_filters_and_publication_apply_to_the_map(client):
    nha_trang_and_cam_ranh()
    published_report("Chưa công khai", published=False, latitude="11.92", longitude="109.15")
    published_report("Không có vị trí")
    closed = published_report("Đã đóng", status=ReportStatus.CLOSED, latitude="12.5",
                              longitude="109.3")  # fmt: skip
    data = client.get(MAP_API, {"bbox": KHANH_HOA, "zoom": 9, "status": "closed"}).json()
    assert data["clusters"] == []
    assert [p["code"] for p in data["points"]] == [closed.code]
    everything = client.get(MAP_API, {"bbox": KHANH_HOA, "zoom": 9}).json()
    total = sum(c["count"] for c in everything["clusters"]) + len(everything["points"])
    assert total == 5


def test_grid_cells_follow_the_zoom_and_the_view_snaps_to_them():
    assert map_cell_size(0) == 90.0
    assert map_cell_size(10) == pytest.approx(360 / 1024 / 4)
    assert map_bbox_snap((109.01, 12.01, 109.02, 12.02), 0) == (90.0, 0.0, 180.0, 90.0)


def test_bad_map_parameters_are_400_with_a_message(client):
    missing = client.get(MAP_API)
    assert missing.status_code == 400
    assert "Thiếu tham số bbox." in missing.json()["errors"]["bbox"]
    bad = client.get(MAP_API, {"bbox": "1,2,3", "zoom": 30})
    assert bad.status_code == 400
    assert "bbox phải gồm 4 số" in bad.json()["errors"]["bbox"][0]
    assert "zoom phải là số nguyên từ 0 đến 18." in bad.json()["errors"]["zoom"]


# The public time limit (pakn.core.query_time) on PostgreSQL, inside a test's transaction:
# a savepoint, the setting put back, the savepoint released (3 more queries; outside a
# transaction, as in production, 1). SQLite's limit is a progress handler: no query.
TIME_LIMIT_QUERIES = 3 if connection.vendor == "postgresql" else 0


def test_the_map_answer_is_cached_and_bounded(client, django_assert_num_queries):
    nha_trang_and_cam_ranh()
    for _ in range(20):
        published_report("Thêm", latitude="12.1", longitude="109.0")
    with django_assert_num_queries(1 + TIME_LIMIT_QUERIES):
        client.get(MAP_API, {"bbox": KHANH_HOA, "zoom": 9})
    with django_assert_num_queries(0):  # from the cache
        client.get(MAP_API, {"bbox": KHANH_HOA, "zoom": 9})


def test_markers_of_neighbouring_cells_never_overlap(client):
    """Two pairs of reports a few metres either side of a grid line fall in two cells; drawn
    there they would lie on top of each other, so the answer merges them into one cluster."""
    zoom = 12
    edge = round(109.19 / map_cell_size(zoom)) * map_cell_size(zoom)
    for number, offset in enumerate([-0.0012, -0.0010, 0.0010, 0.0012]):
        published_report(f"Bờ kè {number}", latitude="12.2400", longitude=f"{edge + offset:.6f}")

    data = client.get(MAP_API, {"bbox": "109.10,12.20,109.30,12.30", "zoom": zoom}).json()

    assert data["points"] == []
    assert [c["count"] for c in data["clusters"]] == [4]


def test_no_two_markers_are_closer_than_a_marker_is_wide(client):
    import math
    import random

    from pakn.reports.public import MAP_CELL_PX, MAP_MIN_MARKER_SPACING_PX

    scatter = random.Random(14)
    for number in range(60):
        published_report(
            f"Điểm {number}",
            latitude=f"{12.2 + scatter.random() * 0.1:.6f}",
            longitude=f"{109.15 + scatter.random() * 0.1:.6f}",
        )
    zoom = 13
    data = client.get(MAP_API, {"bbox": "109.10,12.15,109.30,12.35", "zoom": zoom}).json()
    markers = data["clusters"] + data["points"]
    scale = MAP_CELL_PX / map_cell_size(zoom)

    assert sum(c["count"] for c in data["clusters"]) + len(data["points"]) == 60
    for index, a in enumerate(markers):
        for b in markers[index + 1 :]:
            dx = (a["lng"] - b["lng"]) * scale
            dy = (a["lat"] - b["lat"]) * scale / math.cos(math.radians(a["lat"]))
            assert math.hypot(dx, dy) >= MAP_MIN_MARKER_SPACING_PX - 1
