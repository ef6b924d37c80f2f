"""The banner and widget agencies put on their websites (issue 18): the unit's and its
sub-units' answered, published reports, newest first, public titles only; a button to the
form with the unit suggested; framed by any site, cached, and never a cookie."""

import datetime
import json
import re

import pytest
from django.test import Client
from django.utils import timezone

from pakn.accounts.tests.factories import OfficerFactory, UserFactory
from pakn.organisations.models import MembershipRole, UnitKind
from pakn.organisations.tests.factories import MembershipFactory, UnitFactory
from pakn.reports.models import Report, ReportStatus
from pakn.reports.tests.factories import ReportFactory

pytestmark = pytest.mark.django_db
WIDGET = "/nhung/sxd/"


@pytest.fixture
def units():
    province = UnitFactory(name="UBND tỉnh", code="tinh", kind=UnitKind.PROVINCE)
    department = UnitFactory(parent=province, name="Sở Xây dựng", code="sxd")
    office = UnitFactory(parent=department, name="Phòng Hạ tầng kỹ thuật", code="sxd-ht")
    other = UnitFactory(parent=province, name="Sở Y tế", code="syt")
    return {"department": department, "office": office, "other": other}


def answered(unit, number, *, hours_ago, published=True, status=ReportStatus.ANSWERED):
    reporter = UserFactory(
        full_name=f"Nguyễn Văn Người Gửi {number}", phone=f"+8490512{number:04d}"
    )
    return ReportFactory(
        code=f"PAKN-2026-{number:06d}", title=f"Tiêu đề riêng {number}",
        public_title=f"Phản ánh công khai {number}", current_unit=unit, status=status,
        is_published=published, reporter=reporter,
        answered_at=timezone.now() - datetime.timedelta(hours=hours_ago),
    )  # fmt: skip


def listed_titles(html: str) -> list[str]:
    box = html[html.index("data-widget-reports") :]
    return re.findall(r"Phản ánh công khai \d+", box[: box.index("</ol>")])


def test_the_widget_lists_the_units_and_sub_units_published_answers_newest_first(client, units):
    answered(units["department"], 1, hours_ago=30)
    answered(units["office"], 2, hours_ago=2)  # a sub-unit's
    answered(units["department"], 3, hours_ago=10, status=ReportStatus.CLOSED)
    answered(units["department"], 4, hours_ago=1, published=False)  # not public
    answered(units["other"], 5, hours_ago=1)  # another department's
    ReportFactory(
        code="PAKN-2026-000006",
        public_title="Phản ánh công khai 6",
        current_unit=units["department"],
        status=ReportStatus.IN_PROGRESS,
        is_published=True,
    )  # fmt: skip  (not answered yet)

    html = client.get(WIDGET).content.decode()

    assert listed_titles(html) == [
        "Phản ánh công khai 2", "Phản ánh công khai 3", "Phản ánh công khai 1",
    ]  # fmt: skip
    assert 'href="http://testserver/phan-anh/PAKN-2026-000002/"' in html
    # The button opens the form with the unit suggested, in a new tab.
    assert re.search(
        r'<a class="widget__send" href="http://testserver/gui-phan-anh/\?don-vi=sxd" '
        r'target="_blank" rel="noopener">Gửi phản ánh, kiến nghị</a>',
        html,
    )
    # No personal data: neither the reporter's name, phone nor their own title.
    for private in ("Người Gửi", "90512", "Tiêu đề riêng"):
        assert private not in html
    # Nothing from another site: no script, only this site's stylesheet.
    assert "<script" not in html
    assert re.findall(r'(?:src|href)="(https?:)?//(?!testserver)', html) == []


def test_the_banner_shows_fewer_reports_than_the_sidebar(client, units):
    for number in range(1, 8):
        answered(units["department"], number, hours_ago=number)
    assert len(listed_titles(client.get(WIDGET).content.decode())) == 5
    banner = client.get(WIDGET + "?kieu=banner").content.decode()
    assert listed_titles(banner) == [f"Phản ánh công khai {n}" for n in (1, 2, 3)]
    assert "widget--banner" in banner


def test_an_unknown_or_inactive_unit_has_no_widget(client, units):
    units["other"].is_active = False
    units["other"].save()
    assert client.get("/nhung/khong-co/").status_code == 404
    assert client.get("/nhung/syt/").status_code == 404


@pytest.mark.parametrize("visitor", ["anonymous", "citizen", "officer"])
def test_the_widget_may_be_framed_anywhere_is_cached_and_sets_no_cookie(visitor, units):
    client = Client()
    if visitor != "anonymous":
        person = UserFactory() if visitor == "citizen" else OfficerFactory()
        if visitor == "officer":
            MembershipFactory(user=person, unit=units["department"], role=MembershipRole.HANDLER)
        client.force_login(person)
        session_before = dict(client.session.items())
    for url in (WIDGET, WIDGET + "?kieu=banner", "/nhung/sxd/nhung.js?kieu=banner"):
        response = client.get(url)
        assert response.status_code == 200
        assert "Set-Cookie" not in str(response.serialize_headers())
        assert not response.cookies
        assert response["Cache-Control"] == "public, max-age=300"
        assert "Cookie" not in response.get("Vary", "")
        assert "X-Frame-Options" not in response
        assert "frame-ancestors *" in response["Content-Security-Policy"]
    if visitor != "anonymous":
        assert dict(client.session.items()) == session_before  # the session untouched
    # Every other page still refuses to be framed.
    home = client.get("/")
    assert home["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in home["Content-Security-Policy"]


def test_the_script_version_puts_the_frame_in_place(client, units):
    response = client.get("/nhung/sxd/nhung.js?kieu=sidebar")
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    options = json.loads(re.search(r"var options = (\{.*?\});", response.content.decode())[1])
    assert options == {"src": "http://testserver/nhung/sxd/?kieu=sidebar",
                       "title": "Sở Xây dựng", "width": "300", "height": "520"}  # fmt: skip


def test_the_widget_follows_a_new_answer(client, units, django_capture_on_commit_callbacks):
    client.get(WIDGET)  # cached
    with django_capture_on_commit_callbacks(execute=True):
        answered(units["department"], 9, hours_ago=0)  # a report saved bumps the public cache
    assert "Phản ánh công khai 9" in client.get(WIDGET).content.decode()


def test_the_button_suggests_the_unit_to_the_coordinator_without_forcing_it(
    org, client, django_capture_on_commit_callbacks
):
    from pakn.reports.tests.test_citizen_pages import report_data

    client.force_login(org["reporter"])
    form = client.get("/gui-phan-anh/?don-vi=sxd").content.decode()
    assert 'name="referring_unit" value="sxd"' in form
    data = report_data(client, referring_unit="sxd")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/gui-phan-anh/", data).status_code == 302
    report = Report.objects.get(reporter=org["reporter"])
    assert report.referring_unit.code == "sxd"
    assert report.status == ReportStatus.SUBMITTED  # waits for the coordinator as ever
    assert report.current_unit_id != report.referring_unit_id

    # A made-up or changed code is only a suggestion lost, never an error for the citizen.
    data = report_data(client, referring_unit="khong-co", title="Cây đổ chắn đường")
    assert client.post("/gui-phan-anh/", data).status_code == 302
    assert Report.objects.get(title="Cây đổ chắn đường").referring_unit is None


def test_the_coordinator_sees_the_suggested_unit_on_the_desk(org, client):
    report = ReportFactory(code="PAKN-2026-000077", status=ReportStatus.SUBMITTED,
                           coordinating_unit=org["centre"],
                           referring_unit=org["unit_a"])  # fmt: skip
    client.force_login(org["coordinator"])
    html = client.get(f"/can-bo/phan-anh/{report.code}/").content.decode()
    assert re.search(r"<dd data-referring-unit>Sở Xây dựng</dd>", html)
