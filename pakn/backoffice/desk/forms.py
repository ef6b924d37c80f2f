"""The officers' desk forms: the inbox filters and one small form per workflow action. A form
only parses what the officer typed into the keyword arguments of ``report_apply``; the action
handlers decide. Every action form carries the status the officer saw (``expected_status``),
so that of two officers acting at once only the first one's action is applied."""

from django import forms
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pakn.accounts.forms import DEFAULT_PROVINCE_CODE
from pakn.backoffice.desk.confirm import ConfirmedActionMixin
from pakn.backoffice.desk.quality import DraftQualityMixin, PublishedAnswerQualityMixin
from pakn.backoffice.desk.selectors import TIMELINESS_FILTERS
from pakn.backoffice.desk.triage import forward_form_triage
from pakn.backoffice.forms import UnitChoiceField
from pakn.core.typed_input import DateInputField, IntegerInputField, ModelIdChoiceField
from pakn.organisations.models import AdministrativeArea, Category, Unit
from pakn.organisations.selectors import category_choices
from pakn.reports.forms import CategoryChoiceField, MultipleFileField
from pakn.reports.models import (
    ANSWER_MAX_LENGTH,
    CONTENT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    ReportKind,
    ReportStatus,
)
from pakn.reports.services.actions import sub_units_for_forwarding

REJECT_REASONS = [
    (
        "khieu-nai-to-cao",
        _(
            "Nội dung là khiếu nại, tố cáo: không thuộc phạm vi tiếp nhận của Hệ thống phản ánh, "
            "kiến nghị; đề nghị gửi đến cơ quan có thẩm quyền giải quyết theo quy định"
        ),
    ),
    ("to-tung", _("Vụ việc đang được tòa án, cơ quan tiến hành tố tụng giải quyết")),
    ("thieu-thong-tin", _("Nội dung không rõ ràng, không đủ thông tin để xem xét, xử lý")),
    ("khong-phu-hop", _("Nội dung có lời lẽ xúc phạm, không phù hợp thuần phong mỹ tục")),
    ("ngoai-pham-vi", _("Không thuộc phạm vi kinh tế - xã hội trên địa bàn tỉnh")),
    ("khac", _("Lý do khác")),
]
# The reasons whose text needs the officer's own words: where to send a complaint, what else.
REJECT_REASONS_NEEDING_DETAILS = {"khieu-nai-to-cao", "khac"}


def commune_choices_queryset(current=None):
    """The province's communes, wards and special zones (and the report's own, wherever)."""
    condition = Q(parent__code=DEFAULT_PROVINCE_CODE, is_active=True)
    if current is not None:
        condition |= Q(pk=current.pk)
    return AdministrativeArea.objects.filter(level="commune").filter(condition).order_by("name")


def _category_field(**kwargs) -> CategoryChoiceField:
    field = CategoryChoiceField(queryset=Category.objects.filter(is_active=True), **kwargs)
    field.choices = [("", field.empty_label), *category_choices()]
    return field


class InboxFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Mã số hoặc từ khóa"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "PAKN-2026-000123"}),
    )
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[("", _("Tất cả trạng thái"))]
        + [c for c in ReportStatus.choices if c[0] != ReportStatus.DRAFT],
    )
    category = ModelIdChoiceField(
        label=_("Lĩnh vực"), queryset=Category.objects.none(), required=False
    )
    commune = ModelIdChoiceField(
        label=_("Xã, phường, đặc khu"),
        queryset=AdministrativeArea.objects.none(),
        required=False,
        empty_label=_("Tất cả"),
    )
    unit = UnitChoiceField(
        label=_("Đơn vị xử lý"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("Tất cả"),
    )
    date_from = DateInputField(label=_("Gửi từ ngày"), required=False)
    date_to = DateInputField(label=_("Đến ngày"), required=False)
    overdue = forms.BooleanField(label=_("Chỉ phản ánh quá hạn"), required=False)
    timeliness = forms.ChoiceField(
        label=_("Tiến độ (như bảng điều khiển)"),
        required=False,
        choices=[
            ("", _("Tất cả")),
            *((slug, label) for slug, (_n, label) in TIMELINESS_FILTERS.items()),
        ],
    )
    # Set by the dashboard's links of a coordinating centre: kept, not shown as a field.
    coordinating_unit = UnitChoiceField(
        label=_("Đơn vị tiếp nhận, điều phối"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.HiddenInput,
    )
    sort = forms.ChoiceField(
        label=_("Sắp xếp"),
        required=False,
        choices=[
            ("han-xu-ly", _("Hạn xử lý gần nhất trước")),
            ("moi-nhat", _("Mới nhận trước")),
            ("cu-nhat", _("Nhận lâu nhất trước")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = _category_field(label=_("Lĩnh vực"), required=False, empty_label=_("Tất cả"))
        self.fields["category"] = field
        self.fields["commune"].queryset = commune_choices_queryset()
        self.fields["unit"].queryset = Unit.objects.filter(is_active=True).order_by("path")
        self.fields["coordinating_unit"].queryset = Unit.objects.filter(is_active=True)

    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("date_from"), cleaned_data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("“Đến ngày” phải sau “Gửi từ ngày”."))
        return cleaned_data


# Action forms --------------------------------------------------------------------------------


class ActionForm(forms.Form):
    """One workflow action on one report. ``params()`` gives report_apply's keyword arguments."""

    action = ""
    title = ""
    button = _("Xác nhận")
    button_class = "button--primary"
    expected_status = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, report, user=None, **kwargs):
        kwargs.setdefault("prefix", self.action)
        super().__init__(*args, **kwargs)
        self.report = report
        self.user = user
        self.initial.setdefault("expected_status", report.status)

    def params(self) -> dict:
        """report_apply's keyword arguments: each field by its name, a chosen object by its id
        (``unit`` gives ``unit_id``). Forms whose fields are not the action's say so."""
        params = {}
        for name, value in self.cleaned_data.items():
            if name == "expected_status":
                continue
            if isinstance(value, models.Model):
                params[f"{name}_id"] = value.pk
            else:
                params[name] = value
        return params

    @property
    def has_files(self) -> bool:
        return any(isinstance(f, forms.FileField) for f in self.fields.values())


class NoteMixin:
    note_required = False

    def _add_note(self, label, help_text=""):
        self.fields["note"] = forms.CharField(
            label=label,
            required=self.note_required,
            max_length=2000,
            help_text=help_text,
            widget=forms.Textarea(attrs={"rows": 3}),
        )


class ClassifyForm(ActionForm):
    action = "classify"
    title = _("Phân loại")
    button = _("Lưu phân loại")
    button_class = "button--secondary"
    kind = forms.ChoiceField(label=_("Loại"), choices=ReportKind.choices)
    commune = ModelIdChoiceField(
        label=_("Địa bàn (xã, phường, đặc khu)"),
        queryset=AdministrativeArea.objects.none(),
        required=False,
        empty_label=_("— Chưa xác định —"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"] = _category_field(
            label=_("Lĩnh vực"),
            empty_label=_("— Chọn lĩnh vực —"),
            error_messages={"required": _("Vui lòng chọn lĩnh vực.")},
        )
        self.fields["commune"].queryset = commune_choices_queryset(self.report.commune)
        self.order_fields(["kind", "category", "commune"])
        self.initial.setdefault("kind", self.report.kind)
        self.initial.setdefault("category", self.report.category_id)
        self.initial.setdefault("commune", self.report.commune_id)

    def params(self):
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "category_id": data["category"].pk,
            "commune_id": data["commune"].pk if data["commune"] else None,
        }


class RejectForm(ConfirmedActionMixin, ActionForm):
    action = "reject"
    confirm_label = _("Tôi xác nhận không tiếp nhận phản ánh này; người gửi nhận được lý do.")
    title = _("Không tiếp nhận")
    button = _("Không tiếp nhận")
    button_class = "button--danger"
    reason = forms.ChoiceField(
        label=_("Lý do"),
        choices=[("", _("— Chọn lý do —")), *REJECT_REASONS],
        error_messages={"required": _("Vui lòng chọn lý do không tiếp nhận.")},
    )
    details = forms.CharField(
        label=_("Nội dung gửi người dân"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Người gửi đọc được nội dung này. Với khiếu nại, tố cáo: ghi rõ cơ quan có thẩm quyền "
            "để người dân gửi đến."
        ),
    )

    def clean(self):
        cleaned_data = super().clean()
        if (
            cleaned_data.get("reason") in REJECT_REASONS_NEEDING_DETAILS
            and not (cleaned_data.get("details") or "").strip()
        ):
            self.add_error(
                "details",
                _("Vui lòng ghi rõ nơi người dân cần gửi đến hoặc lý do cụ thể."),
            )
        return cleaned_data

    def params(self):
        label = dict(REJECT_REASONS)[self.cleaned_data["reason"]]
        details = self.cleaned_data["details"].strip()
        if self.cleaned_data["reason"] == "khac":
            return {"reason": details}
        return {"reason": f"{label}: {details}" if details else f"{label}."}


class MergeForm(ConfirmedActionMixin, ActionForm):
    action = "merge"
    confirm_label = _(
        "Tôi xác nhận gộp phản ánh này vào phản ánh gốc; phản ánh này kết thúc tại đây."
    )
    title = _("Gộp vào phản ánh trùng")
    button = _("Gộp")
    button_class = "button--secondary"
    original_code = forms.CharField(
        label=_("Mã số PAKN gốc"),
        max_length=20,
        help_text=_("Người gửi sẽ được mời theo dõi kết quả ở phản ánh gốc."),
        error_messages={"required": _("Vui lòng nhập mã số PAKN gốc.")},
    )


class ForwardForm(NoteMixin, ActionForm):
    """Classify and forward in one step, the suggestions preselected (desk/triage.py)."""

    action = "forward"
    title = _("Chuyển xử lý")
    button = _("Chuyển xử lý")
    unit = UnitChoiceField(
        label=_("Đơn vị xử lý"),
        queryset=Unit.objects.none(),
        empty_label=_("— Chọn đơn vị —"),
        error_messages={"required": _("Vui lòng chọn đơn vị xử lý.")},
    )

    def __init__(self, *args, suggestion=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.suggestion = suggestion
        field = self.fields["unit"]
        field.queryset = (
            Unit.objects.filter(is_active=True).exclude(kind="coordinating_centre").order_by("path")
        )
        forward_form_triage(self, suggestion=suggestion, category_field=_category_field)
        self._add_note(
            _("Ý kiến chỉ đạo (không bắt buộc)"),
            help_text=_("Nội bộ: chỉ cán bộ đọc được, người gửi không xem được."),
        )
        self.fields["note_public"] = forms.BooleanField(
            label=_("Cho người gửi xem ý kiến này"),
            required=False,
            help_text=_(
                "Khi chọn, người gửi đọc được ý kiến chỉ đạo trong quá trình xử lý phản ánh."
            ),
        )


class AcceptForm(ActionForm):
    action = "accept"
    title = _("Tiếp nhận xử lý")
    button = _("Tiếp nhận")


class ReturnForm(ConfirmedActionMixin, ActionForm):
    action = "return"
    confirm_label = _("Tôi xác nhận chuyển trả phản ánh về đơn vị điều phối.")
    title = _("Chuyển trả đơn vị điều phối")
    button = _("Chuyển trả")
    button_class = "button--danger"
    reason = forms.CharField(
        label=_("Lý do chuyển trả (vì sao không thuộc thẩm quyền)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Vui lòng nêu lý do chuyển trả.")},
    )

    def __init__(self, *args, return_limit=None, **kwargs):
        super().__init__(*args, **kwargs)
        if return_limit is not None:
            self.fields["reason"].help_text = _(
                "Chỉ được chuyển trả đến %(moment)s (%(days)d ngày làm việc kể từ khi nhận)."
            ) % {
                "moment": f"{timezone.localtime(return_limit):%H:%M %d/%m/%Y}",
                "days": self.report.current_unit.return_limit_days,
            }


class ForwardSubUnitForm(NoteMixin, ActionForm):
    action = "forward_sub_unit"
    title = _("Chuyển đơn vị trực thuộc xử lý")
    button = _("Chuyển")
    button_class = "button--secondary"
    unit = UnitChoiceField(
        label=_("Đơn vị trực thuộc"),
        queryset=Unit.objects.none(),
        empty_label=_("— Chọn đơn vị —"),
        error_messages={"required": _("Vui lòng chọn đơn vị trực thuộc.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The units the action accepts (its guard asks the same question).
        self.fields["unit"].queryset = sub_units_for_forwarding(self.report).order_by("path")
        self._add_note(_("Ý kiến giao việc (không bắt buộc)"))


class AddCoHandlerForm(ActionForm):
    action = "add_co_handler"
    title = _("Mời đơn vị phối hợp xử lý")
    button = _("Mời phối hợp")
    button_class = "button--secondary"
    unit = UnitChoiceField(
        label=_("Đơn vị phối hợp"),
        queryset=Unit.objects.none(),
        empty_label=_("— Chọn đơn vị —"),
        error_messages={"required": _("Vui lòng chọn đơn vị phối hợp.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = (
            Unit.objects.filter(is_active=True)
            .exclude(pk=self.report.current_unit_id)
            .exclude(kind="coordinating_centre")
            .order_by("path")
        )


class AskCitizenForm(ActionForm):
    action = "ask_citizen"
    title = _("Đề nghị người gửi bổ sung thông tin")
    button = _("Gửi câu hỏi")
    button_class = "button--secondary"
    question = forms.CharField(
        label=_("Nội dung cần người gửi bổ sung"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Vui lòng nhập nội dung cần người gửi bổ sung.")},
    )


class RequestExtensionForm(ActionForm):
    action = "request_extension"
    title = _("Xin gia hạn")
    button = _("Gửi đề nghị gia hạn")
    button_class = "button--secondary"
    days = IntegerInputField(
        label=_("Số ngày làm việc xin gia hạn"),
        min_value=1,
        max_value=30,
        error_messages={
            "required": _("Vui lòng nhập số ngày gia hạn."),
            "min_value": _("Số ngày gia hạn phải là số ngày làm việc (1–30)."),
            "max_value": _("Số ngày gia hạn phải là số ngày làm việc (1–30)."),
            "invalid": _("Số ngày gia hạn phải là số ngày làm việc (1–30)."),
        },
    )
    reason = forms.CharField(
        label=_("Lý do"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Vui lòng nêu lý do xin gia hạn.")},
    )


class DecideExtensionForm(NoteMixin, ActionForm):
    action = "decide_extension"
    title = _("Quyết định gia hạn")
    button = _("Gửi quyết định")
    decision = forms.ChoiceField(
        label=_("Quyết định"),
        choices=[("approve", _("Đồng ý gia hạn")), ("refuse", _("Không đồng ý"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Vui lòng chọn đồng ý hoặc không đồng ý.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_note(_("Ý kiến (không bắt buộc)"))

    def params(self):
        return {
            "approve": self.cleaned_data["decision"] == "approve",
            "note": self.cleaned_data["note"],
        }


class SubmitAnswerForm(ActionForm):
    action = "submit_answer"
    title = _("Dự thảo kết quả xử lý")
    button = _("Trình lãnh đạo duyệt")
    content = forms.CharField(
        label=_("Nội dung trả lời người dân"),
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Trả lời thẳng vào vấn đề người dân phản ánh: đã làm gì, kết quả ra sao, khi nào "
            "xong. Không chép nguyên văn công văn, tờ trình nội bộ."
        ),
        error_messages={
            "required": _("Vui lòng nhập nội dung trả lời."),
            "max_length": _(
                "Nội dung trả lời tối đa %(limit_value)d ký tự (đang có %(show_value)d)."
            ),
        },
    )
    attachments = MultipleFileField(
        label=_("Tệp đính kèm"), help_text=_("Ảnh, video hoặc tài liệu; tối đa 10 tệp.")
    )

    def __init__(self, *args, draft=None, **kwargs):
        super().__init__(*args, **kwargs)
        if draft is not None:
            self.initial.setdefault("content", draft.content)
        if self.report.kind == ReportKind.PROPOSAL:
            self.fields["adopted"] = forms.TypedChoiceField(
                label=_("Kết luận về đề xuất"),
                choices=[("1", _("Tiếp thu")), ("0", _("Không tiếp thu"))],
                coerce=lambda value: value == "1",
                widget=forms.RadioSelect,
                error_messages={"required": _("Vui lòng chọn tiếp thu hay không tiếp thu.")},
            )

    def params(self):
        params = {"content": self.cleaned_data["content"]}
        if "adopted" in self.cleaned_data:
            params["adopted"] = self.cleaned_data["adopted"]
        return params


class ApproveAnswerForm(DraftQualityMixin, ActionForm):
    action = "approve_answer"
    title = _("Duyệt kết quả xử lý")
    button = _("Duyệt và gửi kết quả")
    content = forms.CharField(
        label=_("Nội dung trả lời người dân"),
        required=False,
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Lãnh đạo có thể sửa câu chữ trước khi duyệt; phần sửa được ghi vào quá trình xử lý."
        ),
        error_messages={
            "max_length": _(
                "Nội dung trả lời tối đa %(limit_value)d ký tự (đang có %(show_value)d)."
            ),
        },
    )

    def __init__(self, *args, draft=None, **kwargs):
        self.draft = draft  # read by the quality guard while the form is built
        super().__init__(*args, **kwargs)
        if draft is not None:
            self.initial.setdefault("content", draft.content)


class SendBackAnswerForm(ActionForm):
    action = "send_back_answer"
    title = _("Trả lại dự thảo để sửa")
    button = _("Trả lại dự thảo")
    button_class = "button--danger"
    note = forms.CharField(
        label=_("Ý kiến để cán bộ sửa dự thảo"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Vui lòng ghi ý kiến để cán bộ sửa dự thảo.")},
    )


class ReviewAnswerForm(DraftQualityMixin, ActionForm):
    action = "review_answer"
    title = _("Xem xét kết quả trước khi gửi")
    button = _("Đồng ý gửi kết quả")


class PublishForm(PublishedAnswerQualityMixin, ConfirmedActionMixin, ActionForm):
    action = "publish"
    confirm_label = _(
        "Tôi xác nhận công khai tiêu đề, nội dung và kết quả xử lý cho mọi người xem."
    )
    title = _("Công khai trên cổng thông tin")
    button = _("Công khai")
    public_title = forms.CharField(
        label=_("Tiêu đề công khai"),
        max_length=TITLE_MAX_LENGTH,
        error_messages={
            "required": _("Vui lòng nhập tiêu đề công khai."),
            "max_length": _(
                "Tiêu đề công khai tối đa %(limit_value)d ký tự (đang có %(show_value)d)."
            ),
        },
    )
    public_content = forms.CharField(
        label=_("Nội dung công khai"),
        max_length=CONTENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Xóa họ tên, số CCCD/CMND, số điện thoại, địa chỉ nhà riêng của người gửi trước "
            "khi công khai."
        ),
        error_messages={
            "required": _("Vui lòng nhập nội dung công khai."),
            "max_length": _(
                "Nội dung công khai tối đa %(limit_value)d ký tự (đang có %(show_value)d)."
            ),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("public_title", self.report.public_title or self.report.title)
        self.initial.setdefault("public_content", self.report.public_content or self.report.content)


class UnpublishForm(ConfirmedActionMixin, ActionForm):
    action = "unpublish"
    confirm_label = _("Tôi xác nhận thôi công khai phản ánh này trên cổng thông tin.")
    title = _("Thôi công khai")
    button = _("Thôi công khai")
    button_class = "button--secondary"


class ReopenForm(ConfirmedActionMixin, ActionForm):
    action = "reopen"
    confirm_label = _("Tôi xác nhận yêu cầu đơn vị xử lý lại phản ánh này.")
    title = _("Yêu cầu đơn vị xử lý lại")
    button = _("Xử lý lại")
    note = forms.CharField(
        label=_("Lý do xử lý lại"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Vui lòng ghi lý do xử lý lại.")},
    )


class CloseForm(ConfirmedActionMixin, NoteMixin, ActionForm):
    action = "close"
    confirm_label = _("Tôi xác nhận giữ nguyên kết quả và kết thúc xử lý phản ánh.")
    title = _("Giữ nguyên kết quả và kết thúc")
    button = _("Kết thúc xử lý")
    button_class = "button--secondary"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_note(_("Ý kiến (không bắt buộc)"))


ACTION_FORMS: dict[str, type[ActionForm]] = {
    form.action: form
    for form in (
        ClassifyForm,
        ForwardForm,
        RejectForm,
        MergeForm,
        AcceptForm,
        ReturnForm,
        ForwardSubUnitForm,
        AddCoHandlerForm,
        AskCitizenForm,
        RequestExtensionForm,
        DecideExtensionForm,
        SubmitAnswerForm,
        ApproveAnswerForm,
        SendBackAnswerForm,
        ReviewAnswerForm,
        PublishForm,
        UnpublishForm,
        ReopenForm,
        CloseForm,
    )
}


def _proposal_forms() -> None:
    # The national programme's actions (pakn/backoffice/desk/proposal_forms.py).
    from pakn.backoffice.desk.proposal_forms import ForwardUpForm, GiveOpinionForm

    ACTION_FORMS.update({form.action: form for form in (ForwardUpForm, GiveOpinionForm)})


_proposal_forms()
