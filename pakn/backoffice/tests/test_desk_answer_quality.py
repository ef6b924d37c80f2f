"""The answer-quality guard on every door that lets an answer through: the leader's approval
and the coordinator's review and publication on the desk, and the same actions through the
API. Warnings are shown with the offending lines; going on needs a reason, which the
timeline keeps; a draft sent back with warnings counts for the unit's statistics."""

import pytest
from django.urls import reverse

from pakn.api.tests.conftest import token_client
from pakn.reports.models import AnswerQualityCheck, Event, ReportStatus
from pakn.reports.workflow import report_apply
from pakn.statistics.answer_quality import answers_sent_back_for_quality
from pakn.testing.reports import sent_report

pytestmark = pytest.mark.django_db

PASTED = (
    "Số: 1234/UBND-QLĐT\n"
    "Kính gửi: Trung tâm Chuyển đổi số tỉnh.\n"
    "Căn cứ Công văn số 567/STTTT-CĐS, UBND phường đã giao kiểm tra ổ gà trên đường Trần Phú.\n"
    "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\n(Đã ký)"
)
GOOD = "Ngày 20/11 phường đã dặm vá các ổ gà trên đường Trần Phú; mặt đường đã êm thuận."


def drafted(org, content):
    report = sent_report(org["reporter"], "Ổ gà lớn trên đường Trần Phú",
                         "Nhiều ổ gà lớn trên đường Trần Phú, xe máy dễ té.")  # fmt: skip
    report_apply(report_id=report.pk, action="forward", actor=org["coordinator"],
                 unit_id=org["department"].pk)  # fmt: skip
    report_apply(report_id=report.pk, action="accept", actor=org["handler"])
    return report_apply(report_id=report.pk, action="submit_answer", actor=org["handler"],
                        content=content)  # fmt: skip


def approve(client, report, **fields):
    return client.post(
        reverse("backoffice:desk-action", args=[report.code, "approve_answer"]),
        {"approve_answer-expected_status": report.status, **fields},
    )


def test_the_leader_sees_the_warnings_and_the_pasted_lines(client, org):
    report = drafted(org, PASTED)
    client.force_login(org["leader"])

    html = client.get(reverse("backoffice:desk-report", args=[report.code])).content.decode()

    assert 'data-quality-warning="paperwork"' in html
    assert "<mark data-flagged-line>Số: 1234/UBND-QLĐT</mark>" in html
    assert "<mark data-flagged-line>- Lưu: VT.</mark>" in html
    assert "<mark data-flagged-line>Căn cứ Công văn" in html
    assert 'name="approve_answer-quality_reason"' in html


def test_approval_needs_a_reason_past_the_warnings_and_the_timeline_keeps_it(client, org):
    report = drafted(org, PASTED)
    client.force_login(org["leader"])

    refused = approve(client, report)

    assert refused.status_code == 400
    assert "cảnh báo chất lượng" in refused.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.PENDING_APPROVAL

    approved = approve(client, report, **{
        "approve_answer-quality_reason": "Văn bản do UBND tỉnh yêu cầu gửi nguyên văn."})  # fmt: skip

    assert approved.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.ANSWERED
    event = Event.objects.filter(report=report, action="approve_answer").get()
    assert "Văn bản do UBND tỉnh yêu cầu gửi nguyên văn." in event.internal_note
    assert "Văn bản do UBND" not in event.note  # the public timeline does not show it
    check = AnswerQualityCheck.objects.get(report=report)
    assert check.decision == AnswerQualityCheck.Decision.LET_THROUGH
    assert check.warnings == ["paperwork"] and check.actor == org["leader"]


def test_a_good_answer_goes_through_without_a_word(client, org):
    report = drafted(org, GOOD)
    client.force_login(org["leader"])

    html = client.get(reverse("backoffice:desk-report", args=[report.code])).content.decode()
    assert "data-answer-quality" not in html
    assert approve(client, report).status_code == 302
    assert not AnswerQualityCheck.objects.exists()


def test_a_corrected_draft_is_judged_as_corrected(client, org):
    report = drafted(org, PASTED)
    client.force_login(org["leader"])

    assert approve(client, report, **{"approve_answer-content": GOOD}).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.ANSWERED


def test_sending_back_a_warned_draft_counts_for_the_units_statistics(client, org):
    drafted(org, GOOD)
    report = drafted(org, PASTED)
    client.force_login(org["leader"])

    client.post(
        reverse("backoffice:desk-action", args=[report.code, "send_back_answer"]),
        {"send_back_answer-expected_status": report.status,
         "send_back_answer-note": "Trả lời trực tiếp người dân, không dán công văn."},
    )  # fmt: skip

    report.refresh_from_db()
    assert report.status == ReportStatus.IN_PROGRESS
    counts = answers_sent_back_for_quality()
    assert [(row.unit, row.count) for row in counts] == [(org["department"], 1)]
    client.force_login(org["leader"])
    html = client.get(reverse("backoffice:dashboard")).content.decode()
    section = html.split("data-sent-back-for-quality", 1)[1]
    assert (
        f'data-unit-quality="{org["department"].pk}"><td>{org["department"].name}</td><td>1</td>'
        in section
    )


def test_the_api_follows_the_same_rule(org):
    report = drafted(org, PASTED)
    leader = token_client(org["leader"])
    url = f"/api/v1/reports/{report.code}/actions/approve_answer/"

    refused = leader.post(url, {"expected_status": "pending_approval"}, format="json")
    assert refused.status_code == 400, refused.content
    assert "cảnh báo chất lượng" in refused.json()["detail"]

    approved = leader.post(url, {"expected_status": "pending_approval",
                                 "quality_reason": "Đã thống nhất với người dân."},
                           format="json")  # fmt: skip
    assert approved.status_code == 200, approved.content
    assert approved.json()["status"] == ReportStatus.ANSWERED


def test_the_coordinator_is_warned_before_publishing_a_pasted_answer(client, org):
    report = drafted(org, PASTED)
    report_apply(report_id=report.pk, action="approve_answer", actor=org["leader"])
    client.force_login(org["coordinator"])
    url = reverse("backoffice:desk-action", args=[report.code, "publish"])
    fields = {"publish-expected_status": "answered", "publish-public_title": "Ổ gà Trần Phú",
              "publish-public_content": "Ổ gà trên đường Trần Phú.", "publish-confirm": "on"}  # fmt: skip

    html = client.get(reverse("backoffice:desk-report", args=[report.code])).content.decode()
    assert 'data-quality-warning="paperwork"' in html

    assert client.post(url, fields).status_code == 400
    assert not type(report).objects.get(pk=report.pk).is_published
    published = client.post(url, {**fields, "publish-quality_reason": "Đã sửa trên cổng."})
    assert published.status_code == 302
    assert type(report).objects.get(pk=report.pk).is_published
