"""Forms of delegated unit administration."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pakn.backoffice.forms import UnitChoiceField
from pakn.organisations.models import MembershipRole, UnitKind
from pakn.reports.services.attachments import AttachmentRejected, upload_check


class OfficerCreateForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    username = forms.CharField(
        label=_("Tên đăng nhập"),
        max_length=50,
        help_text=_("Chữ thường không dấu, số, dấu chấm hoặc gạch ngang, ví dụ: nguyenvana.sxd"),
    )
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    phone = forms.CharField(label=_("Số điện thoại di động"), max_length=20, required=False)
    unit = UnitChoiceField(label=_("Đơn vị"), queryset=None)
    role = forms.ChoiceField(label=_("Vai trò"), choices=MembershipRole.choices)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("path")


class MembershipGrantForm(forms.Form):
    unit = UnitChoiceField(label=_("Đơn vị"), queryset=None)
    role = forms.ChoiceField(label=_("Vai trò"), choices=MembershipRole.choices)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("path")


class SubUnitCreateForm(forms.Form):
    parent = UnitChoiceField(label=_("Trực thuộc"), queryset=None)
    name = forms.CharField(label=_("Tên đơn vị"), max_length=250)
    code = forms.SlugField(
        label=_("Mã đơn vị"), max_length=60, help_text=_("Chữ thường không dấu, số, gạch ngang.")
    )
    kind = forms.ChoiceField(label=_("Loại"), choices=UnitKind.choices, initial=UnitKind.SUB_UNIT)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=30, required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = units.order_by("path")


class BulkUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp danh sách cán bộ (.xlsx hoặc .csv)"),
        help_text=_(
            "Các cột: Họ và tên, Tên đăng nhập, Thư điện tử, Số điện thoại, Mã đơn vị, Vai trò."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("Tệp quá lớn (tối đa 5 MB)."))
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Chỉ nhận tệp .xlsx hoặc .csv."))
        if upload.name.lower().endswith(".xlsx"):
            # The checks of an attached XLSX (a real workbook, no macros, no ZIP bomb) before
            # openpyxl unpacks it.
            try:
                detected = upload_check(uploaded_file=upload)
            except AttachmentRejected as error:
                raise forms.ValidationError(str(error)) from None
            if detected.extension != ".xlsx":
                raise forms.ValidationError(_("Tệp không phải bảng tính Excel (.xlsx)."))
        return upload
