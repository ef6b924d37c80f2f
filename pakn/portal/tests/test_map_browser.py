"""The public map in a real Chromium on a phone: its first view covers the whole province."""

import re
from urllib.parse import parse_qs, urlparse

import pytest

from pakn.reports.public import PROVINCE_MAP_BOUNDS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [(375, 740), (1366, 800)])
def test_the_first_view_covers_the_whole_province(page, live_server, viewport):
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    page.route(re.compile(r"^https://tile\.openstreetmap\.org/"), lambda route: route.abort())

    with page.expect_request(re.compile(r"/api/.*bbox=")) as first:
        page.goto(live_server.url + "/ban-do/")

    query = parse_qs(urlparse(first.value.url).query)
    west, south, east, north = (float(n) for n in query["bbox"][0].split(","))
    (province_south, province_west), (province_north, province_east) = PROVINCE_MAP_BOUNDS
    assert west <= province_west and south <= province_south
    assert east >= province_east and north >= province_north
