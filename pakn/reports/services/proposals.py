"""Proposals and initiatives (kind ``proposal``, seed 004): sending one, where it goes, and
the two steps of the national programme beyond a report's: a province sends a proposal up to
a ministry (``forward_up``), and a unit invited to co-handle gives its opinion
(``give_opinion``) before the unit holding it answers. Both are workflow actions, applied by
report_apply and offered by report_actions_available like every other."""

import uuid
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pakn.core.selectors import site_settings_get, working_calendar_get
from pakn.organisations.models import AdministrativeArea, Category, RoutingRule, Unit, UnitKind
from pakn.organisations.selectors import routing_rule_suggest
from pakn.reports.deadlines import add_working_hours
from pakn.reports.models import (
    CONTENT_MAX_LENGTH,
    Proposal,
    ProposalScale,
    Report,
    ReportChannel,
    ReportKind,
    ReportStatus,
)
from pakn.reports.services.submission import ReportDetails, report_draft_save
from pakn.reports.workflow import Effect, WorkflowError, action_handler, report_apply


@dataclass(frozen=True)
class ProposalDetails:
    title: str
    field_id: int
    problem: str
    solution: str
    expected_impact: str
    scale: str = ProposalScale.PROVINCIAL
    province_id: int | None = None
    organisations_involved: str = ""
    people_involved: str = ""
    on_behalf_of: str = ""
    submitting_unit_id: int | None = None


def proposal_content(details: ProposalDetails) -> str:
    """The report's text: the proposal's sections under their headings, so that every page,
    search and export that reads a report's content reads the whole proposal."""
    sections = [
        (_("Khó khăn, vướng mắc, vấn đề đặt ra"), details.problem),
        (_("Sáng kiến, giải pháp đề xuất"), details.solution),
        (_("Hiệu quả dự kiến"), details.expected_impact),
    ]
    text = "\n\n".join(f"{heading}:\n{body.strip()}" for heading, body in sections)
    return text[:CONTENT_MAX_LENGTH]


def top_unit(unit: Unit | None) -> Unit | None:
    """The province or ministry a unit belongs to: itself or its nearest ancestor of either
    kind (one query on the ancestors' paths)."""
    if unit is None:
        return None
    steps = Unit.steplen
    prefixes = [unit.path[:end] for end in range(steps, len(unit.path) + 1, steps)]
    return (
        Unit.objects.filter(path__in=prefixes, kind__in=(UnitKind.PROVINCE, UnitKind.MINISTRY))
        .order_by("-depth")
        .first()
    )


def province_unit_for(area: AdministrativeArea | None) -> Unit | None:
    """The province's unit in the programme: the unit of kind province serving the area."""
    if area is None:
        return None
    return (
        Unit.objects.filter(kind=UnitKind.PROVINCE, is_active=True, areas=area)
        .order_by("path")
        .first()
    )


def proposal_route(*, field: Category, province: AdministrativeArea | None, scale: str):
    """Where a new proposal goes: ``(coordinating unit, suggested handling unit)``.

    By place: a local or provincial proposal goes to its province, to the unit the routing
    rule names for its field in that province (or the province itself). By field: a
    national one, or one from a province outside the programme, goes to the ministry in
    charge of the field (the routing rule without an area)."""
    rule = None
    if scale != ProposalScale.NATIONAL and province is not None:
        rule = _rule_in_province(field=field, province=province)
        if rule is None:
            province_unit = province_unit_for(province)
            if province_unit is not None:
                return province_unit, None
    rule = rule or routing_rule_suggest(category=field, commune=None)
    if rule is None:
        return None, None
    return top_unit(rule.unit) or rule.unit, rule.unit


def _rule_in_province(*, field: Category, province: AdministrativeArea):
    """The rule for the field (or its parent field) in this province, the field's first."""
    fields = [field.pk] + ([field.parent_id] if field.parent_id else [])
    rules = {
        rule.category_id: rule
        for rule in RoutingRule.objects.filter(
            category_id__in=fields, area=province
        ).select_related("unit")
    }
    return rules.get(field.pk) or rules.get(field.parent_id)


def proposal_submit(
    *,
    reporter,
    details: ProposalDetails,
    idempotency_key: uuid.UUID,
    upload_token: uuid.UUID | None = None,
    channel: str = ReportChannel.WEB,
    ip_address: str | None = None,
) -> Report:
    """Sends a proposal once, however often the form is posted: the report (kind proposal,
    its field as sector, its province as place) and its Proposal row, routed to its province
    or ministry, then submitted through the workflow."""
    field = Category.objects.get(pk=details.field_id)
    province = (
        AdministrativeArea.objects.filter(pk=details.province_id).first()
        if details.province_id
        else None
    )
    with transaction.atomic():
        report = report_draft_save(
            reporter=reporter,
            details=ReportDetails(
                title=details.title,
                content=proposal_content(details),
                kind=ReportKind.PROPOSAL,
                citizen_category_id=field.pk,
                province_id=province.pk if province else None,
            ),
            idempotency_key=idempotency_key,
            upload_token=upload_token,
            channel=channel,
        )
        if report.status != ReportStatus.DRAFT:
            return report
        Proposal.objects.update_or_create(
            report=report,
            defaults={
                "problem": details.problem.strip(),
                "solution": details.solution.strip(),
                "expected_impact": details.expected_impact.strip(),
                "scale": details.scale,
                "organisations_involved": details.organisations_involved.strip(),
                "people_involved": details.people_involved.strip(),
                "on_behalf_of": details.on_behalf_of.strip(),
                "submitting_unit_id": details.submitting_unit_id,
            },
        )
        coordinating, _suggested = proposal_route(
            field=field, province=province, scale=details.scale
        )
        if coordinating is not None:
            Report.objects.filter(pk=report.pk).update(coordinating_unit=coordinating)
        return report_apply(
            report_id=report.pk, action="submit", actor=reporter, ip_address=ip_address
        )


# --- Workflow actions ------------------------------------------------------------------------


def ministries_for_forwarding():
    return Unit.objects.filter(kind=UnitKind.MINISTRY, is_active=True).order_by("name")


def _not_a_province_proposal(report: Report) -> str | None:
    if report.kind != ReportKind.PROPOSAL:
        return _("Chỉ đề xuất, sáng kiến mới được chuyển lên bộ, ngành.")
    province = top_unit(report.coordinating_unit)
    if province is None or province.kind != UnitKind.PROVINCE:
        return _("Chỉ tỉnh, thành phố đang tiếp nhận đề xuất mới chuyển lên bộ, ngành.")
    if not ministries_for_forwarding().exists():
        return _("Chưa có bộ, ngành nào trên hệ thống để chuyển đề xuất.")
    return None


@action_handler("forward_up", guard=_not_a_province_proposal)
def forward_up(*, report: Report, unit_id=None, note: str = "", **params) -> Effect:
    """The province passes the proposal to a ministry, which coordinates it from then on
    with its own routing time; the province keeps seeing it (its events name it)."""
    ministry = ministries_for_forwarding().filter(pk=unit_id).first()
    if ministry is None:
        raise WorkflowError(_("Vui lòng chọn bộ, ngành tiếp nhận đề xuất."))
    report.coordinating_unit = ministry
    report.current_unit = None
    report.assigned_at = None
    report.answer_deadline = None
    report.routing_deadline = add_working_hours(
        working_calendar_get(), timezone.now(), site_settings_get().routing_limit_hours
    )
    moved = _("Đã chuyển đề xuất lên %(unit)s.") % {"unit": ministry.name}
    return Effect(note=moved, internal_note=(note or "").strip(), to_unit_id=ministry.pk)


@action_handler("give_opinion")
def give_opinion(*, report: Report, opinion: str = "", **params) -> Effect:
    """A co-handling unit's opinion, for the officers of the unit that answers (internal:
    the answer is what the reporter reads)."""
    opinion = (opinion or "").strip()
    if not opinion:
        raise WorkflowError(_("Vui lòng nhập ý kiến phối hợp."))
    if len(opinion) > CONTENT_MAX_LENGTH:
        raise WorkflowError(_("Ý kiến phối hợp tối đa 10.000 ký tự."))
    return Effect(note=_("Ý kiến phối hợp: %(opinion)s") % {"opinion": opinion}, public=False)
