"""Answer templates: the unit's administrator keeps them, the draft editor offers those of the
report's unit (and the units above it) for its sector, and the leader may correct the draft's
wording when approving, the correction written in the timeline for the officers only."""

import pytest
from django.core.exceptions import PermissionDenied

from pakn.backoffice.tests.desk_setup import desk_build, desk_url, post_action, report_at
from pakn.organisations.models import Category
from pakn.reports.answer_templates import answer_template_save, answer_templates_for_report
from pakn.reports.models import Answer, AnswerStatus, AnswerTemplate, Event
from pakn.reports.workflow import report_apply

pytestmark = pytest.mark.django_db
TEMPLATES = "/can-bo/quan-tri/mau-tra-loi/"


@pytest.fixture
def desk(db):
    return desk_build()


def test_the_unit_admin_adds_a_template_that_the_draft_editor_offers(client, desk):
    client.force_login(desk["unit_admin_a"])
    page = client.get(TEMPLATES).content.decode()
    assert "Chưa có mẫu trả lời nào." in page
    response = client.post(TEMPLATES, {
        "unit": desk["unit_a"].pk, "category": desk["lighting"].pk,
        "title": "Đã sửa đèn", "content": "Đơn vị đã thay bóng đèn; đèn đã sáng.",
        "is_active": "on",
    })  # fmt: skip
    assert response.status_code == 302
    assert "Đã sửa đèn" in client.get(TEMPLATES).content.decode()

    report = report_at(desk, "sub_unit")  # a sub-unit uses its department's templates
    client.force_login(desk["sub_handler"])
    desk_page = client.get(desk_url(report)).content.decode()
    assert "Mẫu trả lời của đơn vị" in desk_page
    assert "Đơn vị đã thay bóng đèn; đèn đã sáng." in desk_page


def test_templates_follow_the_unit_tree_and_the_sector(desk):
    admin, other_sector = desk["unit_admin_a"], Category.objects.exclude(code="lighting").first()
    mine = answer_template_save(actor=admin, unit=desk["unit_a"], category=desk["lighting"],
                                title="Chiếu sáng", content="Đã sửa đèn.")  # fmt: skip
    every = answer_template_save(actor=admin, unit=desk["sub_unit"], title="Chung",
                                 content="Đã tiếp nhận.")  # fmt: skip
    answer_template_save(actor=admin, unit=desk["unit_a"], category=other_sector,
                         title="Khác", content="Không liên quan.")  # fmt: skip
    answer_template_save(actor=admin, unit=desk["unit_a"], title="Cũ", content="Cũ.",
                         is_active=False)  # fmt: skip
    AnswerTemplate.objects.create(unit=desk["unit_b"], title="Sở Y tế", content="Không.")
    at_sub_unit = report_at(desk, "sub_unit")
    assert set(answer_templates_for_report(at_sub_unit)) == {mine, every}
    at_department = report_at(desk, "unit_a")
    assert set(answer_templates_for_report(at_department)) == {mine}


def test_only_the_units_administrator_keeps_its_templates(client, desk):
    with pytest.raises(PermissionDenied):
        answer_template_save(actor=desk["unit_admin_a"], unit=desk["unit_b"], title="X",
                             content="Y")  # fmt: skip
    with pytest.raises(PermissionDenied):
        answer_template_save(actor=desk["handler_a"], unit=desk["unit_a"], title="X", content="Y")
    theirs = AnswerTemplate.objects.create(unit=desk["unit_b"], title="Sở Y tế", content="Z")
    client.force_login(desk["unit_admin_a"])
    assert client.get(f"{TEMPLATES}{theirs.pk}/").status_code == 404
    refused = client.post(TEMPLATES, {"unit": desk["unit_b"].pk, "title": "X", "content": "Y"})
    assert refused.status_code == 400 and not AnswerTemplate.objects.filter(title="X").exists()
    client.force_login(desk["handler_a"])
    assert client.get(TEMPLATES).status_code == 404


def _pending(desk):
    report = report_at(desk, "unit_a")
    report_apply(report_id=report.pk, action="submit_answer", actor=desk["handler_a"],
                 content="Ngày 20/11 đơn vị đã thay bóng đèn cột số 12.")  # fmt: skip
    report.refresh_from_db()
    return report


def test_the_leader_corrects_a_word_when_approving(client, desk):
    report = _pending(desk)
    client.force_login(desk["leader_a"])
    page = client.get(desk_url(report)).content.decode()
    assert "Ngày 20/11 đơn vị đã thay bóng đèn cột số 12.</textarea>" in page
    approved = post_action(client, report, "approve_answer",
                           content="Ngày 21/11 đơn vị đã thay bóng đèn cột số 12.")  # fmt: skip
    assert approved.status_code == 302
    answer = Answer.objects.get(report=report)
    assert answer.status == AnswerStatus.PUBLISHED
    assert answer.content == "Ngày 21/11 đơn vị đã thay bóng đèn cột số 12."
    event = Event.objects.get(report=report, action="approve_answer")
    assert "«20/11» → «21/11»" in event.internal_note
    assert "20/11" not in event.note  # the reporter's timeline shows no internal wording
    assert "«20/11» → «21/11»" in client.get(desk_url(report)).content.decode()
    client.force_login(desk["reporter"])
    citizen = client.get(f"/phan-anh-cua-toi/{report.code}/").content.decode()
    assert "Ngày 21/11" in citizen and "«20/11»" not in citizen


def test_approving_without_changes_writes_no_correction(desk):
    report = _pending(desk)
    report_apply(report_id=report.pk, action="approve_answer", actor=desk["leader_a"])
    event = Event.objects.get(report=report, action="approve_answer")
    assert event.internal_note == ""
    assert Answer.objects.get(report=report).content.startswith("Ngày 20/11")
