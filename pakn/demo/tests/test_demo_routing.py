"""The demo's routing rules: by sector and commune, agreeing with the demo history, so the
coordinator's desk shows the rule-based suggestion from the first report."""

import io

import pytest
from django.core.management import call_command

from pakn.demo.routing import demo_routing_rules_create
from pakn.organisations.models import Category, RoutingRule, Unit, UnitKind
from pakn.organisations.selectors import routing_rule_suggest
from pakn.reports.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded() -> str:
    out = io.StringIO()
    call_command(
        "seed_demo", "--allow-production", "--citizens", "20", "--reports", "80", stdout=out
    )
    return out.getvalue()


def test_the_rules_route_as_the_demo_history_did(seeded):
    assert "Routing rules (by sector and commune):" in seeded
    forwards = Event.objects.filter(action="forward").select_related(
        "report__category", "report__commune", "to_unit"
    )
    assert forwards.count() > 40
    for event in forwards:
        rule = routing_rule_suggest(category=event.report.category, commune=event.report.commune)
        assert rule is not None and rule.unit == event.to_unit, event.report.title


def test_commune_sectors_go_to_the_commune_and_departments_sectors_province_wide(seeded):
    lighting = Category.objects.get(code="lighting")
    by_commune = RoutingRule.objects.filter(category=lighting).select_related("unit", "area")
    assert by_commune.count() > 50
    for rule in by_commune[:10]:
        assert rule.unit.kind == UnitKind.COMMUNE_COMMITTEE
        assert rule.area in rule.unit.areas.all()
    health = RoutingRule.objects.get(category__code="health")
    assert health.area is None and health.unit == Unit.objects.get(code="syt")


def test_seeding_again_creates_no_rule_and_keeps_an_administrator_s_change(seeded):
    rule = RoutingRule.objects.get(category__code="health")
    rule.unit = Unit.objects.get(code="sgddt")
    rule.save()
    count = RoutingRule.objects.count()

    assert demo_routing_rules_create() == 0
    assert RoutingRule.objects.count() == count
    assert RoutingRule.objects.get(category__code="health").unit.code == "sgddt"
