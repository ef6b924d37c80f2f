"""Forgotten and changed passwords, and logging out everywhere."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from knox.models import AuthToken

from pakn.accounts.models import AccountType, OtpPurpose, User
from pakn.accounts.password_policy import demo_password_refused
from pakn.accounts.services.otp import OtpIssued, otp_issue, otp_verify
from pakn.core.validators import normalise_vn_mobile


def _app_tokens_revoke(user: User) -> None:
    """Signs every app out too (django-rest-knox tokens): wherever the browser's sessions end
    for a new password or "log out everywhere", the apps' sign-ins end with them."""
    AuthToken.objects.filter(user=user).delete()


def _account_for_phone(phone: str) -> User | None:
    return (
        User.objects.filter(phone=phone, is_active=True, deleted_at__isnull=True)
        .exclude(account_type=AccountType.OFFICER)
        .first()
    )


def login_username(typed: str) -> str:
    """The username to authenticate for what a person typed in "Tên đăng nhập": the
    username itself (any case), or the username of the non-officer account with that mobile
    number. The site's and the app's sign-in both ask this; otherwise it is what was typed."""
    typed = typed.strip()
    username = User.objects.filter(username__iexact=typed).values_list("username", flat=True)
    if username:
        return username[0]
    try:
        phone = normalise_vn_mobile(typed)
    except ValidationError:
        return typed
    owner = User.objects.filter(phone=phone).exclude(account_type=AccountType.OFFICER).first()
    return owner.username if owner else typed


def password_reset_request(*, phone: str, ip_address: str | None) -> OtpIssued:
    """Sends a reset code if an account uses ``phone``; answers the same way if none does."""
    user = _account_for_phone(phone)
    return otp_issue(
        phone=phone,
        purpose=OtpPurpose.PASSWORD_RESET,
        ip_address=ip_address,
        user=user,
        deliver=user is not None,
    )


def password_reset_complete(*, phone: str, code: str, new_password: str) -> User:
    """Sets a new password after the reset code is checked; every session is ended.

    Whether ``phone`` has an account must not show in the answer nor in the work done: the
    password is first checked by the rules that need no account, the same for every number;
    then the code, where a number with no account (which was never sent one) compares against
    a code that cannot match, so wrong tries count down the same way. The rules that look at
    the account (similarity to its name) run only once the right code has been typed."""
    user = _account_for_phone(phone)
    validate_password(new_password)
    otp_verify(
        phone=phone,
        purpose=OtpPurpose.PASSWORD_RESET,
        code=code if user is not None else "",
        before_use=lambda: validate_password(new_password, user),
    )
    user.set_password(new_password)
    user.password_must_change = False
    user.rotate_session_token()
    user.save(update_fields=["password", "password_must_change", "session_token"])
    _app_tokens_revoke(user)
    return user


def password_change(*, user: User, old_password: str, new_password: str) -> User:
    """Changes the password of a logged-in user; other sessions end, the view keeps this one."""
    if not user.check_password(old_password):
        raise ValidationError({"old_password": _("Mật khẩu hiện tại không đúng.")})
    if old_password == new_password:
        raise ValidationError({"new_password1": _("Mật khẩu mới phải khác mật khẩu hiện tại.")})
    validate_password(new_password, user)
    user.set_password(new_password)
    user.password_must_change = False
    user.rotate_session_token()
    user.save(update_fields=["password", "password_must_change", "session_token"])
    _app_tokens_revoke(user)
    return user


def password_check_at_login(*, user: User, password: str) -> None:
    """An officer or administrator who logs in with the demo accounts' published password
    outside DEBUG (demo data loaded with --allow-production) must change it before working."""
    if (
        user.is_backoffice_user
        and not user.password_must_change
        and demo_password_refused(password)
    ):
        user.password_must_change = True
        user.save(update_fields=["password_must_change"])


def sessions_end_everywhere(*, user: User) -> None:
    """Ends every session of ``user`` on every device, the current one included."""
    user.rotate_session_token()
    user.save(update_fields=["session_token"])
    _app_tokens_revoke(user)
