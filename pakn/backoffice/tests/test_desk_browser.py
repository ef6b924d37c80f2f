"""One report from the citizen to the answer and back, in a real Chromium, each person in their
own browser: the citizen sends → the coordinator forwards (the routing suggestion already
chosen) → the handler accepts and asks a question → the citizen answers on their page → the
handler drafts → the leader sends the draft back → the handler redrafts → the leader approves →
the coordinator publishes → the citizen reads the answer and is not satisfied → the coordinator
reopens the report."""

import re
import uuid

import pytest
from playwright.sync_api import expect

from pakn.backoffice.tests.desk_setup import desk_action_open
from pakn.reports.models import Answer, AnswerStatus, Event, Message, ReportStatus
from pakn.reports.services.submission import ReportDetails, report_submit
from pakn.testing.browser import field, log_in, new_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_as(browser, live_server, user, *, officer: bool, javascript: bool = True):
    """A fresh browser for one person, logged in through the login page of their side."""
    page = new_page(browser, java_script_enabled=javascript)
    return log_in(page, live_server, user.username, officer=officer)


def open_from_inbox(page, live_server, tab_label, code):
    page.goto(live_server.url + "/can-bo/")
    page.get_by_role("navigation", name="Trang cán bộ").get_by_role(
        "link", name="Hộp thư phản ánh"
    ).click()
    page.locator(".desk-tabs").get_by_role("link", name=re.compile(re.escape(tab_label))).click()
    page.locator(f'[data-report-row="{code}"]').get_by_role("link", name=code).click()
    expect(page.locator("[data-report-code]")).to_have_text(code)


def action(page, name):
    return desk_action_open(page, name)


def test_from_the_citizen_to_the_answer_and_a_reopened_review(browser, live_server, desk):
    report = report_submit(
        reporter=desk["reporter"],
        details=ReportDetails(
            title="Đèn đường hỏng trước nhà số 12 Trần Phú",
            content="Đèn đường hỏng nhiều ngày, buổi tối rất tối và nguy hiểm.",
            citizen_category_id=desk["lighting"].pk,
            province_id=desk["province"].pk,
            commune_id=desk["ward"].pk,
        ),
        idempotency_key=uuid.uuid4(),
    )
    code = report.code

    # The coordinator forwards it, to the unit the routing rule suggests.
    coordinator = open_as(browser, live_server, desk["coordinator"], officer=True)
    open_from_inbox(coordinator, live_server, "Chờ phân loại, chuyển xử lý", code)
    forward = action(coordinator, "forward")
    expect(forward.locator("[data-routing-suggestion]")).to_contain_text("Sở Xây dựng")
    expect(field(forward, "Đơn vị xử lý")).to_have_value(str(desk["unit_a"].pk))
    forward.get_by_role("button", name="Chuyển xử lý").click()
    expect(coordinator.locator("[data-report-status]")).to_have_text("Đã chuyển xử lý")
    expect(coordinator.locator("[data-current-unit]")).to_have_text("Sở Xây dựng")

    # The handler accepts and asks the citizen a question.
    handler = open_as(browser, live_server, desk["handler_a"], officer=True)
    open_from_inbox(handler, live_server, "Mới chuyển đến", code)
    action(handler, "accept").get_by_role("button", name="Tiếp nhận").click()
    expect(handler.locator("[data-report-status]")).to_have_text("Đang xử lý")
    ask = action(handler, "ask_citizen")
    field(ask, "Nội dung cần người gửi bổ sung").fill("Cột đèn nào bị hỏng, số hiệu trên cột?")
    ask.get_by_role("button", name="Gửi câu hỏi").click()
    expect(handler.locator(".exchange")).to_contain_text("Cột đèn nào bị hỏng")

    # The citizen answers on their own page.
    citizen = open_as(browser, live_server, desk["reporter"], officer=False)
    citizen.goto(f"{live_server.url}/phan-anh-cua-toi/{code}/")
    expect(citizen.locator(".exchange")).to_contain_text("Cột đèn nào bị hỏng")
    field(citizen, "Nội dung trao đổi").fill("Cột số 12, ngay trước cổng nhà tôi.")
    citizen.get_by_role("button", name="Gửi trao đổi").click()
    expect(citizen.locator(".exchange")).to_contain_text("Cột số 12")
    assert Message.objects.filter(report=report, author_unit__isnull=True).count() == 1

    # The handler reads the answer and drafts the result.
    handler.reload()
    expect(handler.locator(".exchange")).to_contain_text("Cột số 12, ngay trước cổng nhà tôi.")
    draft = action(handler, "submit_answer")
    field(draft, "Nội dung trả lời người dân").fill("Đã thay bóng đèn.")
    draft.get_by_role("button", name="Trình lãnh đạo duyệt").click()
    expect(handler.locator("[data-report-status]")).to_have_text("Chờ lãnh đạo duyệt")

    # The leader sends it back with a comment.
    leader = open_as(browser, live_server, desk["leader_a"], officer=True)
    open_from_inbox(leader, live_server, "Chờ lãnh đạo duyệt", code)
    send_back = action(leader, "send_back_answer")
    field(send_back, "Ý kiến để cán bộ sửa dự thảo").fill("Ghi rõ ngày thay và số cột.")
    send_back.get_by_role("button", name="Trả lại dự thảo").click()
    expect(leader.locator("[data-report-status]")).to_have_text("Đang xử lý")

    # The handler redrafts with the comment in view.
    handler.reload()
    redraft = action(handler, "submit_answer")
    expect(redraft.locator("[data-send-back-comment]")).to_contain_text(
        "Ghi rõ ngày thay và số cột."
    )
    content = field(redraft, "Nội dung trả lời người dân")
    expect(content).to_have_value("Đã thay bóng đèn.")
    content.fill("Ngày 20/11, đơn vị đã thay bóng đèn cột số 12 đường Trần Phú; đèn đã sáng.")
    redraft.get_by_role("button", name="Trình lãnh đạo duyệt").click()
    expect(handler.locator("[data-report-status]")).to_have_text("Chờ lãnh đạo duyệt")

    # The leader approves: the answer goes to the citizen.
    leader.reload()
    action(leader, "approve_answer").get_by_role("button", name="Duyệt và gửi kết quả").click()
    expect(leader.locator("[data-report-status]")).to_have_text("Đã có kết quả")

    # The coordinator publishes it with an edited public title.
    open_from_inbox(coordinator, live_server, "Chờ quyết định công khai", code)
    publish = action(coordinator, "publish")
    expect(field(publish, "Tiêu đề công khai")).to_have_value(report.title)
    field(publish, "Tiêu đề công khai").fill("Đèn đường hỏng trên đường Trần Phú")
    publish.get_by_role("button", name="Công khai").click()
    coordinator.get_by_role("dialog").get_by_role("button", name="Công khai").click()
    expect(coordinator.get_by_text("Đã công khai phản ánh trên cổng thông tin.")).to_be_visible()

    # The citizen reads the answer and is not satisfied.
    citizen.reload()
    expect(citizen.locator(".report-answer")).to_contain_text("đèn đã sáng")
    citizen.get_by_label("Không hài lòng").check()
    field(citizen, "Nhận xét").fill("Hai hôm sau đèn lại tắt.")
    citizen.get_by_role("button", name="Gửi đánh giá").click()
    expect(citizen.locator("[data-rating]")).to_contain_text("Không hài lòng")

    # The coordinator reviews it and reopens the report.
    open_from_inbox(coordinator, live_server, "Đánh giá không hài lòng", code)
    reopen = action(coordinator, "reopen")
    expect(reopen).to_contain_text("Hai hôm sau đèn lại tắt.")
    field(reopen, "Lý do xử lý lại").fill("Người dân báo đèn lại tắt; kiểm tra nguồn điện.")
    reopen.get_by_role("button", name="Xử lý lại").click()
    coordinator.get_by_role("dialog").get_by_role("button", name="Xử lý lại").click()
    expect(coordinator.locator("[data-report-status]")).to_have_text("Đang xử lý")

    report.refresh_from_db()
    assert report.status == ReportStatus.IN_PROGRESS
    assert report.is_published and report.public_title == "Đèn đường hỏng trên đường Trần Phú"
    answer = Answer.objects.get(report=report)
    assert answer.status == AnswerStatus.PUBLISHED and "cột số 12" in answer.content
    assert list(
        Event.objects.filter(report=report).exclude(actor=desk["reporter"])
        .values_list("action", "actor__username")
    ) == [
        ("forward", "coordinator"),
        ("accept", "handler.a"),
        ("ask_citizen", "handler.a"),
        ("submit_answer", "handler.a"),
        ("send_back_answer", "leader.a"),
        ("submit_answer", "handler.a"),
        ("approve_answer", "leader.a"),
        ("publish", "coordinator"),
        ("reopen", "coordinator"),
    ]  # fmt: skip
    assert all(
        event.ip_address == "127.0.0.1"
        for event in Event.objects.filter(report=report).exclude(action="submit")
        if event.actor_id != desk["reporter"].pk
    )
    for page in (coordinator, handler, leader, citizen):
        page.context.close()
