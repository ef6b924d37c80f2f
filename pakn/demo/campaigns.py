"""The demo's app-adoption campaign (seed 000): Khánh Hòa's letter 1715/SKHCN-TTCĐS asks every
commune, ward, special zone, department and public-service company for its figures. Two
periods: the peak of 30/3–15/5/2026 (most units reported, some late, some never) and the
current month (a few have reported; the rest are reminded).

Also gives the communes a population, marked as demo values (the official list has none),
and spreads the demo accounts' registration dates over the year before their first report,
so that the counted registrations beside the declared ones are not all "today"."""

import datetime
import random
from calendar import monthrange

from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from pakn.accounts.models import AccountType, User
from pakn.campaigns.access import REPORTING_ROLES
from pakn.campaigns.models import AdoptionFigures, Campaign, CampaignPeriod, ReportingGroup
from pakn.campaigns.selectors import campaign_reporting_units, local_day_start
from pakn.demo import data
from pakn.organisations.models import AdministrativeArea, AreaLevel, Membership
from pakn.reports.models import Report

CAMPAIGN_RANDOM_SEED = 1715_2026
PEAK = (datetime.date(2026, 3, 30), datetime.date(2026, 5, 15), datetime.date(2026, 5, 15))
SOLUTIONS = (
    "Tổ công nghệ số cộng đồng hướng dẫn cài đặt tại nhà văn hóa các thôn, tổ dân phố.",
    "Tuyên truyền trên hệ thống truyền thanh cơ sở và trang Zalo của UBND.",
    "Hướng dẫn tại bộ phận một cửa khi người dân đến làm thủ tục.",
    "Đoàn thanh niên tổ chức ngày cao điểm hỗ trợ cài đặt ứng dụng KhanhHoa-S.",
    "Gửi tin nhắn, đăng bài trên trang thông tin điện tử của đơn vị.",
)
ENTERED_BY_CENTRE = "Số liệu do Trung tâm Chuyển đổi số nhập từ văn bản báo cáo của đơn vị."


def _population(rng: random.Random, division_type: str) -> int:
    kind = division_type.casefold()
    if kind == "đặc khu":
        return rng.randint(1_500, 9_000)
    if kind == "phường":
        return rng.randint(25_000, 80_000)
    return rng.randint(8_000, 32_000)


def demo_populations_set(rng: random.Random) -> int:
    communes = list(
        AdministrativeArea.objects.filter(
            parent__code=data.PROVINCE_AREA_CODE, level=AreaLevel.COMMUNE, population__isnull=True
        ).order_by("code")
    )
    for commune in communes:
        commune.population = _population(rng, commune.division_type)
        commune.population_is_demo = True
    AdministrativeArea.objects.bulk_update(communes, ["population", "population_is_demo"])
    return len(communes)


def demo_registrations_spread(rng: random.Random, now: datetime.datetime) -> None:
    """Each demo account registered some days before its first report (or some time in the
    last year when it sent none)."""
    first = dict(
        Report.objects.filter(submitted_at__isnull=False)
        .values("reporter_id")
        .annotate(first=Min("submitted_at"))
        .values_list("reporter_id", "first")
    )
    users = list(
        User.objects.filter(account_type__in=(AccountType.INDIVIDUAL, AccountType.ORGANISATION))
        .order_by("pk")
        .only("pk", "date_joined")
    )
    for user in users:
        before = first.get(user.pk, now - datetime.timedelta(days=rng.uniform(0, 330)))
        user.date_joined = before - datetime.timedelta(days=rng.uniform(0.5, 30))
    User.objects.bulk_update(users, ["date_joined"], batch_size=500)


def _submitter(unit, officers: dict[int, int], centre_user: int) -> tuple[int, str]:
    if unit.pk in officers:
        return officers[unit.pk], ""
    return centre_user, ENTERED_BY_CENTRE


def _figures(rng: random.Random, population: int | None) -> tuple[int, int, int]:
    base = population or rng.randint(300, 3_000) * 10
    guided = int(base * rng.uniform(0.004, 0.05))
    installs = int(guided * rng.uniform(0.5, 0.9))
    return guided, installs, int(installs * rng.uniform(0.6, 0.95))


@transaction.atomic
def demo_campaign_create(*, now: datetime.datetime | None = None) -> int:
    """Creates the campaign once; returns how many submissions it wrote (0 if it existed)."""
    if Campaign.objects.exists():
        return 0
    now = now or timezone.now()
    rng = random.Random(CAMPAIGN_RANDOM_SEED)
    demo_populations_set(rng)
    demo_registrations_spread(rng, now)
    centre_user = User.objects.filter(username="dieuphoi1").values_list("pk", flat=True).first()
    if centre_user is None:
        return 0
    campaign = Campaign.objects.create(
        name="Tuyên truyền cài đặt, sử dụng Hệ thống phản ánh hiện trường tỉnh Khánh Hòa",
        app_name="KhanhHoa-S",
        description="Công văn số 1715/SKHCN-TTCĐS ngày 30/3/2026 của Sở Khoa học và Công nghệ: "
        "gửi kết quả thực hiện trước ngày 15/5/2026.",
        reporting_groups=[
            ReportingGroup.COMMUNE,
            ReportingGroup.WARD,
            ReportingGroup.SPECIAL_ZONE,
            ReportingGroup.AGENCY,
            ReportingGroup.COMPANY,
        ],  # fmt: skip
    )
    today = timezone.localdate(now)
    month_end = today.replace(day=monthrange(today.year, today.month)[1])
    periods = [
        CampaignPeriod.objects.create(campaign=campaign, name="Đợt cao điểm 30/3 – 15/5/2026",
                                      start_date=PEAK[0], end_date=PEAK[1], deadline=PEAK[2]),
        CampaignPeriod.objects.create(campaign=campaign, name=f"Tháng {today:%m/%Y}",
                                      start_date=today.replace(day=1), end_date=month_end,
                                      deadline=month_end + datetime.timedelta(days=5)),
    ]  # fmt: skip
    officers = dict(
        Membership.objects.filter(role__in=REPORTING_ROLES, is_active=True)
        .order_by("role", "user_id")
        .values_list("unit_id", "user_id")
    )
    units = campaign_reporting_units(campaign)
    rows = []
    for index, period in enumerate(periods):
        # The peak: about three units in four reported, one in five of them late. This
        # month: about one in three so far (never Nha Trang's ward, left for the visitor).
        share = 0.75 if index == 0 else 0.35
        for item in units:
            if rng.random() >= share or (
                index == 1 and item.unit.code.endswith("phuong-nha-trang")
            ):
                continue
            if index == 0:
                late = rng.random() < 0.2
                day = period.deadline + datetime.timedelta(
                    days=rng.randint(1, 20) if late else -rng.randint(0, 10)
                )
            else:
                day = today - datetime.timedelta(days=rng.randint(0, max(0, today.day - 1)))
            moment = local_day_start(day) + datetime.timedelta(hours=rng.uniform(8, 17))
            moment = min(moment, now - datetime.timedelta(minutes=5))
            submitter, note = _submitter(item.unit, officers, centre_user)
            guided, installs, accounts = _figures(
                rng, item.commune.population if item.commune else None
            )
            rows.append(AdoptionFigures(
                period=period, unit=item.unit, people_guided=guided, app_installs=installs,
                accounts_registered=accounts, solutions=rng.choice(SOLUTIONS), notes=note,
                submitted_by_id=submitter, created_at=moment,
            ))  # fmt: skip
            if rng.random() < 0.1:  # a correction a few days later
                rows.append(AdoptionFigures(
                    period=period, unit=item.unit, people_guided=guided,
                    app_installs=installs + rng.randint(5, 60),
                    accounts_registered=accounts + rng.randint(5, 40),
                    solutions=rng.choice(SOLUTIONS), notes="Bổ sung số liệu.",
                    submitted_by_id=submitter,
                    created_at=min(moment + datetime.timedelta(days=rng.randint(1, 5)), now),
                ))  # fmt: skip
    AdoptionFigures.objects.bulk_create(rows)
    return len(rows)
