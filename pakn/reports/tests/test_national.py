"""National mode (issue 19, seed 004): two provinces and a ministry under the programme's
root. A proposal sent through the national form is routed by field and place, sent up by the
province to the ministry, answered after the province's opinion as a co-handling unit,
published, rated and counted in the right lines; and the core workflow runs in both modes."""

import datetime
import uuid

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from pakn.core.modes import NATIONAL_PORTAL_NAME
from pakn.core.selectors import working_calendar_get
from pakn.reports.deadlines import add_working_days
from pakn.reports.models import Event, Proposal, Report, ReportKind
from pakn.reports.services.proposals import ProposalDetails, proposal_route, proposal_submit
from pakn.reports.services.submission import ReportDetails, report_submit
from pakn.reports.workflow import TransitionNotAllowed, report_actions_available, report_apply
from pakn.statistics.selectors import (
    VIEW_PROVINCE,
    VIEW_SECTOR,
    VIEW_UNIT,
    statistics_table,
    statistics_views,
)
from pakn.testing.captcha import captcha_fields
from pakn.testing.national import national_build
from pakn.testing.province import province_build


@pytest.fixture
def national(db, settings):
    settings.PAKN_MODE = "national"
    return national_build()


def _proposal(n, reporter, *, field, scale="provincial", province=None, title="Đề xuất") -> Report:
    return proposal_submit(
        reporter=reporter,
        details=ProposalDetails(
            title=title, field_id=field.pk, problem="Thủ tục giấy tờ còn nhiều.",
            solution="Số hóa hồ sơ.", expected_impact="Giảm thời gian chờ.", scale=scale,
            province_id=province.pk if province else None,
        ),
        idempotency_key=uuid.uuid4(),
    )  # fmt: skip


def _form(n, **changes) -> dict:
    data = {
        "idempotency_key": str(uuid.uuid4()),
        "title": "Ứng dụng chữ ký số cho hồ sơ khởi nghiệp",
        "field": str(n["e_government"].pk),
        "problem": "Doanh nghiệp khởi nghiệp phải nộp hồ sơ giấy nhiều lần.",
        "solution": "Cho phép ký số và nộp trực tuyến toàn bộ hồ sơ.",
        "expected_impact": "Rút ngắn thời gian từ 20 ngày xuống 5 ngày.",
        "scale": "provincial",
        "province": str(n["khanh_hoa_area"].pk),
        "organisations_involved": "Trung tâm Hỗ trợ khởi nghiệp Khánh Hòa",
        "people_involved": "Nguyễn Văn A, Lê Thị B",
    }
    return {**data, **changes}


def _post_form(client, data):
    url = reverse("reports:proposal-send")
    page = client.get(url)
    assert page.status_code == 200
    return client.post(url, {**data, **captcha_fields(page.content.decode())})


def test_the_site_names_itself_by_mode_and_offers_its_own_form(client, db, settings):
    settings.PAKN_MODE = "national"
    home = client.get(reverse("portal:home")).content.decode()
    assert NATIONAL_PORTAL_NAME in home
    assert reverse("reports:proposal-send") in home
    assert "Gửi đề xuất, sáng kiến" in home
    assert reverse("portal:adopted-proposals") in home
    assert statistics_views()[-1] == VIEW_PROVINCE


def test_the_province_site_keeps_its_name_and_form(client, db, settings):
    assert settings.PAKN_MODE == "province"
    home = client.get(reverse("portal:home")).content.decode()
    assert NATIONAL_PORTAL_NAME not in home
    assert reverse("reports:send") in home
    assert reverse("portal:adopted-proposals") not in home
    assert VIEW_PROVINCE not in statistics_views()


def test_a_proposal_goes_by_place_to_its_province_and_by_field_to_the_ministry(national):
    n = national
    in_khanh_hoa = _proposal(
        n, n["reporter"], field=n["e_government"], province=n["khanh_hoa_area"]
    )
    in_thanh_hoa = _proposal(
        n, n["reporter"], field=n["e_government"], province=n["thanh_hoa_area"]
    )
    nationwide = _proposal(n, n["organisation"], field=n["e_government"], scale="national")
    # By place: the province; its rule for the field names the unit the coordinator is offered.
    assert in_khanh_hoa.coordinating_unit == n["khanh_hoa"]
    assert proposal_route(field=n["e_government"], province=n["khanh_hoa_area"],
                          scale="provincial") == (n["khanh_hoa"], n["kh_dost"])  # fmt: skip
    # A province without a rule for the field still receives what comes from it.
    assert in_thanh_hoa.coordinating_unit == n["thanh_hoa"]
    # By field: a national proposal goes to the ministry in charge (the rule without an area).
    assert nationwide.coordinating_unit == n["ministry"]
    assert {r.kind for r in (in_khanh_hoa, in_thanh_hoa, nationwide)} == {ReportKind.PROPOSAL}
    assert in_khanh_hoa.category == n["e_government"]
    # Each coordinator sees their own in the workflow's terms.
    assert "forward" in report_actions_available(n["kh_coordinator"], in_khanh_hoa)
    assert report_actions_available(n["th_coordinator"], in_khanh_hoa) == []
    assert "forward" in report_actions_available(n["ministry_coordinator"], nationwide)


def test_a_proposal_forwarded_up_answered_after_an_opinion_published_and_counted(client, national):
    n = national
    client.force_login(n["reporter"])
    response = _post_form(client, _form(n))
    report = Report.objects.get(reporter=n["reporter"])
    assert response.status_code == 302
    assert response.url == reverse("reports:sent", args=[report.code])
    proposal = Proposal.objects.get(report=report)
    assert (proposal.scale, proposal.organisations_involved, proposal.adopted) == (
        "provincial", "Trung tâm Hỗ trợ khởi nghiệp Khánh Hòa", None
    )  # fmt: skip
    assert "Cho phép ký số" in report.content
    assert report.coordinating_unit == n["khanh_hoa"]

    # The province sends it up: beyond its competence.
    assert "forward_up" in report_actions_available(n["kh_coordinator"], report)
    report_apply(report_id=report.pk, action="forward_up", actor=n["kh_coordinator"],
                 unit_id=n["ministry"].pk, note="Cần chính sách cấp quốc gia.")  # fmt: skip
    report.refresh_from_db()
    assert (report.status, report.coordinating_unit) == ("submitted", n["ministry"])
    up = Event.objects.get(report=report, action="forward_up")
    assert (up.actor_unit, up.to_unit, up.is_public) == (n["khanh_hoa"], n["ministry"], True)
    assert report_actions_available(n["kh_coordinator"], report) == []

    # The ministry routes it to its department; the deadline from the working-day engine.
    report_apply(report_id=report.pk, action="forward", actor=n["ministry_coordinator"],
                 unit_id=n["ministry_department"].pk)  # fmt: skip
    report.refresh_from_db()
    assert report.answer_deadline == add_working_days(
        working_calendar_get(), report.assigned_at, n["e_government"].default_answer_days
    )
    report_apply(report_id=report.pk, action="accept", actor=n["ministry_handler"])
    # The ministry asks the province's department for its opinion before answering.
    report_apply(report_id=report.pk, action="add_co_handler", actor=n["ministry_handler"],
                 unit_id=n["kh_dost"].pk)  # fmt: skip
    report.refresh_from_db()
    assert report_actions_available(n["kh_handler"], report) == ["give_opinion"]
    assert report_actions_available(n["th_handler"], report) == []
    with pytest.raises(PermissionDenied):
        report_apply(report_id=report.pk, action="give_opinion", actor=n["th_handler"],
                     opinion="Không liên quan.")  # fmt: skip
    report_apply(report_id=report.pk, action="give_opinion", actor=n["kh_handler"],
                 opinion="Tỉnh đã thí điểm, đề nghị nhân rộng.")  # fmt: skip
    opinion = Event.objects.get(report=report, action="give_opinion")
    assert (opinion.actor_unit, opinion.is_public) == (n["kh_dost"], False)
    assert "Tỉnh đã thí điểm" in opinion.note
    # The opinion is on the answering department's desk, never on the reporter's timeline.
    client.force_login(n["ministry_handler"])
    desk = client.get(reverse("backoffice:desk-report", args=[report.code])).content.decode()
    assert "Tỉnh đã thí điểm, đề nghị nhân rộng." in desk
    client.force_login(n["reporter"])
    mine = client.get(reverse("reports:detail", args=[report.code])).content.decode()
    assert "Tỉnh đã thí điểm" not in mine

    report_apply(report_id=report.pk, action="submit_answer", actor=n["ministry_handler"],
                 content="Bộ tiếp thu, sẽ đưa vào hướng dẫn chung.", adopted=True)  # fmt: skip
    report_apply(report_id=report.pk, action="approve_answer", actor=n["ministry_leader"])
    report_apply(report_id=report.pk, action="publish", actor=n["ministry_coordinator"],
                 public_title="Chữ ký số cho hồ sơ khởi nghiệp",
                 public_content="Đề xuất số hóa hồ sơ khởi nghiệp.")  # fmt: skip
    report_apply(report_id=report.pk, action="rate", actor=n["reporter"], value="satisfied")
    assert Proposal.objects.get(report=report).adopted is True

    adopted = client.get(reverse("portal:adopted-proposals")).content.decode()
    assert "Chữ ký số cho hồ sơ khởi nghiệp" in adopted
    assert n["reporter"].full_name not in adopted

    # Counted once: in the ministry's line, Khánh Hòa's line by place, its field's line.
    by_unit = {line.label: line for line in statistics_table(view=VIEW_UNIT).lines}
    assert set(by_unit) == {"Bộ Khoa học và Công nghệ"}
    ministry_line = by_unit["Bộ Khoa học và Công nghệ"]
    assert (ministry_line.total, ministry_line.processed, ministry_line.satisfied) == (1, 1, 1)
    by_province = {line.label: line.total for line in statistics_table(view=VIEW_PROVINCE).lines}
    assert by_province == {"Khánh Hòa": 1}
    by_field = {line.label: line.total for line in statistics_table(view=VIEW_SECTOR).lines}
    assert by_field == {"Chuyển đổi số › Chính quyền số, dịch vụ công trực tuyến": 1}
    page = client.get(reverse("portal:statistics"), {"view": VIEW_PROVINCE}).content.decode()
    assert "Theo tỉnh, thành phố" in page and "Khánh Hòa" in page


def test_only_a_province_sends_only_a_proposal_up(national):
    n = national
    report = report_submit(reporter=n["reporter"], details=ReportDetails(title="Ổ gà",
                           content="Đường hỏng."), idempotency_key=uuid.uuid4())  # fmt: skip
    Report.objects.filter(pk=report.pk).update(coordinating_unit=n["khanh_hoa"])
    report.refresh_from_db()
    assert "forward_up" not in report_actions_available(n["kh_coordinator"], report)
    with pytest.raises(TransitionNotAllowed, match="Chỉ đề xuất, sáng kiến"):
        report_apply(report_id=report.pk, action="forward_up", actor=n["kh_coordinator"],
                     unit_id=n["ministry"].pk)  # fmt: skip
    nationwide = _proposal(n, n["reporter"], field=n["e_government"], scale="national")
    assert "forward_up" not in report_actions_available(n["ministry_coordinator"], nationwide)
    with pytest.raises(TransitionNotAllowed, match="Chỉ tỉnh, thành phố"):
        report_apply(report_id=nationwide.pk, action="forward_up",
                     actor=n["ministry_coordinator"], unit_id=n["ministry"].pk)  # fmt: skip


def test_a_refused_proposal_form_keeps_what_was_typed(client, national):
    n = national
    client.force_login(n["reporter"])
    response = _post_form(client, _form(n, province="", problem=""))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Vui lòng chọn tỉnh, thành phố cho đề xuất cấp địa phương, cấp tỉnh." in page
    assert "Vui lòng nhập mục “Khó khăn, vướng mắc, vấn đề đặt ra”." in page
    assert "Cho phép ký số và nộp trực tuyến toàn bộ hồ sơ." in page
    assert not Report.objects.exclude(status="draft").exists()


def test_an_officer_sends_a_proposal_on_behalf_of_an_organisation(client, national):
    n = national
    client.force_login(n["kh_unit_admin"])
    refused = _post_form(client, _form(n))
    assert "Vui lòng chọn đơn vị gửi thay." in refused.content.decode()
    response = _post_form(client, _form(n, submitting_unit=str(n["khanh_hoa"].pk),
                                        on_behalf_of="Hợp tác xã Cam Ranh"))  # fmt: skip
    report = Report.objects.get(reporter=n["kh_unit_admin"])
    assert response.url == reverse("backoffice:desk-report", args=[report.code])
    proposal = report.proposal
    assert (proposal.on_behalf_of, proposal.submitting_unit) == ("Hợp tác xã Cam Ranh",
                                                                 n["khanh_hoa"])  # fmt: skip
    # A unit the officer has no role in is refused.
    other = _post_form(client, _form(n, submitting_unit=str(n["ministry"].pk), on_behalf_of="X"))
    assert "Chỉ gửi thay được trong đơn vị của mình." in other.content.decode()
    assert Report.objects.filter(reporter=n["kh_unit_admin"]).exclude(status="draft").count() == 1


# --- The core workflow in each mode --------------------------------------------------------


@pytest.fixture(params=["province", "national"])
def site(request, db, settings):
    """The people of the core workflow in either mode, and how a citizen sends there."""
    settings.PAKN_MODE = request.param
    if request.param == "province":
        org = province_build()

        def send(reporter):
            return report_submit(reporter=reporter, idempotency_key=uuid.uuid4(),
                                 details=ReportDetails(title="Đèn hỏng", content="Đèn tắt."))  # fmt: skip

        return {**org, "send": send, "coordinating": org["centre"], "counted_in": "Sở Xây dựng"}
    n = national_build()
    return {
        "reporter": n["reporter"], "coordinator": n["kh_coordinator"],
        "department": n["kh_dost"], "handler": n["kh_handler"], "leader": n["kh_leader"],
        "coordinating": n["khanh_hoa"], "counted_in": "Tỉnh Khánh Hòa",
        "send": lambda reporter: _proposal(n, reporter, field=n["e_government"],
                                           province=n["khanh_hoa_area"]),
    }  # fmt: skip


def test_send_route_answer_publish_rate_in_each_mode(site):
    report = site["send"](site["reporter"])
    assert (report.status, report.coordinating_unit) == ("submitted", site["coordinating"])
    steps = [
        ("forward", "coordinator", {"unit_id": site["department"].pk}),
        ("accept", "handler", {}),
        ("submit_answer", "handler", {"content": "Đã xử lý."}),
        ("approve_answer", "leader", {}),
        ("publish", "coordinator", {"public_title": "Kết quả", "public_content": "Đã xử lý."}),
        ("rate", "reporter", {"value": "very_satisfied"}),
    ]
    for action, person, params in steps:
        report.refresh_from_db()
        assert action in report_actions_available(site[person], report)
        report = report_apply(report_id=report.pk, action=action, actor=site[person], **params)
    assert (report.status, report.is_published) == ("answered", True)
    assert report.answered_at - report.assigned_at < datetime.timedelta(minutes=5)
    lines = {line.label: line for line in statistics_table(view=VIEW_UNIT).lines}
    line = lines[site["counted_in"]]
    assert (line.total, line.processed_on_time, line.very_satisfied) == (1, 1, 1)
