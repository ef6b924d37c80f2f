from django import forms
from django.utils.translation import gettext_lazy as _

from pakn.reports.forms import ReportForm


class EmailDraftForm(ReportForm):
    """The citizen's report form as the operator completes it from an e-mail: the same
    fields and checks (sector, commune, position), without captcha or new files (the mail's
    own files are already on the draft)."""

    def __init__(self, *args, **kwargs):
        kwargs["require_captcha"] = False
        super().__init__(*args, **kwargs)
        for name in ("attachments", "upload_token", "idempotency_key", "hide_reporter_name"):
            del self.fields[name]


class DiscardForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do loại thư"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ví dụ: thư quảng cáo, thư trả lời tự động, trùng với phản ánh đã có."),
        error_messages={"required": _("Vui lòng nhập lý do loại thư.")},
    )
    confirm = forms.BooleanField(
        label=_("Tôi xác nhận loại thư này; thư không thành phản ánh, kiến nghị."),
        error_messages={"required": _("Vui lòng đánh dấu ô xác nhận để loại thư.")},
    )
