"""Creates the Khánh Hòa demo: units, officers, citizens, organisations and site settings.

Every function looks rows up by their stable code or username and creates only what is
missing, so running the seed again changes nothing, and an administrator's later edits are
kept. The demo password is hashed once and the hash shared by every demo account: hashing it
per account would make the seed take minutes instead of seconds.
"""

import io
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from pakn.accounts.models import AccountType, User
from pakn.core.models import SiteSettings
from pakn.demo import data
from pakn.demo.campaigns import demo_campaign_create
from pakn.demo.people import (
    citizen_identities,
    landline_phone,
    officer_name_and_phone,
    organisation_identities,
)
from pakn.demo.reports import DEFAULT_REPORT_COUNT, demo_reports_create
from pakn.demo.routing import demo_routing_rules_create
from pakn.notifications.scheduler import reminders_run
from pakn.organisations.models import (
    AdministrativeArea,
    AreaLevel,
    Membership,
    Unit,
    UnitKind,
)
from pakn.organisations.services import areas_load_official
from pakn.reports.reminder_schedule import reports_next_reminder_fill

# SQLite limits the parameters of one statement; look rows up in slices of this size.
LOOKUP_CHUNK = 500


@dataclass
class DemoSeedResult:
    areas_created: int = 0
    site_settings_fields: list[str] = field(default_factory=list)
    units_created: int = 0
    unit_areas_created: int = 0
    officers_created: int = 0
    memberships_created: int = 0
    citizens_created: int = 0
    organisations_created: int = 0
    routing_rules_created: int = 0
    reports_created: Counter[str] = field(default_factory=Counter)
    campaign_submissions: int = 0

    @property
    def created_anything(self) -> bool:
        return any(
            (
                self.areas_created,
                self.site_settings_fields,
                self.units_created,
                self.unit_areas_created,
                self.officers_created,
                self.memberships_created,
                self.citizens_created,
                self.organisations_created,
                self.routing_rules_created,
                self.reports_created,
                self.campaign_submissions,
            )
        )


def demo_password_get() -> str:
    """The one password of every demo account: settings.DEMO_PASSWORD (from the environment,
    default the documented one), which the password policy refuses when DEBUG is false."""
    return settings.DEMO_PASSWORD or data.DEFAULT_DEMO_PASSWORD


@transaction.atomic
def demo_seed(
    *,
    citizens: int = data.DEFAULT_CITIZEN_COUNT,
    password: str | None = None,
    with_logo: bool = True,
    reports: int = DEFAULT_REPORT_COUNT,
) -> DemoSeedResult:
    """Creates whatever part of the demo is missing, in one transaction."""
    password_hash = make_password(password or demo_password_get())
    result = DemoSeedResult()
    result.areas_created = demo_areas_ensure()
    result.units_created, result.unit_areas_created = demo_units_create()
    result.officers_created, result.memberships_created = demo_officers_create(
        password_hash=password_hash
    )
    result.citizens_created = demo_citizens_create(count=citizens, password_hash=password_hash)
    result.organisations_created = demo_organisations_create(password_hash=password_hash)
    result.routing_rules_created = demo_routing_rules_create()
    result.reports_created = demo_reports_create(count=reports)
    # The year of history is the past: its reminders count as sent, only new ones go out.
    reports_next_reminder_fill()  # the reports were bulk-created, without Report.save
    reminders_run(now=timezone.now(), send=False)
    result.campaign_submissions = demo_campaign_create()
    # Last, because the logo file is written at once and a rollback would not remove it.
    result.site_settings_fields = demo_site_settings_apply(with_logo=with_logo)
    return result


def demo_areas_ensure() -> int:
    """Loads the official areas unless Khánh Hòa is already there; returns how many were
    created."""
    if AdministrativeArea.objects.filter(code=data.PROVINCE_AREA_CODE).exists():
        return 0
    return areas_load_official().created


def demo_site_settings_apply(*, with_logo: bool = True) -> list[str]:
    """Fills the Khánh Hòa identity into the fields still blank or at their default; returns
    the names of the fields it set."""
    settings_row = SiteSettings.objects.filter(pk=1).first() or SiteSettings()
    changed = []
    for name, value in data.SITE_SETTINGS.items():
        current = getattr(settings_row, name)
        default = SiteSettings._meta.get_field(name).get_default()
        if current != value and current in ("", default):
            setattr(settings_row, name, value)
            changed.append(name)
    if with_logo and not settings_row.logo:
        settings_row.logo.save(data.LOGO_FILE_NAME, ContentFile(demo_logo_png()), save=False)
        changed.append("logo")
    if changed or settings_row._state.adding:
        settings_row.save()
    return changed


def demo_logo_png(*, size: int = 192) -> bytes:
    """A small generated logo (a blue disc with "PAKN"), so that no binary is committed."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse(
        (4, 4, size - 4, size - 4), fill=(11, 92, 171, 255), outline=(250, 200, 40, 255), width=8
    )
    try:
        font = ImageFont.load_default(size=size // 4)
    except (TypeError, OSError):  # Pillow built without FreeType
        font = ImageFont.load_default()
    draw.text((size / 2, size / 2), "PAKN", fill=(255, 255, 255, 255), font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _unit_specs(*, communes: Sequence[AdministrativeArea]) -> list[data.UnitSpec]:
    """The whole demo tree, parents before children and siblings by name. Inserting siblings
    in the tree's own order (Unit.node_order_by) appends each one, where an unsorted
    insertion would renumber the paths of all the siblings after it."""
    specs = list(data.PROVINCE_UNITS)
    for code, name, short_name in data.DEPARTMENTS:
        specs.append(
            data.UnitSpec(
                code=code,
                name=name,
                short_name=short_name,
                kind=UnitKind.DEPARTMENT,
                parent=data.ROOT_UNIT_CODE,
                email=f"{code}@khanhhoa.gov.vn",
                phone=landline_phone(area_prefix="0258", key=code),
            )
        )
    for parent_code, suffix, name in data.SUB_UNITS:
        specs.append(
            data.UnitSpec(
                code=f"{parent_code}-{suffix}",
                name=name,
                kind=UnitKind.SUB_UNIT,
                parent=parent_code,
                email=f"{suffix}.{parent_code}@khanhhoa.gov.vn",
                phone=landline_phone(area_prefix="0258", key=f"{parent_code}-{suffix}"),
            )
        )
    for commune in communes:
        region = (
            "former_ninh_thuan"
            if commune.code >= data.FORMER_NINH_THUAN_FIRST_AREA_CODE
            else "former_khanh_hoa"
        )
        slug = commune.codename.replace("_", "-")
        specs.append(
            data.UnitSpec(
                code=f"{data.COMMUNE_UNIT_CODE_PREFIX}{slug}",
                name=f"UBND {commune.name}",
                kind=UnitKind.COMMUNE_COMMITTEE,
                parent=data.ROOT_UNIT_CODE,
                email=f"ubnd.{commune.codename.replace('_', '')}@khanhhoa.gov.vn",
                phone=landline_phone(area_prefix=data.AREA_PHONE_PREFIX[region], key=commune.code),
                areas=f"commune:{commune.code}",
            )
        )
    for company in data.PUBLIC_SERVICE_COMPANIES:
        area_prefix = data.AREA_PHONE_PREFIX.get(company.areas, "0258")
        phone = company.phone or landline_phone(area_prefix=area_prefix, key=company.code)
        specs.append(replace(company, phone=phone))
    level = {None: 0, data.ROOT_UNIT_CODE: 1}
    return sorted(specs, key=lambda spec: (level.get(spec.parent, 2), spec.name))


def _service_area_codes(
    *, areas: str, province: AdministrativeArea, communes: Sequence[AdministrativeArea]
) -> list[str]:
    if areas == "province":
        return [province.code]
    if areas.startswith("commune:"):
        return [areas.removeprefix("commune:")]
    if areas == "former_khanh_hoa":
        return [c.code for c in communes if c.code < data.TRUONG_SA_AREA_CODE]
    if areas == "former_ninh_thuan":
        return [c.code for c in communes if c.code >= data.FORMER_NINH_THUAN_FIRST_AREA_CODE]
    if areas == "nha_trang":
        return list(data.NHA_TRANG_AREA_CODES)
    if areas == "cam_ranh":
        return list(data.CAM_RANH_AREA_CODES)
    raise ValueError(f"Unknown service area {areas!r}")


def demo_units_create() -> tuple[int, int]:
    """Creates the missing units of the tree and their missing service areas; returns
    (units created, unit-area links created)."""
    province = AdministrativeArea.objects.get(code=data.PROVINCE_AREA_CODE)
    communes = list(
        AdministrativeArea.objects.filter(
            parent=province, level=AreaLevel.COMMUNE, is_active=True
        ).order_by("code")
    )
    specs = _unit_specs(communes=communes)
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=[s.code for s in specs])}
    units_created = 0
    for spec in specs:
        if spec.code in units:
            continue
        values = {
            "code": spec.code,
            "name": spec.name,
            "short_name": spec.short_name,
            "kind": spec.kind,
            "email": spec.email,
            "phone": spec.phone,
            "address": spec.address,
            "website": spec.website,
        }
        if spec.parent is None:
            units[spec.code] = Unit.objects.add_root(values)
        else:
            # add_child reads the parent's current path, which sorted insertion of its
            # siblings may have moved since it was loaded.
            units[spec.code] = Unit.objects.add_child(units[spec.parent], values)
        units_created += 1

    unit_ids = {code: unit.pk for code, unit in units.items()}
    area_ids = dict(
        AdministrativeArea.objects.filter(
            code__in=[province.code, *(c.code for c in communes)]
        ).values_list("code", "id")
    )
    wanted = {
        (unit_ids[spec.code], area_ids[area_code])
        for spec in specs
        for area_code in _service_area_codes(areas=spec.areas, province=province, communes=communes)
        if area_code in area_ids
    }
    through = Unit.areas.through
    present = set(
        through.objects.filter(unit_id__in=unit_ids.values()).values_list(
            "unit_id", "administrativearea_id"
        )
    )
    missing = [
        through(unit_id=unit_id, administrativearea_id=area_id)
        for unit_id, area_id in sorted(wanted - present)
    ]
    through.objects.bulk_create(missing, batch_size=LOOKUP_CHUNK)
    return units_created, len(missing)


def _existing(*, field: str, values: Iterable[str]) -> set[str]:
    """Which of ``values`` some account already has in ``field``, looked up in slices."""
    wanted = list(values)
    found: set[str] = set()
    for start in range(0, len(wanted), LOOKUP_CHUNK):
        chunk = wanted[start : start + LOOKUP_CHUNK]
        found.update(User.objects.filter(**{f"{field}__in": chunk}).values_list(field, flat=True))
    return found


def demo_officers_create(*, password_hash: str) -> tuple[int, int]:
    """Creates the system administrator and the demo officers that are missing, then their
    missing roles; returns (accounts created, memberships created)."""
    existing = _existing(
        field="username",
        values=[data.ADMIN_USERNAME, *(officer.username for officer in data.OFFICERS)],
    )
    new_users = []
    if data.ADMIN_USERNAME not in existing:
        new_users.append(
            User(
                username=data.ADMIN_USERNAME,
                full_name=data.ADMIN_FULL_NAME,
                account_type=AccountType.OFFICER,
                email=f"{data.ADMIN_USERNAME}@{data.DEMO_EMAIL_DOMAIN}",
                is_staff=True,
                is_superuser=True,
                password=password_hash,
            )
        )
    for officer in data.OFFICERS:
        if officer.username in existing:
            continue
        full_name, phone = officer_name_and_phone(username=officer.username)
        new_users.append(
            User(
                username=officer.username,
                full_name=full_name,
                phone=phone,
                account_type=AccountType.OFFICER,
                email=f"{officer.username}@{data.DEMO_EMAIL_DOMAIN}",
                password=password_hash,
            )
        )
    User.objects.bulk_create(new_users, batch_size=LOOKUP_CHUNK)

    user_ids = dict(
        User.objects.filter(username__in=[o.username for o in data.OFFICERS]).values_list(
            "username", "id"
        )
    )
    unit_codes = {code for o in data.OFFICERS for code, _ in o.memberships}
    unit_ids = dict(Unit.objects.filter(code__in=unit_codes).values_list("code", "id"))
    wanted = {
        (user_ids[officer.username], unit_ids[unit_code], role)
        for officer in data.OFFICERS
        for unit_code, role in officer.memberships
        if unit_code in unit_ids
    }
    present = set(
        Membership.objects.filter(user_id__in=user_ids.values()).values_list(
            "user_id", "unit_id", "role"
        )
    )
    missing = [
        Membership(user_id=user_id, unit_id=unit_id, role=role)
        for user_id, unit_id, role in sorted(wanted - present)
    ]
    Membership.objects.bulk_create(missing, batch_size=LOOKUP_CHUNK)
    return len(new_users), len(missing)


def _new_accounts(candidates: dict[str, User]) -> list[User]:
    """The candidate accounts (by username) whose username and phone are both still free:
    the phone of a citizen or organisation is unique, and a real registration may already
    hold one that the demo would have used."""
    taken_usernames = _existing(field="username", values=candidates.keys())
    taken_phones = _existing(
        field="phone", values=[user.phone for user in candidates.values() if user.phone]
    )
    return [
        user
        for username, user in candidates.items()
        if username not in taken_usernames and user.phone not in taken_phones
    ]


def demo_citizens_create(*, count: int, password_hash: str) -> int:
    """Creates the first ``count`` demo citizens that do not exist yet, each living in one
    of the province's communes."""
    province = AdministrativeArea.objects.get(code=data.PROVINCE_AREA_CODE)
    communes = list(province.children.filter(is_active=True).order_by("code"))
    candidates = {
        identity.username: User(
            username=identity.username,
            full_name=identity.full_name,
            phone=identity.phone,
            email=identity.email,
            account_type=AccountType.INDIVIDUAL,
            address_province=province,
            address_commune=communes[identity.commune_pick % len(communes)],
            password=password_hash,
        )
        for identity in citizen_identities(count=count)
    }
    new_users = _new_accounts(candidates)
    User.objects.bulk_create(new_users, batch_size=LOOKUP_CHUNK)
    return len(new_users)


def demo_organisations_create(*, password_hash: str) -> int:
    """Creates the demo organisations that do not exist yet; the account's name, phone and
    e-mail are its representative's, as at registration."""
    candidates = {
        identity.username: User(
            username=identity.username,
            full_name=identity.representative_name,
            phone=identity.representative_phone,
            email=identity.representative_email,
            account_type=AccountType.ORGANISATION,
            organisation_name=identity.name,
            organisation_address=identity.address,
            organisation_phone=identity.phone,
            organisation_email=identity.email,
            password=password_hash,
        )
        for identity in organisation_identities()
    }
    new_users = _new_accounts(candidates)
    User.objects.bulk_create(new_users, batch_size=LOOKUP_CHUNK)
    return len(new_users)
