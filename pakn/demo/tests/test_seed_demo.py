import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pakn.accounts.models import AccountType, User
from pakn.accounts.tests.factories import UserFactory
from pakn.core.models import SiteSettings
from pakn.core.validators import (
    normalise_vn_mobile,
    phone_national,
    validate_business_code,
    validate_cccd,
)
from pakn.demo import data
from pakn.demo.people import citizen_identities
from pakn.demo.selectors import demo_account_rows, demo_accounts_markdown
from pakn.organisations.models import (
    AdministrativeArea,
    Membership,
    MembershipRole,
    Unit,
    UnitKind,
)
from pakn.organisations.tests.factories import UnitFactory

DOCS_FILE = Path(__file__).resolve().parents[3] / "docs" / "demo-accounts.md"
CCCD_PATTERN = re.compile(r"^056[0-3]\d{8}$")


def seed(*args: str) -> str:
    out = io.StringIO()
    call_command(
        "seed_demo", "--allow-production", "--citizens", "20", "--reports", "0", *args, stdout=out
    )
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "units": Unit.objects.count(),
        "areas": AdministrativeArea.objects.count(),
        "unit_areas": Unit.areas.through.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
    }


@pytest.fixture
def seeded(db) -> str:
    return seed()


def test_every_commune_ward_and_special_zone_of_khanh_hoa_has_its_committee(seeded):
    committees = Unit.objects.filter(kind=UnitKind.COMMUNE_COMMITTEE)
    assert committees.count() == 65
    truong_sa = committees.get(name="UBND Đặc khu Trường Sa")
    assert list(truong_sa.areas.values_list("code", flat=True)) == ["22736"]
    for committee in committees.prefetch_related("areas"):
        (area,) = committee.areas.all()
        assert area.parent.code == "56"
        assert committee.name == f"UBND {area.name}"
        assert committee.email.endswith("@khanhhoa.gov.vn")


def test_the_tree_has_the_province_its_centre_departments_and_companies(seeded):
    (root,) = Unit.objects.get_root_nodes()
    assert (root.name, root.kind) == ("UBND tỉnh Khánh Hòa", UnitKind.PROVINCE)
    assert Unit.objects.count() == Unit.objects.get_descendant_count(root) + 1
    assert all(problems == [] for problems in Unit.objects.find_problems())
    children_names = list(Unit.objects.get_children(root).values_list("name", flat=True))
    assert children_names == sorted(children_names)
    centre = Unit.objects.get(kind=UnitKind.COORDINATING_CENTRE)
    assert Unit.objects.get_parent(centre) == root

    departments = Unit.objects.filter(kind=UnitKind.DEPARTMENT)
    assert 18 <= departments.count() <= 25
    names = set(departments.values_list("name", flat=True))
    assert {"Sở Khoa học và Công nghệ", "Sở Xây dựng", "Sở Nông nghiệp và Môi trường"} <= names
    for department in departments.prefetch_related("areas"):
        assert [area.code for area in department.areas.all()] == ["56"]
        assert Unit.objects.get_parent(department) == root

    construction = Unit.objects.get(code="sxd")
    children = Unit.objects.get_children(construction)
    assert children.filter(kind=UnitKind.SUB_UNIT).count() >= 2
    companies = Unit.objects.filter(kind=UnitKind.PUBLIC_SERVICE_COMPANY)
    assert companies.count() >= 4
    assert all(company.areas.exists() for company in companies)
    phan_rang_water = Unit.objects.get(code="capnuoc-nt").areas
    assert phan_rang_water.filter(name="Phường Phan Rang").exists()
    assert not phan_rang_water.filter(name="Phường Nha Trang").exists()


def test_officers_hold_every_role_and_share_the_demo_password(seeded):
    for role in MembershipRole.values:
        assert Membership.objects.filter(role=role, is_active=True).exists(), role
    assert set(
        Membership.objects.filter(role=MembershipRole.COORDINATOR).values_list(
            "unit__kind", flat=True
        )
    ) == {UnitKind.COORDINATING_CENTRE}
    handler = User.objects.get(username="xuly.sxd")
    assert handler.account_type == AccountType.OFFICER
    assert handler.memberships.get().unit.code == "sxd"
    assert len(handler.full_name.split()) >= 3
    admin = User.objects.get(username="admin")
    assert admin.is_staff and admin.is_superuser
    assert admin.check_password(data.DEFAULT_DEMO_PASSWORD)
    # One hash, made once, shared by every demo account.
    assert User.objects.values("password").distinct().count() == 1


def test_citizens_and_organisations_pass_the_registration_checks(seeded):
    citizens = User.objects.filter(account_type=AccountType.INDIVIDUAL)
    assert citizens.count() == 20
    for citizen in citizens:
        assert CCCD_PATTERN.match(citizen.username), citizen.username
        validate_cccd(citizen.username)
        assert normalise_vn_mobile(citizen.phone) == citizen.phone
        assert phone_national(citizen.phone)[:2] in {"03", "05", "07", "08", "09"}
        assert len(citizen.full_name.split()) >= 3
        assert citizen.address_province.code == "56"
        assert citizen.address_commune.parent_id == citizen.address_province_id
    assert citizens.values("phone").distinct().count() == 20

    organisations = User.objects.filter(account_type=AccountType.ORGANISATION)
    assert organisations.count() == len(data.ORGANISATIONS)
    for organisation in organisations:
        assert re.fullmatch(r"42\d{8}", organisation.username)
        validate_business_code(organisation.username)
        assert organisation.organisation_name in {name for name, _, _ in data.ORGANISATIONS}
        assert organisation.display_name == organisation.organisation_name
        assert len(organisation.full_name.split()) >= 3  # the representative
        assert normalise_vn_mobile(organisation.phone) == organisation.phone


def test_site_settings_are_khanh_hoa_s(seeded):
    site = SiteSettings.objects.get()
    assert site.hotline == "1900 1023"
    assert site.email == "pakn@khanhhoa.gov.vn"
    assert "Khoa học và Công nghệ" in site.managing_agency
    assert "Khánh Hòa" in site.portal_name
    assert site.zalo_url.startswith("https://zalo.me/")
    assert "KhanhHoa-S" in site.play_store_url
    assert "{z}" in site.map_tile_url
    assert site.logo.name.endswith(".png")


def test_the_first_run_prints_the_officers_and_the_password(seeded):
    assert "dieuphoi1" in seeded
    assert "xuly.sxd" in seeded
    assert data.DEFAULT_DEMO_PASSWORD in seeded
    assert "20 citizens" in seeded


def test_running_twice_creates_nothing(seeded):
    before = counts()
    output = seed()
    assert counts() == before
    assert "nothing was created" in output
    assert "dieuphoi1" not in output


def test_a_larger_citizen_count_adds_only_the_difference(seeded):
    first = set(
        User.objects.filter(account_type=AccountType.INDIVIDUAL).values_list("username", flat=True)
    )
    call_command("seed_demo", "--allow-production", "--citizens", "30", stdout=io.StringIO())
    now = set(
        User.objects.filter(account_type=AccountType.INDIVIDUAL).values_list("username", flat=True)
    )
    assert len(now) == 30
    assert first < now


def test_if_empty_leaves_a_database_that_has_units_alone(db):
    UnitFactory(name="Đơn vị có sẵn")
    output = seed("--if-empty")
    assert Unit.objects.count() == 1
    assert not User.objects.exists()
    assert output.strip().count("\n") == 0
    assert "already has units" in output


def test_if_empty_seeds_an_empty_database(db):
    seed("--if-empty")
    assert Unit.objects.filter(kind=UnitKind.COMMUNE_COMMITTEE).count() == 65


def test_it_refuses_to_run_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=false.*--allow-production"):
        call_command("seed_demo", "--citizens", "0", stdout=io.StringIO())
    assert not Unit.objects.exists()
    assert not User.objects.exists()


def test_an_administrators_edits_are_kept_and_demo_password_is_read(db, settings):
    SiteSettings.objects.create(hotline="0258 3000 000")
    settings.DEMO_PASSWORD = "Khac@2026"  # from the DEMO_PASSWORD variable
    call_command("seed_demo", "--allow-production", "--citizens", "0", stdout=io.StringIO())
    site = SiteSettings.objects.get()
    assert site.hotline == "0258 3000 000"
    assert site.email == "pakn@khanhhoa.gov.vn"
    assert User.objects.get(username="dieuphoi1").check_password("Khac@2026")


def test_citizens_are_reproducible_and_a_longer_list_extends_a_shorter_one():
    short = citizen_identities(count=50)
    assert citizen_identities(count=50) == short
    assert citizen_identities(count=80)[:50] == short
    assert len({identity.username for identity in citizen_identities(count=400)}) == 400
    for identity in short:
        century_digit = int(identity.username[3])
        assert century_digit in ((1, 3) if identity.is_female else (0, 2))
        assert identity.username[4:6] == f"{identity.birth_year % 100:02d}"
        assert 18 <= data.REFERENCE_YEAR - identity.birth_year <= 80


def test_the_readme_fragment_is_up_to_date(seeded):
    expected = demo_accounts_markdown(rows=demo_account_rows())
    assert DOCS_FILE.read_text(encoding="utf-8") == expected, (
        "Regenerate it: python manage.py seed_demo --accounts-doc docs/demo-accounts.md"
    )
    # The example citizen accounts it names exist.
    for username in re.findall(r"`(056\d{9}|42\d{8})`", expected):
        assert User.objects.get(username=username).check_password(data.DEFAULT_DEMO_PASSWORD)


def test_a_phone_already_registered_does_not_stop_the_seed(db):
    first = citizen_identities(count=1)[0]
    UserFactory(username="056090000001", phone=first.phone)
    seed()
    assert not User.objects.filter(username=first.username).exists()
    demo_citizens = User.objects.filter(account_type=AccountType.INDIVIDUAL).exclude(
        username="056090000001"
    )
    assert demo_citizens.count() == 19
