"""The session hint cookie and the `X-PAKN-Offline` header (pakn.core.offline): the service
worker keeps the report form for one session and shows it offline only while the browser
holds that session's hint, so the hint must live and die with the session cookie, and only
the report form may carry the header."""

import pytest
from django.conf import settings
from django.urls import reverse

from pakn.accounts.tests.factories import UserFactory
from pakn.core.offline import SESSION_HINT_COOKIE, session_hint
from pakn.organisations.tests.factories import MembershipFactory
from pakn.testing.captcha import captcha_fields

pytestmark = pytest.mark.django_db

FORM = "/gui-phan-anh/"


def log_in(client, username: str = "056090000021"):
    UserFactory(username=username)
    url = reverse("accounts:login")
    page = client.get(url)
    response = client.post(
        url,
        {"login": username, "password": "Matkhau@2026", **captcha_fields(page.content.decode())},
    )
    assert response.status_code == 302
    return response


def test_the_hint_is_set_at_sign_in_beside_the_session_cookie_with_its_expiry(client):
    response = log_in(client)

    session_cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    hint = response.cookies[SESSION_HINT_COOKIE]
    assert hint.value == session_hint(client.session.session_key)
    assert hint["max-age"] == session_cookie["max-age"] == settings.SESSION_COOKIE_AGE
    assert hint["expires"] == session_cookie["expires"]
    assert hint["path"] == "/"
    assert hint["samesite"] == "Lax"
    assert not hint["httponly"]  # the service worker reads it
    assert not hint["secure"]


def test_the_hint_follows_a_shorter_session_and_is_secure_where_the_session_is(client, settings):
    settings.SESSION_COOKIE_AGE = 600
    settings.SESSION_COOKIE_SECURE = True

    response = log_in(client)

    hint = response.cookies[SESSION_HINT_COOKIE]
    assert hint["max-age"] == response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 600
    assert hint["secure"]


def test_a_new_session_gets_a_new_hint(client):
    first = log_in(client).cookies[SESSION_HINT_COOKIE].value
    client.post(reverse("accounts:logout"))

    second = log_in(client).cookies[SESSION_HINT_COOKIE].value

    assert first != second


def test_the_hint_goes_at_log_out(client):
    log_in(client)

    response = client.post(reverse("accounts:logout"))

    assert response.cookies[SESSION_HINT_COOKIE]["max-age"] == 0
    assert response.cookies[SESSION_HINT_COOKIE].value == ""


def test_a_hint_left_without_a_session_is_deleted(client):
    """The session expired or was deleted on the server: the next page online says so."""
    log_in(client)
    client.session.flush()
    client.cookies.pop(settings.SESSION_COOKIE_NAME)

    response = client.get("/")

    assert response.cookies[SESSION_HINT_COOKIE]["max-age"] == 0


def test_a_session_without_its_hint_gets_it_again_with_the_session_cookie(client):
    """A session from before the hint existed, or the hint cookie deleted alone."""
    client.force_login(UserFactory(username="056090000022"))

    response = client.get(FORM)

    hint = response.cookies[SESSION_HINT_COOKIE]
    assert hint.value == session_hint(client.session.session_key)
    assert hint["max-age"] == response.cookies[settings.SESSION_COOKIE_NAME]["max-age"]
    assert SESSION_HINT_COOKIE not in client.get(FORM).cookies  # no renewal once in place


def test_the_report_form_is_marked_for_the_session_and_stays_private(client):
    log_in(client)

    response = client.get(FORM)

    hint = client.cookies[SESSION_HINT_COOKIE].value
    assert response.status_code == 200
    assert response["X-PAKN-Offline"] == f"session={hint}"
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    "path", ["/phan-anh-cua-toi/", "/thong-bao/", "/tai-khoan/", "/", "/huong-dan/"]
)
def test_no_other_page_of_a_signed_in_citizen_is_marked(client, path):
    log_in(client)

    response = client.get(path)

    assert response.status_code == 200
    assert "X-PAKN-Offline" not in response


def test_the_form_is_not_marked_when_posted_or_for_a_visitor(client):
    assert "X-PAKN-Offline" not in client.get(FORM)  # the way to the login page
    log_in(client)
    assert "X-PAKN-Offline" not in client.post(FORM, {"title": ""})


def test_no_officers_page_is_marked(client):
    officer = MembershipFactory().user
    client.force_login(officer)

    for path in ["/can-bo/phan-anh/", "/can-bo/bang-dieu-khien/", FORM]:
        response = client.get(path)
        assert "X-PAKN-Offline" not in response, path
