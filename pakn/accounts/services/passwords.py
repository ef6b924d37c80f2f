"""Forgotten and changed passwords, and logging out everywhere."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from pakn.accounts.models import AccountType, OtpPurpose, User
from pakn.accounts.password_policy import demo_password_refused
from pakn.accounts.services.otp import OtpIssued, otp_issue, otp_verify


def _account_for_phone(phone: str) -> User | None:
    return (
        User.objects.filter(phone=phone, is_active=True, deleted_at__isnull=True)
        .exclude(account_type=AccountType.OFFICER)
        .first()
    )


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
    """Sets a new password after the reset code is checked; every session is ended."""
    user = _account_for_phone(phone)
    if user is not None:
        validate_password(new_password, user)
    otp_verify(phone=phone, purpose=OtpPurpose.PASSWORD_RESET, code=code)
    if user is None:  # a code for a number with no account is never sent, so cannot match
        raise ValidationError(_("Mã xác thực không đúng."))
    user.set_password(new_password)
    user.password_must_change = False
    user.rotate_session_token()
    user.save(update_fields=["password", "password_must_change", "session_token"])
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
