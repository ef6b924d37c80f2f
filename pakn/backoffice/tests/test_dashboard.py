"""The leaders' dashboard (issue #6): the statistics' numbers for the leader's units and
sub-units, nobody else's, and what falls due within the next two working days."""

import datetime
import re
from unittest import mock
from zoneinfo import ZoneInfo

import pytest

from pakn.accounts.tests.factories import OfficerFactory
from pakn.core.selectors import working_calendar_get
from pakn.organisations.models import MembershipRole
from pakn.organisations.tests.factories import MembershipFactory
from pakn.reports.deadlines import add_working_days
from pakn.reports.models import ReportStatus
from pakn.reports.tests.factories import ReportFactory
from pakn.reports.workflow import report_apply
from pakn.statistics.selectors import COLUMNS, StatisticsFilters, statistics_table
from pakn.testing.reports import answer_report

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
URL = "/can-bo/bang-dieu-khien/"


def _cells(html: str) -> dict[str, dict[str, int]]:
    """The dashboard table: line key -> column -> number."""
    lines = {}
    for key, body in re.findall(r'<tr data-line="([^"]+)"[^>]*>(.*?)</tr>', html, re.S):
        lines[key] = {
            column: int(value)
            for column, value in re.findall(r'data-column="(\w+)">(?:<a [^>]*>)?(\d+)', body)
        }
    return lines


@pytest.fixture
def handled(org):  # noqa: F811
    """Reports in the department, its sub-unit and the other department."""

    def sent():
        report = ReportFactory(reporter=org["reporter"])
        report_apply(report_id=report.pk, action="submit", actor=org["reporter"])
        return report

    answer_report(org, sent())
    for _ in range(2):
        report_apply(report_id=sent().pk, action="forward", actor=org["coordinator"],
                     unit_id=org["department"].pk)  # fmt: skip
    to_sub = sent()
    report_apply(report_id=to_sub.pk, action="forward", actor=org["coordinator"],
                 unit_id=org["department"].pk)  # fmt: skip
    report_apply(report_id=to_sub.pk, action="accept", actor=org["handler"])
    report_apply(report_id=to_sub.pk, action="forward_sub_unit", actor=org["handler"],
                 unit_id=org["sub_unit"].pk)  # fmt: skip
    report_apply(report_id=sent().pk, action="forward", actor=org["coordinator"],
                 unit_id=org["other"].pk)  # fmt: skip
    sent()  # waiting for the coordinator: in no unit's hands
    org["other_leader"] = OfficerFactory(username="lanhdao.syt")
    MembershipFactory(user=org["other_leader"], unit=org["other"], role=MembershipRole.LEADER)
    return org


def test_leader_sees_the_statistics_of_the_unit_and_each_sub_unit(client, handled):
    org = handled  # noqa: F811
    client.force_login(org["leader"])
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sở Xây dựng" in html and "Phòng Hạ tầng" in html
    cells = _cells(html)
    expected = statistics_table(filters=StatisticsFilters(unit_id=org["department"].pk))
    for line in [expected.totals, *expected.lines]:
        assert {c: cells[line.key][c] for c in COLUMNS if c in cells[line.key]} == {
            c: getattr(line, c) for c in COLUMNS if c in cells[line.key]
        }
    assert cells["total"]["total"] == 4 and cells["total"]["processed_on_time"] == 1
    assert cells[f"unit-{org['sub_unit'].pk}"]["in_progress"] == 1

    # Counts by state, with links to the inbox filtered on the unit and the period.
    assert re.search(
        r'href="/can-bo/phan-anh/\?status=assigned&amp;date_from=[-\d]+&amp;date_to=[-\d]+'
        rf'&amp;unit={org["department"].pk}">'
        r"Đã chuyển xử lý</a>: <strong>3</strong>",  # two, and one sent on to the sub-unit
        html,
    )
    assert f'&amp;unit={org["sub_unit"].pk}&amp;timeliness=tong-so"' in html


def test_another_units_leader_sees_none_of_it(client, handled):
    client.force_login(handled["other_leader"])
    html = client.get(URL).content.decode()
    assert "Sở Y tế" in html
    assert "Sở Xây dựng" not in html and "Phòng Hạ tầng" not in html
    assert _cells(html)["total"]["total"] == 1


def test_coordinator_sees_every_report_received_per_handling_unit(client, handled):
    client.force_login(handled["coordinator"])
    html = client.get(URL).content.decode()
    assert "Phản ánh do Trung tâm điều phối tiếp nhận, điều phối" in html
    assert _cells(html)["total"]["total"] == 5
    assert 'data-state="submitted"' in html  # the one waiting for the coordinator


def test_citizens_and_officers_without_such_roles_get_404(client, handled):
    assert client.get(URL).status_code == 302  # anonymous: to the officers' login
    client.force_login(handled["reporter"])
    assert client.get(URL).status_code == 404
    client.force_login(handled["handler"])
    assert client.get(URL).status_code == 404


def test_due_within_two_working_days_across_a_weekend(client, org):  # noqa: F811
    friday = datetime.datetime(2026, 6, 12, 10, 0, tzinfo=HCM)
    assert friday.weekday() == 4

    def open_report(deadline):
        return ReportFactory(
            reporter=org["reporter"], status=ReportStatus.IN_PROGRESS, code=None,
            coordinating_unit=org["centre"], current_unit=org["department"],
            submitted_at=friday - datetime.timedelta(days=10),
            assigned_at=friday - datetime.timedelta(days=10), answer_deadline=deadline,
        )  # fmt: skip

    monday = datetime.datetime(2026, 6, 15, 17, 0, tzinfo=HCM)
    tuesday_morning = datetime.datetime(2026, 6, 16, 11, 0, tzinfo=HCM)
    wednesday = datetime.datetime(2026, 6, 17, 17, 0, tzinfo=HCM)
    this_morning = datetime.datetime(2026, 6, 12, 8, 0, tzinfo=HCM)
    for deadline in (monday, tuesday_morning, wednesday, this_morning):
        open_report(deadline)
    # Two working days from Friday end on Tuesday evening, not on Sunday.
    assert add_working_days(working_calendar_get(), friday, 2) == datetime.datetime(
        2026, 6, 16, 17, 0, tzinfo=HCM
    )
    client.force_login(org["leader"])
    with mock.patch("django.utils.timezone.now", return_value=friday):
        html = client.get(URL + "?period=all").content.decode()
    cells = _cells(html)["total"]
    assert cells["due_soon"] == 2
    assert (cells["in_progress_on_time"], cells["in_progress_late"]) == (3, 1)


def test_the_officers_menu_leads_leaders_to_their_dashboard(client, handled):
    client.force_login(handled["leader"])
    assert 'href="/can-bo/bang-dieu-khien/"' in client.get("/can-bo/").content.decode()
    client.force_login(handled["handler"])
    assert 'href="/can-bo/bang-dieu-khien/"' not in client.get("/can-bo/").content.decode()


def test_a_sub_unit_with_nothing_in_hand_has_its_line(client, org):  # noqa: F811
    client.force_login(org["leader"])
    cells = _cells(client.get(URL).content.decode())
    assert cells[f"unit-{org['sub_unit'].pk}"]["total"] == 0


def test_query_count_does_not_grow_with_reports(client, handled, django_assert_num_queries):
    org = handled  # noqa: F811
    client.force_login(org["leader"])
    client.get(URL)  # warm the caches (site settings, calendar, menu)
    with django_assert_num_queries(13) as few:  # 2: the weekly trend; 1: sent back for quality
        client.get(URL)
    for _ in range(15):
        report = ReportFactory(reporter=org["reporter"])
        report_apply(report_id=report.pk, action="submit", actor=org["reporter"])
        report_apply(report_id=report.pk, action="forward", actor=org["coordinator"],
                     unit_id=org["sub_unit"].pk)  # fmt: skip
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(URL)
    assert _cells(response.content.decode())[f"unit-{org['sub_unit'].pk}"]["total"] == 16


def _inbox_rows(client, link: str) -> int:
    html = client.get(link.replace("&amp;", "&")).content.decode()
    return len(re.findall(r"data-report-row=", html))


def test_every_tile_and_count_links_to_an_inbox_of_exactly_that_many_reports(client, handled):
    org = handled  # noqa: F811
    now = datetime.datetime.now(tz=HCM)
    for days in (-3, 1):  # one late, one due tomorrow
        ReportFactory(reporter=org["reporter"], status=ReportStatus.IN_PROGRESS, code=None,
                      coordinating_unit=org["centre"], current_unit=org["department"],
                      submitted_at=now - datetime.timedelta(days=10),
                      answer_deadline=now + datetime.timedelta(days=days))  # fmt: skip
    checked = 0
    for who in ("leader", "coordinator"):
        client.force_login(org[who])
        html = client.get(URL).content.decode()
        tiles = re.findall(
            r'data-count="(\w+)"><a class="dashboard-card__link" href="([^"]+)">'
            r'<span class="dashboard-card__value">(\d+)</span>',
            html,
        )
        states = re.findall(r'data-state="(\w+)"><a href="([^"]+)">[^<]+</a>: <strong>(\d+)<', html)
        cells = re.findall(r'data-column="(\w+)"><a href="([^"]+)">(\d+)</a>', html)
        assert {key for key, _link, _n in tiles} == {
            "total", "processed_on_time", "processed_late", "in_progress_on_time",
            "in_progress_late", "due_soon",
        }  # fmt: skip
        for key, link, number in tiles + states + cells:
            assert _inbox_rows(client, link) == int(number), (who, key, link)
            checked += 1
        assert {"in_progress_late", "due_soon"} <= {k for k, _l, n in tiles if int(n) > 0}
    assert checked > 25
