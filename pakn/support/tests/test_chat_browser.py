"""Two browsers: a visitor asks the chatbot, without marks, how to get a forgotten password
back, then asks for an agent; a support agent, signed in elsewhere, takes the conversation
and answers; each sees the other's words without reloading, and the transcript is kept."""

import re

from playwright.sync_api import expect

from pakn.core.tests.captcha_solver import captcha_answer_for
from pakn.organisations.models import MembershipRole
from pakn.organisations.tests.factories import MembershipFactory
from pakn.support.models import ChatMessage, FaqEntry

PASSWORD = "Matkhau@2026"  # UserFactory's


def test_a_visitor_gets_an_answer_then_talks_with_an_agent(browser, live_server, page):
    # The guide's entries come with the migrations; a flushed database gets this one back.
    if not FaqEntry.objects.filter(question="Quên mật khẩu thì làm sao?").exists():
        FaqEntry.objects.create(
            question="Quên mật khẩu thì làm sao?", keywords="lay lai mat khau",
            answer="Ông/bà bấm “Quên mật khẩu” trên màn hình đăng nhập.", link="/quen-mat-khau/",
        )  # fmt: skip
    agent = MembershipFactory(user__username="tuvan.chat", role=MembershipRole.SUPPORT_AGENT).user
    page.route(re.compile(r"^https?://[^/]*tile[^/]*/"), lambda route: route.abort())

    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Hỗ trợ trực tuyến").click()
    chat = page.get_by_role("region", name="Hỗ trợ trực tuyến")
    chat.get_by_label("Câu hỏi cần hỗ trợ").fill("quen mat khau")
    chat.get_by_label("Câu hỏi cần hỗ trợ").press("Enter")
    answer = chat.get_by_role("listitem").filter(has_text="bấm “Quên mật khẩu”")
    expect(answer).to_be_visible()
    expect(chat.get_by_role("link", name="Mở trang")).to_have_attribute("href", "/quen-mat-khau/")
    chat.get_by_role("button", name="Gặp tư vấn viên").click()
    # "… sẽ trả lời ngay", or "… khi vào ca" outside working hours: either way it waits.
    expect(chat.get_by_text(re.compile("tư vấn viên sẽ trả lời"))).to_be_visible()

    desk = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh").new_page()
    desk.set_default_timeout(10_000)
    desk.goto(live_server.url + "/can-bo/dang-nhap/")
    desk.get_by_label(re.compile(r"^Tên đăng nhập")).fill(agent.username)
    desk.get_by_label(re.compile(r"^Mật khẩu")).fill(PASSWORD)
    challenge = desk.locator("input[name=captcha_id]").input_value()
    desk.get_by_label(re.compile(r"^Mã số xác thực")).fill(captcha_answer_for(challenge))
    desk.get_by_role("main").get_by_role("button", name="Đăng nhập", exact=True).click()
    expect(desk).not_to_have_url(re.compile(r"/dang-nhap/"))
    desk.goto(live_server.url + "/can-bo/ho-tro/")
    desk.get_by_role("button", name="Nhận").click()
    transcript = desk.locator("[data-transcript]")
    expect(transcript).to_contain_text("quen mat khau")

    desk.get_by_label("Trả lời").fill("Chào Ông/bà, tôi là tư vấn viên. Ông/bà cần giúp gì thêm?")
    desk.get_by_role("button", name="Gửi", exact=True).click()
    expect(chat.get_by_text("tôi là tư vấn viên")).to_be_visible()  # polled, no reload

    chat.get_by_label("Câu hỏi cần hỗ trợ").fill("Số điện thoại cũ của tôi không dùng nữa")
    chat.get_by_role("button", name="Gửi", exact=True).click()
    expect(transcript).to_contain_text("không dùng nữa")  # polled on the agent's page

    desk.get_by_label(re.compile("^Ghi chú khi kết thúc")).fill("Đổi số điện thoại")
    desk.get_by_role("button", name="Kết thúc cuộc trò chuyện").click()
    expect(desk.get_by_text("Đã kết thúc cuộc trò chuyện.")).to_be_visible()
    expect(chat.get_by_text("đã kết thúc cuộc trò chuyện")).to_be_visible()
    kept = list(ChatMessage.objects.values_list("sender", flat=True))
    assert kept.count("visitor") == 2 and kept.count("agent") == 1
    desk.context.close()
