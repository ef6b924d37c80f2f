"""How apps prove who they are: a django-rest-knox token in ``Authorization: Token …``.

Knox stores only a SHA-512 digest of each token, one row per device, each with its expiry,
so one phone can be signed out, every device at once ("log out everywhere"), and a stolen
table opens nothing. The rules of the browser's session hold for tokens too: an officer's
token ends after OFFICER_SESSION_IDLE_MINUTES without use and at most
OFFICER_SESSION_MAX_HOURS after sign-in; a deleted or closed account signs in nowhere; an
officer with a temporary password must change it on the website first."""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from knox.auth import TokenAuthentication
from knox.models import AuthToken
from rest_framework import exceptions

# An officer's token is renewed at most once a minute (no write on every request).
RENEW_RESOLUTION = datetime.timedelta(minutes=1)


def _officer_expiry(token: AuthToken, now: datetime.datetime) -> datetime.datetime:
    idle = now + datetime.timedelta(minutes=settings.OFFICER_SESSION_IDLE_MINUTES)
    longest = token.created + datetime.timedelta(hours=settings.OFFICER_SESSION_MAX_HOURS)
    return min(idle, longest)


def app_token_issue(*, user) -> tuple[AuthToken, str]:
    """A new token for one device; the clear token is returned once and never stored."""
    if user.is_backoffice_user:
        expiry = datetime.timedelta(minutes=settings.OFFICER_SESSION_IDLE_MINUTES)
    else:
        expiry = datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    return AuthToken.objects.create(user=user, expiry=expiry)


class SignInEnded(exceptions.AuthenticationFailed):
    """A valid token whose account or session rules no longer let it in."""


class AppTokenAuthentication(TokenAuthentication):
    def validate_user(self, auth_token: AuthToken):
        user = auth_token.user
        if not user.is_active or user.deleted_at is not None:
            raise SignInEnded(_("Tài khoản không còn hoạt động."))
        if user.is_backoffice_user:
            if user.password_must_change:
                raise SignInEnded(
                    _(
                        "Bạn đang dùng mật khẩu tạm. Vui lòng đổi mật khẩu trên trang web "
                        "trước khi dùng ứng dụng."
                    )
                )
            now = timezone.now()
            expiry = _officer_expiry(auth_token, now)
            if expiry <= now:
                auth_token.delete()
                raise SignInEnded(_("Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại."))
            if auth_token.expiry is None or expiry - auth_token.expiry >= RENEW_RESOLUTION:
                auth_token.expiry = expiry
                auth_token.save(update_fields=["expiry"])
        return user, auth_token

    def authenticate_credentials(self, token):
        try:
            return super().authenticate_credentials(token)
        except SignInEnded:
            raise
        except exceptions.AuthenticationFailed:
            raise exceptions.AuthenticationFailed(
                _("Mã đăng nhập (token) không hợp lệ hoặc đã hết hạn.")
            ) from None
