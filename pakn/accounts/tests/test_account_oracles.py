"""No page tells whether an ID number or a phone has an account (issue 11, point 5): forgot
password, registration and the phone change answer the same way, with the same work done,
whatever exists; the owner of a number someone tried to use is told by SMS."""

import datetime
import re

import pytest
from django.contrib.auth.hashers import get_hasher
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pakn.accounts.models import OneTimeCode, User
from pakn.accounts.services import otp as otp_service
from pakn.accounts.tests.factories import UserFactory
from pakn.accounts.tests.test_pages import individual_form
from pakn.organisations.models import AdministrativeArea
from pakn.organisations.services import areas_load_official
from pakn.testing.captcha import post_with_captcha

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def areas():
    areas_load_official()
    province = AdministrativeArea.objects.get(code="56")
    return province, province.children.get(name="Phường Nha Trang")


# Two numbers that look the same masked (******5678), so that only what the page says differs.
KNOWN_PHONE, KNOWN_NATIONAL = "+84912345678", "0912345678"
UNKNOWN_PHONE, UNKNOWN_NATIONAL = "+84987005678", "0987005678"
HIDDEN_CODE = "424242"  # what every code is in these tests, sent or not
WRONG_CODE = "000001"
WEAK, STRONG = "12345678", "Moi@Khanhhoa1"


def page_text(response) -> str:
    """The page without what changes on every request (CSRF and captcha tokens, the captcha's
    question in words)."""
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r'data-captcha-image[^>]*alt="[^"]*"|alt="Phép tính cần giải:[^"]*"', "", html)
    return re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "", html)


@pytest.fixture
def fixed_code(monkeypatch):
    monkeypatch.setattr(otp_service.secrets, "randbelow", lambda _n: int(HIDDEN_CODE))


@pytest.fixture
def work_counter(monkeypatch):
    """Counts password hashing and code hashing, the two costly steps a branch could skip."""
    counts = {"password": 0, "code": 0}
    hasher_class = type(get_hasher())
    encode, hash_code = hasher_class.encode, OneTimeCode.hash_code

    def counting_encode(self, *args, **kwargs):
        counts["password"] += 1
        return encode(self, *args, **kwargs)

    def counting_hash_code(**kwargs):
        counts["code"] += 1
        return hash_code(**kwargs)

    monkeypatch.setattr(hasher_class, "encode", counting_encode)
    monkeypatch.setattr(OneTimeCode, "hash_code", staticmethod(counting_hash_code))
    return counts


def reset_client(client_class, national):
    client = client_class()
    post_with_captcha(client, reverse("accounts:forgot-password"), {"phone": national})
    return client


def reset_try(client, code, password):
    return client.post(
        reverse("accounts:password-reset"),
        {"code": code, "password1": password, "password2": password},
    )


def test_forgot_password_answers_alike_for_every_code_and_password(
    client, sms_outbox, fixed_code, work_counter
):
    UserFactory(username="056090001234", full_name="Nguyễn Văn An", phone=KNOWN_PHONE)
    known = reset_client(type(client), KNOWN_NATIONAL)
    unknown = reset_client(type(client), UNKNOWN_NATIONAL)
    assert len(sms_outbox.messages(KNOWN_PHONE)) == 1 and not sms_outbox.messages(UNKNOWN_PHONE)

    # The same tries, in the same order, on both numbers: wrong or right code, weak or strong
    # (or account-like) password. Each answer must be the same page with the same status.
    tries = [
        (WRONG_CODE, WEAK),
        (WRONG_CODE, STRONG),
        (WRONG_CODE, "056090001234a"),  # like the ID number: only the account's rules know
        (HIDDEN_CODE, WEAK),
    ]
    answers = []
    for code, password in tries:
        work_counter.update(password=0, code=0)
        with CaptureQueriesContext(connection) as known_queries:
            known_answer = reset_try(known, code, password)
        known_work = dict(work_counter)
        work_counter.update(password=0, code=0)
        with CaptureQueriesContext(connection) as unknown_queries:
            unknown_answer = reset_try(unknown, code, password)
        assert known_answer.status_code == unknown_answer.status_code == 200, (code, password)
        assert page_text(known_answer) == page_text(unknown_answer), (code, password)
        # The same work either way: the same queries, the same hashing (and so the same time).
        assert known_work == dict(work_counter), (code, password)
        assert len(known_queries) == len(unknown_queries), (code, password)
        answers.append(page_text(unknown_answer))
    assert "quá phổ biến" in answers[0] and "quá phổ biến" in answers[3]
    assert "Ông/bà còn 4 lần thử." in answers[1] and "Ông/bà còn 3 lần thử." in answers[2]

    # The right code with a strong password: the owner gets in; on the number with no account
    # the (never sent) code is just another wrong try, counted like the others.
    wrong_after = reset_try(unknown, HIDDEN_CODE, STRONG)
    assert "Mã xác thực không đúng. Ông/bà còn 2 lần thử." in page_text(wrong_after)
    assert reset_try(known, HIDDEN_CODE, STRONG).status_code == 302
    assert User.objects.get(username="056090001234").check_password(STRONG)


def test_a_refused_new_password_does_not_use_up_the_code(client, sms_outbox):
    UserFactory(username="056090001234", full_name="Nguyễn Văn An", phone=KNOWN_PHONE)
    owner = reset_client(type(client), KNOWN_NATIONAL)
    code = sms_outbox.last_code(KNOWN_PHONE)
    similar = reset_try(owner, code, "056090001234a")
    assert similar.status_code == 200 and "quá giống" in similar.content.decode()
    assert reset_try(owner, code, STRONG).status_code == 302


def register(client_class, data):
    client = client_class()
    response = post_with_captcha(client, reverse("accounts:register"), data)
    return client, response


def test_registration_never_says_an_id_number_or_phone_is_taken(
    client, areas, sms_outbox, fixed_code, work_counter
):
    owner = UserFactory(username="056090001234", full_name="Trần Thị Bình", phone="+84905000111")
    owner.phone_verified_at = owner.date_joined
    owner.save()
    accounts_before = User.objects.count()

    attempts = {}
    for name, overrides in {
        "taken_id": {"username": "056090001234", "phone": KNOWN_NATIONAL},
        "taken_phone": {"username": "056090009999", "phone": "0905000111"},
        "new": {"username": "056090005555", "phone": UNKNOWN_NATIONAL},
    }.items():
        work_counter.update(password=0, code=0)
        attempts[name] = register(type(client), individual_form(areas, **overrides))
        attempts[name] += (dict(work_counter),)
    for name, (_client, response, work) in attempts.items():
        assert response.status_code == 302, name
        assert response["Location"] == reverse("accounts:register-verify"), name
        assert work == attempts["new"][2], name  # hashed and checked alike

    # No second account; the owner is told on the phone they verified, and nobody is sent a
    # code for the taken ID number or phone.
    assert User.objects.count() == accounts_before + 1
    owner_sms = sms_outbox.messages("+84905000111")
    assert len(owner_sms) == 2 and all("vua dang ky tai khoan" in m["body"] for m in owner_sms)
    assert sms_outbox.messages(KNOWN_PHONE) == []
    assert len(sms_outbox.messages(UNKNOWN_PHONE)) == 1

    # The confirmation step looks the same and counts wrong tries the same way.
    taken, new = attempts["taken_id"][0], attempts["new"][0]
    verify = reverse("accounts:register-verify")
    assert page_text(taken.get(verify)) == page_text(new.get(verify))
    taken_wrong = taken.post(verify, {"code": WRONG_CODE})
    new_wrong = new.post(verify, {"code": WRONG_CODE})
    assert page_text(taken_wrong) == page_text(new_wrong)
    assert "Ông/bà còn 4 lần thử." in page_text(new_wrong)
    OneTimeCode.objects.update(created_at=F("created_at") - datetime.timedelta(seconds=61))
    taken_resend = taken.post(verify, {"resend": "1"}, follow=True)
    new_resend = new.post(verify, {"resend": "1"}, follow=True)
    assert page_text(taken_resend) == page_text(new_resend)
    # Even the right (never sent) code opens nothing for the taken ID number.
    right_for_taken = taken.post(verify, {"code": HIDDEN_CODE})
    assert "Mã xác thực không đúng. Ông/bà còn 4 lần thử." in page_text(right_for_taken)
    assert User.objects.get(username="056090001234").pk == owner.pk
    assert new.post(verify, {"code": HIDDEN_CODE}).status_code == 302


def test_a_weak_password_is_refused_alike_for_a_taken_id_number(client, areas):
    UserFactory(username="056090001234")
    _c, taken = register(type(client), individual_form(areas, password1=WEAK, password2=WEAK))
    _c, new = register(
        type(client),
        individual_form(areas, username="056090005555", password1=WEAK, password2=WEAK),
    )
    assert taken.status_code == new.status_code == 200
    assert "quá phổ biến" in taken.content.decode()
    assert "đã được đăng ký" not in taken.content.decode()
    assert page_text(taken).replace("056090001234", "056090005555") == page_text(new)


def test_changing_to_a_phone_of_another_account_answers_like_a_free_one(
    client, sms_outbox, fixed_code
):
    other = UserFactory(phone=KNOWN_PHONE)
    other.phone_verified_at = other.date_joined
    other.save()
    taking, fair = UserFactory(phone="+84905000111"), UserFactory(phone="+84905000222")
    taking_client, fair_client = type(client)(), type(client)()
    taking_client.force_login(taking)
    fair_client.force_login(fair)
    taken = taking_client.post(reverse("accounts:phone-change"), {"phone": KNOWN_NATIONAL})
    free = fair_client.post(reverse("accounts:phone-change"), {"phone": UNKNOWN_NATIONAL})
    assert taken.status_code == free.status_code == 302
    assert taken["Location"] == free["Location"]
    verify = reverse("accounts:phone-change-verify")
    assert page_text(taking_client.get(verify)) == page_text(fair_client.get(verify))
    # The owner is told, and never sent a code; the right code opens nothing.
    [warning] = sms_outbox.messages(KNOWN_PHONE)
    assert HIDDEN_CODE not in warning["body"]
    answer = taking_client.post(verify, {"code": HIDDEN_CODE})
    assert "Mã xác thực không đúng. Ông/bà còn 4 lần thử." in page_text(answer)
    taking.refresh_from_db()
    assert taking.phone == "+84905000111"
    assert fair_client.post(verify, {"code": HIDDEN_CODE}).status_code == 302


def test_login_answers_alike_for_an_unknown_name_a_wrong_password_and_a_pending_account(
    client,
):
    """The login door (checked, already closed): the same words whatever exists."""
    UserFactory(username="056090001234", phone=KNOWN_PHONE)
    UserFactory(username="056090002222", is_active=False)  # registered, never confirmed
    answers = []
    for login, password in [
        ("056090001234", "Sai@Matkhau1"),
        ("056090009999", "Sai@Matkhau1"),
        ("056090002222", "Matkhau@2026"),
        (UNKNOWN_NATIONAL, "Sai@Matkhau1"),
        (KNOWN_NATIONAL, "Sai@Matkhau1"),
    ]:
        response = post_with_captcha(
            type(client)(), reverse("accounts:login"), {"login": login, "password": password}
        )
        assert response.status_code == 200
        answers.append(page_text(response).replace(login, "LOGIN"))
    assert all(answer == answers[0] for answer in answers)
