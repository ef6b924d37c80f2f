"""Demo portal content (issue #7): announcements with generated pictures, useful addresses
(địa chỉ cần biết) for Khánh Hòa and links to the online public-service portals.

The emergency numbers 113, 114 and 115 are Vietnam's real public numbers; every other phone
number, address and e-mail of an agency is marked as demo data. Rows are looked up by their
slug or name, so a second run creates nothing and an administrator's edits are kept."""

import datetime
import io
import math
import random
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from pakn.portal.models import Announcement, DirectoryEntry, OnlineServiceLink

DEMO_NOTE = "(số liệu minh họa)"


@dataclass(frozen=True)
class DemoAnnouncement:
    slug: str
    title: str
    kind: str
    summary: str
    body: str
    days_ago: int
    is_banner: bool = False
    picture: str = ""  # "sea", "city", "festival" or "" for none


ANNOUNCEMENTS = [
    DemoAnnouncement(
        "ra-mat-he-thong-phan-anh-kien-nghi",
        "Ra mắt hệ thống tiếp nhận phản ánh, kiến nghị trực tuyến",
        "news",
        "Người dân, doanh nghiệp gửi phản ánh, kiến nghị qua website, ứng dụng, tổng đài "
        "và thư điện tử; theo dõi tiến độ và đánh giá kết quả xử lý.",
        "<p>Từ nay, người dân và doanh nghiệp có thể gửi phản ánh, kiến nghị về kinh tế - xã "
        "hội kèm hình ảnh và vị trí, nhận mã số để tra cứu và được thông báo khi có kết "
        'quả.</p><p>Xem <a href="/huong-dan/">hướng dẫn sử dụng</a> để bắt đầu.</p>',
        1,
        True,
        "city",
    ),
    DemoAnnouncement(
        "festival-bien-nha-trang",
        "Festival Biển Nha Trang – Khánh Hòa: chuỗi sự kiện mùa hè",
        "event",
        "Các hoạt động văn hóa, thể thao, ẩm thực diễn ra tại Quảng trường 2 Tháng 4 và "
        "dọc đường Trần Phú.",
        "<p>Chương trình gồm lễ khai mạc, đêm hội ánh sáng, giải thể thao biển và hội chợ "
        "ẩm thực. Người dân lưu ý các tuyến đường cấm xe theo thông báo của cơ quan chức "
        "năng.</p>",
        3,
        True,
        "festival",
    ),
    DemoAnnouncement(
        "mua-du-lich-bien-dao",
        "Mùa du lịch biển đảo: khuyến cáo an toàn cho du khách",
        "tourism",
        "Tắm biển tại khu vực có cứu hộ, tuân thủ cờ báo hiệu và hướng dẫn của lực lượng "
        "chức năng.",
        "<ul><li>Chỉ tắm biển ở khu vực có lực lượng cứu hộ.</li><li>Không tắm khi có cờ "
        "đỏ.</li><li>Gọi 115 khi cần cấp cứu.</li></ul>",
        6,
        True,
        "sea",
    ),
    DemoAnnouncement(
        "ho-tro-doanh-nghiep-chuyen-doi-so",
        "Chính sách hỗ trợ doanh nghiệp nhỏ và vừa chuyển đổi số",
        "policy",
        "Doanh nghiệp được hỗ trợ chi phí tư vấn, thuê giải pháp số theo chương trình của tỉnh.",
        "<p>Hồ sơ đề nghị hỗ trợ nộp trực tuyến qua Cổng dịch vụ công. Thông tin chi tiết "
        "liên hệ Sở Khoa học và Công nghệ.</p>",
        8,
    ),
    DemoAnnouncement(
        "lich-nghi-tet-nguyen-dan",
        "Thông báo lịch nghỉ Tết Nguyên đán",
        "news",
        "Trong thời gian nghỉ Tết, phản ánh, kiến nghị vẫn được tiếp nhận; thời hạn xử lý "
        "tính theo ngày làm việc.",
        "<p>Thời hạn xử lý phản ánh, kiến nghị không tính các ngày nghỉ lễ, Tết theo quy định.</p>",
        12,
    ),
    DemoAnnouncement(
        "huong-dan-phan-loai-rac-tai-nguon",
        "Hướng dẫn phân loại rác thải sinh hoạt tại nguồn",
        "policy",
        "Rác được phân thành ba nhóm: rác hữu cơ, rác tái chế và rác còn lại.",
        "<ol><li>Rác hữu cơ: thức ăn thừa, rau, củ, quả.</li><li>Rác tái chế: giấy, nhựa, "
        "kim loại.</li><li>Rác còn lại: các loại rác khác.</li></ol>",
        15,
    ),
    DemoAnnouncement(
        "dao-yen-va-vinh-nha-trang",
        "Khám phá vịnh Nha Trang: lịch trình một ngày",
        "tourism",
        "Gợi ý lịch trình tham quan các đảo, làng chài và điểm lặn ngắm san hô.",
        "<p>Du khách nên chọn tàu có giấy phép, mặc áo phao khi di chuyển trên biển và giữ "
        "gìn vệ sinh môi trường biển.</p>",
        20,
        picture="sea",
    ),
    DemoAnnouncement(
        "ngay-hoi-chuyen-doi-so",
        "Ngày hội chuyển đổi số cộng đồng tại các xã, phường",
        "event",
        "Tổ công nghệ số cộng đồng hướng dẫn người dân cài đặt ứng dụng và gửi phản ánh, "
        "kiến nghị trực tuyến.",
        "<p>Người dân mang theo điện thoại và căn cước công dân để được hỗ trợ đăng ký tài "
        "khoản.</p>",
        25,
        picture="city",
    ),
]

# (group, name, phone, address, opening hours, website)
DIRECTORY = [
    ("Số điện thoại khẩn cấp", "Công an (gọi khẩn cấp)", "113", "", "24/7", ""),
    ("Số điện thoại khẩn cấp", "Cứu hỏa, cứu nạn cứu hộ", "114", "", "24/7", ""),
    ("Số điện thoại khẩn cấp", "Cấp cứu y tế", "115", "", "24/7", ""),
    ("Số điện thoại khẩn cấp", "Tổng đài bảo vệ trẻ em quốc gia", "111", "", "24/7", ""),
    (
        "Công an",
        "Công an tỉnh Khánh Hòa",
        "0258 3800 000",
        "Đường Lý Tự Trọng, phường Nha Trang",
        "Giờ hành chính",
        "",
    ),  # fmt: skip
    (
        "Y tế",
        "Bệnh viện Đa khoa tỉnh Khánh Hòa",
        "0258 3800 001",
        "Đường Yersin, phường Nha Trang",
        "24/7 (cấp cứu)",
        "",
    ),  # fmt: skip
    (
        "Điện lực",
        "Công ty Điện lực Khánh Hòa – chăm sóc khách hàng",
        "0258 3800 002",
        "Đường Lý Thánh Tôn, phường Nha Trang",
        "24/7",
        "",
    ),  # fmt: skip
    (
        "Cấp nước",
        "Công ty Cấp thoát nước Khánh Hòa – báo sự cố",
        "0258 3800 003",
        "Đường Hai Bà Trưng, phường Nha Trang",
        "24/7",
        "",
    ),  # fmt: skip
    (
        "Môi trường đô thị",
        "Công ty Môi trường đô thị Nha Trang",
        "0258 3800 004",
        "Đường 2 Tháng 4, phường Nha Trang",
        "Giờ hành chính",
        "",
    ),  # fmt: skip
    (
        "UBND xã, phường, đặc khu",
        "UBND phường Nha Trang – bộ phận một cửa",
        "0258 3800 005",
        "Phường Nha Trang",
        "Thứ Hai – Thứ Sáu, 7:30–11:30, 13:30–17:00",
        "",
    ),  # fmt: skip
    (
        "UBND xã, phường, đặc khu",
        "UBND phường Cam Ranh – bộ phận một cửa",
        "0258 3800 006",
        "Phường Cam Ranh",
        "Thứ Hai – Thứ Sáu, 7:30–11:30, 13:30–17:00",
        "",
    ),  # fmt: skip
    (
        "UBND xã, phường, đặc khu",
        "UBND đặc khu Trường Sa",
        "0258 3800 007",
        "Đặc khu Trường Sa",
        "Giờ hành chính",
        "",
    ),  # fmt: skip
    (
        "Hành chính công",
        "Trung tâm Phục vụ hành chính công tỉnh",
        "0258 3800 008",
        "Phường Nha Trang",
        "Thứ Hai – Thứ Sáu, sáng thứ Bảy",
        "https://dichvucong.khanhhoa.gov.vn",
    ),  # fmt: skip
]

ONLINE_SERVICES = [
    ("Cổng Dịch vụ công quốc gia", "https://dichvucong.gov.vn",
     "Nộp hồ sơ, thanh toán trực tuyến và tra cứu hồ sơ thủ tục hành chính trên cả nước."),
    ("Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Khánh Hòa",
     "https://dichvucong.khanhhoa.gov.vn",
     "Nộp hồ sơ điện tử, thanh toán trực tuyến, nhận kết quả tại nhà."),
    ("Cổng thông tin điện tử tỉnh Khánh Hòa", "https://khanhhoa.gov.vn",
     "Tin tức, văn bản chỉ đạo, điều hành của tỉnh."),
]  # fmt: skip


def demo_picture_jpeg(theme: str, *, width: int = 960, height: int = 480, seed: int = 0) -> bytes:
    """A simple generated picture (sea, city or festival) so that no binary is committed."""
    rng = random.Random(f"{theme}-{seed}")
    palettes = {
        "sea": ((255, 214, 150), (90, 170, 220), (12, 90, 150)),
        "city": ((200, 225, 245), (120, 170, 210), (40, 70, 110)),
        "festival": ((30, 20, 70), (120, 40, 110), (240, 120, 60)),
    }
    sky_top, sky_bottom, ground = palettes.get(theme, palettes["city"])
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    horizon = int(height * 0.62)
    for y in range(horizon):
        t = y / horizon
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(sky_top, sky_bottom, strict=True)),
        )
    draw.rectangle([0, horizon, width, height], fill=ground)
    if theme == "sea":
        draw.ellipse(
            [width * 0.7, height * 0.12, width * 0.82, height * 0.36], fill=(255, 236, 170)
        )
        for row in range(6):
            y = horizon + 12 + row * 26
            for x in range(-40, width, 80):
                draw.arc([x, y, x + 80, y + 24], 200, 340, fill=(190, 225, 245), width=3)
        draw.polygon(
            [(width * 0.1, horizon), (width * 0.25, height * 0.4), (width * 0.4, horizon)],
            fill=(60, 110, 90),
        )
    elif theme == "festival":
        for _ in range(14):
            cx, cy = rng.uniform(0, width), rng.uniform(0, horizon * 0.8)
            colour = rng.choice([(255, 210, 80), (255, 120, 160), (120, 220, 255)])
            for angle in range(0, 360, 30):
                r = rng.uniform(20, 45)
                draw.line(
                    [(cx, cy), (cx + r * math.cos(math.radians(angle)),
                                cy + r * math.sin(math.radians(angle)))],
                    fill=colour, width=2,
                )  # fmt: skip
    else:
        x = 0
        while x < width:
            w = rng.randint(50, 110)
            h = rng.randint(int(height * 0.2), int(height * 0.5))
            draw.rectangle([x, horizon - h, x + w - 6, horizon], fill=(70, 100, 140))
            for wy in range(horizon - h + 10, horizon - 10, 18):
                for wx in range(x + 8, x + w - 14, 16):
                    draw.rectangle([wx, wy, wx + 7, wy + 9], fill=(245, 220, 140))
            x += w
    output = io.BytesIO()
    image.save(output, "JPEG", quality=80, optimize=True)
    return output.getvalue()


def demo_content_create(*, with_pictures: bool = True) -> dict[str, int]:
    """Creates the missing demo announcements, directory entries and service links; returns
    how many of each were created."""
    created = {"announcements": 0, "directory": 0, "online_services": 0}
    now = timezone.now()
    existing = set(Announcement.objects.values_list("slug", flat=True))
    for seed, item in enumerate(ANNOUNCEMENTS):
        if item.slug in existing:
            continue
        announcement = Announcement(
            slug=item.slug,
            title=item.title,
            kind=item.kind,
            summary=item.summary,
            body=item.body,
            is_banner=item.is_banner,
            publish_at=now - datetime.timedelta(days=item.days_ago),
        )
        if with_pictures and item.picture:
            announcement.image.save(
                f"{item.slug}.jpg",
                ContentFile(demo_picture_jpeg(item.picture, seed=seed)),
                save=False,
            )
            announcement.image_alt = item.title
        announcement.save()
        created["announcements"] += 1

    known = set(DirectoryEntry.objects.values_list("name", flat=True))
    for order, (group, name, phone, address, hours, website) in enumerate(DIRECTORY, start=1):
        real_number = phone in {"111", "113", "114", "115"}
        shown_name = name if real_number else f"{name} {DEMO_NOTE}"
        if shown_name in known:
            continue
        DirectoryEntry.objects.create(
            group=group,
            name=shown_name,
            phone=phone,
            address=address,
            opening_hours=hours,
            website=website,
            order=order * 10,
        )
        created["directory"] += 1

    known_urls = set(OnlineServiceLink.objects.values_list("url", flat=True))
    for order, (name, url, description) in enumerate(ONLINE_SERVICES, start=1):
        if url in known_urls:
            continue
        OnlineServiceLink.objects.create(
            name=name, url=url, description=description, order=order * 10
        )
        created["online_services"] += 1
    return created
