"""The national form "Gửi đề xuất, sáng kiến" (seed 004). It only parses input; the service
pakn.reports.services.proposals.proposal_submit decides."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from pakn.core.forms import CaptchaFormMixin
from pakn.core.typed_input import ModelIdChoiceField
from pakn.organisations.models import AdministrativeArea, AreaLevel, Category
from pakn.organisations.science_fields import science_field_choices, science_field_condition
from pakn.reports.access import units_of
from pakn.reports.forms import CategoryChoiceField, MultipleFileField
from pakn.reports.models import (
    PROPOSAL_PARTIES_MAX_LENGTH,
    PROPOSAL_SECTION_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    ProposalScale,
)

SECTION_TOO_LONG = _("Tối đa %(limit_value)d ký tự (đang có %(show_value)d).")


def _section(label, help_text, required=True, limit=PROPOSAL_SECTION_MAX_LENGTH, rows=6):
    return forms.CharField(
        label=label,
        max_length=limit,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": _("Vui lòng nhập mục “%(label)s”.") % {"label": label},
            "max_length": SECTION_TOO_LONG,
        },
    )


class ProposalForm(CaptchaFormMixin, forms.Form):
    """Citizens and organisations send their own proposal; an officer may send one on behalf
    of an organisation, in the name of one of their units."""

    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)
    upload_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)
    title = forms.CharField(
        label=_("Tên đề xuất, sáng kiến"),
        max_length=TITLE_MAX_LENGTH,
        error_messages={
            "required": _("Vui lòng nhập tên đề xuất, sáng kiến."),
            "max_length": _("Tên tối đa %(limit_value)d ký tự (đang có %(show_value)d)."),
        },
    )
    field = CategoryChoiceField(
        label=_("Lĩnh vực khoa học, công nghệ"),
        queryset=Category.objects.none(),
        empty_label=_("— Chọn lĩnh vực —"),
        error_messages={
            "required": _("Vui lòng chọn lĩnh vực."),
            "invalid_choice": _("Lĩnh vực không hợp lệ."),
        },
    )
    problem = _section(
        _("Khó khăn, vướng mắc, vấn đề đặt ra"),
        _("Vấn đề, rào cản mà đề xuất giải quyết. Tối đa 3.000 ký tự."),
    )
    solution = _section(
        _("Sáng kiến, giải pháp đề xuất"),
        _("Nội dung giải pháp, cơ chế, chính sách đề xuất. Tối đa 3.000 ký tự."),
    )
    expected_impact = _section(
        _("Hiệu quả dự kiến"),
        _("Lợi ích, đối tượng hưởng lợi, chi phí. Tối đa 3.000 ký tự."),
        rows=4,
    )
    scale = forms.ChoiceField(
        label=_("Phạm vi áp dụng"),
        choices=ProposalScale.choices,
        initial=ProposalScale.PROVINCIAL,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vui lòng chọn phạm vi áp dụng.")},
    )
    province = ModelIdChoiceField(
        label=_("Tỉnh, thành phố nơi áp dụng"),
        queryset=AdministrativeArea.objects.filter(level=AreaLevel.PROVINCE, is_active=True),
        required=False,
        empty_label=_("— Chọn tỉnh, thành phố —"),
        help_text=_("Đề xuất cấp địa phương, cấp tỉnh được chuyển đến tỉnh, thành phố này."),
        error_messages={"invalid_choice": _("Tỉnh, thành phố không hợp lệ.")},
    )
    organisations_involved = _section(
        _("Tổ chức tham gia"), _("Không bắt buộc."), required=False,
        limit=PROPOSAL_PARTIES_MAX_LENGTH, rows=2,
    )  # fmt: skip
    people_involved = _section(
        _("Cá nhân tham gia"), _("Không bắt buộc."), required=False,
        limit=PROPOSAL_PARTIES_MAX_LENGTH, rows=2,
    )  # fmt: skip
    attachments = MultipleFileField(
        label=_("Tài liệu kèm theo"),
        help_text=_("Tối đa 10 tệp: PDF, DOC, DOCX, PPTX, XLSX đến 10 MB; ảnh, video."),
    )

    def __init__(self, *args, officer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("idempotency_key", uuid.uuid4())
        field = self.fields["field"]
        field.queryset = Category.objects.filter(science_field_condition())
        field.choices = [("", field.empty_label), *science_field_choices()]
        self.officer = officer
        if officer is not None:
            # A unit sending on behalf of an organisation (seed 004: units forward proposals).
            self.fields["submitting_unit"] = ModelIdChoiceField(
                label=_("Đơn vị gửi thay"),
                queryset=units_of(officer).filter(is_active=True),
                empty_label=_("— Chọn đơn vị —"),
                error_messages={
                    "required": _("Vui lòng chọn đơn vị gửi thay."),
                    "invalid_choice": _("Chỉ gửi thay được trong đơn vị của mình."),
                },
            )
            self.fields["on_behalf_of"] = forms.CharField(
                label=_("Gửi thay cho tổ chức, cá nhân"),
                max_length=250,
                error_messages={"required": _("Vui lòng nhập tên tổ chức, cá nhân đề xuất.")},
            )

    def clean(self):
        cleaned_data = super().clean()
        scale, province = cleaned_data.get("scale"), cleaned_data.get("province")
        if scale and scale != ProposalScale.NATIONAL and province is None:
            self.add_error(
                "province", _("Vui lòng chọn tỉnh, thành phố cho đề xuất cấp địa phương, cấp tỉnh.")
            )
        return cleaned_data
