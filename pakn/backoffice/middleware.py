"""The rules every request of an officer or administrator passes, whichever door made the
session (the officers' login, the admin, a session from before a policy changed): the second
factor when it is required, a shorter session that also ends when idle, and a temporary
password changed before anything else.

Hand-written rather than a library: django-otp's OTPAdminSite guards only the admin, and
django-session-security needs JavaScript on every page; one middleware covers /can-bo/, /admin/
and the API alike."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from pakn.organisations.unit_administration import has_totp_device, two_factor_required

SESSION_LOGIN_AT = "backoffice:login-at"
SESSION_LAST_SEEN = "backoffice:last-seen"
# The last-seen time is written at most once a minute, not on every request.
LAST_SEEN_RESOLUTION_SECONDS = 60


def session_start(sender, request, user, **kwargs) -> None:
    """On every login (connected to ``user_logged_in``): an officer's session lasts at most
    OFFICER_SESSION_MAX_HOURS; citizens keep the default length."""
    if request is None or not hasattr(request, "session") or not user.is_backoffice_user:
        return
    now = time.time()
    request.session[SESSION_LOGIN_AT] = now
    request.session[SESSION_LAST_SEEN] = now
    request.session.set_expiry(settings.OFFICER_SESSION_MAX_HOURS * 3600)


def _session_end_reason(session) -> str | None:
    now = time.time()
    login_at = session.get(SESSION_LOGIN_AT, now)
    last_seen = session.get(SESSION_LAST_SEEN, now)
    idle_minutes = settings.OFFICER_SESSION_IDLE_MINUTES
    max_hours = settings.OFFICER_SESSION_MAX_HOURS
    if now - last_seen > idle_minutes * 60:
        return _(
            "Phiên làm việc đã hết hạn vì không thao tác trong %(minutes)d phút. "
            "Vui lòng đăng nhập lại."
        ) % {"minutes": idle_minutes}
    if now - login_at > max_hours * 3600:
        return _("Phiên làm việc đã quá %(hours)d giờ. Vui lòng đăng nhập lại.") % {
            "hours": max_hours
        }
    return None


def _session_touch(session) -> None:
    now = time.time()
    session.setdefault(SESSION_LOGIN_AT, now)
    if now - session.get(SESSION_LAST_SEEN, 0) >= LAST_SEEN_RESOLUTION_SECONDS:
        session[SESSION_LAST_SEEN] = now


class BackofficeSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_backoffice_user:
            return self.get_response(request)
        if request.path.startswith((settings.STATIC_URL, "/healthz", "/readyz")):
            return self.get_response(request)
        refusal = self._refusal(request, user)
        return refusal or self.get_response(request)

    def _refusal(self, request, user):
        reason = _session_end_reason(request.session)
        if reason is not None:
            logout(request)
            return self._to_login(request, reason)
        _session_touch(request.session)

        login_pages = {
            reverse("backoffice:login"),
            reverse("backoffice:login-two-factor"),
            reverse("backoffice:logout"),
            reverse("accounts:logout"),
        }
        if not user.is_verified() and two_factor_required(user):
            if has_totp_device(user):
                # A session made with the password alone, for someone who has an authenticator
                # app: no page may honour it.
                logout(request)
                return self._to_login(
                    request, _("Vui lòng đăng nhập lại và nhập mã xác thực hai lớp.")
                )
            setup = reverse("backoffice:totp-setup")
            if request.path in login_pages or request.path == setup:
                return None
            return self._refuse(
                request,
                setup,
                _("Bạn phải cài đặt xác thực hai lớp trước khi tiếp tục."),
            )
        if user.password_must_change:
            change = reverse("accounts:password-change")
            if request.path in login_pages or request.path == change:
                return None
            return self._refuse(
                request,
                change,
                _("Bạn đang dùng mật khẩu tạm. Vui lòng đổi mật khẩu trước khi tiếp tục."),
            )
        return None

    def _next_query(self, request) -> str:
        if request.method == "GET" and not request.path.startswith("/api/"):
            return "?" + urlencode({"next": request.get_full_path()})
        return ""

    def _refuse(self, request, url: str, message: str):
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=403)
        messages.warning(request, message)
        return redirect(url + self._next_query(request))

    def _to_login(self, request, message: str):
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=401)
        messages.info(request, message)
        return redirect(reverse("backoffice:login") + self._next_query(request))
