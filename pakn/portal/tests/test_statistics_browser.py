"""The statistics page in a real Chromium (issue #7 acceptance): a visitor filters the table
to one unit and reads the numbers that the unit's events give; the charts are drawn."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from pakn.statistics.selectors import COLUMNS
from pakn.statistics.tests.test_selectors import expected_from_events, province, scenario  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_filter_to_one_unit_matches_its_events(page, live_server, scenario):  # noqa: F811
    org = scenario.org  # noqa: F811
    department = org["department"]
    page.goto(live_server.url + "/thong-ke/?period=all")  # the scenario is dated mid-2026
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thống kê tình trạng")
    # Charts are SVG drawn on the server, each with its shapes.
    expect(page.locator("svg.stat-chart__svg[role=img]")).to_have_count(2)
    assert page.locator("svg.stat-chart__svg path").count() >= 5
    expect(page.locator("svg.stat-bars__bar[role=img]")).to_have_count(2)  # one bar per unit
    assert page.locator("svg.stat-bars__bar path").count() >= 4

    page.get_by_label("Cơ quan, đơn vị", exact=True).select_option(label="Sở Xây dựng")
    page.get_by_role("button", name="Xem thống kê").click()
    expect(page).to_have_url(re.compile(rf"unit={department.pk}"))

    # The numbers are read once the filtered page shows them: the address changes as soon as
    # the answer starts to arrive, before its table is there.
    totals = page.locator('tr[data-line="total"] td.num')
    expected = expected_from_events(
        timezone.now(), only=lambda report: report.current_unit.path.startswith(department.path)
    )["all"]
    shown = [str(expected[column]) for column in COLUMNS]
    expect(totals).to_have_text(shown)
    assert expected["total"] > 0 and expected["processed_late"] > 0

    # The department's own line and its sub-unit's line, nothing of Sở Y tế.
    table = page.locator("#bang-thong-ke")
    expect(table).to_contain_text("Sở Xây dựng (trực tiếp xử lý)")
    expect(table).to_contain_text("Phòng Hạ tầng")
    expect(table).not_to_contain_text("Sở Y tế")
    assert page.locator("svg.stat-chart__svg path").count() >= 3

    # The per-sector tab keeps the unit and gives the same totals.
    page.get_by_role("link", name="Theo lĩnh vực").click()
    expect(page).to_have_url(re.compile(r"view=sector"))
    expect(page.locator("#bang-thong-ke thead")).to_contain_text("Lĩnh vực")
    expect(page.locator('tr[data-line="total"] td.num')).to_have_text(shown)
