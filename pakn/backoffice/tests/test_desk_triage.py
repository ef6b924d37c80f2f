"""The coordinator's suggestions on the report desk (pakn.triage): the top three with their
confidence, the first preselected in the one-step classify-and-forward, the routing rules
while the model has too little history, and each choice recorded beside the suggestion."""

import re

import pytest

from pakn.backoffice.tests.desk_setup import desk_url, post_action
from pakn.organisations.models import Category
from pakn.reports.models import Event, Report, ReportKind, ReportStatus
from pakn.reports.tests.factories import ReportFactory
from pakn.reports.workflow import report_apply
from pakn.triage.models import TriageDecision, TriageSource
from pakn.triage.selectors import triage_history
from pakn.triage.services import triage_model_train
from pakn.triage.tests.history import forwarded_history

pytestmark = pytest.mark.django_db
BULK = "/can-bo/phan-anh/chuyen-nhieu/"


@pytest.fixture(autouse=True)
def small_threshold(settings):
    settings.PAKN_TRIAGE_MIN_SAMPLES = 10


def health_report(desk, **fields):
    report = ReportFactory(
        title="Bệnh viện bắt người bệnh chờ khám quá lâu",
        content="Người bệnh chờ khám từ sáng đến trưa, nhân viên y tế không hướng dẫn.",
        reporter=desk["reporter"], commune=desk["ward"], province=desk["province"], **fields,
    )  # fmt: skip
    return report_apply(report_id=report.pk, action="submit", actor=desk["reporter"])


def forward_section(client, report) -> str:
    html = client.get(desk_url(report)).content.decode()
    return html.split('id="thao-tac-forward"')[1].split("</section>")[0]


def selected(section: str, name: str) -> str:
    select = section.split(f'name="forward-{name}"')[1].split("</select>")[0]
    return re.search(r'<option value="([^"]*)"[^>]*selected', select).group(1)


def test_the_model_s_top_three_are_shown_and_the_first_preselected(client, desk):
    forwarded_history(desk)
    model = triage_model_train()
    report = health_report(desk)  # no sector: the citizen did not choose one
    client.force_login(desk["coordinator"])

    section = forward_section(client, report)

    assert 'data-triage-source="model"' in section
    assert f"mô hình phiên bản {model.version}" in section
    categories = section.split("data-triage-categories")[1].split("</ol>")[0]
    assert re.search(r"<li>Y tế <span[^>]*>\d+ %</span></li>", categories)
    units = re.findall(r"<li>([^<]+) <span", section.split("data-triage-units")[1])
    assert units[0] == "Sở Y tế"
    health = Category.objects.get(code="health")
    assert selected(section, "category") == str(health.pk)
    assert selected(section, "unit") == str(desk["unit_b"].pk)
    assert selected(section, "kind") == ReportKind.RECOMMENDATION
    # The unit list: the suggested units first, with their confidence, in their own group.
    unit_select = section.split('name="forward-unit"')[1].split("</select>")[0]
    suggested = unit_select.split('label="Đơn vị được đề xuất"')[1].split("</optgroup>")[0]
    assert re.search(r">Sở Y tế \(đề xuất \d+ %\)</option>", suggested)
    assert "data-unit-picker" in section


def test_classify_and_forward_in_one_step_records_the_choice(
    client, desk, django_capture_on_commit_callbacks
):
    forwarded_history(desk)
    model = triage_model_train()
    report = health_report(desk)
    health = Category.objects.get(code="health")
    client.force_login(desk["coordinator"])

    with django_capture_on_commit_callbacks(execute=True):
        response = post_action(client, report, "forward", kind=ReportKind.RECOMMENDATION,
                               category=health.pk, unit=desk["unit_b"].pk, note="")  # fmt: skip

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.ASSIGNED and report.current_unit == desk["unit_b"]
    assert (report.category, report.kind) == (health, ReportKind.RECOMMENDATION)
    event = Event.objects.get(report=report, action="forward")
    assert "lĩnh vực: Y tế" in event.internal_note  # the classification, for officers only
    assert event.note == "Đã chuyển đến Sở Y tế xử lý."  # what the citizen reads
    decision = TriageDecision.objects.get(report=report)
    assert decision.source == TriageSource.MODEL and decision.model_version == model.version
    assert decision.event == event and decision.decided_by == desk["coordinator"]
    assert decision.unit_matched and decision.category_matched
    assert decision.chosen_unit == desk["unit_b"] and decision.chosen_category == health


def test_a_choice_other_than_the_suggestion_is_recorded_and_learnt_next(
    client, desk, django_capture_on_commit_callbacks
):
    forwarded_history(desk)
    triage_model_train()
    report = health_report(desk)
    client.force_login(desk["coordinator"])

    with django_capture_on_commit_callbacks(execute=True):
        post_action(client, report, "forward", category=desk["lighting"].pk,
                    unit=desk["unit_a"].pk, note="")  # fmt: skip

    decision = TriageDecision.objects.get(report=report)
    assert decision.suggested_unit == desk["unit_b"] and decision.chosen_unit == desk["unit_a"]
    assert decision.unit_matched is False and decision.category_matched is False
    # The next training reads it: the newest sample is this report with the coordinator's choice.
    newest = triage_history(limit=100)[-1]
    assert (newest.title, newest.unit_id, newest.category_id) == (
        report.title, desk["unit_a"].pk, desk["lighting"].pk,
    )  # fmt: skip
    assert triage_model_train().samples == 25


def test_without_a_model_the_rules_suggest_and_the_desk_says_why(client, desk):
    forwarded_history(desk, each=3)
    client.force_login(desk["coordinator"])
    report = health_report(desk, category=desk["lighting"])

    section = forward_section(client, report)
    assert 'data-triage-source="rules"' in section
    assert "Mô hình đề xuất chưa được huấn luyện" in section
    assert selected(section, "unit") == str(desk["unit_a"].pk)  # the lighting rule of the ward

    triage_model_train()
    section = forward_section(client, report)
    assert "Chưa đủ lịch sử để học đề xuất (6/10 phản ánh đã chuyển xử lý)" in section
    assert "đề xuất theo quy tắc phân công" in section
    assert "data-routing-suggestion" in section


def test_a_kind_that_does_not_exist_is_refused_and_nothing_changes(client, desk):
    report = health_report(desk)
    client.force_login(desk["coordinator"])

    response = post_action(client, report, "forward", kind="khieu-nai", unit=desk["unit_b"].pk)

    assert response.status_code == 400
    assert "khieu-nai" in response.content.decode()  # named in the error beside the field
    assert Report.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED


def test_a_bulk_forward_records_the_choice_too(client, desk, django_capture_on_commit_callbacks):
    report = health_report(desk, category=desk["lighting"])
    client.force_login(desk["coordinator"])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(BULK, {"codes": [report.code], "unit": desk["unit_b"].pk})

    decision = TriageDecision.objects.get(report=report)
    assert decision.source == TriageSource.RULES
    assert decision.suggested_unit == desk["unit_a"] and decision.unit_matched is False
