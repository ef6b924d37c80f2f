from dataclasses import dataclass

from pakn.accounts.models import User
from pakn.demo import data
from pakn.demo.people import citizen_identities, organisation_identities
from pakn.organisations.models import Membership, MembershipRole, Unit, UnitKind


@dataclass(frozen=True)
class DemoAccountRow:
    username: str
    full_name: str
    role: str  # a MembershipRole value, or "" for the system administrator
    role_label: str
    unit_name: str


SYSTEM_ADMIN_LABEL = "Quản trị hệ thống"


def demo_data_present() -> bool:
    """Whether the database already has units: one indexed query, for `make run`."""
    return Unit.objects.exists()


def demo_account_rows() -> list[DemoAccountRow]:
    """The demo officers' roles as they are in the database, in the order of the demo data
    (the system administrator first); a sub-unit is named with its parent. Three queries."""
    order = {officer.username: index for index, officer in enumerate(data.OFFICERS)}
    rows = []
    admin = User.objects.filter(username=data.ADMIN_USERNAME, is_superuser=True).first()
    if admin is not None:
        rows.append(DemoAccountRow(admin.username, admin.full_name, "", SYSTEM_ADMIN_LABEL, "—"))
    memberships = Membership.objects.filter(user__username__in=order.keys()).select_related(
        "user", "unit"
    )
    roles = list(MembershipRole.values)
    memberships = sorted(memberships, key=lambda m: (order[m.user.username], roles.index(m.role)))
    parent_paths = {
        m.unit.path[: -Unit.steplen] for m in memberships if m.unit.kind == UnitKind.SUB_UNIT
    }
    parent_names = dict(Unit.objects.filter(path__in=parent_paths).values_list("path", "name"))
    for membership in memberships:
        unit = membership.unit
        unit_name = unit.name
        if unit.kind == UnitKind.SUB_UNIT:
            parent_name = parent_names.get(unit.path[: -Unit.steplen])
            unit_name = f"{unit.name} ({parent_name})" if parent_name else unit.name
        rows.append(
            DemoAccountRow(
                username=membership.user.username,
                full_name=membership.user.full_name,
                role=membership.role,
                role_label=str(MembershipRole(membership.role).label),
                unit_name=unit_name,
            )
        )
    return rows


def demo_accounts_markdown(*, rows: list[DemoAccountRow]) -> str:
    """The README fragment: who to log in as, to try each role."""
    lines = [
        f"Every demo account has the password `{data.DEFAULT_DEMO_PASSWORD}` (set "
        "`DEMO_PASSWORD` before the "
        "first `make run` to choose another). `seed_demo` refuses to run with `DEBUG=false` "
        "unless given `--allow-production`, since these accounts share a known password.",
        "",
        "| tên đăng nhập (username) | vai trò (role) | đơn vị (unit) |",
        "|---|---|---|",
    ]
    for row in rows:
        role = f"{row.role_label} (`{row.role}`)" if row.role else f"{row.role_label} (superuser)"
        lines.append(f"| `{row.username}` | {role} | {row.unit_name} |")
    citizens = citizen_identities(count=2)
    organisation = organisation_identities()[0]
    lines += [
        "",
        f"Citizens and businesses ({data.DEFAULT_CITIZEN_COUNT} individual accounts, "
        f"{len(data.ORGANISATIONS)} organisations) have the same password. Individuals log in "
        "with a 12-digit CCCD number beginning with 056 (Khánh Hòa), organisations with a "
        "10-digit enterprise code beginning with 42, for example:",
        "",
        "| tên đăng nhập (username) | tài khoản (account) |",
        "|---|---|",
        *(f"| `{c.username}` | Cá nhân: {c.full_name} |" for c in citizens),
        f"| `{organisation.username}` | Tổ chức, doanh nghiệp: {organisation.name} |",
        "",
    ]
    return "\n".join(lines)
