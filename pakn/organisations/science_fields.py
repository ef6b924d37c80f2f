"""The fields of science, technology, innovation and digital transformation that a proposal
(seed 004, Nghị quyết 57) is filed under, as sectors (Category) with the code prefix
``khcn-``: the six fields of science and technology of the national classification, then
innovation, digital transformation, and the mechanisms and policies the seed names
("cơ chế, chính sách"). The national mode's proposal form offers only this tree."""

from django.db import transaction
from django.db.models import Q

from pakn.organisations.models import Category

FIELD_CODE_PREFIX = "khcn-"
# Proposals are studied, not fixed on the spot: a longer usual answer time than a report's.
PROPOSAL_ANSWER_DAYS = 20

# (code, name, [(code, name), …]); codes keep their prefix so the tree is told apart from a
# province's sectors in the same table.
SCIENCE_FIELDS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    ("khcn-tu-nhien", "Khoa học tự nhiên", (
        ("khcn-toan-tin", "Toán học, khoa học máy tính và thông tin"),
        ("khcn-vat-ly-hoa", "Vật lý, hóa học"),
        ("khcn-trai-dat-moi-truong", "Khoa học trái đất và môi trường"),
        ("khcn-sinh-hoc", "Sinh học"),
    )),
    ("khcn-ky-thuat", "Khoa học kỹ thuật và công nghệ", (
        ("khcn-co-khi-tu-dong-hoa", "Kỹ thuật cơ khí, tự động hóa"),
        ("khcn-dien-dien-tu", "Kỹ thuật điện, điện tử, viễn thông"),
        ("khcn-vat-lieu-nang-luong", "Vật liệu, năng lượng"),
        ("khcn-xay-dung-giao-thong", "Kỹ thuật xây dựng, giao thông"),
        ("khcn-cong-nghe-sinh-hoc", "Công nghệ sinh học"),
    )),
    ("khcn-y-duoc", "Khoa học y, dược", (
        ("khcn-y-hoc", "Y học lâm sàng, y tế dự phòng"),
        ("khcn-duoc-hoc", "Dược học"),
    )),
    ("khcn-nong-nghiep", "Khoa học nông nghiệp", (
        ("khcn-trong-trot-chan-nuoi", "Trồng trọt, chăn nuôi"),
        ("khcn-thuy-san-lam-nghiep", "Thủy sản, lâm nghiệp"),
    )),
    ("khcn-xa-hoi", "Khoa học xã hội", (
        ("khcn-kinh-te-quan-ly", "Kinh tế, quản lý"),
        ("khcn-giao-duc", "Khoa học giáo dục"),
        ("khcn-luat", "Pháp luật"),
    )),
    ("khcn-nhan-van", "Khoa học nhân văn", (
        ("khcn-van-hoa-lich-su", "Lịch sử, văn hóa, nghệ thuật"),
    )),
    ("khcn-doi-moi-sang-tao", "Đổi mới sáng tạo", (
        ("khcn-khoi-nghiep", "Khởi nghiệp sáng tạo"),
        ("khcn-so-huu-tri-tue", "Sở hữu trí tuệ, tiêu chuẩn, đo lường, chất lượng"),
        ("khcn-chuyen-giao", "Chuyển giao, ứng dụng công nghệ"),
    )),
    ("khcn-chuyen-doi-so", "Chuyển đổi số", (
        ("khcn-chinh-quyen-so", "Chính quyền số, dịch vụ công trực tuyến"),
        ("khcn-kinh-te-so", "Kinh tế số"),
        ("khcn-xa-hoi-so", "Xã hội số"),
        ("khcn-du-lieu-ha-tang", "Dữ liệu, hạ tầng số, an toàn thông tin"),
    )),
    ("khcn-co-che-chinh-sach", "Cơ chế, chính sách", (
        ("khcn-tai-chinh-khcn", "Tài chính, đầu tư cho khoa học, công nghệ"),
        ("khcn-the-che", "Thể chế, thủ tục hành chính"),
        ("khcn-nhan-luc", "Nhân lực, nhân tài"),
    )),
)  # fmt: skip


@transaction.atomic
def science_fields_ensure() -> int:
    """Creates the fields still missing (by code); returns how many were created. An
    administrator's later edits (names, order, deactivation) are kept."""
    existing = dict(
        Category.objects.filter(code__startswith=FIELD_CODE_PREFIX).values_list("code", "id")
    )
    created = 0
    for position, (code, name, children) in enumerate(SCIENCE_FIELDS, start=1):
        if code not in existing:
            parent = Category.objects.create(
                code=code, name=name, position=position, default_answer_days=PROPOSAL_ANSWER_DAYS
            )
            existing[code] = parent.pk
            created += 1
        for child_position, (child_code, child_name) in enumerate(children, start=1):
            if child_code in existing:
                continue
            Category.objects.create(
                code=child_code, name=child_name, parent_id=existing[code],
                position=child_position, default_answer_days=PROPOSAL_ANSWER_DAYS,
            )  # fmt: skip
            existing[child_code] = True
            created += 1
    return created


def science_field_condition() -> Q:
    """The categories of the science tree, as a condition on Category."""
    return Q(code__startswith=FIELD_CODE_PREFIX, is_active=True)


def science_field_choices() -> list[tuple[int, str]]:
    """(id, label) of the active fields, each followed by its sub-fields marked "— ". One
    query."""
    fields = list(Category.objects.filter(science_field_condition()).order_by("position", "name"))
    children: dict[int, list[Category]] = {}
    for category in fields:
        if category.parent_id:
            children.setdefault(category.parent_id, []).append(category)
    choices = []
    for field in fields:
        if field.parent_id is None:
            choices.append((field.pk, field.name))
            choices.extend((c.pk, f"— {c.name}") for c in children.get(field.pk, []))
    return choices
