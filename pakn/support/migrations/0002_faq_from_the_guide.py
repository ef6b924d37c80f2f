"""The chatbot's first questions, from the province's user guide (seed 002): registering,
a forgotten password, sending, following and rating a report. Administrators edit them."""

from django.db import migrations

ENTRIES = [
    (
        "Làm thế nào để đăng ký tài khoản?",
        "Ông/bà bấm “Đăng ký”, chọn loại tài khoản (cá nhân hoặc tổ chức, doanh nghiệp), nhập "
        "số CMND/CCCD hoặc mã số doanh nghiệp, họ tên, số điện thoại di động và mật khẩu, rồi "
        "nhập mã xác thực gửi qua SMS để kích hoạt tài khoản.",
        "dang ky tai khoan\ntao tai khoan\nlam tai khoan\nmo tai khoan moi",
        "/dang-ky/",
    ),
    (
        "Quên mật khẩu thì làm sao?",
        "Trên màn hình đăng nhập, Ông/bà bấm “Quên mật khẩu”, nhập số điện thoại đã đăng ký và "
        "bấm “Xác nhận”; hệ thống gửi mã xác thực qua SMS để Ông/bà đặt mật khẩu mới.",
        "quen mat khau\nlay lai mat khau\nkhong nho mat khau\ndat lai mat khau\nmat mat khau",
        "/quen-mat-khau/",
    ),
    (
        "Gửi phản ánh, kiến nghị như thế nào?",
        "Sau khi đăng nhập, Ông/bà chọn “Gửi phản ánh, kiến nghị”, nhập tiêu đề, nội dung, chọn "
        "lĩnh vực và địa điểm (có thể chọn trên bản đồ), đính kèm ảnh hoặc video nếu có, rồi bấm "
        "“Gửi”. Hệ thống cấp mã số để Ông/bà theo dõi.",
        "gui phan anh\ngui kien nghi\nphan anh nhu the nao\nbao cao su viec\ngui y kien",
        "/gui-phan-anh/",
    ),
    (
        "Theo dõi kết quả xử lý phản ánh ở đâu?",
        "Ông/bà vào mục “Phản ánh của tôi” để xem trạng thái và kết quả xử lý; hoặc nhập mã số "
        "phản ánh ở trang “Tra cứu”. Khi có kết quả, hệ thống báo qua thông báo, SMS và thư "
        "điện tử.",
        "theo doi phan anh\ntra cuu phan anh\nxem ket qua\ntien do xu ly\nphan anh cua toi",
        "/tra-cuu/",
    ),
    (
        "Đánh giá kết quả xử lý như thế nào?",
        "Khi phản ánh đã có kết quả, Ông/bà mở phản ánh trong mục “Phản ánh của tôi” và chọn mức "
        "đánh giá: Hài lòng, Chấp nhận hoặc Không hài lòng. Nếu không hài lòng, đơn vị điều phối "
        "sẽ xem xét xử lý lại.",
        "danh gia ket qua\nkhong hai long\ncham diem\ndanh gia muc do hai long",
        "",
    ),
]


def add(apps, schema_editor):
    FaqEntry = apps.get_model("support", "FaqEntry")
    for order, (question, answer, keywords, link) in enumerate(ENTRIES, start=1):
        FaqEntry.objects.get_or_create(
            question=question,
            defaults={"answer": answer, "keywords": keywords, "link": link, "order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("support", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
