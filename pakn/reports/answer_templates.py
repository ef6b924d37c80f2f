"""Answer templates (mẫu trả lời): which a handler may insert into a draft, and their upkeep
by the unit's administrator. A template of a unit serves its sub-units too; one without a
sector serves every sector."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from pakn.organisations.models import Unit
from pakn.organisations.unit_administration import units_administered_by
from pakn.reports.models import AnswerTemplate, Report


def answer_templates_for_report(report: Report) -> QuerySet[AnswerTemplate]:
    """The active templates of the report's unit and the units above it, for its sector."""
    unit = report.current_unit
    if unit is None:
        return AnswerTemplate.objects.none()
    paths = [unit.path[:end] for end in range(Unit.steplen, len(unit.path) + 1, Unit.steplen)]
    return (
        AnswerTemplate.objects.filter(is_active=True, unit__path__in=paths)
        .filter(Q(category__isnull=True) | Q(category_id=report.category_id))
        .select_related("unit", "category")
        .order_by("-category_id", "title")
    )


def answer_templates_administered_by(user) -> QuerySet[AnswerTemplate]:
    return (
        AnswerTemplate.objects.filter(unit__in=units_administered_by(user))
        .select_related("unit", "category")
        .order_by("unit__path", "title")
    )


def answer_template_save(
    *,
    actor,
    template: AnswerTemplate | None = None,
    unit: Unit,
    category=None,
    title: str,
    content: str,
    is_active: bool = True,
) -> AnswerTemplate:
    """Creates or changes a template of a unit the actor administers (and, when changing,
    one that already belongs to such a unit)."""
    administered = units_administered_by(actor)
    if not administered.filter(pk=unit.pk).exists() or (
        template is not None and not administered.filter(pk=template.unit_id).exists()
    ):
        raise PermissionDenied(_("Bạn không quản trị đơn vị này."))
    template = template or AnswerTemplate()
    template.unit = unit
    template.category = category
    template.title = title.strip()
    template.content = content.strip()
    template.is_active = is_active
    template.updated_by = actor
    template.save()
    return template
