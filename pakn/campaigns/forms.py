import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from pakn.campaigns.models import ReportingGroup
from pakn.campaigns.services import FIGURE_MAX
from pakn.core.typed_input import DateInputField, parse_int

# "12.345", "12,345", "12 345" (thousands grouped by three, as people type them): 12345.
_GROUPED = re.compile(r"[0-9]{1,3}(?:([.,  ])[0-9]{3})(?:\1[0-9]{3})*", re.ASCII)
NOT_A_COUNT = _(
    "Vui lòng nhập số nguyên không âm, chỉ gồm chữ số (có thể tách hàng nghìn bằng dấu chấm, "
    "ví dụ 12.345)."
)
NOT_WHOLE = _("Số lượt phải là số nguyên, không có phần thập phân.")


def count_parse(text: str) -> int:
    """A count as people type it. Written here because parse_int (rightly, for ids and
    pages) refuses what a person filling a report form types: full-width or other scripts'
    digits are read as the digits they are (NFKC, then each decimal digit's value), and
    thousands separators in groups of three are dropped. Anything else gets a message."""
    text = unicodedata.normalize("NFKC", str(text)).strip()
    text = "".join(
        str(unicodedata.decimal(ch)) if unicodedata.category(ch) == "Nd" else ch for ch in text
    )
    if len(text) > 20:
        raise ValidationError(NOT_A_COUNT, code="invalid")
    if _GROUPED.fullmatch(text):
        text = re.sub(r"[.,  ]", "", text)
    elif re.fullmatch(r"[0-9]+[.,][0-9]{1,2}", text, re.ASCII):
        raise ValidationError(NOT_WHOLE, code="invalid")
    try:
        return parse_int(text, minimum=0, maximum=FIGURE_MAX)
    except ValidationError as error:
        if error.code == "invalid":
            raise ValidationError(NOT_A_COUNT, code="invalid") from None
        raise


class CountField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None
        return count_parse(value)


class FiguresForm(forms.Form):
    people_guided = CountField(
        label=_("Số lượt người dân, doanh nghiệp được hướng dẫn, hỗ trợ"),
        error_messages={"required": _("Vui lòng nhập số lượt được hướng dẫn (0 nếu chưa có).")},
    )
    app_installs = CountField(
        label=_("Số lượt cài đặt ứng dụng"),
        error_messages={"required": _("Vui lòng nhập số lượt cài đặt (0 nếu chưa có).")},
    )
    accounts_registered = CountField(
        label=_("Số tài khoản đăng ký sử dụng"),
        error_messages={"required": _("Vui lòng nhập số tài khoản đăng ký (0 nếu chưa có).")},
    )
    solutions = forms.CharField(
        label=_("Giải pháp triển khai"), required=False, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ví dụ: tuyên truyền trên loa truyền thanh, Tổ công nghệ số cộng đồng hướng dẫn tại nhà."),
    )  # fmt: skip
    notes = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PeriodDatesCheck:
    """The period's dates in order: shared by the campaign form and the new-period form."""

    def clean(self):
        data = super().clean()
        start, end, deadline = data.get("start_date"), data.get("end_date"), data.get("deadline")
        if start and end and end < start:
            self.add_error("end_date", _("Ngày kết thúc phải sau ngày bắt đầu."))
        if start and deadline and deadline < start:
            self.add_error("deadline", _("Hạn gửi số liệu phải sau ngày bắt đầu kỳ báo cáo."))
        return data


class CampaignForm(PeriodDatesCheck, forms.Form):
    name = forms.CharField(label=_("Tên phong trào"), max_length=200)
    app_name = forms.CharField(label=_("Ứng dụng, dịch vụ"), max_length=100, initial="KhanhHoa-S")
    description = forms.CharField(
        label=_("Văn bản chỉ đạo"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    reporting_groups = forms.MultipleChoiceField(
        label=_("Đơn vị phải báo cáo"), choices=ReportingGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Chọn ít nhất một nhóm đơn vị phải báo cáo.")},
    )  # fmt: skip
    period_name = forms.CharField(label=_("Tên kỳ báo cáo"), max_length=100)
    start_date = DateInputField(label=_("Từ ngày"))
    end_date = DateInputField(label=_("Đến ngày"))
    deadline = DateInputField(label=_("Hạn gửi số liệu"))


class PeriodForm(PeriodDatesCheck, forms.Form):
    period_name = forms.CharField(label=_("Tên kỳ báo cáo"), max_length=100)
    start_date = DateInputField(label=_("Từ ngày"))
    end_date = DateInputField(label=_("Đến ngày"))
    deadline = DateInputField(label=_("Hạn gửi số liệu"))


class ReviewPeriodForm(forms.Form):
    tu_ngay = DateInputField(label=_("Từ ngày"))
    den_ngay = DateInputField(label=_("Đến ngày"))

    def clean(self):
        data = super().clean()
        start, end = data.get("tu_ngay"), data.get("den_ngay")
        if start and end and end < start:
            self.add_error("den_ngay", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data
