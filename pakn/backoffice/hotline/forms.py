"""The operators' forms. The report itself is the citizens' ReportForm (pakn/reports/forms.py),
without its captcha: the operator is signed in on the officers' side."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pakn.accounts.forms import PhoneField
from pakn.core.typed_input import DateInputField


class CallerLookupForm(forms.Form):
    """The caller's phone, in any spelling (0905 123 456, +84905123456, 84.905.123.456)."""

    so = PhoneField(label=_("Số điện thoại người gọi"))


class ContactForm(forms.Form):
    """A caller without an account: name, phone and, if they give one, an address."""

    full_name = forms.CharField(
        label=_("Họ và tên người gọi"),
        max_length=150,
        error_messages={"required": _("Vui lòng nhập họ và tên người gọi.")},
    )
    phone = PhoneField(label=_("Số điện thoại người gọi"))
    address = forms.CharField(label=_("Địa chỉ (không bắt buộc)"), max_length=250, required=False)


class EnquiryForm(forms.Form):
    """ "Hỏi tình trạng": a report's code, or the caller's phone to list theirs."""

    code = forms.CharField(label=_("Mã số phản ánh"), max_length=30, required=False)
    phone = PhoneField(label=_("hoặc số điện thoại người gọi"), required=False)

    def clean(self):
        cleaned_data = super().clean()
        if not (cleaned_data.get("code") or "").strip() and not cleaned_data.get("phone"):
            if not self.has_error("phone"):
                raise forms.ValidationError(_("Nhập mã số phản ánh hoặc số điện thoại."))
        return cleaned_data


class OtherCallForm(forms.Form):
    """A call that was neither a new report nor a status enquiry, for the log."""

    phone = PhoneField(label=_("Số điện thoại người gọi"), required=False)
    note = forms.CharField(
        label=_("Nội dung cuộc gọi"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Vui lòng ghi nội dung cuộc gọi.")},
    )


class CallLogFilterForm(forms.Form):
    tu_ngay = DateInputField(label=_("Từ ngày"), required=False)
    den_ngay = DateInputField(label=_("Đến ngày"), required=False)

    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("tu_ngay"), cleaned_data.get("den_ngay")
        if start and end and start > end:
            self.add_error("den_ngay", _("“Đến ngày” phải sau “Từ ngày”."))
        return cleaned_data
