"""The demo's campaign: what a visitor of `make run` finds on the province page."""

import pytest
from django.urls import reverse

from pakn.accounts.models import User
from pakn.campaigns.models import AdoptionFigures, CampaignPeriod
from pakn.campaigns.selectors import adoption_table
from pakn.demo.services import demo_seed


@pytest.mark.django_db
def test_the_demo_campaign_has_reported_late_and_missing_units(client):
    result = demo_seed(citizens=40, reports=200, with_logo=False)
    assert result.campaign_submissions == AdoptionFigures.objects.count() > 0
    peak, month = CampaignPeriod.objects.order_by("start_date")
    table = adoption_table(peak)
    statuses = {line.status for line in table.lines}
    assert {"on_time", "late", "overdue"} <= statuses
    assert {g.group for g in table.groups} == {
        "commune",
        "ward",
        "special_zone",
        "agency",
        "company",
    }
    assert table.population_has_demo
    assert sum(line.accounts_counted or 0 for line in table.lines) > 0
    nha_trang = next(
        x for x in adoption_table(month).lines if x.unit_name == "UBND Phường Nha Trang"
    )
    assert not nha_trang.reported  # left for the visitor to send
    assert demo_seed(citizens=40, reports=200, with_logo=False).campaign_submissions == 0

    client.force_login(User.objects.get(username="dieuphoi1"))
    html = client.get(reverse("campaigns:period", kwargs={"period_id": peak.pk})).content.decode()
    assert "số liệu minh họa" in html and "Quá hạn, chưa gửi" in html and "Gửi muộn" in html
    client.force_login(User.objects.get(username="lanhdao.nhatrang"))
    home = client.get(reverse("campaigns:home")).content.decode()
    assert month.name in home and "Gửi số liệu" in home
