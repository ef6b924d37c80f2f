"""The demo's routing rules (organisations.RoutingRule), by sector and commune: the same
routing the demo history follows (pakn.demo.reports), so the desk's rule-based suggestion
shows from the first report, before the triage model has learnt anything.

- Sectors the commune handles (street lighting, roads, trees, construction, procedures):
  one rule per commune, to that commune's People's Committee.
- Utilities (water, electricity, waste): one rule per commune, to the company serving it
  (Nha Trang's and Ninh Thuận's are not the same).
- Departments' sectors (health, education, tourism…): one rule for the whole province."""

from pakn.demo.reports import TOPICS, _context, _handling_unit
from pakn.organisations.models import RoutingRule

COMMUNE_DEPENDENT = {"commune", "water", "electricity", "waste"}


def demo_routing_rules_create() -> int:
    """Creates the rules still missing (an administrator's own rules are kept); returns how
    many were created."""
    ctx = _context()
    if ctx is None:
        return 0
    existing = set(RoutingRule.objects.values_list("category_id", "area_id"))
    rules = []
    for topic in TOPICS:
        category_id = ctx.categories.get(topic.category)
        if category_id is None:
            continue
        if topic.unit in COMMUNE_DEPENDENT:
            for commune in ctx.communes:
                unit_id = _handling_unit(ctx=ctx, topic=topic, commune=commune)
                rules.append(RoutingRule(category_id=category_id, area=commune, unit_id=unit_id))
        elif topic.unit in ctx.units:
            rules.append(
                RoutingRule(category_id=category_id, area=None, unit_id=ctx.units[topic.unit])
            )
    missing = [rule for rule in rules if (rule.category_id, rule.area_id) not in existing]
    RoutingRule.objects.bulk_create(missing, batch_size=500)
    return len(missing)
