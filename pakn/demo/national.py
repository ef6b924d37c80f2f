"""The national demo (``seed_demo --mode national``, seed 004): the programme's root, three
provinces (Khánh Hòa, Thanh Hóa, Đà Nẵng) and two ministries, each with its coordinator,
unit administrator, departments and their handlers and leaders; the science fields and the
routing rules (by field to the ministry in charge, by place to the province's Department of
Science and Technology); and a year of proposals in every state.

Like the province demo, rows are looked up by code or username and only what is missing is
created; the proposals are written in bulk as the workflow would have left them (the same
writer as pakn.demo.reports), with deterministic keys, so a second run creates nothing."""

import datetime
import random
import uuid
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from pakn.accounts.models import AccountType, User
from pakn.core.models import SiteSettings
from pakn.core.modes import NATIONAL_PORTAL_NAME
from pakn.demo import data
from pakn.demo import reports as province_demo
from pakn.demo.people import landline_phone, officer_name_and_phone
from pakn.demo.services import (
    demo_areas_ensure,
    demo_citizens_create,
    demo_organisations_create,
    demo_password_get,
)
from pakn.notifications.scheduler import reminders_run
from pakn.organisations.models import (
    AdministrativeArea,
    Category,
    Membership,
    MembershipRole,
    RoutingRule,
    Unit,
    UnitKind,
)
from pakn.organisations.science_fields import SCIENCE_FIELDS, science_fields_ensure
from pakn.reports.models import (
    Answer,
    AnswerStatus,
    Event,
    Proposal,
    ProposalScale,
    Rating,
    RatingValue,
    Report,
    ReportChannel,
    ReportKind,
)
from pakn.reports.models import ReportStatus as S
from pakn.reports.reminder_schedule import reports_next_reminder_fill
from pakn.reports.workflow import TRANSITION_INDEX

ROOT_CODE = "nq57"
NATIONAL_SITE_SETTINGS = {
    "portal_name": NATIONAL_PORTAL_NAME,
    "short_name": "PAKN NQ57",
    "managing_agency": "Bộ Khoa học và Công nghệ",
    "email": "pakn@nq57.vn",
}
DEFAULT_PROPOSAL_COUNT = 300
PROPOSALS_RANDOM_SEED = 57_2026
_KEY_NAMESPACE = uuid.UUID("2c9a4f57-1b0e-4d57-9a57-0a57e2026a57")
R = MembershipRole


@dataclass(frozen=True)
class Member:
    """A province or ministry: its code (also the officers' username prefix), name, area
    (provinces) and departments ``(suffix, name)``, the first one handling proposals."""

    code: str
    name: str
    kind: str
    departments: tuple[tuple[str, str], ...]
    area_code: str = ""
    phone_prefix: str = "024"


MEMBERS: tuple[Member, ...] = (
    Member("kh", "Tỉnh Khánh Hòa", UnitKind.PROVINCE, (
        ("skhcn", "Sở Khoa học và Công nghệ tỉnh Khánh Hòa"),
        ("snnmt", "Sở Nông nghiệp và Môi trường tỉnh Khánh Hòa"),
    ), area_code="56", phone_prefix="0258"),
    Member("th", "Tỉnh Thanh Hóa", UnitKind.PROVINCE, (
        ("skhcn", "Sở Khoa học và Công nghệ tỉnh Thanh Hóa"),
        ("snnmt", "Sở Nông nghiệp và Môi trường tỉnh Thanh Hóa"),
    ), area_code="38", phone_prefix="0237"),
    Member("dn", "Thành phố Đà Nẵng", UnitKind.PROVINCE, (
        ("skhcn", "Sở Khoa học và Công nghệ thành phố Đà Nẵng"),
        ("snnmt", "Sở Nông nghiệp và Môi trường thành phố Đà Nẵng"),
    ), area_code="48", phone_prefix="0236"),
    Member("bkhcn", "Bộ Khoa học và Công nghệ", UnitKind.MINISTRY, (
        ("vkhcn", "Vụ Khoa học, Công nghệ và Đổi mới sáng tạo"),
        ("ccds", "Cục Chuyển đổi số quốc gia"),
    )),
    Member("bnnmt", "Bộ Nông nghiệp và Môi trường", UnitKind.MINISTRY, (
        ("vkhcn", "Vụ Khoa học và Công nghệ (Bộ Nông nghiệp và Môi trường)"),
    )),
)  # fmt: skip
# The fields the agriculture and environment ministry is in charge of; the rest are the
# science ministry's (digital transformation to its Cục Chuyển đổi số quốc gia).
AGRICULTURE_FIELDS = {"khcn-nong-nghiep", "khcn-trai-dat-moi-truong"}
DIGITAL_FIELDS = {"khcn-chuyen-doi-so"}
# Each province and ministry: a coordinator and a unit administrator; each department: a
# handler and a leader ("<member>.<department>.xuly", "… .lanhdao").
MEMBER_STAFF = (("dieuphoi", R.COORDINATOR), ("quantri", R.UNIT_ADMIN))
DEPARTMENT_STAFF = (("xuly", R.HANDLER), ("lanhdao", R.LEADER))

PROPOSAL_TOPICS = (
    ("khcn-chinh-quyen-so", "Liên thông dữ liệu hồ sơ đất đai giữa các cấp",
     "Người dân phải nộp lại giấy tờ đã có trong cơ sở dữ liệu.",
     "Kết nối cơ sở dữ liệu đất đai với cổng dịch vụ công, dùng lại dữ liệu đã số hóa.",
     "Giảm một nửa thời gian giải quyết thủ tục."),
    ("khcn-kinh-te-so", "Sàn thương mại điện tử cho sản phẩm OCOP",
     "Sản phẩm OCOP khó tiếp cận thị trường ngoài tỉnh.",
     "Xây dựng gian hàng chung trên sàn thương mại điện tử, hỗ trợ đóng gói, vận chuyển.",
     "Tăng doanh thu của các hợp tác xã tham gia."),
    ("khcn-khoi-nghiep", "Quỹ ươm tạo khởi nghiệp sáng tạo cấp tỉnh",
     "Dự án khởi nghiệp thiếu vốn ở giai đoạn đầu.",
     "Thành lập quỹ ươm tạo với cơ chế chia sẻ rủi ro giữa Nhà nước và doanh nghiệp.",
     "Mỗi năm hỗ trợ 20 dự án khởi nghiệp."),
    ("khcn-trong-trot-chan-nuoi", "Cảm biến độ ẩm đất cho vườn sầu riêng",
     "Tưới không đúng lúc làm giảm năng suất, lãng phí nước.",
     "Lắp cảm biến độ ẩm và hệ thống tưới tự động điều khiển qua điện thoại.",
     "Tiết kiệm 30 % nước tưới."),
    ("khcn-thuy-san-lam-nghiep", "Truy xuất nguồn gốc tôm hùm nuôi lồng bè",
     "Sản phẩm khó chứng minh nguồn gốc khi xuất khẩu.",
     "Gắn mã truy xuất cho từng lồng nuôi, ghi nhật ký nuôi trên ứng dụng.",
     "Đáp ứng yêu cầu của thị trường nhập khẩu."),
    ("khcn-tai-chinh-khcn", "Khoán chi đến sản phẩm cuối cùng cho nhiệm vụ khoa học",
     "Thủ tục thanh toán nhiệm vụ khoa học còn nặng về chứng từ.",
     "Áp dụng khoán chi đến sản phẩm cuối cùng, đánh giá theo kết quả.",
     "Nhà khoa học tập trung vào nghiên cứu thay vì giấy tờ."),
    ("khcn-du-lieu-ha-tang", "Phủ sóng 5G cho khu công nghệ cao",
     "Doanh nghiệp công nghệ thiếu hạ tầng kết nối tốc độ cao.",
     "Ưu tiên cấp phép, chia sẻ hạ tầng trạm phát sóng 5G trong khu công nghệ cao.",
     "Thu hút doanh nghiệp công nghệ đầu tư."),
    ("khcn-giao-duc", "Học liệu số dùng chung cho trường phổ thông",
     "Giáo viên tự soạn học liệu số, trùng lặp, chất lượng không đều.",
     "Xây dựng kho học liệu số dùng chung, có kiểm duyệt.",
     "Giáo viên tiết kiệm thời gian, học sinh vùng sâu được học liệu tốt."),
    ("khcn-y-hoc", "Khám bệnh từ xa cho trạm y tế xã đảo",
     "Người dân đặc khu phải vào đất liền để khám chuyên khoa.",
     "Kết nối trạm y tế xã với bệnh viện tỉnh qua hệ thống khám từ xa.",
     "Giảm chi phí đi lại cho người bệnh."),
    ("khcn-the-che", "Thí điểm cơ chế thử nghiệm có kiểm soát (sandbox) cho fintech",
     "Mô hình mới chưa có khung pháp lý để thử nghiệm.",
     "Cho phép thử nghiệm có thời hạn, giới hạn quy mô, có giám sát.",
     "Doanh nghiệp đổi mới được thử nghiệm hợp pháp."),
)  # fmt: skip


def national_proposal_key(*, index: int) -> uuid.UUID:
    return uuid.uuid5(_KEY_NAMESPACE, f"national-proposal:{index}")


@dataclass
class NationalSeedResult:
    units_created: int = 0
    officers_created: int = 0
    fields_created: int = 0
    rules_created: int = 0
    citizens_created: int = 0
    organisations_created: int = 0
    proposals_created: Counter = field(default_factory=Counter)


@transaction.atomic
def national_demo_seed(
    *, citizens: int = 100, proposals: int = DEFAULT_PROPOSAL_COUNT, password: str | None = None
) -> NationalSeedResult:
    password_hash = make_password(password or demo_password_get())
    result = NationalSeedResult()
    demo_areas_ensure()
    result.fields_created = science_fields_ensure()
    result.units_created = national_units_create()
    result.officers_created = national_officers_create(password_hash=password_hash)
    result.rules_created = national_routing_rules_create()
    result.citizens_created = demo_citizens_create(count=citizens, password_hash=password_hash)
    result.organisations_created = demo_organisations_create(password_hash=password_hash)
    result.proposals_created = national_proposals_create(count=proposals)
    # The year of history is the past: its reminders count as sent, only new ones go out.
    reports_next_reminder_fill()
    reminders_run(now=timezone.now(), send=False)
    national_site_settings_apply()
    return result


def national_site_settings_apply() -> None:
    row = SiteSettings.objects.filter(pk=1).first() or SiteSettings(pk=1)
    for name, value in NATIONAL_SITE_SETTINGS.items():
        default = SiteSettings._meta.get_field(name).get_default()
        if getattr(row, name) in ("", default, data.SITE_SETTINGS.get(name)):
            setattr(row, name, value)
    row.save()


def _unit_code(member: Member, suffix: str = "") -> str:
    return f"{member.code}-{suffix}" if suffix else member.code


def national_units_create() -> int:
    """The root, the provinces and ministries (in name order, so treebeard appends), their
    departments; returns how many were created."""
    existing = {u.code: u for u in Unit.objects.filter(code__in=_codes())}
    created = 0
    root = existing.get(ROOT_CODE)
    if root is None:
        root = Unit.objects.add_root(
            create_kwargs={
                "code": ROOT_CODE,
                "name": NATIONAL_PORTAL_NAME,
                "short_name": "NQ57",
                "kind": UnitKind.COORDINATING_CENTRE,
                "email": "pakn@nq57.vn",
            }
        )
        created += 1
    for member in sorted(MEMBERS, key=lambda m: m.name):
        unit = existing.get(member.code)
        if unit is None:
            root.refresh_from_db()
            unit = Unit.objects.add_child(
                root,
                create_kwargs={
                    "code": member.code,
                    "name": member.name,
                    "kind": member.kind,
                    "phone": landline_phone(area_prefix=member.phone_prefix, key=member.code),
                },
            )
            created += 1
        if member.area_code:
            area = AdministrativeArea.objects.filter(code=member.area_code).first()
            if area is not None:
                unit.areas.add(area)
        for suffix, name in sorted(member.departments, key=lambda d: d[1]):
            code = _unit_code(member, suffix)
            if code in existing:
                continue
            unit.refresh_from_db()
            existing[code] = Unit.objects.add_child(
                unit,
                create_kwargs={
                    "code": code,
                    "name": name,
                    "kind": UnitKind.DEPARTMENT,
                    "phone": landline_phone(area_prefix=member.phone_prefix, key=code),
                },
            )
            created += 1
    return created


def national_staff() -> list[tuple[str, str, str]]:
    """(username, unit code, role) of every demo officer of the programme."""
    staff = [(f"{ROOT_CODE}.dieuphoi", ROOT_CODE, R.COORDINATOR)]
    for member in MEMBERS:
        for username_suffix, role in MEMBER_STAFF:
            staff.append((f"{member.code}.{username_suffix}", member.code, role))
        for suffix, _name in member.departments:
            for username_suffix, role in DEPARTMENT_STAFF:
                staff.append(
                    (f"{member.code}.{suffix}.{username_suffix}", _unit_code(member, suffix), role)
                )
    return staff


def national_officers_create(*, password_hash: str) -> int:
    staff = national_staff()
    usernames = [data.ADMIN_USERNAME, *(username for username, _unit, _role in staff)]
    existing = set(User.objects.filter(username__in=usernames).values_list("username", flat=True))
    new_users = []
    if data.ADMIN_USERNAME not in existing:
        new_users.append(User(
            username=data.ADMIN_USERNAME, full_name=data.ADMIN_FULL_NAME,
            account_type=AccountType.OFFICER, is_staff=True, is_superuser=True,
            email=f"{data.ADMIN_USERNAME}@{data.DEMO_EMAIL_DOMAIN}", password=password_hash,
        ))  # fmt: skip
    for username, _unit, _role in staff:
        if username in existing or any(u.username == username for u in new_users):
            continue
        full_name, phone = officer_name_and_phone(username=username)
        new_users.append(User(
            username=username, full_name=full_name, phone=phone,
            account_type=AccountType.OFFICER, password=password_hash,
            email=f"{username}@{data.DEMO_EMAIL_DOMAIN}",
        ))  # fmt: skip
    User.objects.bulk_create(new_users)
    users = dict(User.objects.filter(username__in=usernames).values_list("username", "id"))
    units = dict(Unit.objects.values_list("code", "id"))
    present = set(Membership.objects.values_list("user_id", "unit_id", "role"))
    Membership.objects.bulk_create(
        Membership(user_id=users[username], unit_id=units[unit], role=role)
        for username, unit, role in staff
        if (users[username], units[unit], role) not in present
    )
    return len(new_users)


def _ministry_department(field_code: str) -> str:
    if field_code in AGRICULTURE_FIELDS:
        return "bnnmt-vkhcn"
    if field_code in DIGITAL_FIELDS:
        return "bkhcn-ccds"
    return "bkhcn-vkhcn"


def national_routing_rules_create() -> int:
    """By field to the ministry in charge (no area); by place, each province's proposals to
    its Department of Science and Technology."""
    fields = dict(Category.objects.filter(parent__isnull=True, code__startswith="khcn-")
                  .values_list("code", "id"))  # fmt: skip
    units = dict(Unit.objects.values_list("code", "id"))
    areas = dict(AdministrativeArea.objects.values_list("code", "id"))
    wanted = []
    for code, _name, _children in SCIENCE_FIELDS:
        if code not in fields:
            continue
        wanted.append((fields[code], None, units[_ministry_department(code)]))
        for member in MEMBERS:
            if member.area_code in areas:
                wanted.append((fields[code], areas[member.area_code],
                               units[_unit_code(member, "skhcn")]))  # fmt: skip
    present = set(RoutingRule.objects.values_list("category_id", "area_id"))
    rules = [
        RoutingRule(category_id=c, area_id=a, unit_id=u)
        for c, a, u in wanted
        if (c, a) not in present
    ]
    RoutingRule.objects.bulk_create(rules)
    return len(rules)


def national_proposals_create(
    *, count: int = DEFAULT_PROPOSAL_COUNT, seed: int = PROPOSALS_RANDOM_SEED, now=None
) -> Counter:
    """A year of proposals in every state, unless they exist; returns how many per status."""
    if count <= 0 or Report.objects.filter(idempotency_key=national_proposal_key(index=0)).exists():
        return Counter()
    now = now or timezone.now()
    rng = random.Random(seed)
    reporters = list(
        User.objects.filter(account_type__in=(AccountType.INDIVIDUAL, AccountType.ORGANISATION))
        .order_by("id")
        .values_list("id", flat=True)[:500]
    )
    if not reporters:
        return Counter()
    units = {u.code: u for u in Unit.objects.filter(code__in=_codes())}
    staff = {}
    for username, unit, role in national_staff():
        staff[(unit, role)] = username
    user_ids = dict(User.objects.filter(username__in=staff.values()).values_list("username", "id"))
    people = {key: user_ids[username] for key, username in staff.items()}
    fields = dict(Category.objects.filter(code__startswith="khcn-").values_list("code", "id"))
    areas = dict(AdministrativeArea.objects.values_list("code", "id"))
    statuses = province_demo._statuses(rng=rng, count=count)
    plans, details, co_handling = [], [], []
    for index, status in enumerate(statuses):
        plan, proposal = _proposal_plan(
            rng=rng, index=index, status=status, now=now, reporters=reporters, units=units,
            people=people, fields=fields, areas=areas, co_handling=co_handling,
        )  # fmt: skip
        plans.append(plan)
        details.append(proposal)
    province_demo._assign_codes(plans=plans)
    province_demo._write(plans=plans)
    for plan, proposal in zip(plans, details, strict=True):
        proposal.report_id = plan.report.pk
    Proposal.objects.bulk_create(details, batch_size=province_demo.BATCH)
    through = Report.co_handling_units.through
    through.objects.bulk_create(
        through(report_id=plans[i].report.pk, unit_id=unit_id) for i, unit_id in co_handling
    )
    return Counter(plan.report.status for plan in plans)


def _codes() -> list[str]:
    codes = [ROOT_CODE]
    for member in MEMBERS:
        codes.append(member.code)
        codes += [_unit_code(member, suffix) for suffix, _name in member.departments]
    return codes


def _proposal_plan(
    *, rng, index, status, now, reporters, units, people, fields, areas, co_handling
):
    """One proposal's report, events, answer and rating, as the workflow writes them: sent
    to its province (or, national in scale, to the ministry in charge), a quarter of the
    provinces' sent up to the ministry, routed, handled (some after a province's opinion)."""
    field_code, title, problem, solution, impact = rng.choice(PROPOSAL_TOPICS)
    member = rng.choice([m for m in MEMBERS if m.kind == UnitKind.PROVINCE])
    scale = rng.choices(list(ProposalScale.values), [2, 5, 2])[0]
    ministry_department = _ministry_department(
        next(
            code
            for code, _n, children in SCIENCE_FIELDS
            if any(child == field_code for child, _c in children)
        )  # fmt: skip
    )
    ministry_code = ministry_department.split("-")[0]
    sent_up = scale == ProposalScale.NATIONAL or rng.random() < 0.25
    province_unit = units[member.code]
    province_department = units[_unit_code(member, "skhcn")]
    reporter = rng.choice(reporters)
    if status in province_demo.OPEN:
        age = datetime.timedelta(days=rng.uniform(0.3, 20))
    else:
        age = datetime.timedelta(days=rng.uniform(25, 365))
    submitted = now - age
    content = f"Khó khăn, vướng mắc, vấn đề đặt ra:\n{problem}\n\nSáng kiến, giải pháp đề xuất:\n{solution}\n\nHiệu quả dự kiến:\n{impact}"  # noqa: E501
    report = Report(
        kind=ReportKind.PROPOSAL, title=title, content=content,
        citizen_category_id=fields[field_code], category_id=fields[field_code],
        province_id=areas.get(member.area_code), channel=rng.choice(
            [ReportChannel.WEB, ReportChannel.WEB, ReportChannel.APP]),
        reporter_id=reporter, status=status,
        idempotency_key=national_proposal_key(index=index),
        created_at=submitted - datetime.timedelta(minutes=rng.randint(5, 60)), updated_at=submitted,
    )  # fmt: skip
    proposal = Proposal(
        problem=problem, solution=solution, expected_impact=impact, scale=scale,
        organisations_involved=rng.choice(["", "Viện nghiên cứu của tỉnh", "Hợp tác xã địa phương"]),
    )  # fmt: skip
    plan = province_demo._Plan(report=report)
    if status == S.DRAFT:
        report.created_at = report.updated_at = now - datetime.timedelta(days=rng.uniform(0.1, 5))
        return plan, proposal
    clock = submitted

    def step(action, from_status, to_status, *, actor, actor_unit, to_unit, note, hours=0.0,
             public=None):  # fmt: skip
        nonlocal clock
        clock = min(clock + datetime.timedelta(hours=hours), now - datetime.timedelta(minutes=5))
        transition = TRANSITION_INDEX[(from_status, action)]
        plan.events.append(Event(
            action=action, actor_id=actor, actor_unit_id=actor_unit, from_status=from_status,
            to_status=to_status, from_unit_id=report.current_unit_id, to_unit_id=to_unit,
            note=note, is_public=transition.public if public is None else public,
            deadline=report.answer_deadline, created_at=clock,
        ))  # fmt: skip
        report.updated_at = clock

    coordinating = units[ministry_code] if scale == ProposalScale.NATIONAL else province_unit
    report.submitted_at = submitted
    report.coordinating_unit_id = coordinating.pk
    report.routing_deadline = submitted + datetime.timedelta(hours=24)
    step("submit", S.DRAFT, S.SUBMITTED, actor=reporter, actor_unit=None, to_unit=coordinating.pk,
         note="Đã gửi phản ánh, kiến nghị.")  # fmt: skip
    if status == S.SUBMITTED:
        return plan, proposal
    if status == S.WITHDRAWN:
        step("withdraw", S.SUBMITTED, S.WITHDRAWN, actor=reporter, actor_unit=None, to_unit=None,
             note="Người gửi rút đề xuất.", hours=rng.uniform(1, 20))  # fmt: skip
        report.closed_at = clock
        return plan, proposal
    coordinator = people[(coordinating.code, R.COORDINATOR)]
    if status in (S.REJECTED, S.MERGED):
        status = S.REJECTED  # a proposal is not merged in the demo: rejected instead
        report.status = status
        step("reject", S.SUBMITTED, S.REJECTED, actor=coordinator, actor_unit=coordinating.pk,
             to_unit=None, note="Nội dung không thuộc phạm vi khoa học, công nghệ, đổi mới "
             "sáng tạo và chuyển đổi số.", hours=rng.uniform(1, 20))  # fmt: skip
        report.closed_at = clock
        return plan, proposal
    if sent_up and coordinating.kind == UnitKind.PROVINCE:
        ministry = units[ministry_code]
        step("forward_up", S.SUBMITTED, S.SUBMITTED, actor=coordinator, actor_unit=coordinating.pk,
             to_unit=ministry.pk, note=f"Đã chuyển đề xuất lên {ministry.name}.",
             hours=rng.uniform(2, 30))  # fmt: skip
        coordinating = ministry
        report.coordinating_unit_id = ministry.pk
        coordinator = people[(ministry.code, R.COORDINATOR)]
    handling = (
        units[ministry_department]
        if coordinating.kind == UnitKind.MINISTRY
        else province_department
    )
    handler = people[(handling.code, R.HANDLER)]
    leader = people[(handling.code, R.LEADER)]
    step("forward", S.SUBMITTED, S.ASSIGNED, actor=coordinator, actor_unit=coordinating.pk,
         to_unit=handling.pk, note=f"Đã chuyển đến {handling.name} xử lý.",
         hours=rng.uniform(2, 30))  # fmt: skip
    report.current_unit_id = handling.pk
    report.assigned_at = clock
    report.answer_deadline = clock + datetime.timedelta(days=rng.randint(26, 30))
    plan.events[-1].deadline = report.answer_deadline
    if status == S.ASSIGNED:
        return plan, proposal
    if status == S.RETURNED:
        step("return", S.ASSIGNED, S.RETURNED, actor=handler, actor_unit=handling.pk,
             to_unit=coordinating.pk, note=province_demo.RETURN_REASON, hours=rng.uniform(2, 30))  # fmt: skip
        report.current_unit_id = report.assigned_at = report.answer_deadline = None
        return plan, proposal
    step("accept", S.ASSIGNED, S.IN_PROGRESS, actor=handler, actor_unit=handling.pk,
         to_unit=handling.pk, note=f"{handling.name} đã tiếp nhận xử lý.", hours=rng.uniform(1, 24))  # fmt: skip
    if coordinating.kind == UnitKind.MINISTRY and rng.random() < 0.5:
        # The ministry asks the province for its opinion before answering.
        step("add_co_handler", S.IN_PROGRESS, S.IN_PROGRESS, actor=handler, actor_unit=handling.pk,
             to_unit=province_department.pk, note=f"Mời {province_department.name} phối hợp xử lý.",
             hours=rng.uniform(2, 24))  # fmt: skip
        co_handling.append((index, province_department.pk))
        opinion_by = people[(province_department.code, R.HANDLER)]
        if status != S.IN_PROGRESS or rng.random() < 0.5:
            step("give_opinion", S.IN_PROGRESS, S.IN_PROGRESS, actor=opinion_by,
                 actor_unit=province_department.pk, to_unit=handling.pk,
                 note="Ý kiến phối hợp: Tỉnh thống nhất với đề xuất, đề nghị thí điểm tại địa phương.",
                 hours=rng.uniform(4, 48))  # fmt: skip
    if status == S.IN_PROGRESS:
        return plan, proposal
    late = rng.random() < province_demo.LATE_SHARE
    deadline = report.answer_deadline
    if late:
        target = deadline + datetime.timedelta(days=rng.uniform(1, 10))
    else:
        target = report.assigned_at + (deadline - report.assigned_at) * rng.uniform(0.3, 0.95)
    clock = max(clock, min(target, now - datetime.timedelta(hours=2)) - datetime.timedelta(hours=6))
    adopted = rng.random() < 0.6
    answer_text = ("Đề xuất được tiếp thu; cơ quan sẽ đưa vào kế hoạch triển khai năm tới."
                   if adopted else
                   "Cảm ơn đề xuất; nội dung đã có trong chương trình đang triển khai nên chưa tiếp thu.")  # fmt: skip
    step("submit_answer", S.IN_PROGRESS, S.PENDING_APPROVAL, actor=handler, actor_unit=handling.pk,
         to_unit=handling.pk, note="Dự thảo kết quả trình lãnh đạo duyệt.")  # fmt: skip
    answer = Answer(unit_id=handling.pk, content=answer_text, drafted_by_id=handler,
                    status=AnswerStatus.PENDING_APPROVAL, created_at=clock, updated_at=clock)  # fmt: skip
    plan.answers.append(answer)
    proposal.adopted = adopted
    if status == S.PENDING_APPROVAL:
        return plan, proposal
    step("approve_answer", S.PENDING_APPROVAL, S.ANSWERED, actor=leader, actor_unit=handling.pk,
         to_unit=handling.pk, note="Đã có kết quả xử lý.", hours=rng.uniform(1, 5))  # fmt: skip
    answer.status = AnswerStatus.PUBLISHED
    answer.approved_by_id = leader
    answer.published_at = answer.updated_at = clock
    report.answered_at = clock
    if rng.random() < 0.8:
        step("publish", S.ANSWERED, S.ANSWERED, actor=coordinator, actor_unit=coordinating.pk,
             to_unit=handling.pk, note="Công khai trên cổng thông tin.", hours=rng.uniform(1, 48))  # fmt: skip
        report.is_published = True
        report.published_at = clock
        report.public_title = title
        report.public_content = content
    if rng.random() < 0.3:
        value = rng.choices(RatingValue.values, [4, 4, 2])[0]
        step("rate", S.ANSWERED, S.ANSWERED, actor=reporter, actor_unit=None, to_unit=handling.pk,
             note=f"Đánh giá: {RatingValue(value).label}", hours=rng.uniform(2, 72))  # fmt: skip
        plan.rating = Rating(value=value, created_at=clock, updated_at=clock)
    if status == S.CLOSED:
        step("close", S.ANSWERED, S.CLOSED, actor=coordinator, actor_unit=coordinating.pk,
             to_unit=handling.pk, note="Kết thúc xử lý.", hours=rng.uniform(24, 24 * 8))  # fmt: skip
        report.closed_at = clock
    return plan, proposal
