"""What the Open311 endpoints read. A request is listed when it is published (and then only
its public text, like /api/v1/public/), or when the caller's own key sent it (then as it was
sent). Reporters, contacts and unpublished text of others are never read into an answer."""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from pakn.core.text import text_fold
from pakn.open311.models import ApiKey, ServiceAttribute, Submission
from pakn.organisations.models import Category
from pakn.reports.models import OPEN_STATUSES, Report, ReportStatus
from pakn.reports.public import attachments_public

CLOSED_STATUSES = tuple(
    s for s in ReportStatus.values if s not in OPEN_STATUSES and s != ReportStatus.DRAFT
)
STATUS_GROUPS = {"open": OPEN_STATUSES, "closed": CLOSED_STATUSES}


def services_list():
    """Active sectors and sub-sectors, each sector followed by its sub-sectors. One query."""
    categories = list(
        Category.objects.filter(is_active=True)
        .select_related("parent")
        .order_by("position", "name")
    )
    children: dict[int, list] = {}
    for category in categories:
        if category.parent_id:
            children.setdefault(category.parent_id, []).append(category)
    ordered = []
    for sector in categories:
        if sector.parent_id is None:
            ordered.append(sector)
            ordered.extend(children.get(sector.pk, []))
    return ordered


def services_with_attributes() -> set[int]:
    """The sectors that ask extra questions (one query)."""
    return set(ServiceAttribute.objects.values_list("category_id", flat=True).distinct())


def service_attributes(*, category: Category) -> list[ServiceAttribute]:
    return list(category.open311_attributes.order_by("order", "id"))


def attribute_as_data(attribute: ServiceAttribute) -> dict:
    data = {
        "variable": True,
        "code": attribute.code,
        "datatype": attribute.datatype,
        "required": attribute.required,
        "datatype_description": attribute.datatype_description or None,
        "order": attribute.order,
        "description": attribute.description,
    }
    if attribute.choices:
        data["values"] = [{"key": key, "name": name} for key, name in attribute.choices.items()]
    return data


def service_as_data(category, *, metadata: bool = False) -> dict:
    group = category.parent.name if category.parent_id else category.name
    names = [category.parent.name, category.name] if category.parent_id else [category.name]
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": " › ".join(names),
        "metadata": metadata,  # whether services/{code} lists questions
        "type": "realtime",
        "keywords": ", ".join(dict.fromkeys(text_fold(name) for name in names)),
        "group": group,
    }


def service_get(*, code: str) -> Category:
    return Category.objects.select_related("parent").get(code=code, is_active=True)


def submission_by_token(*, token) -> Submission:
    return Submission.objects.select_related("report").get(token=token, report__isnull=False)


@dataclass(frozen=True)
class RequestFilters:
    codes: list[str] | None = None  # service_request_id: overrides everything else
    service_codes: list[str] | None = None
    start: datetime.datetime | None = None
    end: datetime.datetime | None = None
    statuses: tuple[str, ...] | None = None


def requests_visible(*, api_key: ApiKey | None) -> QuerySet[Report]:
    """Published reports, and the caller's own (any status but draft)."""
    condition = Q(is_published=True)
    if api_key is not None:
        condition |= Q(open311__api_key=api_key)
    return (
        Report.objects.filter(condition)
        .exclude(code=None)
        .exclude(status=ReportStatus.DRAFT)
        .select_related("category", "commune", "current_unit", "coordinating_unit", "open311")
    )


def requests_search(*, api_key: ApiKey | None, filters: RequestFilters) -> QuerySet[Report]:
    reports = requests_visible(api_key=api_key)
    if filters.codes is not None:
        return reports.filter(code__in=filters.codes).order_by("-submitted_at", "-id")
    if filters.service_codes:
        reports = reports.filter(
            Q(category__code__in=filters.service_codes)
            | Q(category__parent__code__in=filters.service_codes)
        )
    if filters.start is not None:
        reports = reports.filter(submitted_at__gte=filters.start)
    if filters.end is not None:
        reports = reports.filter(submitted_at__lte=filters.end)
    if filters.statuses is not None:
        reports = reports.filter(status__in=filters.statuses)
    return reports.order_by("-submitted_at", "-id")


def public_photo_ids(report_ids: list[int]) -> dict[int, int]:
    """The first public photo of each report (one query for a page)."""
    first: dict[int, int] = {}
    for report_id, photo_id in (
        attachments_public().filter(report_id__in=report_ids).values_list("report_id", "id")
    ):
        first.setdefault(report_id, photo_id)
    return first
