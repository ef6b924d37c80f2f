"""The officers' desk through its pages: the inbox ("Hộp thư phản ánh") and one report's desk,
every action posted as its form would be, with the errors an officer would read."""

import datetime
import html
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from pakn.backoffice.tests.desk_setup import (
    desk_url,
    post_action,
    report_at,
    submitted_report,
)
from pakn.core.tests.personal_number_spellings import ORDINARY, PERSONAL
from pakn.organisations.models import Category
from pakn.reports.models import (
    Answer,
    AnswerStatus,
    Attachment,
    Event,
    Message,
    Rating,
    Report,
    ReportStatus,
)
from pakn.reports.workflow import report_apply

pytestmark = pytest.mark.django_db
INBOX = "/can-bo/phan-anh/"


@pytest.fixture
def png_bytes():
    output = io.BytesIO()
    Image.new("RGB", (32, 24), (200, 40, 40)).save(output, format="PNG")
    return output.getvalue()


def html_of(response) -> str:
    return response.content.decode()


def row_codes(html: str) -> list[str]:
    return re.findall(r'data-report-row="([^"]+)"', html)


def tab_count(html: str, slug: str) -> int:
    match = re.search(rf'data-tab="{slug}".*?data-count>(\d+)<', html, flags=re.DOTALL)
    return int(match.group(1))


def png_file(png_bytes, name="anh-hien-truong.png"):
    return SimpleUploadedFile(name, png_bytes, content_type="image/png")


# The inbox -----------------------------------------------------------------------------------


def test_the_coordinator_opens_on_reports_waiting_to_be_routed(client, desk):
    waiting = submitted_report(desk, title="Đèn đường hỏng ở Trần Phú")
    forwarded = report_at(desk, "unit_a", accepted=False, title="Cây đổ chắn đường")
    client.force_login(desk["coordinator"])
    html = html_of(client.get(INBOX))
    assert "Chờ phân loại, chuyển xử lý" in html
    assert row_codes(html) == [waiting.code]
    assert tab_count(html, "cho-chuyen-xu-ly") == 1
    assert tab_count(html, "tat-ca") == 2
    everything = html_of(client.get(INBOX + "?hop-thu=tat-ca"))
    assert set(row_codes(everything)) == {waiting.code, forwarded.code}


def test_a_handler_sees_what_was_sent_to_the_unit_and_nothing_of_other_units(client, desk):
    mine = report_at(desk, "unit_a", accepted=False)
    theirs = report_at(desk, "unit_b", accepted=False)
    submitted_report(desk)  # still with the coordinator: not the unit's business
    client.force_login(desk["handler_a"])
    html = html_of(client.get(INBOX))
    assert "Mới chuyển đến" in html
    assert "Chờ phân loại, chuyển xử lý" not in html  # no coordinator tab for a unit
    assert row_codes(html) == [mine.code]
    all_rows = row_codes(html_of(client.get(INBOX + "?hop-thu=tat-ca")))
    assert mine.code in all_rows and theirs.code not in all_rows


def test_a_leader_opens_on_answers_waiting_for_approval(client, desk):
    report = report_at(desk, "unit_a")
    report_apply(report_id=report.pk, action="submit_answer", actor=desk["handler_a"],
                 content="Đã sửa đèn.")  # fmt: skip
    client.force_login(desk["leader_a"])
    html = html_of(client.get(INBOX))
    assert re.search(r'data-tab="cho-lanh-dao-duyet"[^>]*aria-current="page"', html)
    assert row_codes(html) == [report.code]


def test_the_most_urgent_deadline_comes_first_with_overdue_and_due_soon_badges(client, desk):
    now = timezone.now()
    later = report_at(desk, "unit_a", title="Còn nhiều thời gian")
    overdue = report_at(desk, "unit_a", title="Đã quá hạn")
    soon = report_at(desk, "unit_a", title="Sắp đến hạn")
    Report.objects.filter(pk=later.pk).update(answer_deadline=now + datetime.timedelta(days=30))
    Report.objects.filter(pk=overdue.pk).update(answer_deadline=now - datetime.timedelta(hours=2))
    Report.objects.filter(pk=soon.pk).update(answer_deadline=now + datetime.timedelta(minutes=30))
    client.force_login(desk["handler_a"])
    html = html_of(client.get(INBOX + "?hop-thu=dang-xu-ly"))
    assert row_codes(html) == [overdue.code, soon.code, later.code]
    rows = html.split("data-report-row=")[1:]
    assert "Quá hạn" in rows[0] and "Sắp đến hạn" not in rows[0]
    assert "Sắp đến hạn" in rows[1]
    assert "Quá hạn" not in rows[2] and "Sắp đến hạn" not in rows[2]
    assert tab_count(html, "qua-han") == 1
    only_overdue = html_of(client.get(INBOX + "?hop-thu=dang-xu-ly&overdue=on"))
    assert row_codes(only_overdue) == [overdue.code]
    newest_first = html_of(client.get(INBOX + "?hop-thu=dang-xu-ly&sort=moi-nhat"))
    assert row_codes(newest_first) == [soon.code, overdue.code, later.code]


def test_filters_by_code_keyword_status_sector_commune_and_unit(client, desk):
    water = Category.objects.get(code="water")
    lamp = submitted_report(desk, title="Đèn đường hỏng")
    pipe = submitted_report(desk, title="Vỡ ống nước", category=water,
                            commune=desk["other_ward"])  # fmt: skip
    sent = report_at(desk, "unit_b", title="Rác thải ùn ứ")
    client.force_login(desk["coordinator"])

    def rows(query):
        return row_codes(html_of(client.get(INBOX + "?hop-thu=tat-ca&" + query)))

    assert rows(f"q={pipe.code}") == [pipe.code]
    assert rows("q=ống+nước") == [pipe.code]
    assert rows("q=ong+nuoc") == [pipe.code]  # without marks
    assert rows("q=RAC+THAI+UN+U") == [sent.code]  # capitals, no marks
    assert set(rows("q=DEN+DUONG")) == {lamp.code, pipe.code, sent.code}  # đ as d, in content
    assert rows("status=assigned") == [] and rows("status=in_progress") == [sent.code]
    assert rows(f"category={water.pk}") == [pipe.code]
    # A sector takes its sub-sectors: street lighting and water are both urban infrastructure.
    assert set(rows(f"category={water.parent_id}")) == {lamp.code, pipe.code, sent.code}
    assert set(rows(f"commune={desk['ward'].pk}")) == {lamp.code, sent.code}
    assert rows(f"unit={desk['unit_b'].pk}") == [sent.code]
    # The days the three were sent (one day, unless the test ran across midnight).
    first, last = (timezone.localdate(r.submitted_at).isoformat() for r in (lamp, sent))
    assert len(rows(f"date_from={first}&date_to={last}")) == 3
    bad = html_of(client.get(INBOX + "?date_from=2026-05-02&date_to=2026-05-01"))
    assert "“Đến ngày” phải sau “Gửi từ ngày”." in bad


def test_the_inbox_runs_a_fixed_number_of_queries_whatever_the_page_holds(
    client, desk, django_assert_num_queries
):
    client.force_login(desk["coordinator"])
    submitted_report(desk)
    client.get(INBOX)  # warm the caches (site settings, calendar)
    # 12: the officer's memberships are read once (the scope, the visibility, the link to
    # the administration); the page, the tab counts, the filters' choices, the saved filters.
    with django_assert_num_queries(12):
        one = client.get(INBOX + "?hop-thu=tat-ca")
    for _ in range(24):
        submitted_report(desk)
    report_at(desk, "unit_a")
    with django_assert_num_queries(12):
        many = client.get(INBOX + "?hop-thu=tat-ca")
    assert len(row_codes(html_of(one))) == 1
    assert len(row_codes(html_of(many))) == 25  # one full page
    assert "Trang 1" in html_of(many)
    assert "Trang sau" in html_of(many)


def test_the_officers_home_links_to_the_inbox_with_counts(client, desk):
    submitted_report(desk)
    submitted_report(desk)
    client.force_login(desk["coordinator"])
    html = html_of(client.get(reverse("backoffice:home")))
    assert re.search(
        r"\?hop-thu=cho-chuyen-xu-ly\">Chờ phân loại, chuyển xử lý</a>: <strong>2<", html
    )
    assert 'href="/can-bo/phan-anh/"' in html  # the menu


# The report desk: coordinator ----------------------------------------------------------------


def test_the_routing_suggestion_is_preselected_and_forwarding_writes_an_event(client, desk):
    report = submitted_report(desk)
    client.force_login(desk["coordinator"])
    html = html_of(client.get(desk_url(report)))
    html = html.split('id="thao-tac-forward"')[1].split("</section>")[0]
    units = html.split('name="forward-unit"')[1].split("</select>")[0]
    option = re.search(rf'<option value="{desk["unit_a"].pk}"([^>]*)>([^<]*)</option>', units)
    assert "selected" in option.group(1)
    assert option.group(2).endswith("Sở Xây dựng (Đề xuất theo quy tắc phân công)")
    assert "data-routing-suggestion" in html

    response = post_action(client, report, "forward", unit=desk["unit_a"].pk, note="")
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.ASSIGNED and report.current_unit == desk["unit_a"]
    event = Event.objects.get(report=report, action="forward")
    assert event.actor == desk["coordinator"]
    assert event.actor_unit == desk["centre"]
    assert event.ip_address == "127.0.0.1"
    assert event.to_unit == desk["unit_a"]
    page = html_of(client.get(desk_url(report)))
    assert "Đã chuyển phản ánh đến đơn vị xử lý." in page
    assert "Đã chuyển đến Sở Xây dựng xử lý." in page  # the timeline


def test_classify_changes_the_sector_and_the_suggestion_follows(client, desk):
    report = submitted_report(desk, category=None)
    client.force_login(desk["coordinator"])
    assert "data-routing-suggestion" not in html_of(client.get(desk_url(report)))
    post_action(client, report, "classify", kind="recommendation",
                category=desk["lighting"].pk, commune=desk["ward"].pk)  # fmt: skip
    report.refresh_from_db()
    assert (report.kind, report.category) == ("recommendation", desk["lighting"])
    html = html_of(client.get(desk_url(report)))
    assert "data-routing-suggestion" in html
    assert Event.objects.get(report=report, action="classify").is_public is False


def test_reject_as_a_complaint_tells_the_citizen_where_to_go(client, desk):
    report = submitted_report(desk)
    client.force_login(desk["coordinator"])
    missing = post_action(client, report, "reject", reason="khieu-nai-to-cao", details="")
    assert missing.status_code == 400
    html = html_of(missing)
    assert "Vui lòng ghi rõ nơi người dân cần gửi đến" in html
    assert re.search(r'<option value="khieu-nai-to-cao" selected>', html)  # the choice is kept
    assert Report.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED

    post_action(client, report, "reject", reason="khieu-nai-to-cao",
                details="Thanh tra tỉnh Khánh Hòa, 04 Phan Chu Trinh, Nha Trang")  # fmt: skip
    report.refresh_from_db()
    assert report.status == ReportStatus.REJECTED
    event = Event.objects.get(report=report, action="reject")
    assert event.is_public  # the citizen reads the reason in the timeline
    assert "khiếu nại, tố cáo" in event.note
    assert event.note.endswith("Thanh tra tỉnh Khánh Hòa, 04 Phan Chu Trinh, Nha Trang")


def test_merge_needs_an_existing_original_and_keeps_the_typed_code(client, desk):
    original = submitted_report(desk, title="Đèn đường hỏng")
    duplicate = submitted_report(desk, title="Đèn đường lại hỏng")
    client.force_login(desk["coordinator"])
    wrong = post_action(client, duplicate, "merge", original_code="PAKN-2000-999999")
    assert wrong.status_code == 400
    assert "Không tìm thấy phản ánh gốc có mã này." in html_of(wrong)
    assert 'value="PAKN-2000-999999"' in html_of(wrong)
    post_action(client, duplicate, "merge", original_code=original.code.lower())
    duplicate.refresh_from_db()
    assert duplicate.status == ReportStatus.MERGED and duplicate.duplicate_of == original
    assert duplicate.code in html_of(client.get(desk_url(original)))  # listed on the original


def test_a_unit_return_and_the_extension_request_reach_the_coordinator(client, desk):
    returned = report_at(desk, "unit_b", accepted=False)
    extended = report_at(desk, "unit_a")
    client.force_login(desk["handler_b"])
    empty = post_action(client, returned, "return", reason="  ")
    assert "Vui lòng nêu lý do chuyển trả." in html_of(empty)
    post_action(client, returned, "return", reason="Đèn đường do Sở Xây dựng quản lý.")
    returned.refresh_from_db()
    assert returned.status == ReportStatus.RETURNED and returned.current_unit is None

    client.force_login(desk["handler_a"])
    post_action(client, extended, "request_extension", days="5",
                reason="Chờ nhà thầu thay cột đèn.")  # fmt: skip
    again = post_action(client, extended, "request_extension", days="3", reason="Thêm")
    assert "Mỗi phản ánh chỉ được gia hạn một lần." in html_of(again)
    assert "Thêm</textarea>" in html_of(again)  # what was typed is still there

    client.force_login(desk["coordinator"])
    inbox = html_of(client.get(INBOX + "?hop-thu=chuyen-tra"))
    assert row_codes(inbox) == [returned.code]
    assert tab_count(inbox, "xin-gia-han") == 1
    page = html_of(client.get(desk_url(extended)))
    assert "Sở Xây dựng: Xin gia hạn 5 ngày làm việc: Chờ nhà thầu thay cột đèn." in page
    deadline = Report.objects.get(pk=extended.pk).answer_deadline
    post_action(client, extended, "decide_extension", decision="approve", note="")
    extended.refresh_from_db()
    assert extended.extension_count == 1 and extended.answer_deadline > deadline
    # The returned report goes out again, to the right unit this time.
    post_action(client, returned, "forward", unit=desk["unit_a"].pk, note="")
    assert Report.objects.get(pk=returned.pk).current_unit == desk["unit_a"]


def test_a_return_after_the_units_limit_is_refused_with_the_reason(client, desk):
    report = report_at(desk, "unit_a")
    Report.objects.filter(pk=report.pk).update(
        assigned_at=timezone.now() - datetime.timedelta(days=30)
    )
    client.force_login(desk["handler_a"])
    response = post_action(client, report, "return", reason="Không thuộc thẩm quyền.")
    assert response.status_code == 400
    assert "không còn được chuyển trả" in html_of(response)
    assert "Không thuộc thẩm quyền.</textarea>" in html_of(response)


# The report desk: unit -----------------------------------------------------------------------


def test_the_unit_accepts_asks_the_citizen_and_invites_a_co_handler(client, desk):
    report = report_at(desk, "unit_a", accepted=False)
    client.force_login(desk["handler_a"])
    post_action(client, report, "accept")
    report.refresh_from_db()
    assert report.status == ReportStatus.IN_PROGRESS
    post_action(client, report, "ask_citizen", question="Xin cho biết số cột đèn bị hỏng?")
    message = Message.objects.get(report=report)
    assert message.author_unit == desk["unit_a"]
    post_action(client, report, "add_co_handler", unit=desk["unit_b"].pk)
    assert list(Report.objects.get(pk=report.pk).co_handling_units.all()) == [desk["unit_b"]]
    html = html_of(client.get(desk_url(report)))
    assert "Xin cho biết số cột đèn bị hỏng?" in html
    # The co-handling unit sees it in its own tab.
    client.force_login(desk["handler_b"])
    assert row_codes(html_of(client.get(INBOX + "?hop-thu=phoi-hop"))) == [report.code]


def test_the_unit_forwards_to_its_sub_unit_only(client, desk):
    report = report_at(desk, "unit_a")
    client.force_login(desk["handler_a"])
    html = html_of(client.get(desk_url(report)))
    sub_form = html.split('id="thao-tac-forward_sub_unit"')[1].split("</details>")[0]
    assert "Phòng Hạ tầng kỹ thuật" in sub_form and "Sở Y tế" not in sub_form
    wrong = post_action(client, report, "forward_sub_unit", unit=desk["unit_b"].pk, note="")
    assert wrong.status_code == 400
    post_action(client, report, "forward_sub_unit", unit=desk["sub_unit"].pk, note="Xử lý gấp")
    report.refresh_from_db()
    assert report.current_unit == desk["sub_unit"] and report.status == ReportStatus.ASSIGNED


def test_draft_send_back_redraft_approve_with_attachments(client, desk, png_bytes):
    report = report_at(desk, "unit_a")
    client.force_login(desk["handler_a"])
    empty = post_action(client, report, "submit_answer", content="")
    assert "Vui lòng nhập nội dung trả lời." in html_of(empty)
    response = post_action(client, report, "submit_answer",
                           content="Đã thay bóng đèn.", attachments=png_file(png_bytes))  # fmt: skip
    assert response.status_code == 302
    answer = Answer.objects.get(report=report)
    assert answer.status == AnswerStatus.PENDING_APPROVAL
    assert [a.original_name for a in answer.attachments.all()] == ["anh-hien-truong.png"]

    client.force_login(desk["leader_a"])
    page = html_of(client.get(desk_url(report)))
    assert "Đã thay bóng đèn." in page and "anh-hien-truong.png" in page
    post_action(client, Report.objects.get(pk=report.pk), "send_back_answer",
                note="Nêu rõ ngày thay và vị trí cột đèn.")  # fmt: skip

    client.force_login(desk["handler_a"])
    report.refresh_from_db()
    assert report.status == ReportStatus.IN_PROGRESS
    page = html_of(client.get(desk_url(report)))
    assert "Ý kiến khi trả lại dự thảo: Nêu rõ ngày thay và vị trí cột đèn." in page
    assert "Đã thay bóng đèn.</textarea>" in page  # the draft is there to be edited
    post_action(client, report, "submit_answer",
                content="Ngày 20/11 đã thay bóng đèn cột số 12 Trần Phú.")  # fmt: skip

    client.force_login(desk["leader_a"])
    post_action(client, Report.objects.get(pk=report.pk), "approve_answer")
    report.refresh_from_db()
    assert report.status == ReportStatus.ANSWERED
    answer.refresh_from_db()
    assert answer.status == AnswerStatus.PUBLISHED
    assert answer.content == "Ngày 20/11 đã thay bóng đèn cột số 12 Trần Phú."
    assert answer.attachments.count() == 1  # the first draft's photo stays with the answer


def test_a_unit_under_review_needs_the_coordinators_agreement(client, desk):
    desk["unit_a"].answer_review_required = True
    desk["unit_a"].save()
    report = report_at(desk, "unit_a")
    report_apply(report_id=report.pk, action="submit_answer", actor=desk["handler_a"],
                 content="Đã sửa đèn đường.")  # fmt: skip
    client.force_login(desk["leader_a"])
    post_action(client, Report.objects.get(pk=report.pk), "approve_answer")
    report.refresh_from_db()
    assert report.status == ReportStatus.PENDING_REVIEW
    client.force_login(desk["coordinator"])
    assert row_codes(html_of(client.get(INBOX + "?hop-thu=cho-xem-xet"))) == [report.code]
    post_action(client, report, "review_answer")
    assert Report.objects.get(pk=report.pk).status == ReportStatus.ANSWERED


# Publication and reviews ---------------------------------------------------------------------


def answered(desk, **fields) -> Report:
    report = report_at(desk, "unit_a", **fields)
    report_apply(report_id=report.pk, action="submit_answer", actor=desk["handler_a"],
                 content="Đã thay bóng đèn.")  # fmt: skip
    return report_apply(report_id=report.pk, action="approve_answer", actor=desk["leader_a"])


def test_publication_is_prefilled_and_refuses_personal_numbers(client, desk):
    report = answered(desk, title="Đèn hỏng", content="Gọi tôi số 0905123456 để chỉ chỗ.")
    client.force_login(desk["coordinator"])
    assert row_codes(html_of(client.get(INBOX + "?hop-thu=cho-cong-khai"))) == [report.code]
    page = html_of(client.get(desk_url(report)))
    assert "data-personal-numbers" in page and "0905123456" in page
    assert 'name="publish-public_title" value="Đèn hỏng"' in page
    refused = post_action(client, report, "publish", public_title="Đèn hỏng ở Trần Phú",
                          public_content="Gọi tôi số 0905123456 để chỉ chỗ.")  # fmt: skip
    assert refused.status_code == 400
    assert "Vui lòng xóa trước khi công khai." in html_of(refused)
    assert 'value="Đèn hỏng ở Trần Phú"' in html_of(refused)  # the edited title is kept
    assert not Report.objects.get(pk=report.pk).is_published
    post_action(client, report, "publish", public_title="Đèn hỏng ở Trần Phú",
                public_content="Đèn đường trước nhà số 12 Trần Phú bị hỏng.")  # fmt: skip
    report.refresh_from_db()
    assert report.is_published and report.public_title == "Đèn hỏng ở Trần Phú"
    assert row_codes(html_of(client.get(INBOX + "?hop-thu=cho-cong-khai"))) == []


def test_the_desk_points_out_every_spelling_before_publication(client, desk):
    """The warning above the publish form names each personal number as it is written in the
    prefilled content, and nothing in ordinary numbers. A sample of the table (a page costs a
    fifth of a second): the guard it shares is tried on every row in the reports' tests."""
    report = answered(desk, title="Đèn hỏng")
    client.force_login(desk["coordinator"])
    for spelling in PERSONAL[::6] + ORDINARY[::6]:
        Report.objects.filter(pk=report.pk).update(content=f"Gọi tôi {spelling.text} nhé.")
        page = html_of(client.get(desk_url(report)))
        warning = re.search(r"<p[^>]*data-personal-numbers>(.*?)</p>", page, re.S)
        if spelling.found:
            assert (
                warning and html.unescape(warning.group(1)).count(", ") == len(spelling.found) - 1
            )
            for number in spelling.found:
                assert number in html.unescape(warning.group(1)), spelling.id
        else:
            assert warning is None, spelling.id


def test_not_satisfied_reviews_reopen_or_close(client, desk):
    reopened = answered(desk)
    closed = answered(desk)
    for report in (reopened, closed):
        report_apply(report_id=report.pk, action="rate", actor=desk["reporter"],
                     value="not_satisfied", comment="Đèn vẫn chưa sáng.")  # fmt: skip
    client.force_login(desk["coordinator"])
    inbox = html_of(client.get(INBOX + "?hop-thu=khong-hai-long"))
    assert set(row_codes(inbox)) == {reopened.code, closed.code}
    page = html_of(client.get(desk_url(reopened)))
    assert "Người gửi không hài lòng với kết quả: “Đèn vẫn chưa sáng.”" in page
    no_reason = post_action(client, reopened, "reopen", note="")
    assert "Vui lòng ghi lý do xử lý lại." in html_of(no_reason)
    post_action(client, reopened, "reopen", note="Kiểm tra lại cột đèn.")
    post_action(client, closed, "close", note="Đã xử lý đúng quy định.")
    assert Report.objects.get(pk=reopened.pk).status == ReportStatus.IN_PROGRESS
    assert Report.objects.get(pk=closed.pk).status == ReportStatus.CLOSED
    assert not Rating.objects.filter(review_pending=True).exists()
    assert row_codes(html_of(client.get(INBOX + "?hop-thu=khong-hai-long"))) == []


# Two officers at once ------------------------------------------------------------------------


def test_the_second_of_two_officers_gets_a_message_and_the_new_state(client, desk):
    report = submitted_report(desk)
    seen = report.status
    report_apply(
        report_id=report.pk, action="forward", actor=desk["coordinator"], unit_id=desk["unit_b"].pk
    )  # another coordinator, a moment earlier
    client.force_login(desk["coordinator"])
    response = post_action(client, report, "forward", expected_status=seen,
                           unit=desk["unit_a"].pk, note="")  # fmt: skip
    assert response.status_code == 409
    html = html_of(response)
    assert "vừa được người khác xử lý" in html
    assert "Đã chuyển xử lý" in html and "Sở Y tế" in html
    assert Event.objects.filter(report=report, action="forward").count() == 1
    assert Report.objects.get(pk=report.pk).current_unit == desk["unit_b"]


def test_a_stale_status_caught_under_the_lock_is_reported_the_same_way(client, desk, monkeypatch):
    """The race the early check cannot see: the other officer commits between the page's
    check and report_apply's lock."""
    from pakn.backoffice.desk import views as desk_views

    report = report_at(desk, "unit_a", accepted=False)
    as_loaded = Report.objects.get(pk=report.pk)  # what the page read before the other officer
    report_apply(report_id=report.pk, action="accept", actor=desk["leader_a"])
    real_get = desk_views.report_for_desk
    calls = []

    def loaded_before_the_other_officer(user, code):
        calls.append(code)
        return as_loaded if len(calls) == 1 else real_get(user, code)

    monkeypatch.setattr(desk_views, "report_for_desk", loaded_before_the_other_officer)
    client.force_login(desk["handler_a"])
    response = post_action(client, report, "accept")
    assert response.status_code == 409
    assert "vừa được người khác xử lý" in html_of(response)
    assert Event.objects.filter(report=report, action="accept").count() == 1


# Identity and exchange -----------------------------------------------------------------------


def test_a_hidden_identity_is_shown_only_to_the_coordinator(client, desk):
    report = report_at(desk, "unit_a", hide_reporter_name=True)
    client.force_login(desk["handler_a"])
    html = html_of(client.get(desk_url(report)))
    assert "Người gửi đề nghị giữ bí mật danh tính" in html
    assert "Nguyễn Thị Lan" not in html and desk["reporter"].username not in html
    assert desk["reporter"].phone_display not in html
    client.force_login(desk["coordinator"])
    html = html_of(client.get(desk_url(report)))
    assert "Nguyễn Thị Lan" in html and "lan@example.vn" in html
    assert desk["reporter"].phone_display in html


def test_a_unit_sees_the_name_but_never_the_contacts(client, desk):
    report = report_at(desk, "unit_a")
    client.force_login(desk["handler_a"])
    html = html_of(client.get(desk_url(report)))
    assert "Nguyễn Thị Lan" in html
    assert "lan@example.vn" not in html and desk["reporter"].phone_display not in html


def test_the_unit_writes_to_the_citizen_with_a_file_and_opens_the_reports_photo(
    client, desk, png_bytes
):
    report = report_at(desk, "unit_a")
    photo = Attachment.objects.create(
        report=report, uploaded_by=desk["reporter"], kind="photo", original_name="den.png",
        content_type="image/png", size=len(png_bytes),
        file=SimpleUploadedFile("den.png", png_bytes),
    )  # fmt: skip
    client.force_login(desk["handler_a"])
    url = reverse("backoffice:desk-message", args=[report.code])
    empty = client.post(url, {"body": ""})
    assert empty.status_code == 400 and "Vui lòng nhập nội dung trao đổi." in html_of(empty)
    client.post(url, {"body": "Chúng tôi sẽ kiểm tra trong tuần.",
                      "attachments": png_file(png_bytes, "lich.png")})  # fmt: skip
    message = Message.objects.get(report=report)
    assert message.author_unit == desk["unit_a"]
    assert [a.original_name for a in message.attachments.all()] == ["lich.png"]
    download = client.get(reverse("backoffice:desk-attachment", args=[report.code, photo.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == png_bytes
    # The file is not reachable through another report's address.
    other = report_at(desk, "unit_a")
    assert (
        client.get(reverse("backoffice:desk-attachment", args=[other.code, photo.pk])).status_code
        == 404
    )
    # The coordinator reads the exchange but does not write in it.
    client.force_login(desk["coordinator"])
    assert client.post(url, {"body": "Chào bạn"}).status_code == 403


def test_forms_with_nothing_to_act_on_are_not_offered(client, desk):
    report = report_at(desk, "unit_a")
    client.force_login(desk["coordinator"])
    html = html_of(client.get(desk_url(report)))
    assert 'id="thao-tac-decide_extension"' not in html  # no extension asked
    client.force_login(desk["handler_a"])
    assert 'id="thao-tac-request_extension"' in html_of(client.get(desk_url(report)))
    post_action(client, report, "request_extension", days="2", reason="Chờ vật tư.")
    assert 'id="thao-tac-request_extension"' not in html_of(client.get(desk_url(report)))
    client.force_login(desk["coordinator"])
    assert 'id="thao-tac-decide_extension"' in html_of(client.get(desk_url(report)))


def test_a_link_with_filters_and_no_tab_lists_every_matching_report(client, desk):
    sent = report_at(desk, "unit_a", accepted=False)
    client.force_login(desk["leader_a"])  # whose own default tab is the approvals
    html = html_of(client.get(INBOX + f"?status=assigned&unit={desk['unit_a'].pk}"))
    assert row_codes(html) == [sent.code]
    assert re.search(r'data-tab="tat-ca"[^>]*aria-current="page"', html)


def test_the_report_desk_runs_a_fixed_number_of_queries_however_long_its_history(
    client, desk, django_assert_num_queries
):
    def busy_report(exchanges):
        report = report_at(desk, "unit_a")
        for number in range(exchanges):
            report_apply(report_id=report.pk, action="ask_citizen", actor=desk["handler_a"],
                         question=f"Câu hỏi {number}")  # fmt: skip
            message = Message.objects.filter(report=report).latest("id")
            Attachment.objects.create(
                message=message, uploaded_by=desk["handler_a"], kind="document",
                original_name=f"tep-{number}.pdf", content_type="application/pdf", size=9,
                file=SimpleUploadedFile("tep.pdf", b"%PDF-1.4\n"),
            )  # fmt: skip
        return report

    quiet, busy = busy_report(1), busy_report(12)
    client.force_login(desk["handler_a"])
    client.get(desk_url(quiet))  # warm the caches
    # 21: the actions offered ask their guards (is there a sub-unit to pass the report to?),
    # and the answer editor lists the unit's answer templates. The officer's memberships are
    # read once for the whole page (visibility, roles, actions, exchange, administration
    # link), where they were read five times.
    with django_assert_num_queries(21) as captured:
        client.get(desk_url(quiet))
    quiet_count = len(captured.captured_queries)
    membership_reads = [
        query["sql"]
        for query in captured.captured_queries
        if query["sql"].startswith('SELECT "organisations_membership"')
    ]
    assert len(membership_reads) == 1, membership_reads
    with django_assert_num_queries(quiet_count):
        html = html_of(client.get(desk_url(busy)))
    assert "Câu hỏi 11" in html and "tep-11.pdf" in html


def test_a_form_without_the_status_seen_asks_for_a_reload_and_changes_nothing(client, desk):
    report = report_at(desk, "unit_a", accepted=False)
    client.force_login(desk["handler_a"])
    response = client.post(reverse("backoffice:desk-action", args=[report.code, "accept"]), {})
    assert response.status_code == 400
    assert "Trang đã cũ, vui lòng tải lại trang" in html_of(response)
    assert Report.objects.get(pk=report.pk).status == ReportStatus.ASSIGNED
