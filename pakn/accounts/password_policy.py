"""The project's own password rules, listed in AUTH_PASSWORD_VALIDATORS beside Django's (every
form and service that sets a password calls ``validate_password``, so this is the one place).

Django's MinimumLengthValidator knows one length for everyone; officers and administrators,
whose accounts reach every report, need a longer one than citizens."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class AccountMinimumLengthValidator:
    def __init__(self, citizen_min_length: int = 8, officer_min_length: int = 10):
        self.citizen_min_length = max(citizen_min_length, 8)
        self.officer_min_length = max(officer_min_length, self.citizen_min_length)

    def min_length_for(self, user) -> int:
        if user is not None and user.is_backoffice_user:
            return self.officer_min_length
        return self.citizen_min_length

    def validate(self, password: str, user=None) -> None:
        min_length = self.min_length_for(user)
        if len(password) < min_length:
            raise ValidationError(
                _("Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.")
                % {"min_length": min_length},
                code="password_too_short",
                params={"min_length": min_length},
            )

    def get_help_text(self) -> str:
        return _(
            "Mật khẩu có ít nhất %(citizen)d ký tự (tài khoản cán bộ: ít nhất %(officer)d ký tự)."
        ) % {"citizen": self.citizen_min_length, "officer": self.officer_min_length}


def demo_password_refused(password: str) -> bool:
    """The demo accounts' password is printed in the README: fine on a developer's machine
    (DEBUG), never as a real password."""
    return not settings.DEBUG and password.casefold() == settings.DEMO_PASSWORD.casefold()


class DemoPasswordValidator:
    def validate(self, password: str, user=None) -> None:
        if demo_password_refused(password):
            raise ValidationError(
                _("Mật khẩu này là mật khẩu mẫu công khai của hệ thống; hãy chọn mật khẩu khác."),
                code="password_is_demo",
            )

    def get_help_text(self) -> str:
        return _("Không dùng mật khẩu mẫu của các tài khoản trình diễn.")
