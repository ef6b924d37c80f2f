"""How django-axes sees our logins: which name a failure counts against, and what a locked-out
visitor is told (the same whether or not the account exists)."""

import hashlib
import hmac

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def lockout_username(request, credentials: dict | None) -> str:
    """A keyed hash of the typed username: failures still count per name, but the ID number
    itself never reaches axes' tables or logs."""
    username = (credentials or {}).get("username") or request.POST.get("login", "")
    digest = hmac.new(
        settings.SECRET_KEY.encode(), username.strip().upper().encode(), hashlib.sha256
    )
    return digest.hexdigest()[:32]


def lockout_response(request, credentials: dict | None, *args, **kwargs):
    from pakn.accounts.forms import LoginForm

    message = _(
        "Ông/bà đã đăng nhập sai quá 5 lần. Vì an toàn, việc đăng nhập từ máy này "
        "tạm dừng 15 phút. Nếu quên mật khẩu, hãy dùng chức năng lấy lại mật khẩu."
    )
    if request.path.startswith("/api/"):
        # An app's sign-in (pakn/api/v1) shares these counters: it gets a problem
        # document (RFC 9457) instead of the page.
        wait = int(settings.AXES_COOLOFF_TIME.total_seconds())
        response = JsonResponse(
            {
                "type": "urn:pakn:problem:locked-out",
                "title": _("Quá nhiều yêu cầu"),
                "status": 429,
                "detail": message,
            },
            status=429,
            content_type="application/problem+json",
        )
        response["Retry-After"] = str(wait)
        return response

    form = LoginForm(initial={"login": request.POST.get("login", "")})
    return render(
        request,
        "accounts/login.html",
        {
            "form": form,
            "locked_out": message,
        },
        status=429,
    )
