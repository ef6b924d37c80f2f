"""Province coordinators set up campaigns and periods from the officers' pages; nobody else
may, and the province page reads a fixed number of queries whatever the number of units."""

import pytest
import time_machine
from django.urls import reverse

from pakn.campaigns.models import Campaign, CampaignPeriod
from pakn.organisations.models import AdministrativeArea, Unit, UnitKind
from pakn.organisations.tests.factories import UnitFactory


@pytest.mark.django_db
def test_a_coordinator_creates_a_campaign_with_its_first_period(client, org):
    client.force_login(org["coordinator"])
    data = {
        "name": "Cài đặt ứng dụng KhanhHoa-S đợt 2", "app_name": "KhanhHoa-S",
        "reporting_groups": ["commune", "ward", "school"], "period_name": "Quý I/2027",
        "start_date": "2027-01-01", "end_date": "2027-03-31", "deadline": "2027-04-10",
    }  # fmt: skip
    response = client.post(reverse("campaigns:campaign-new"), data | {"deadline": "2026-12-01"})
    assert "Hạn gửi số liệu phải sau ngày bắt đầu kỳ báo cáo." in response.content.decode()
    assert not Campaign.objects.exists()
    response = client.post(reverse("campaigns:campaign-new"), data)
    assert response.status_code == 302
    campaign = Campaign.objects.get()
    assert campaign.reporting_groups == ["commune", "ward", "school"]
    assert campaign.created_by == org["coordinator"]
    assert CampaignPeriod.objects.get().name == "Quý I/2027"
    response = client.post(
        reverse("campaigns:period-new", kwargs={"campaign_id": campaign.pk}),
        {"period_name": "Quý II/2027", "start_date": "2027-04-01", "end_date": "2027-06-30",
         "deadline": "2027-07-10"},
    )  # fmt: skip
    assert response.status_code == 302 and campaign.periods.count() == 2


@pytest.mark.django_db
def test_only_coordinators_manage_campaigns(client, org):
    client.force_login(org["handler"])
    assert client.get(reverse("campaigns:campaign-new")).status_code == 403
    response = client.post(reverse("campaigns:campaign-new"), {"name": "x"})
    assert response.status_code == 403 and not Campaign.objects.exists()
    client.logout()
    assert client.get(reverse("campaigns:campaign-new")).status_code == 302  # to the login


@pytest.mark.django_db
@time_machine.travel("2026-11-30 10:00 +0700", tick=False)
def test_the_province_page_reads_a_fixed_number_of_queries(
    client, adoption, django_assert_max_num_queries
):
    url = reverse("campaigns:period", kwargs={"period_id": adoption["period"].pk})
    client.force_login(adoption["coordinator"])
    client.get(url)
    for n in range(12):
        area = AdministrativeArea.objects.create(
            code=f"2290{n:01d}" if n < 10 else f"229{n}", level="commune", name=f"Phường {n}",
            division_type="phường", codename=f"phuong_{n}", parent=adoption["province"],
        )  # fmt: skip
        UnitFactory(parent=Unit.objects.get(code="tinh"), name=f"UBND Phường {n}",
                    code=f"ubnd-p{n}", kind=UnitKind.COMMUNE_COMMITTEE).areas.add(area)  # fmt: skip
    with django_assert_max_num_queries(22):
        response = client.get(url)
    assert (
        response.content.decode().count('data-status="missing"') == 15
    )  # two wards, the school, twelve more
