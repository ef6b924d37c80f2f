"""Demo reports (issue #5): a year of Khánh Hòa reports in every status, written in bulk.

Calling ``report_apply`` for thousands of reports would take minutes, so the rows are written
directly, exactly as the workflow would have left them: a code from the year's sequence, one
Event per step with the statuses, units, actors and visibility of TRANSITIONS, deadlines,
published answers, ratings and messages. The random generator is seeded and the reports carry
deterministic idempotency keys, so a second run finds them and creates nothing.
"""

import datetime
import random
import uuid
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.utils import timezone

from pakn.accounts.models import AccountType, User
from pakn.demo import data
from pakn.organisations.models import (
    AdministrativeArea,
    Category,
    Membership,
    MembershipRole,
    Unit,
    UnitKind,
)
from pakn.reports.models import (
    Answer,
    AnswerStatus,
    Event,
    Message,
    Rating,
    RatingValue,
    Report,
    ReportChannel,
    ReportCodeSequence,
    ReportKind,
    ReportStatus,
)
from pakn.reports.services.codes import CODE_PREFIX
from pakn.reports.workflow import TRANSITION_INDEX

S = ReportStatus
REPORTS_RANDOM_SEED = 5_2026
DEFAULT_REPORT_COUNT = 2000
BATCH = 500
_KEY_NAMESPACE = uuid.UUID("6f1f3c4e-8d0a-4f5e-9c57-5a4b2d2026a5")

# Share of each final status; the first reports take one of each so that even a small demo
# shows every status.
STATUS_WEIGHTS: tuple[tuple[str, float], ...] = (
    (S.CLOSED, 0.30),
    (S.ANSWERED, 0.28),
    (S.IN_PROGRESS, 0.09),
    (S.ASSIGNED, 0.05),
    (S.PENDING_APPROVAL, 0.03),
    (S.SUBMITTED, 0.06),
    (S.RETURNED, 0.02),
    (S.REJECTED, 0.06),
    (S.MERGED, 0.04),
    (S.WITHDRAWN, 0.03),
    (S.DRAFT, 0.02),
)
OPEN = {S.SUBMITTED, S.RETURNED, S.ASSIGNED, S.IN_PROGRESS, S.PENDING_APPROVAL}
LATE_SHARE = 0.2

STREETS = {
    "nha_trang": (
        "Trần Phú",
        "Thống Nhất",
        "Lê Thánh Tôn",
        "Nguyễn Thiện Thuật",
        "Hùng Vương",
        "Phạm Văn Đồng",
        "2 Tháng 4",
        "Lê Hồng Phong",
        "Yersin",
        "Ngô Gia Tự",
        "Đường 23/10",
        "Nguyễn Tất Thành",
        "Hoàng Văn Thụ",
        "Bạch Đằng",
    ),
    "cam_ranh": ("Hùng Vương", "Nguyễn Trọng Kỷ", "Lê Duẩn", "Phạm Văn Đồng", "Trần Hưng Đạo"),
    "ninh_thuan": (
        "16 Tháng 4",
        "Thống Nhất",
        "Ngô Gia Tự",
        "Yên Ninh",
        "Trần Phú",
        "21 Tháng 8",
    ),
    "other": (
        "Quốc lộ 1A",
        "Quốc lộ 26",
        "Quốc lộ 27C",
        "Tỉnh lộ 2",
        "Tỉnh lộ 3",
        "đường liên thôn",
        "đường trục xã",
        "Đường 2 Tháng 4",
    ),
}
# Rough centres (lat, lon) to scatter coordinates around.
CENTRES = {
    "nha_trang": (12.24, 109.19),
    "cam_ranh": (11.92, 109.15),
    "ninh_thuan": (11.57, 108.99),
    "other": (12.25, 109.05),
}


@dataclass(frozen=True)
class Topic:
    category: str
    unit: str  # a unit code, or "commune", "water", "electricity", "waste"
    titles: tuple[str, ...]
    content: str
    answer: str
    kind: str = ReportKind.REPORT


TOPICS: tuple[Topic, ...] = (
    Topic(
        "lighting",
        "commune",
        (
            "Đèn đường hỏng tại {street}, {commune}",
            "Đèn chiếu sáng không hoạt động trên đường {street}",
        ),
        "Khu vực đường {street}, {commune} có nhiều bóng đèn đường không sáng đã hơn {days} ngày, "
        "buổi tối rất tối, người đi đường dễ gặp tai nạn. Đề nghị cơ quan chức năng kiểm tra, thay thế.",
        "Đơn vị đã kiểm tra, thay thế bóng đèn và sửa chữa tủ điều khiển chiếu sáng tại khu vực phản ánh; hệ thống đã hoạt động bình thường.",
    ),
    Topic(
        "waste",
        "waste",
        (
            "Rác thải tồn đọng tại {street}, {commune}",
            "Điểm tập kết rác gây ô nhiễm trên đường {street}",
        ),
        "Rác thải sinh hoạt tồn đọng nhiều ngày tại khu vực đường {street}, {commune}, bốc mùi hôi thối, "
        "ảnh hưởng đến sức khỏe người dân và mỹ quan. Đề nghị thu gom kịp thời.",
        "Đơn vị đã tổ chức thu gom toàn bộ rác tồn đọng, tăng tần suất thu gom và nhắc nhở các hộ dân để rác đúng giờ quy định.",
    ),
    Topic(
        "water",
        "water",
        (
            "Ống nước bị vỡ trên đường {street}, {commune}",
            "Mất nước sinh hoạt kéo dài tại {commune}",
        ),
        "Đường ống cấp nước trên đường {street}, {commune} bị vỡ, nước chảy tràn ra đường; nhiều hộ dân "
        "bị mất nước sinh hoạt {days} ngày nay. Đề nghị khắc phục sớm.",
        "Công ty đã cử đội kỹ thuật sửa chữa đường ống bị vỡ, việc cấp nước cho các hộ dân đã được khôi phục.",
    ),
    Topic(
        "roads-sidewalks",
        "commune",
        ("Ổ gà trên đường {street}, {commune}", "Vỉa hè bị lấn chiếm trên đường {street}"),
        "Mặt đường {street}, {commune} xuất hiện nhiều ổ gà lớn, trời mưa đọng nước, xe máy đi qua rất nguy hiểm. "
        "Đề nghị sớm sửa chữa, dặm vá mặt đường.",
        "Đơn vị đã dặm vá các ổ gà và đưa đoạn đường vào kế hoạch duy tu, sửa chữa năm nay.",
    ),
    Topic(
        "transport",
        "sxd",
        (
            "Đề nghị lắp đặt biển báo tại ngã tư {street}",
            "Đề nghị bố trí đèn tín hiệu giao thông trên đường {street}",
        ),
        "Nút giao trên đường {street}, {commune} có lưu lượng xe lớn nhưng chưa có biển báo, đèn tín hiệu; "
        "đã xảy ra nhiều vụ va chạm. Đề nghị nghiên cứu lắp đặt biển báo, đèn tín hiệu.",
        "Sở đã khảo sát hiện trường và bổ sung biển báo, vạch sơn; việc lắp đèn tín hiệu được đưa vào kế hoạch.",
        ReportKind.RECOMMENDATION,
    ),
    Topic(
        "electricity",
        "electricity",
        ("Mất điện thường xuyên tại {commune}", "Dây điện võng thấp nguy hiểm trên đường {street}"),
        "Khu vực đường {street}, {commune} thường xuyên bị mất điện không báo trước, dây điện võng thấp "
        "gây nguy hiểm. Đề nghị ngành điện kiểm tra, khắc phục.",
        "Điện lực đã kiểm tra, căng chỉnh lại dây dẫn và thay thế thiết bị đóng cắt; nguồn điện khu vực đã ổn định.",
    ),
    Topic(
        "tourism",
        "svhttdl",
        (
            "Nhà hàng hải sản chặt chém du khách tại {commune}",
            "Bán giá vé tham quan cao hơn niêm yết tại {commune}",
        ),
        "Tôi cùng gia đình ăn tại một nhà hàng hải sản trên đường {street}, {commune}, bị tính giá cao gấp nhiều "
        "lần giá niêm yết, thái độ phục vụ không tốt. Đề nghị kiểm tra, xử lý để giữ hình ảnh du lịch Khánh Hòa.",
        "Sở đã phối hợp kiểm tra cơ sở, lập biên bản xử phạt vi phạm hành chính về niêm yết giá và yêu cầu hoàn trả tiền cho khách.",
    ),
    Topic(
        "health",
        "syt",
        ("Thái độ phục vụ chưa tốt tại trạm y tế {commune}", "Thời gian chờ khám bệnh quá lâu"),
        "Người dân đến khám bệnh tại cơ sở y tế ở {commune} phải chờ rất lâu, việc hướng dẫn thủ tục bảo hiểm y tế "
        "chưa rõ ràng. Đề nghị cải thiện quy trình tiếp đón.",
        "Sở Y tế đã chỉ đạo đơn vị chấn chỉnh công tác tiếp đón, bổ sung nhân lực giờ cao điểm và công khai quy trình khám bệnh.",
    ),
    Topic(
        "education",
        "sgddt",
        (
            "Thu các khoản ngoài quy định tại trường học ở {commune}",
            "Đề nghị xây thêm phòng học tại {commune}",
        ),
        "Phụ huynh học sinh tại {commune} phản ánh nhà trường thu nhiều khoản đóng góp đầu năm học chưa đúng quy định. "
        "Đề nghị kiểm tra, hướng dẫn.",
        "Sở đã kiểm tra, yêu cầu nhà trường hoàn trả các khoản thu chưa đúng quy định và công khai các khoản thu.",
    ),
    Topic(
        "environment",
        "snnmt",
        ("Xả thải gây ô nhiễm tại {commune}", "Khai thác cát trái phép trên sông tại {commune}"),
        "Một cơ sở sản xuất gần đường {street}, {commune} xả nước thải chưa qua xử lý ra môi trường, bốc mùi hôi, "
        "ảnh hưởng đời sống người dân xung quanh.",
        "Sở đã phối hợp kiểm tra, lấy mẫu quan trắc và xử phạt cơ sở vi phạm, yêu cầu khắc phục hệ thống xử lý nước thải.",
    ),
    Topic(
        "construction",
        "commune",
        (
            "Công trình xây dựng không phép trên đường {street}",
            "Công trình xây dựng gây lún nứt nhà dân tại {commune}",
        ),
        "Một công trình trên đường {street}, {commune} đang xây dựng không có giấy phép, lấn chiếm hành lang, "
        "vật liệu để tràn ra lòng đường.",
        "UBND đã kiểm tra, lập biên bản đình chỉ thi công và yêu cầu chủ công trình tháo dỡ phần vi phạm.",
    ),
    Topic(
        "administrative-procedures",
        "commune",
        (
            "Hồ sơ cấp giấy chứng nhận quyền sử dụng đất bị chậm",
            "Đề nghị hướng dẫn thủ tục tại {commune}",
        ),
        "Tôi nộp hồ sơ đăng ký đất đai tại {commune} đã quá hạn hẹn trả kết quả nhưng chưa nhận được thông báo. "
        "Đề nghị kiểm tra, giải quyết.",
        "Hồ sơ đã được giải quyết và trả kết quả; đơn vị đã xin lỗi người dân vì sự chậm trễ.",
        ReportKind.RECOMMENDATION,
    ),
    Topic(
        "public-order",
        "cat",
        (
            "Tụ tập đua xe gây mất trật tự trên đường {street}",
            "Karaoke gây ồn ào về đêm tại {commune}",
        ),
        "Nhiều đêm gần đây tại đường {street}, {commune} có nhóm thanh niên tụ tập, nẹt pô, đua xe gây mất "
        "an ninh trật tự. Đề nghị lực lượng chức năng tăng cường tuần tra.",
        "Công an đã tăng cường tuần tra, kiểm soát vào ban đêm và xử lý các trường hợp vi phạm.",
    ),
    Topic(
        "trees",
        "commune",
        (
            "Cây xanh có nguy cơ gãy đổ trên đường {street}",
            "Đề nghị cắt tỉa cây xanh tại {commune}",
        ),
        "Cây xanh trên vỉa hè đường {street}, {commune} mục gốc, nghiêng ra lòng đường, có nguy cơ gãy đổ khi mưa bão.",
        "Đơn vị đã cắt tỉa, hạ cây có nguy cơ gãy đổ và trồng thay thế cây mới.",
    ),
    Topic(
        "telecom",
        "vnpt-kh",
        (
            "Sóng điện thoại, internet yếu tại {commune}",
            "Cáp viễn thông treo lủng lẳng trên đường {street}",
        ),
        "Khu vực {commune} sóng điện thoại và internet rất yếu, thường xuyên mất kết nối, ảnh hưởng việc học "
        "trực tuyến và làm việc.",
        "Đơn vị đã bổ sung trạm phát sóng và chỉnh trang hệ thống cáp; chất lượng dịch vụ đã được cải thiện.",
    ),
    Topic(
        "science-technology",
        "skhcn",
        ("Đề xuất tích hợp tra cứu lịch thu gom rác trên ứng dụng KhanhHoa-S",),
        "Tôi đề xuất bổ sung chức năng tra cứu lịch thu gom rác, lịch cắt điện, cắt nước theo từng phường, xã "
        "trên ứng dụng KhanhHoa-S để người dân chủ động.",
        "Sở ghi nhận đề xuất và đưa vào kế hoạch nâng cấp ứng dụng KhanhHoa-S trong năm.",
        ReportKind.PROPOSAL,
    ),
)

REJECT_REASONS = (
    "Nội dung không thuộc phạm vi tiếp nhận của hệ thống (tranh chấp dân sự giữa các cá nhân).",
    "Nội dung phản ánh không rõ ràng, không có địa điểm cụ thể để xác minh.",
    "Vụ việc đang được Tòa án nhân dân thụ lý giải quyết.",
)
RETURN_REASON = "Nội dung không thuộc thẩm quyền của đơn vị, đề nghị chuyển đơn vị khác."
CITIZEN_MESSAGES = (
    "Tôi xin bổ sung thêm: tình trạng vẫn tiếp diễn đến hôm nay.",
    "Đề nghị đơn vị sớm cử người xuống kiểm tra, cảm ơn.",
    "Tôi có thể cung cấp thêm hình ảnh nếu cần.",
)
UNIT_MESSAGES = (
    "Đơn vị đã tiếp nhận, đề nghị anh/chị cho biết vị trí cụ thể (số nhà gần nhất).",
    "Đơn vị sẽ cử cán bộ xuống kiểm tra hiện trường trong tuần này.",
    "Cảm ơn anh/chị đã phản ánh, đơn vị đang phối hợp các bên liên quan để xử lý.",
)
RATING_COMMENTS = {
    RatingValue.VERY_SATISFIED: ("Xử lý rất nhanh, cảm ơn đơn vị.", "Rất hài lòng."),
    RatingValue.SATISFIED: ("Đã được khắc phục.", ""),
    RatingValue.NOT_SATISFIED: ("Thực tế vẫn chưa được khắc phục triệt để.", "Xử lý quá chậm."),
}


@dataclass
class _Context:
    coordinators: list[int]
    centre: Unit
    citizens: list[int]
    communes: list[AdministrativeArea]
    commune_units: dict[int, int]  # area id -> unit id
    units: dict[str, int]  # unit code -> id
    unit_names: dict[int, str]
    staff: dict[int, dict[str, int]]  # unit id -> role -> user id
    categories: dict[str, int]
    province_id: int


@dataclass
class _Plan:
    report: Report
    events: list[Event] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    rating: Rating | None = None
    merge_into: int | None = None  # index of the original plan


def demo_report_key(*, index: int) -> uuid.UUID:
    return uuid.uuid5(_KEY_NAMESPACE, f"demo-report:{index}")


def demo_reports_present() -> bool:
    return Report.objects.filter(idempotency_key=demo_report_key(index=0)).exists()


@contextmanager
def _keep_timestamps(*model_classes: type[models.Model]) -> Iterator[None]:
    """Lets bulk_create write the historical created_at/updated_at given, instead of now."""
    changed = []
    for model in model_classes:
        for f in model._meta.concrete_fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                changed.append((f, f.auto_now, f.auto_now_add))
                f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in changed:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _context() -> _Context | None:
    centre = Unit.objects.filter(code=data.COORDINATING_CENTRE_CODE).first()
    province = AdministrativeArea.objects.filter(code=data.PROVINCE_AREA_CODE).first()
    citizens = list(
        User.objects.filter(
            account_type=AccountType.INDIVIDUAL, username__startswith=data.CCCD_PROVINCE_PREFIX
        )
        .order_by("id")
        .values_list("id", flat=True)[:1000]
    )
    if centre is None or province is None or not citizens:
        return None
    staff: dict[int, dict[str, int]] = {}
    for unit_id, role, user_id in Membership.objects.order_by("id").values_list(
        "unit_id", "role", "user_id"
    ):
        staff.setdefault(unit_id, {}).setdefault(role, user_id)
    coordinators = list(
        Membership.objects.filter(unit=centre, role=MembershipRole.COORDINATOR)
        .order_by("id")
        .values_list("user_id", flat=True)
    )
    if not coordinators:
        return None
    units = dict(Unit.objects.values_list("code", "id"))
    through = Unit.areas.through
    commune_units = dict(
        through.objects.filter(unit__kind=UnitKind.COMMUNE_COMMITTEE).values_list(
            "administrativearea_id", "unit_id"
        )
    )
    communes = [
        c
        for c in AdministrativeArea.objects.filter(parent=province, is_active=True).order_by("code")
        if c.pk in commune_units
    ]
    if not communes:
        return None
    return _Context(
        coordinators=coordinators,
        centre=centre,
        citizens=citizens,
        communes=communes,
        commune_units=commune_units,
        units=units,
        unit_names=dict(Unit.objects.values_list("id", "name")),
        staff=staff,
        categories=dict(Category.objects.values_list("code", "id")),
        province_id=province.pk,
    )


def _region(*, commune: AdministrativeArea) -> str:
    if commune.code in data.NHA_TRANG_AREA_CODES:
        return "nha_trang"
    if commune.code in data.CAM_RANH_AREA_CODES:
        return "cam_ranh"
    if commune.code >= data.FORMER_NINH_THUAN_FIRST_AREA_CODE:
        return "ninh_thuan"
    return "other"


def _handling_unit(*, ctx: _Context, topic: Topic, commune: AdministrativeArea) -> int:
    region = _region(commune=commune)
    ninh_thuan = region == "ninh_thuan"
    code = {
        "water": "capnuoc-nt" if ninh_thuan else "capnuoc-kh",
        "electricity": "dienluc-nt" if ninh_thuan else "dienluc-kh",
        "waste": {"nha_trang": "moitruong-nt", "cam_ranh": "dothi-cr"}.get(region, ""),
    }.get(topic.unit, topic.unit)
    return ctx.units.get(code) or ctx.commune_units[commune.pk]


def _statuses(*, rng: random.Random, count: int) -> list[str]:
    statuses, weights = zip(*STATUS_WEIGHTS, strict=True)
    forced = list(statuses)
    return [
        forced[i] if i < len(forced) else rng.choices(statuses, weights)[0] for i in range(count)
    ]


def demo_reports_create(
    *,
    count: int = DEFAULT_REPORT_COUNT,
    seed: int = REPORTS_RANDOM_SEED,
    now: datetime.datetime | None = None,
) -> Counter[str]:
    """Creates ``count`` demo reports unless they exist; returns how many per status."""
    if count <= 0 or demo_reports_present():
        return Counter()
    ctx = _context()
    if ctx is None:
        return Counter()
    now = now or timezone.now()
    rng = random.Random(seed)
    plans = [
        _plan(ctx=ctx, rng=rng, index=i, status=status, now=now)
        for i, status in enumerate(_statuses(rng=rng, count=count))
    ]
    _assign_codes(plans=plans)
    _link_duplicates(plans=plans, rng=rng)
    _write(plans=plans)
    return Counter(plan.report.status for plan in plans)


def _plan(
    *, ctx: _Context, rng: random.Random, index: int, status: str, now: datetime.datetime
) -> _Plan:
    topic = rng.choice(TOPICS)
    commune = rng.choice(ctx.communes)
    region = _region(commune=commune)
    street = rng.choice(STREETS[region])
    words = {"street": street, "commune": commune.name, "days": rng.randint(3, 15)}
    title = rng.choice(topic.titles).format(**words)
    content = topic.content.format(**words)
    lat, lon = CENTRES[region]
    located = rng.random() < 0.85
    unit_id = _handling_unit(ctx=ctx, topic=topic, commune=commune)
    reporter = rng.choice(ctx.citizens)
    coordinator = rng.choice(ctx.coordinators)
    team = ctx.staff.get(unit_id, {})
    handler = team.get(MembershipRole.HANDLER) or team.get(MembershipRole.LEADER) or coordinator
    leader = team.get(MembershipRole.LEADER) or handler

    if status in OPEN:
        age = datetime.timedelta(days=rng.uniform(0.3, 14 if status != S.IN_PROGRESS else 25))
    else:
        age = datetime.timedelta(days=rng.uniform(20, 365))
    submitted = now - age
    report = Report(
        kind=topic.kind,
        title=title[:250],
        content=content,
        citizen_category_id=ctx.categories.get(topic.category),
        category_id=ctx.categories.get(topic.category),
        address=f"Đường {street}, {commune.name}, tỉnh Khánh Hòa"
        if not street.startswith(("Quốc", "Tỉnh", "đường", "Đường"))
        else f"{street}, {commune.name}, tỉnh Khánh Hòa",
        province_id=ctx.province_id,
        commune_id=commune.pk,
        latitude=Decimal(f"{lat + rng.uniform(-0.06, 0.06):.6f}") if located else None,
        longitude=Decimal(f"{lon + rng.uniform(-0.05, 0.05):.6f}") if located else None,
        channel=rng.choices(
            [ReportChannel.APP, ReportChannel.WEB, ReportChannel.HOTLINE, ReportChannel.CHATBOT],
            [5, 3, 1, 1],
        )[0],
        reporter_id=reporter,
        status=status,
        idempotency_key=demo_report_key(index=index),
        created_at=submitted - datetime.timedelta(minutes=rng.randint(2, 30)),
        updated_at=submitted,
    )
    plan = _Plan(report=report)
    if status == S.DRAFT:
        report.created_at = report.updated_at = now - datetime.timedelta(days=rng.uniform(0.1, 5))
        return plan

    centre = ctx.centre.pk
    clock = submitted

    def step(action: str, from_status: str, to_status: str, *, actor: int, actor_unit: int | None,
             to_unit: int | None, note: str, hours: float = 0) -> None:  # fmt: skip
        nonlocal clock
        clock = min(clock + datetime.timedelta(hours=hours), now - datetime.timedelta(minutes=5))
        plan.events.append(
            Event(
                action=action, actor_id=actor, actor_unit_id=actor_unit,
                from_status=from_status, to_status=to_status, from_unit_id=report.current_unit_id,
                to_unit_id=to_unit, note=note, is_public=TRANSITION_INDEX[(from_status, action)].public,
                deadline=report.answer_deadline, created_at=clock,
            )
        )  # fmt: skip
        report.updated_at = clock

    report.submitted_at = submitted
    report.coordinating_unit_id = centre
    report.routing_deadline = submitted + datetime.timedelta(hours=24)
    step("submit", S.DRAFT, S.SUBMITTED, actor=reporter, actor_unit=None, to_unit=centre,
         note="Đã gửi phản ánh, kiến nghị.")  # fmt: skip
    if status == S.SUBMITTED:
        return plan
    if status == S.WITHDRAWN:
        step("withdraw", S.SUBMITTED, S.WITHDRAWN, actor=reporter, actor_unit=None, to_unit=None,
             note="Người gửi rút phản ánh: sự việc đã được giải quyết.", hours=rng.uniform(1, 20))  # fmt: skip
        report.closed_at = clock
        return plan
    if status in (S.REJECTED, S.MERGED):
        reason = rng.choice(REJECT_REASONS) if status == S.REJECTED else ""
        action = "reject" if status == S.REJECTED else "merge"
        step(action, S.SUBMITTED, status, actor=coordinator, actor_unit=centre, to_unit=None,
             note=reason, hours=rng.uniform(1, 20))  # fmt: skip
        report.closed_at = clock
        return plan

    # Forwarded to the handling unit.
    step("forward", S.SUBMITTED, S.ASSIGNED, actor=coordinator, actor_unit=centre, to_unit=unit_id,
         note=f"Đã chuyển đến {ctx.unit_names[unit_id]} xử lý.", hours=rng.uniform(1, 20))  # fmt: skip
    report.current_unit_id = unit_id
    report.assigned_at = clock
    report.answer_deadline = clock + datetime.timedelta(days=rng.randint(10, 15))
    # The forward event carries the new deadline, as report_apply writes it after the effect.
    plan.events[-1].deadline = report.answer_deadline
    if status == S.ASSIGNED:
        return plan
    if status == S.RETURNED:
        step("return", S.ASSIGNED, S.RETURNED, actor=handler, actor_unit=unit_id, to_unit=centre,
             note=RETURN_REASON, hours=rng.uniform(2, 30))  # fmt: skip
        report.current_unit_id = report.assigned_at = report.answer_deadline = None
        return plan

    step("accept", S.ASSIGNED, S.IN_PROGRESS, actor=handler, actor_unit=unit_id, to_unit=unit_id,
         note=f"{ctx.unit_names[unit_id]} đã tiếp nhận xử lý.", hours=rng.uniform(1, 24))  # fmt: skip
    if status == S.IN_PROGRESS:
        for n in range(rng.randint(1, 3)):
            from_citizen = n % 2 == 1
            clock = min(clock + datetime.timedelta(hours=rng.uniform(2, 30)), now)
            plan.messages.append(
                Message(
                    author_id=reporter if from_citizen else handler,
                    author_unit_id=None if from_citizen else unit_id,
                    body=rng.choice(CITIZEN_MESSAGES if from_citizen else UNIT_MESSAGES),
                    created_at=clock,
                    read_at=clock + datetime.timedelta(hours=2) if n == 0 else None,
                )
            )
        return plan

    # An answer: ~20 % after the deadline.
    late = rng.random() < LATE_SHARE
    deadline = report.answer_deadline
    if late:
        target = deadline + datetime.timedelta(days=rng.uniform(1, 12))
    else:
        target = report.assigned_at + (deadline - report.assigned_at) * rng.uniform(0.3, 0.95)
    target = min(target, now - datetime.timedelta(hours=2))
    clock = max(clock, target - datetime.timedelta(hours=6))
    step("submit_answer", S.IN_PROGRESS, S.PENDING_APPROVAL, actor=handler, actor_unit=unit_id,
         to_unit=unit_id, note="Dự thảo kết quả trình lãnh đạo duyệt.")  # fmt: skip
    answer = Answer(
        unit_id=unit_id, content=topic.answer, status=AnswerStatus.PENDING_APPROVAL,
        drafted_by_id=handler, created_at=clock, updated_at=clock,
    )  # fmt: skip
    plan.answers.append(answer)
    report.status = status
    if status == S.PENDING_APPROVAL:
        return plan
    step("approve_answer", S.PENDING_APPROVAL, S.ANSWERED, actor=leader, actor_unit=unit_id,
         to_unit=unit_id, note="Đã có kết quả xử lý.", hours=rng.uniform(1, 5))  # fmt: skip
    answer.status = AnswerStatus.PUBLISHED
    answer.approved_by_id = leader
    answer.published_at = answer.updated_at = clock
    report.answered_at = clock
    if rng.random() < 0.8:
        step("publish", S.ANSWERED, S.ANSWERED, actor=coordinator, actor_unit=centre,
             to_unit=unit_id, note="Công khai kết quả.", hours=rng.uniform(1, 48))  # fmt: skip
        report.is_published = True
        report.published_at = clock
        report.public_title = title[:250]
        report.public_content = content
    if rng.random() < 0.25:
        value = rng.choices(RatingValue.values, [4, 4, 2])[0]
        step("rate", S.ANSWERED, S.ANSWERED, actor=reporter, actor_unit=None, to_unit=unit_id,
             note=f"Đánh giá: {RatingValue(value).label}", hours=rng.uniform(2, 72))  # fmt: skip
        plan.rating = Rating(
            value=value, comment=rng.choice(RATING_COMMENTS[value]), created_at=clock,
            updated_at=clock,
            review_pending=value == RatingValue.NOT_SATISFIED and rng.random() < 0.5,
        )  # fmt: skip
    if status == S.CLOSED:
        step("close", S.ANSWERED, S.CLOSED, actor=coordinator, actor_unit=centre, to_unit=unit_id,
             note="Đóng phản ánh.", hours=rng.uniform(24, 24 * 8))  # fmt: skip
        report.closed_at = clock
    return plan


def _assign_codes(*, plans: Sequence[_Plan]) -> None:
    """Numbers the sent reports in order of submission within each year, after whatever the
    year's sequence has already given out, and moves the sequences on."""
    years = {timezone.localtime(p.report.submitted_at).year for p in plans if p.report.submitted_at}
    last = dict(ReportCodeSequence.objects.filter(year__in=years).values_list("year", "last_value"))
    for plan in sorted(
        (p for p in plans if p.report.submitted_at), key=lambda p: p.report.submitted_at
    ):
        year = timezone.localtime(plan.report.submitted_at).year
        last[year] = last.get(year, 0) + 1
        plan.report.code = f"{CODE_PREFIX}-{year}-{last[year]:06d}"
    for year, value in last.items():
        ReportCodeSequence.objects.update_or_create(year=year, defaults={"last_value": value})


def _link_duplicates(*, plans: Sequence[_Plan], rng: random.Random) -> None:
    originals = [
        i for i, p in enumerate(plans)
        if p.report.status in (S.ASSIGNED, S.IN_PROGRESS, S.ANSWERED, S.CLOSED)
    ]  # fmt: skip
    for plan in plans:
        if plan.report.status != S.MERGED or not originals:
            continue
        index = rng.choice(originals)
        original = plans[index].report
        plan.merge_into = index
        plan.report.title, plan.report.content = original.title, original.content
        plan.report.commune_id = original.commune_id
        plan.events[
            -1
        ].note = f"Trùng nội dung với phản ánh {original.code}; mời Ông/bà theo dõi kết quả tại phản ánh đó."


def _write(*, plans: Sequence[_Plan]) -> None:
    with _keep_timestamps(Report, Event, Answer, Rating, Message):
        first = [p for p in plans if p.merge_into is None]
        Report.objects.bulk_create([p.report for p in first], batch_size=BATCH)
        merged = [p for p in plans if p.merge_into is not None]
        for p in merged:
            p.report.duplicate_of_id = plans[p.merge_into].report.pk
        Report.objects.bulk_create([p.report for p in merged], batch_size=BATCH)
        if any(p.report.pk is None for p in plans):  # a backend that returns no ids
            ids = dict(
                Report.objects.filter(
                    idempotency_key__in=[p.report.idempotency_key for p in plans]
                ).values_list("idempotency_key", "id")
            )
            for p in plans:
                p.report.pk = ids[p.report.idempotency_key]
        events, answers, messages, ratings = [], [], [], []
        for p in plans:
            for row in (*p.events, *p.answers, *p.messages, *([p.rating] if p.rating else [])):
                row.report_id = p.report.pk
            events += p.events
            answers += p.answers
            messages += p.messages
            ratings += [p.rating] if p.rating else []
        Event.objects.bulk_create(events, batch_size=BATCH)
        Answer.objects.bulk_create(answers, batch_size=BATCH)
        Message.objects.bulk_create(messages, batch_size=BATCH)
        Rating.objects.bulk_create(ratings, batch_size=BATCH)
