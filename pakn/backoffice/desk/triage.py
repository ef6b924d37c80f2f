"""The coordinator's classify-and-forward in one step: the forward form gains the kind and the
sector, each preselected with the first suggestion (pakn.triage), and its unit list puts the
suggested units first with their confidence, for the searchable unit picker
(static/js/unit-picker.js) to enhance."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pakn.organisations.models import Unit
from pakn.reports.models import ReportKind
from pakn.triage.selectors import TriageSuggestion

RULE_MARK = _("Đề xuất theo quy tắc phân công")


def forward_form_triage(form, *, suggestion: TriageSuggestion | None, category_field) -> None:
    """Adds the kind and sector fields to ``form`` (a ForwardForm) and orders its units."""
    report = form.report
    kind = (suggestion.kind if suggestion else "") or report.kind
    form.fields["kind"] = forms.ChoiceField(
        label=_("Loại"), choices=ReportKind.choices, required=False, initial=kind
    )
    category = category_field(
        label=_("Lĩnh vực"), required=False, empty_label=_("— Chọn lĩnh vực —")
    )
    category.initial = (suggestion.category_id if suggestion else None) or report.category_id
    if suggestion is not None and suggestion.from_model:
        percent = {ranked.value.pk: ranked.percent for ranked in suggestion.categories}
        category.choices = [
            (pk, f"{label} ({_('đề xuất')} {percent[pk]} %)" if pk in percent else label)
            for pk, label in category.choices
        ]
    form.fields["category"] = category
    unit_field = form.fields["unit"]
    unit_field.widget.attrs.update(
        {
            "data-unit-picker": "",
            "data-search-label": _("Tìm đơn vị (gõ có dấu hoặc không dấu)"),
            "data-count-label": _("{count} đơn vị phù hợp"),
        }
    )
    if suggestion is not None and suggestion.unit_id:
        form.initial.setdefault("unit", suggestion.unit_id)
    _units_suggested_first(unit_field, suggestion)
    form.order_fields(["kind", "category", "unit"])


def _units_suggested_first(field, suggestion: TriageSuggestion | None) -> None:
    units: list[Unit] = list(field.queryset)
    suggested = [pk for pk in (suggestion.unit_ids if suggestion else []) if pk in
                 {unit.pk for unit in units}]  # fmt: skip
    if not suggested:
        return
    by_pk = {unit.pk: unit for unit in units}
    percent = {ranked.value.pk: ranked.percent for ranked in suggestion.units}
    rule_unit = suggestion.rule.unit_id if suggestion.rule is not None else None

    def suggested_label(pk: int) -> str:
        marks = []
        if percent.get(pk) is not None:
            marks.append(f"{_('đề xuất')} {percent[pk]} %")
        if pk == rule_unit:
            marks.append(str(RULE_MARK))
        return f"{by_pk[pk].name} ({', '.join(marks)})" if marks else by_pk[pk].name

    field.choices = [
        ("", field.empty_label),
        (_("Đơn vị được đề xuất"), [(pk, suggested_label(pk)) for pk in suggested]),
        (
            _("Tất cả đơn vị"),
            [(u.pk, field.label_from_instance(u)) for u in units if u.pk not in suggested],
        ),
    ]
