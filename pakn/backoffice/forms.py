from django import forms
from django.utils.translation import gettext_lazy as _

from pakn.core.forms import CaptchaFormMixin
from pakn.core.typed_input import ModelIdChoiceField


class OfficerLoginForm(CaptchaFormMixin, forms.Form):
    username = forms.CharField(
        label=_("Tên đăng nhập"),
        max_length=50,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class TotpTokenForm(forms.Form):
    token = forms.CharField(
        label=_("Mã từ ứng dụng xác thực"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )


class UnitChoiceField(ModelIdChoiceField):
    def label_from_instance(self, unit):
        return "— " * (unit.depth - 1) + unit.name
