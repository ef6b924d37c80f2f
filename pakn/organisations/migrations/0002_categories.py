"""The sectors (lĩnh vực) of DESIGN.md §2, with default answer times in working days.

Administrators edit them afterwards in the admin; this migration only creates what is missing.
"""

from django.db import migrations

# (code, name, default answer days, children as (code, name, days))
SECTORS = [
    ("tourism", "Du lịch", 10, []),
    ("transport", "Giao thông vận tải", 10, []),
    ("construction", "Xây dựng", 15, []),
    ("environment", "Tài nguyên và môi trường", 15, []),
    ("health", "Y tế", 10, []),
    ("education", "Giáo dục và đào tạo", 10, []),
    ("culture-sport", "Văn hóa, thể thao", 10, []),
    ("agriculture", "Nông nghiệp và môi trường nông thôn", 10, []),
    ("justice", "Tư pháp", 10, []),
    ("information", "Thông tin và truyền thông", 10, []),
    ("planning-investment", "Kế hoạch và đầu tư", 15, []),
    ("labour-social", "Lao động, thương binh và xã hội", 10, []),
    ("finance", "Tài chính", 10, []),
    ("home-affairs", "Nội vụ", 10, []),
    ("science-technology", "Khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số", 15, []),
    ("ethnic-affairs", "Dân tộc và tôn giáo", 10, []),
    (
        "urban-infrastructure",
        "Hạ tầng đô thị",
        7,
        [
            ("water", "Cấp, thoát nước", 5),
            ("waste", "Rác thải, vệ sinh môi trường", 5),
            ("lighting", "Chiếu sáng công cộng", 5),
            ("trees", "Cây xanh", 5),
            ("roads-sidewalks", "Đường phố, vỉa hè", 7),
            ("telecom", "Viễn thông", 5),
            ("electricity", "Điện", 5),
        ],
    ),
    ("public-order", "An ninh trật tự, an toàn xã hội", 7, []),
    ("administrative-procedures", "Thủ tục hành chính", 10, []),
    ("other", "Lĩnh vực khác", 10, []),
]


def create_categories(apps, schema_editor):
    Category = apps.get_model("organisations", "Category")
    for position, (code, name, days, children) in enumerate(SECTORS, start=1):
        parent, _ = Category.objects.get_or_create(
            code=code,
            defaults={"name": name, "default_answer_days": days, "position": position},
        )
        for child_position, (child_code, child_name, child_days) in enumerate(children, 1):
            Category.objects.get_or_create(
                code=child_code,
                defaults={
                    "name": child_name,
                    "default_answer_days": child_days,
                    "position": child_position,
                    "parent": parent,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]

    operations = [migrations.RunPython(create_categories, migrations.RunPython.noop)]
