"""Seed 000's campaign: a unit's officer sends the period's figures; the province sees them
beside what the system counted, per unit and per group, and downloads them as XLSX."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from pakn.accounts.models import AccountType
from pakn.accounts.tests.factories import OfficerFactory, UserFactory
from pakn.campaigns.models import AdoptionFigures
from pakn.campaigns.selectors import adoption_table
from pakn.reports.models import Report, ReportStatus

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
IN_PERIOD = datetime.datetime(2026, 11, 20, 9, 0, tzinfo=ZONE)
TODAY = datetime.datetime(2026, 11, 30, 10, 0, tzinfo=ZONE)


def submit_url(adoption, unit_key="ward_unit"):
    return reverse("campaigns:submit", kwargs={"period_id": adoption["period"].pk,
                                               "unit_id": adoption[unit_key].pk})  # fmt: skip


def figures(guided="1.250", installs="830", accounts="612", **extra):
    return {"people_guided": guided, "app_installs": installs, "accounts_registered": accounts,
            "solutions": "Tổ công nghệ số cộng đồng hướng dẫn tại nhà văn hóa khu phố.", **extra}  # fmt: skip


def registered(adoption):
    """Accounts with an address in the ward: three in the period, and the ones that must
    not count (a contact, an officer, one before the period, one in the other ward)."""
    ward = adoption["ward"]
    for n in range(3):
        UserFactory(address_commune=ward, date_joined=IN_PERIOD + datetime.timedelta(hours=n))
    UserFactory(address_commune=ward, date_joined=IN_PERIOD, account_type=AccountType.ORGANISATION,
                organisation_name="Công ty TNHH Biển Xanh")  # fmt: skip
    UserFactory(address_commune=ward, date_joined=IN_PERIOD, account_type=AccountType.CONTACT)
    OfficerFactory(address_commune=ward, date_joined=IN_PERIOD)
    UserFactory(
        address_commune=ward, date_joined=datetime.datetime(2026, 10, 31, 23, 0, tzinfo=ZONE)
    )
    UserFactory(address_commune=adoption["other_ward"], date_joined=IN_PERIOD)


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_figures_submitted_aggregated_exported_and_compared_with_counted(client, adoption):
    registered(adoption)
    Report.objects.create(title="Đèn đường hỏng", content="Đèn hỏng.", commune=adoption["ward"],
                          reporter=adoption["reporter"], status=ReportStatus.SUBMITTED,
                          submitted_at=IN_PERIOD)  # fmt: skip
    client.force_login(adoption["ward_leader"])
    response = client.post(submit_url(adoption), figures(), follow=True)
    assert "Đã gửi số liệu của UBND Phường Nha Trang." in response.content.decode()
    client.force_login(adoption["school_admin"])
    client.post(submit_url(adoption, "school"), figures(guided="40", installs="35", accounts="30"))

    table = adoption_table(adoption["period"])
    ward = next(line for line in table.lines if line.unit_id == adoption["ward_unit"].pk)
    assert (ward.people_guided, ward.app_installs, ward.accounts_declared) == (1250, 830, 612)
    assert ward.accounts_counted == 4  # three individuals and one organisation
    assert ward.reports_counted == 1
    assert ward.status == "on_time"
    assert ward.declared_share == 3.06  # 612 of 20,000 people
    other = next(line for line in table.lines if line.unit_id == adoption["other_ward_unit"].pk)
    assert other.status == "missing" and other.accounts_counted == 1
    by_group = {g.group: g for g in table.groups}
    assert (by_group["ward"].units, by_group["ward"].reported, by_group["ward"].missing) == (
        2,
        1,
        1,
    )
    assert by_group["ward"].accounts_counted == 5
    assert by_group["school"].accounts_declared == 30
    assert table.totals.accounts_declared == 642

    coordinator = adoption["coordinator"]
    client.force_login(coordinator)
    page = client.get(reverse("campaigns:period", kwargs={"period_id": adoption["period"].pk}))
    html = page.content.decode()
    assert "UBND Phường Nha Trang" in html and "Chưa gửi" in html
    export = client.get(reverse("campaigns:period", kwargs={"period_id": adoption["period"].pk}),
                        {"xuat": "xlsx"})  # fmt: skip
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(export.content))
    rows = list(workbook["Theo đơn vị"].iter_rows(values_only=True))
    header = rows.index(next(r for r in rows if r and r[0] == "Đơn vị"))
    by_unit = {r[0]: dict(zip(rows[header], r, strict=True)) for r in rows[header + 1 :]}
    nha_trang = by_unit["UBND Phường Nha Trang"]
    assert nha_trang["Số tài khoản (đơn vị báo cáo)"] == 612
    assert nha_trang["Số tài khoản (hệ thống đếm)"] == 4
    assert nha_trang["Số lượt được hướng dẫn"] == 1250
    assert by_unit["UBND Phường Cam Ranh"]["Tình trạng"] == "Chưa gửi"
    groups = list(workbook["Theo nhóm đơn vị"].iter_rows(values_only=True))
    total = next(r for r in groups if r and r[0] == "Tổng số")
    assert total[7] == 642 and total[8] == 5


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_a_correction_keeps_the_history_and_the_latest_counts(client, adoption):
    client.force_login(adoption["ward_leader"])
    client.post(submit_url(adoption), figures(accounts="600"))
    client.force_login(adoption["ward_handler"])
    client.post(submit_url(adoption), figures(accounts="612", notes="Sửa: cộng thêm khu phố 3"))
    assert AdoptionFigures.objects.filter(unit=adoption["ward_unit"]).count() == 2
    line = next(
        x for x in adoption_table(adoption["period"]).lines if x.unit_id == adoption["ward_unit"].pk
    )
    assert line.accounts_declared == 612 and line.corrections == 1
    html = client.get(submit_url(adoption)).content.decode()
    assert html.count("<td>600</td>") == 1 and "(hiện hành)" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "stored", "error"),
    [
        ("１２３", 123, None),  # full-width digits, as a phone keyboard may type them
        ("12 345", 12345, None),
        ("1,234,567", 1234567, None),
        ("12,5", None, "Số lượt phải là số nguyên, không có phần thập phân."),
        ("-4", None, "Giá trị phải từ 0 trở lên."),
        ("một trăm", None, "Vui lòng nhập số nguyên không âm"),
        ("99999999999999999999999", None, "Vui lòng nhập số nguyên không âm"),
        ("", None, "Vui lòng nhập số lượt được hướng dẫn (0 nếu chưa có)."),
    ],
)
@time_machine.travel(TODAY, tick=False)
def test_typed_numbers_are_read_or_refused_with_a_clear_message(
    client, adoption, typed, stored, error
):
    client.force_login(adoption["ward_leader"])
    response = client.post(submit_url(adoption), figures(guided=typed, notes="Ghi chú giữ lại"))
    if error is None:
        assert response.status_code == 302
        assert AdoptionFigures.objects.get().people_guided == stored
    else:
        html = response.content.decode()
        assert response.status_code == 200 and error in html
        assert "Ghi chú giữ lại" in html  # nothing typed is lost
        assert not AdoptionFigures.objects.exists()


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_only_the_units_officers_send_its_figures_and_only_followers_see_the_province(
    client, adoption
):
    client.force_login(adoption["other_ward_leader"])
    assert client.post(submit_url(adoption), figures()).status_code == 403
    assert (
        client.get(
            reverse("campaigns:period", kwargs={"period_id": adoption["period"].pk})
        ).status_code
        == 403
    )
    assert client.get(reverse("campaigns:review")).status_code == 403
    client.force_login(adoption["handler"])  # a department's handler: no figures asked of it
    url = reverse(
        "campaigns:submit",
        kwargs={"period_id": adoption["period"].pk, "unit_id": adoption["department"].pk},
    )
    assert client.get(url).status_code == 404
    assert not AdoptionFigures.objects.exists()


@pytest.mark.django_db
def test_a_first_submission_after_the_deadline_is_late(client, adoption):
    with time_machine.travel(datetime.datetime(2026, 12, 7, 9, 0, tzinfo=ZONE), tick=False):
        client.force_login(adoption["ward_leader"])
        client.post(submit_url(adoption), figures())
        table = adoption_table(adoption["period"])
    statuses = {line.unit_id: line.status for line in table.lines}
    assert statuses[adoption["ward_unit"].pk] == "late"
    assert statuses[adoption["other_ward_unit"].pk] == "overdue"
    assert {g.group: g.late for g in table.groups}["ward"] == 1


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_the_officer_sees_what_to_send_and_the_counted_figures(client, adoption):
    registered(adoption)
    client.force_login(adoption["ward_leader"])
    home = client.get(reverse("campaigns:home")).content.decode()
    assert "Tháng 11/2026" in home and "Chưa gửi" in home
    page = client.get(submit_url(adoption)).content.decode()
    assert "data-counted-accounts>4<" in page
