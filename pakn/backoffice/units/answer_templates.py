"""Unit administration: the answer templates (mẫu trả lời) a unit keeps for its handlers.
Thin views over pakn.reports.answer_templates; a template of a unit the administrator does
not administer is a 404."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from pakn.backoffice.desk.forms import _category_field
from pakn.backoffice.forms import UnitChoiceField
from pakn.backoffice.units.views import unit_admin_required
from pakn.organisations.unit_administration import units_administered_by
from pakn.reports.answer_templates import (
    answer_template_save,
    answer_templates_administered_by,
)
from pakn.reports.models import ANSWER_MAX_LENGTH, AnswerTemplate


class AnswerTemplateForm(forms.Form):
    unit = UnitChoiceField(label=gettext_lazy("Đơn vị"), queryset=None)
    title = forms.CharField(label=gettext_lazy("Tên mẫu"), max_length=200)
    content = forms.CharField(
        label=gettext_lazy("Nội dung mẫu"),
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy(
            "Viết như một câu trả lời người dân; cán bộ sửa lại cho đúng từng phản ánh."
        ),
    )
    is_active = forms.BooleanField(label=gettext_lazy("Đang dùng"), required=False, initial=True)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("path")
        self.fields["category"] = _category_field(
            label=gettext_lazy("Lĩnh vực"), required=False, empty_label=_("Mọi lĩnh vực")
        )
        self.order_fields(["unit", "category", "title", "content", "is_active"])


def _initial(template: AnswerTemplate) -> dict:
    return {
        "unit": template.unit_id,
        "category": template.category_id,
        "title": template.title,
        "content": template.content,
        "is_active": template.is_active,
    }


@unit_admin_required
@require_http_methods(["GET", "POST"])
def answer_templates(request, template_id: int | None = None):
    """The list of the unit's templates and the form to add one (or to change the one
    ``template_id`` names)."""
    templates = answer_templates_administered_by(request.user)
    template = get_object_or_404(templates, pk=template_id) if template_id else None
    units = units_administered_by(request.user)
    form = AnswerTemplateForm(
        request.POST or None, units=units, initial=_initial(template) if template else None
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            answer_template_save(
                actor=request.user,
                template=template,
                unit=data["unit"],
                category=data["category"],
                title=data["title"],
                content=data["content"],
                is_active=data["is_active"],
            )
        except PermissionDenied as error:
            form.add_error("unit", str(error))
        else:
            messages.success(request, _("Đã lưu mẫu trả lời."))
            return redirect("backoffice:answer-templates")
    return render(
        request,
        "backoffice/answer_templates.html",
        {"templates": templates, "form": form, "template": template},
        status=400 if form.is_bound and form.errors else 200,
    )
