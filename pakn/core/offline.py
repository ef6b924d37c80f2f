"""Pages that a signed-in person may open offline, for as long as their session lasts.

The session cookie is HttpOnly, so the service worker cannot see whether the session that a
kept page belongs to is still on. Beside it the server sets a companion cookie that scripts
may read: the session hint, derived from the session key (so it changes at every sign-in and
says nothing about the key), with the same expiry as the session cookie, deleted with it. A
page allowed offline carries the hint in the `X-PAKN-Offline` header; the worker keeps it
apart and serves it offline only while `cookieStore` shows the same hint, unexpired. A
log-out, the session's expiry or cleared cookies therefore end the offline copy at once. A
session deleted on the server while the device is offline is only noticed at its own expiry
time or when the device is online again.
"""

import functools

from django.conf import settings
from django.utils.crypto import salted_hmac

SESSION_HINT_COOKIE = "pakn_session_hint"
OFFLINE_HEADER = "X-PAKN-Offline"


def session_hint(session_key: str) -> str:
    """The companion value of one session: random for anyone without SECRET_KEY, unusable
    as a credential, and new with each session key (a sign-in cycles the key)."""
    return salted_hmac("pakn.core.offline.session_hint", session_key).hexdigest()[:32]


def kept_offline_for_session(view):
    """Marks a view's GET page as one the service worker may keep for the signed-in person
    while their session lasts (SessionHintMiddleware adds the header). Only pages that show
    nothing but what that person sees on them anyway: never officers', admin or account
    pages."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "GET" and _hint_missing(request):
            # A session from before the hint existed, or the hint cookie deleted alone: the
            # session is saved again, so that SessionMiddleware sends its cookie and the
            # hint follows with the same expiry. Here only, not on every page, so that other
            # pages keep their queries.
            request.session.modified = True
        response = view(request, *args, **kwargs)
        if request.method == "GET":
            response.pakn_kept_offline_for_session = True
        return response

    return wrapper


def _hint_missing(request) -> bool:
    session_key = request.session.session_key
    if not (request.user.is_authenticated and session_key):
        return False
    return request.COOKIES.get(SESSION_HINT_COOKIE) != session_hint(session_key)


def response_offline_header(request, response) -> str | None:
    """The `X-PAKN-Offline` value for a response, or None when it may not be kept: only a
    page marked by kept_offline_for_session, shown in full to a signed-in person."""
    if not getattr(response, "pakn_kept_offline_for_session", False):
        return None
    if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
        return None
    user = getattr(request, "user", None)
    session_key = request.session.session_key
    if not (user and user.is_authenticated and session_key):
        return None
    return f"session={session_hint(session_key)}"


def set_session_hint_cookie(response, *, value: str, max_age: int | None, expires) -> None:
    response.set_cookie(
        SESSION_HINT_COOKIE,
        value,
        max_age=max_age,
        expires=expires,
        path=settings.SESSION_COOKIE_PATH,
        domain=settings.SESSION_COOKIE_DOMAIN,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=False,  # read by the service worker through cookieStore
        samesite="Lax",
    )


def delete_session_hint_cookie(response) -> None:
    response.delete_cookie(
        SESSION_HINT_COOKIE,
        path=settings.SESSION_COOKIE_PATH,
        domain=settings.SESSION_COOKIE_DOMAIN,
        samesite="Lax",
    )
