"""Static facts behind the Khánh Hòa demo: the unit tree, the demo officers, the portal's
identity and the pools that realistic citizen names are drawn from.

Sources: seed 000 (Sở Khoa học và Công nghệ letter of 30 March 2026: the KhanhHoa-S app, the
Trung tâm Chuyển đổi số as operator, the Zalo group, the department list), seeds 001/002 (hotline
1900 1023, pakn@khanhhoa.gov.vn, 147 Thống Nhất) and the official list of areas after the
1 July 2025 reform (Khánh Hòa = province 56, merged with the former Ninh Thuận). Contact phone
numbers other than the centre's are plausible, not looked up.
"""

from dataclasses import dataclass, field

from pakn.organisations.models import MembershipRole, UnitKind

PROVINCE_AREA_CODE = "56"
# Reference year of the demo: birth years and ages are counted from it, not from today, so a
# run next year produces exactly the same citizens.
REFERENCE_YEAR = 2026
CITIZEN_RANDOM_SEED = 56_2026
ORGANISATION_RANDOM_SEED = 42_2026
DEFAULT_CITIZEN_COUNT = 300
# Deliberately public: it is printed and documented so that anyone trying the demo can log in;
# seed_demo refuses to run with DEBUG=false for that reason. DEMO_PASSWORD overrides it.
DEFAULT_DEMO_PASSWORD = "Pakn@2026"  # noqa: S105

# CCCD: 3 digits of the province of birth registration, then the century/gender digit.
CCCD_PROVINCE_PREFIX = "056"
# Enterprise (tax) codes registered in Khánh Hòa begin with 42.
BUSINESS_CODE_PREFIX = "42"

SITE_SETTINGS = {
    # The short official name (seed 003: "gọi tắt là: Hệ thống phản ánh, kiến nghị tỉnh
    # Khánh Hòa"); the full one is "… của người dân, doanh nghiệp về kinh tế - xã hội …".
    "portal_name": "Hệ thống phản ánh, kiến nghị tỉnh Khánh Hòa",
    "short_name": "PAKN Khánh Hòa",
    # Since the 2025 merger of Sở Thông tin và Truyền thông into it (seed 000).
    "managing_agency": "Sở Khoa học và Công nghệ tỉnh Khánh Hòa",
    "hotline": "1900 1023",
    "email": "pakn@khanhhoa.gov.vn",
    "address": "147 Thống Nhất, phường Nha Trang, tỉnh Khánh Hòa",
    # Placeholder for the "Hỗ trợ PAKN tỉnh Khánh Hòa" Zalo group; the administrator pastes the
    # group's real invitation link in the site settings.
    "zalo_url": "https://zalo.me/g/hotropakn-khanhhoa",
    # Store searches rather than guessed application ids.
    "app_store_url": "https://apps.apple.com/vn/search?term=KhanhHoa-S",
    "play_store_url": "https://play.google.com/store/search?q=KhanhHoa-S&c=apps",
    "map_tile_url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    "map_attribution": "© OpenStreetMap contributors",
}
LOGO_FILE_NAME = "pakn-khanh-hoa.png"


@dataclass(frozen=True)
class UnitSpec:
    """One unit of the demo tree. ``areas`` names its service area (see below)."""

    code: str
    name: str
    kind: str
    parent: str | None
    short_name: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    website: str = ""
    areas: str = "province"


# Service areas (UnitSpec.areas): "province"; "former_khanh_hoa", the communes coded below
# 22736 (Đặc khu Trường Sa), i.e. the mainland of the former Khánh Hòa; "former_ninh_thuan",
# the communes coded 22738 and above; "nha_trang" and "cam_ranh", the four wards of each city.
TRUONG_SA_AREA_CODE = "22736"
FORMER_NINH_THUAN_FIRST_AREA_CODE = "22738"
NHA_TRANG_AREA_CODES = ("22333", "22366", "22390", "22402")
CAM_RANH_AREA_CODES = ("22411", "22420", "22423", "22432")

ROOT_UNIT_CODE = "ubnd-tinh"
COORDINATING_CENTRE_CODE = "ttcds"

PROVINCE_UNITS: tuple[UnitSpec, ...] = (
    UnitSpec(
        code=ROOT_UNIT_CODE,
        name="UBND tỉnh Khánh Hòa",
        short_name="UBND tỉnh",
        kind=UnitKind.PROVINCE,
        parent=None,
        email="ubnd@khanhhoa.gov.vn",
        phone="0258 3822 661",
        address="01 Trần Phú, phường Nha Trang, tỉnh Khánh Hòa",
        website="https://khanhhoa.gov.vn",
    ),
    # Operated by the Sở Khoa học và Công nghệ (seed 000), but placed directly under the
    # province: a department's subtree must not contain every report the centre receives.
    UnitSpec(
        code=COORDINATING_CENTRE_CODE,
        name="Trung tâm Chuyển đổi số tỉnh Khánh Hòa",
        short_name="TTCĐS",
        kind=UnitKind.COORDINATING_CENTRE,
        parent=ROOT_UNIT_CODE,
        email="pakn@khanhhoa.gov.vn",
        phone="0258 3898 999",
        address="147 Thống Nhất, phường Nha Trang, tỉnh Khánh Hòa",
        website="https://pakn.khanhhoa.gov.vn",
    ),
)

# (code, name, short name) of the provincial departments, agencies and the central agencies
# in the province that take reports, as organised after the 2025 mergers.
DEPARTMENTS: tuple[tuple[str, str, str], ...] = (
    ("vpub", "Văn phòng UBND tỉnh", "VP UBND"),
    ("snv", "Sở Nội vụ", "SNV"),
    ("stp", "Sở Tư pháp", "STP"),
    ("stc", "Sở Tài chính", "STC"),
    ("sct", "Sở Công Thương", "SCT"),
    ("snnmt", "Sở Nông nghiệp và Môi trường", "SNN&MT"),
    ("sxd", "Sở Xây dựng", "SXD"),
    ("skhcn", "Sở Khoa học và Công nghệ", "SKH&CN"),
    ("sgddt", "Sở Giáo dục và Đào tạo", "SGD&ĐT"),
    ("syt", "Sở Y tế", "SYT"),
    ("svhttdl", "Sở Văn hóa, Thể thao và Du lịch", "SVHTT&DL"),
    ("sdttg", "Sở Dân tộc và Tôn giáo", "SDT&TG"),
    ("ttt", "Thanh tra tỉnh", "TTT"),
    ("cat", "Công an tỉnh Khánh Hòa", "CAT"),
    ("bqlkkt", "Ban Quản lý Khu kinh tế Vân Phong", "BQL KKT"),
    ("bqlvnt", "Ban Quản lý Vịnh Nha Trang", "BQL VNT"),
    ("ttphcc", "Trung tâm Phục vụ hành chính công tỉnh", "TTPVHCC"),
    ("thue", "Thuế tỉnh Khánh Hòa", "Thuế tỉnh"),
    ("bhxh", "Bảo hiểm xã hội tỉnh Khánh Hòa", "BHXH tỉnh"),
    ("baoptth", "Báo và Phát thanh, Truyền hình Khánh Hòa", "Báo và PT-TH"),
)

# (department code, sub-unit code suffix, name) for the departments whose reports are most
# often forwarded on to a specialised office.
SUB_UNITS: tuple[tuple[str, str, str], ...] = (
    ("sxd", "htkt", "Phòng Quản lý hạ tầng kỹ thuật"),
    ("sxd", "gt", "Phòng Quản lý giao thông"),
    ("sxd", "qhkt", "Phòng Quy hoạch - Kiến trúc"),
    ("snnmt", "dd", "Phòng Quản lý đất đai"),
    ("snnmt", "mt", "Phòng Môi trường"),
    ("snnmt", "tl", "Chi cục Thủy lợi"),
    ("skhcn", "cds", "Phòng Công nghệ thông tin và Chuyển đổi số"),
    ("skhcn", "bcvt", "Phòng Bưu chính, Viễn thông"),
    ("cat", "csgt", "Phòng Cảnh sát giao thông"),
    ("cat", "qlhc", "Phòng Cảnh sát quản lý hành chính về trật tự xã hội"),
)

PUBLIC_SERVICE_COMPANIES: tuple[UnitSpec, ...] = (
    UnitSpec(
        code="capnuoc-kh",
        name="Công ty Cổ phần Cấp thoát nước Khánh Hòa",
        kind=UnitKind.PUBLIC_SERVICE_COMPANY,
        parent=ROOT_UNIT_CODE,
        email="capnuoc.kh@khanhhoa.gov.vn",
        areas="former_khanh_hoa",
    ),
    UnitSpec(
        code="capnuoc-nt",
        name="Công ty Cổ phần Cấp nước Ninh Thuận",
        kind=UnitKind.PUBLIC_SERVICE_COMPANY,
        parent=ROOT_UNIT_CODE,
        email="capnuoc.nt@khanhhoa.gov.vn",
        areas="former_ninh_thuan",
    ),
    UnitSpec(
        code="dienluc-kh",
        name="Công ty Cổ phần Điện lực Khánh Hòa",
        kind=UnitKind.PUBLIC_SERVICE_COMPANY,
        parent=ROOT_UNIT_CODE,
        email="dienluc.kh@khanhhoa.gov.vn",
        areas="former_khanh_hoa",
    ),
    UnitSpec(
        code="dienluc-nt",
        name="Công ty Điện lực Ninh Thuận",
        kind=UnitKind.PUBLIC_SERVICE_COMPANY,
        parent=ROOT_UNIT_CODE,
        email="dienluc.nt@khanhhoa.gov.vn",
        areas="former_ninh_thuan",
    ),
    UnitSpec(
        code="moitruong-nt",
        name="Công ty Cổ phần Môi trường đô thị Nha Trang",
        kind=UnitKind.PUBLIC_SERVICE_COMPANY,
        parent=ROOT_UNIT_CODE,
        email="moitruong.nhatrang@khanhhoa.gov.vn",
        areas="nha_trang",
    ),
    UnitSpec(
        code="dothi-cr",
        name="Công ty Cổ phần Đô thị Cam Ranh",
        kind=UnitKind.PUBLIC_SERVICE_COMPANY,
        parent=ROOT_UNIT_CODE,
        email="dothi.camranh@khanhhoa.gov.vn",
        areas="cam_ranh",
    ),
    UnitSpec(
        code="vnpt-kh",
        name="Viễn thông Khánh Hòa (VNPT Khánh Hòa)",
        kind=UnitKind.PUBLIC_SERVICE_COMPANY,
        parent=ROOT_UNIT_CODE,
        email="vnpt.kh@khanhhoa.gov.vn",
        areas="province",
    ),
    UnitSpec(
        code="viettel-kh",
        name="Viettel Khánh Hòa",
        kind=UnitKind.PUBLIC_SERVICE_COMPANY,
        parent=ROOT_UNIT_CODE,
        email="viettel.kh@khanhhoa.gov.vn",
        areas="province",
    ),
)

COMMUNE_UNIT_CODE_PREFIX = "ubnd-"
# The former Ninh Thuận kept its own telephone area code.
AREA_PHONE_PREFIX = {"former_khanh_hoa": "0258", "former_ninh_thuan": "0259"}


@dataclass(frozen=True)
class OfficerSpec:
    """A demo officer: a stable username and the (unit code, role) pairs they hold."""

    username: str
    memberships: tuple[tuple[str, str], ...] = field(default=())


ADMIN_USERNAME = "admin"
ADMIN_FULL_NAME = "Quản trị hệ thống"

# Username prefix per role, so that a username says what the account is for.
ROLE_USERNAME_PREFIX = {
    MembershipRole.COORDINATOR: "dieuphoi",
    MembershipRole.HANDLER: "xuly",
    MembershipRole.LEADER: "lanhdao",
    MembershipRole.UNIT_ADMIN: "quantri",
    MembershipRole.OPERATOR: "tongdai",
    MembershipRole.SUPPORT_AGENT: "tuvan",
    MembershipRole.VIEWER: "theodoi",
}

_FULL_TEAM = (MembershipRole.HANDLER, MembershipRole.LEADER, MembershipRole.UNIT_ADMIN)

# (unit code, username suffix, roles): one account per role, named "<prefix>.<suffix>".
_UNIT_TEAMS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (COORDINATING_CENTRE_CODE, "ttcds", (MembershipRole.LEADER, MembershipRole.UNIT_ADMIN)),
    (ROOT_UNIT_CODE, "ubnd", (MembershipRole.VIEWER,)),
    ("vpub", "vpub", (MembershipRole.VIEWER,)),
    ("skhcn", "skhcn", _FULL_TEAM),
    ("sxd", "sxd", _FULL_TEAM),
    ("snnmt", "snnmt", _FULL_TEAM),
    ("syt", "syt", _FULL_TEAM),
    ("sgddt", "sgddt", _FULL_TEAM),
    ("svhttdl", "svhttdl", _FULL_TEAM),
    ("cat", "cat", _FULL_TEAM),
    ("sxd-htkt", "sxd.htkt", (MembershipRole.HANDLER,)),
    ("sxd-gt", "sxd.gt", (MembershipRole.HANDLER,)),
    ("snnmt-dd", "snnmt.dd", (MembershipRole.HANDLER,)),
    ("cat-csgt", "cat.csgt", (MembershipRole.HANDLER,)),
    ("ubnd-phuong-nha-trang", "nhatrang", _FULL_TEAM),
    ("ubnd-phuong-cam-ranh", "camranh", _FULL_TEAM),
    ("ubnd-phuong-phan-rang", "phanrang", _FULL_TEAM),
    ("ubnd-dac-khu-truong-sa", "truongsa", (MembershipRole.HANDLER,)),
    ("capnuoc-kh", "capnuockh", _FULL_TEAM),
    ("dienluc-kh", "dienluckh", _FULL_TEAM),
    ("moitruong-nt", "moitruongnt", (MembershipRole.HANDLER,)),
    ("vnpt-kh", "vnptkh", (MembershipRole.HANDLER,)),
)


def _officers() -> tuple[OfficerSpec, ...]:
    centre = COORDINATING_CENTRE_CODE
    officers = [
        *(OfficerSpec(f"dieuphoi{n}", ((centre, MembershipRole.COORDINATOR),)) for n in (1, 2, 3)),
        *(OfficerSpec(f"tongdai{n}", ((centre, MembershipRole.OPERATOR),)) for n in (1, 2)),
        *(OfficerSpec(f"tuvan{n}", ((centre, MembershipRole.SUPPORT_AGENT),)) for n in (1, 2)),
    ]
    for unit_code, suffix, roles in _UNIT_TEAMS:
        for role in roles:
            username = f"{ROLE_USERNAME_PREFIX[role]}.{suffix}"
            memberships: tuple[tuple[str, str], ...] = ((unit_code, role),)
            # The department that runs the coordinating centre follows its work too.
            if username == "lanhdao.skhcn":
                memberships += ((centre, MembershipRole.VIEWER),)
            officers.append(OfficerSpec(username, memberships))
    return tuple(officers)


OFFICERS: tuple[OfficerSpec, ...] = _officers()

# Organisations and businesses with accounts: fictitious names at plausible addresses, with
# the telephone area code of the address (0259 for the former Ninh Thuận).
ORGANISATIONS: tuple[tuple[str, str, str], ...] = (
    (
        "Công ty TNHH Du lịch Biển Xanh Nha Trang",
        "18 Trần Phú, phường Nha Trang, tỉnh Khánh Hòa",
        "0258",
    ),
    (
        "Công ty Cổ phần Thủy sản Vạn Ninh",
        "Thôn Quảng Hội, xã Vạn Ninh, tỉnh Khánh Hòa",
        "0258",
    ),
    (
        "Hợp tác xã Nông nghiệp Diên Khánh",
        "Thôn Phú Ân Nam, xã Diên Khánh, tỉnh Khánh Hòa",
        "0258",
    ),
    (
        "Công ty TNHH Xây dựng Thương mại Cam Ranh",
        "25 Hùng Vương, phường Cam Ranh, tỉnh Khánh Hòa",
        "0258",
    ),
    (
        "Công ty TNHH Vận tải Hành khách Ninh Hòa",
        "102 Trần Quý Cáp, phường Ninh Hòa, tỉnh Khánh Hòa",
        "0258",
    ),
    (
        "Hợp tác xã Diêm nghiệp Cà Ná",
        "Thôn Lạc Tiến, xã Cà Ná, tỉnh Khánh Hòa",
        "0259",
    ),
    (
        "Công ty TNHH Nho Táo Phan Rang",
        "40 Thống Nhất, phường Phan Rang, tỉnh Khánh Hòa",
        "0259",
    ),
    (
        "Công ty TNHH Khách sạn Hòn Tre",
        "6 Phạm Văn Đồng, phường Bắc Nha Trang, tỉnh Khánh Hòa",
        "0258",
    ),
)

# Vietnamese mobile prefixes (Viettel, VinaPhone, MobiFone, Vietnamobile, Gmobile) whose every
# number the phonenumbers metadata accepts as a mobile (052, 089 and 099 are only partly open).
MOBILE_PREFIXES: tuple[str, ...] = (
    "032", "033", "034", "035", "036", "037", "038", "039",
    "056", "058", "059",
    "070", "076", "077", "078", "079",
    "081", "082", "083", "084", "085", "086", "088",
    "090", "091", "092", "093", "094", "096", "097", "098",
)  # fmt: skip

# Family names with rough weights (per cent of the population); the last ones are common
# among the Chăm and Raglai people of the former Ninh Thuận.
FAMILY_NAMES: tuple[tuple[str, float], ...] = (
    ("Nguyễn", 38.0), ("Trần", 11.0), ("Lê", 9.5), ("Phạm", 7.0), ("Huỳnh", 4.5),
    ("Phan", 4.5), ("Võ", 4.0), ("Hoàng", 2.0), ("Đặng", 2.1), ("Bùi", 2.0), ("Đỗ", 1.4),
    ("Hồ", 1.3), ("Ngô", 1.3), ("Dương", 1.0), ("Vũ", 1.0), ("Trương", 0.8), ("Đinh", 0.8),
    ("Đoàn", 0.6), ("Lâm", 0.5), ("Mai", 0.5), ("Lý", 0.5), ("Cao", 0.4), ("Châu", 0.3),
    ("Thái", 0.3), ("Tạ", 0.3),
    ("Đàng", 0.3), ("Thập", 0.2), ("Quảng", 0.2), ("Chamaléa", 0.2), ("Pinăng", 0.2),
    ("Katơr", 0.1),
)  # fmt: skip

# "Văn" and "Thị" are by far the most common middle names (less so among the young), then
# a wide spread of others.
COMMON_MIDDLE_NAME_MALE = ("Văn", 0.3)
COMMON_MIDDLE_NAME_FEMALE = ("Thị", 0.4)
MIDDLE_NAMES_MALE: tuple[str, ...] = (
    "Văn", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Công", "Ngọc", "Xuân", "Quốc", "Tấn",
    "Hoàng", "Thành", "Trọng", "Nhật", "Gia", "Duy", "Anh", "Bá", "Đình",
)  # fmt: skip
MIDDLE_NAMES_FEMALE: tuple[str, ...] = (
    "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Minh", "Hồng", "Bảo", "Mỹ", "Phương", "Thùy",
    "Ánh", "Hoài", "Khánh", "Diễm", "Quỳnh", "Bích", "Như",
)  # fmt: skip
GIVEN_NAMES_MALE: tuple[str, ...] = (
    "An", "Anh", "Bảo", "Bình", "Cường", "Danh", "Dũng", "Duy", "Đạt", "Đông", "Hải", "Hào",
    "Hậu", "Hiếu", "Hoàng", "Hùng", "Hưng", "Huy", "Khang", "Khánh", "Khoa", "Kiên", "Lâm",
    "Lộc", "Lợi", "Long", "Minh", "Nam", "Nghĩa", "Nhân", "Phát", "Phong", "Phúc", "Quân",
    "Quang", "Sơn", "Tài", "Tâm", "Thành", "Thắng", "Thiện", "Thịnh", "Tín", "Toàn", "Trí",
    "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Vũ",
)  # fmt: skip
GIVEN_NAMES_FEMALE: tuple[str, ...] = (
    "Anh", "Châu", "Chi", "Diễm", "Dung", "Giang", "Hà", "Hân", "Hạnh", "Hằng", "Hiền",
    "Hoa", "Hồng", "Hương", "Huyền", "Lan", "Lệ", "Liên", "Linh", "Loan", "Mai", "My", "Nga",
    "Ngân", "Ngọc", "Nhàn", "Nhi", "Nhung", "Oanh", "Phương", "Quyên", "Tâm", "Thảo", "Thu",
    "Thủy", "Trang", "Trâm", "Trinh", "Tuyết", "Uyên", "Vân", "Vy", "Xuân", "Yến",
)  # fmt: skip

# Age bands of adult citizens who register (from, to, weight).
AGE_BANDS: tuple[tuple[int, int, float], ...] = (
    (18, 30, 35.0),
    (31, 45, 35.0),
    (46, 60, 20.0),
    (61, 80, 10.0),
)
CITIZEN_EMAIL_SHARE = 0.4
# A reserved domain (RFC 2606): demo mail can never reach a real mailbox.
DEMO_EMAIL_DOMAIN = "example.com"
