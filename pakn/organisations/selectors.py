import dataclasses

from django.db.models import Prefetch, Q

from pakn.core.request_memo import request_memo_get
from pakn.organisations.models import Category, Membership, RoutingRule


@dataclasses.dataclass(frozen=True)
class ActiveMembership:
    role: str
    unit_id: int
    unit_path: str
    unit_depth: int


def memberships_active_of(user) -> tuple[ActiveMembership, ...]:
    """The officer's active roles and their units: one query per request, however many
    places ask (visibility, roles on a report, actions, administration)."""
    if not user.is_authenticated:
        return ()

    def read() -> tuple[ActiveMembership, ...]:
        rows = Membership.objects.filter(user_id=user.pk, is_active=True).values_list(
            "role", "unit_id", "unit__path", "unit__depth"
        )
        return tuple(ActiveMembership(*row) for row in rows.order_by("unit__path", "role"))

    return request_memo_get(f"memberships:{user.pk}", read)


def categories_public_list() -> list[Category]:
    """The active top-level sectors, each with its active sub-sectors in `active_children`,
    in the administrators' order. Two queries however many sectors there are."""
    active_children = Category.objects.filter(is_active=True).order_by("position", "name")
    return list(
        Category.objects.filter(parent__isnull=True, is_active=True)
        .prefetch_related(Prefetch("children", queryset=active_children, to_attr="active_children"))
        .order_by("position", "name")
    )


def category_choices() -> list[tuple[int, str]]:
    """(id, label) of the active sectors in the administrators' order, each followed by its
    active sub-sectors marked "— ": what every sector list shows. One query."""
    categories = list(Category.objects.filter(is_active=True).order_by("position", "name"))
    children: dict[int, list[Category]] = {}
    for category in categories:
        if category.parent_id:
            children.setdefault(category.parent_id, []).append(category)
    choices = []
    for sector in categories:
        if sector.parent_id is None:
            choices.append((sector.pk, sector.name))
            choices.extend((child.pk, f"— {child.name}") for child in children.get(sector.pk, []))
    return choices


def routing_rule_suggest(*, category, commune):
    """The rule for a report's sector and commune, most specific first: (sub-sector or its
    sector) × (commune, its province, anywhere)."""
    if category is None:
        return None
    categories = [category.pk] + ([category.parent_id] if category.parent_id else [])
    areas = [commune.pk, commune.parent_id] if commune is not None else []
    rules = list(
        RoutingRule.objects.filter(category_id__in=categories)
        .filter(Q(area_id__in=areas) | Q(area__isnull=True))
        .select_related("unit")
    )

    def specificity(rule):
        area_rank = (
            0 if rule.area_id is None else (2 if commune and rule.area_id == commune.pk else 1)
        )
        return (rule.category_id == category.pk, area_rank)

    return max(rules, key=specificity, default=None)
