"""The citizen's forms: send a report (seed 002, "Gửi phản ánh, kiến nghị"), find their own,
write to the unit, rate the answer. Forms only parse input; the services decide."""

import uuid
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from pakn.accounts.forms import AddressFieldsMixin
from pakn.core.forms import CaptchaFormMixin
from pakn.core.typed_input import DateInputField, ModelIdChoiceField, parse_decimal
from pakn.organisations.models import Category, Unit
from pakn.organisations.selectors import category_choices
from pakn.reports.models import (
    CONTENT_MAX_LENGTH,
    MESSAGE_MAX_LENGTH,
    RATING_COMMENT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    VIETNAM_LATITUDE,
    VIETNAM_LONGITUDE,
    RatingValue,
    ReportKind,
    ReportStatus,
)
from pakn.reports.services.attachments import FILE_PICKER_ACCEPT
from pakn.reports.services.submission import ReportDetails

OUTSIDE_VIETNAM = _(
    "Vị trí đã chọn nằm ngoài lãnh thổ Việt Nam. Vui lòng chọn lại vị trí hoặc bỏ trống."
)


def coordinate_in_vietnam(raw: str | None, bounds: tuple) -> Decimal | None:
    """A typed latitude or longitude (any digits, six decimals kept) within Vietnam's
    ``bounds``, or None when left empty; every form that takes a position reads it here."""
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        return parse_decimal(raw, minimum=bounds[0], maximum=bounds[1], places=6)
    except forms.ValidationError:
        raise forms.ValidationError(OUTSIDE_VIETNAM) from None


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True

    def __init__(self, attrs=None):
        super().__init__({"accept": FILE_PICKER_ACCEPT, **(attrs or {})})


class MultipleFileField(forms.FileField):
    """Several files in one input; the list is checked file by file by the service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class CategoryChoiceField(ModelIdChoiceField):
    def label_from_instance(self, category):
        return f"— {category.name}" if category.parent_id else category.name


# The query parameter of the report form that carries a suggested unit's code: the button of
# an agency's widget on its website (pakn/portal/widget.py).
SUGGESTED_UNIT_PARAMETER = "don-vi"


class ReportForm(CaptchaFormMixin, AddressFieldsMixin, forms.Form):
    """ "Gửi phản ánh, kiến nghị". The captcha is asked only when the report is sent, not
    when a draft is saved ("Lưu")."""

    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)
    # Issued by the server for this account (upload_token_issue); the view checks it.
    upload_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)
    # The code of the unit whose website the citizen came from: a suggestion for the
    # coordinator; an unknown or inactive code is simply dropped.
    referring_unit = forms.CharField(widget=forms.HiddenInput, required=False, max_length=60)
    title = forms.CharField(
        label=_("Tiêu đề"),
        max_length=TITLE_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={
            "required": _("Vui lòng nhập tiêu đề."),
            "max_length": _("Tiêu đề tối đa %(limit_value)d ký tự (đang có %(show_value)d)."),
        },
    )
    content = forms.CharField(
        label=_("Nội dung"),
        max_length=CONTENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Tối đa 10.000 ký tự."),
        error_messages={
            "required": _("Vui lòng nhập nội dung phản ánh, kiến nghị."),
            "max_length": _("Nội dung tối đa %(limit_value)d ký tự (đang có %(show_value)d)."),
        },
    )
    kind = forms.ChoiceField(
        label=_("Loại"),
        choices=ReportKind.choices,
        initial=ReportKind.REPORT,
        widget=forms.RadioSelect,
    )
    citizen_category = CategoryChoiceField(
        label=_("Lĩnh vực"),
        queryset=Category.objects.filter(is_active=True),
        required=False,
        empty_label=_("— Chọn lĩnh vực (không bắt buộc) —"),
    )
    address = forms.CharField(
        label=_("Địa điểm xảy ra"),
        max_length=300,
        required=False,
        help_text=_("Số nhà, đường, thôn, tổ dân phố…"),
    )
    # Typed, filled from the device's position or by the pin on the map (static/js/report-map.js).
    latitude = forms.CharField(
        label=_("Vĩ độ"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 12}),
    )
    longitude = forms.CharField(
        label=_("Kinh độ"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 12}),
    )
    hide_reporter_name = forms.BooleanField(
        label=_("Đề nghị giữ bí mật thông tin người gửi với đơn vị xử lý"), required=False
    )
    attachments = MultipleFileField(
        label=_("Tệp đính kèm"),
        help_text=_(
            "Tối đa 10 tệp: ảnh JPEG, PNG, HEIC đến 25 MB mỗi ảnh; video MP4, MOV đến 100 MB; "
            "tài liệu PDF, DOC, DOCX, PPTX, XLSX đến 10 MB. Ảnh được xem trước khi gửi."
        ),
    )

    field_order = [
        "title",
        "content",
        "kind",
        "citizen_category",
        "address_province",
        "address_commune",
        "address",
        "hide_reporter_name",
        "attachments",
    ]

    def __init__(self, *args, require_captcha: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.require_captcha = require_captcha
        self.initial.setdefault("idempotency_key", uuid.uuid4())
        for name in ("address_province", "address_commune"):
            self.fields[name].required = False
        self.fields["address_province"].label = _("Tỉnh, thành phố")
        self.fields["address_commune"].label = _("Xã, phường, đặc khu")
        self.fields["address_province"].empty_label = _("— Chọn tỉnh, thành phố —")
        category_field = self.fields["citizen_category"]
        category_field.queryset = Category.objects.filter(is_active=True)
        category_field.choices = [("", category_field.empty_label), *category_choices()]
        del self.fields["address_street"]

    def clean_referring_unit(self) -> Unit | None:
        code = self.cleaned_data.get("referring_unit", "").strip()
        return Unit.objects.filter(code=code, is_active=True).first() if code else None

    def clean_latitude(self):
        return self._coordinate("latitude", VIETNAM_LATITUDE)

    def clean_longitude(self):
        return self._coordinate("longitude", VIETNAM_LONGITUDE)

    def _coordinate(self, name, bounds) -> Decimal | None:
        return coordinate_in_vietnam(self.cleaned_data.get(name), bounds)

    def clean(self):
        if self.require_captcha:
            cleaned_data = super().clean()
        else:
            cleaned_data = forms.Form.clean(self)
        latitude, longitude = cleaned_data.get("latitude"), cleaned_data.get("longitude")
        if (latitude is None) != (longitude is None) and not (
            self.has_error("latitude") or self.has_error("longitude")
        ):
            self.add_error("latitude", _("Vị trí chưa đầy đủ (thiếu vĩ độ hoặc kinh độ)."))
        commune, province = (
            cleaned_data.get("address_commune"),
            cleaned_data.get("address_province"),
        )
        if commune is not None and province is None:
            self.add_error("address_province", _("Vui lòng chọn tỉnh, thành phố."))
        return cleaned_data

    @property
    def position_errors(self):
        return [*self.errors.get("latitude", []), *self.errors.get("longitude", [])]


def report_details(data: dict) -> ReportDetails:
    """What the submission service takes, from a report form's cleaned data (the citizen's
    form, its automatic draft, the app's API, the operators' intake and e-mail draft)."""
    province, commune, category = (
        data.get("address_province"),
        data.get("address_commune"),
        data.get("citizen_category"),
    )
    return ReportDetails(
        title=data.get("title") or "",
        content=data.get("content") or "",
        kind=data.get("kind") or ReportKind.REPORT,
        citizen_category_id=category.pk if category else None,
        address=data.get("address") or "",
        province_id=province.pk if province else None,
        commune_id=commune.pk if commune else None,
        latitude=data.get("latitude"),
        longitude=data.get("longitude"),
        hide_reporter_name=bool(data.get("hide_reporter_name", False)),
        referring_unit_id=data["referring_unit"].pk if data.get("referring_unit") else None,
    )


class ReportDraftForm(ReportForm):
    """What the form's script saves while the citizen types (the automatic draft): nothing is
    required but a title or a content, no captcha, no files (they are sent with the form)."""

    def __init__(self, *args, **kwargs):
        kwargs["require_captcha"] = False
        super().__init__(*args, **kwargs)
        for name in ("title", "content", "kind"):
            self.fields[name].required = False
        self.fields["idempotency_key"].error_messages = {
            "required": _("Thiếu mã bản nháp."),
            "invalid": _("Mã bản nháp không hợp lệ."),
        }
        del self.fields["attachments"]

    def clean_kind(self):
        return self.cleaned_data.get("kind") or ReportKind.REPORT

    def clean(self):
        cleaned_data = super().clean()
        if (
            not (cleaned_data.get("title") or "").strip()
            and not (cleaned_data.get("content") or "").strip()
        ):
            if not self.has_error("title") and not self.has_error("content"):
                self.add_error(None, _("Nhập tiêu đề hoặc nội dung để lưu bản nháp."))
        return cleaned_data


class MyReportsFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm trong phản ánh của tôi"), max_length=100, required=False)
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[("", _("Tất cả trạng thái")), *ReportStatus.choices],
    )
    date_from = DateInputField(label=_("Từ ngày"), required=False)
    date_to = DateInputField(label=_("Đến ngày"), required=False)

    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("date_from"), cleaned_data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("“Đến ngày” phải sau “Từ ngày”."))
        return cleaned_data


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Nội dung trao đổi"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Vui lòng nhập nội dung trao đổi."),
            "max_length": _(
                "Nội dung trao đổi tối đa %(limit_value)d ký tự (đang có %(show_value)d)."
            ),
        },
    )
    attachments = MultipleFileField(label=_("Tệp đính kèm"))


class RatingForm(forms.Form):
    value = forms.ChoiceField(
        label=_("Mức độ hài lòng"),
        choices=RatingValue.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vui lòng chọn mức độ hài lòng.")},
    )
    comment = forms.CharField(
        label=_("Nhận xét"),
        max_length=RATING_COMMENT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": _("Nhận xét tối đa %(limit_value)d ký tự (đang có %(show_value)d).")
        },
    )
