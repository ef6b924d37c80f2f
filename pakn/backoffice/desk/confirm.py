"""The confirmation that every destructive or public action of the desk asks for (reject,
return, merge, publish, unpublish, reopen, close): a required checkbox the server checks, so
the rule holds without JavaScript; with JavaScript (static/js/backoffice.js) the checkbox
gives way to a dialog that ticks it when the officer confirms."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ConfirmedActionMixin:
    """Put before ActionForm: adds the ``confirm`` checkbox last, labelled ``confirm_label``,
    and keeps it out of report_apply's arguments."""

    confirm_label = _("Tôi xác nhận thực hiện thao tác này.")
    needs_confirmation = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confirm"] = forms.BooleanField(
            label=self.confirm_label,
            required=True,
            error_messages={
                "required": _("Vui lòng đánh dấu ô xác nhận để thực hiện thao tác này.")
            },
        )

    def params(self) -> dict:
        params = super().params()
        params.pop("confirm", None)
        return params
