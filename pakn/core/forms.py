from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from pakn.core.captcha import captcha_check, captcha_create
from pakn.core.models import CaptchaChallenge


class CaptchaFormMixin(forms.Form):
    """Adds the "Mã số xác thực" question to a form. A challenge answered (right or wrong) is
    used up, so a redisplayed form always shows a new one; the other fields keep their values.
    Template: {% include "includes/captcha_field.html" %}."""

    captcha_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    captcha_answer = forms.CharField(
        label=_("Mã số xác thực"),
        max_length=4,
        required=False,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "class": "captcha-input"}
        ),
        help_text=_("Nhập kết quả phép tính trong hình."),
    )

    @cached_property
    def captcha_challenge(self) -> CaptchaChallenge:
        return captcha_create()

    def clean(self):
        cleaned_data = super().clean()
        answer = (self.data.get(self.add_prefix("captcha_answer")) or "").strip()
        if not answer:
            self.add_error("captcha_answer", _("Vui lòng nhập mã số xác thực."))
        elif not captcha_check(
            challenge_id=self.data.get(self.add_prefix("captcha_id")), answer=answer
        ):
            self.add_error(
                "captcha_answer", _("Mã số xác thực không đúng hoặc đã hết hạn. Vui lòng thử lại.")
            )
        return cleaned_data


def form_add_service_errors(form: forms.Form, error) -> None:
    """Shows a service's ValidationError on the form: under the named fields when it names
    them (and the form has them), otherwise at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
