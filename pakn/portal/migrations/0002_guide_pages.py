"""The citizens' user guide (seed 002) as guide pages, rewritten for this portal: the same
steps and the same labels people were trained on, one page per task. Administrators edit
them afterwards in the admin; the migration only adds pages whose address is free."""

from django.db import migrations

GUIDE_PAGES = [
    {
        "slug": "tai-ung-dung",
        "title": "Cài đặt ứng dụng trên điện thoại",
        "summary": "Bốn cách cài đặt: cửa hàng ứng dụng, mã QR, liên kết ở cuối trang "
        "hoặc cài trực tiếp từ trình duyệt.",
        "body": """
<p>Hệ thống dùng được trên mọi điện thoại Android và iOS. Có các cách cài đặt sau:</p>
<h2>Cách 1: Tìm trên cửa hàng ứng dụng</h2>
<ol>
<li>Mở <strong>Google Play</strong> (Android) hoặc <strong>App Store</strong> (iOS).</li>
<li>Tìm ứng dụng theo tên được ghi ở mục <strong>Ứng dụng di động</strong> cuối trang chủ.</li>
<li>Bấm <strong>Cài đặt</strong>, mở ứng dụng và đăng ký tài khoản.</li>
</ol>
<h2>Cách 2: Quét mã QR trên trang chủ</h2>
<p>Dùng camera điện thoại (với các máy đã có tính năng quét mã) hoặc một ứng dụng quét mã
như Zalo để quét mã QR ở mục <strong>Ứng dụng di động</strong> trên trang chủ. Điện thoại
mở trang của ứng dụng trên cửa hàng; bấm cài đặt.</p>
<h2>Cách 3: Bấm liên kết ở cuối trang</h2>
<p>Mở cổng thông tin bằng trình duyệt trên điện thoại, kéo xuống cuối trang và bấm
<strong>Tải trên Google Play</strong> hoặc <strong>Tải trên App Store</strong>.</p>
<h2>Cách 4: Thêm cổng thông tin vào màn hình chính</h2>
<p>Trình duyệt trên điện thoại có thể cài cổng thông tin như một ứng dụng: trên Android,
mở menu của Chrome và chọn <strong>Cài đặt ứng dụng</strong> (hoặc <strong>Thêm vào màn
hình chính</strong>); trên iPhone, bấm nút <strong>Chia sẻ</strong> của Safari rồi chọn
<strong>Thêm vào MH chính</strong>. Biểu tượng xuất hiện trên màn hình chính, mở ra toàn
màn hình và vẫn xem được trang đã mở khi mất mạng.</p>
""",
    },
    {
        "slug": "dang-ky-tai-khoan",
        "title": "Đăng ký tài khoản",
        "summary": "Tài khoản cá nhân (số CMND/CCCD) hoặc tổ chức, doanh nghiệp (số ĐKKD), "
        "xác thực bằng mã OTP gửi qua tin nhắn.",
        "body": """
<ol>
<li><strong>Bước 1:</strong> Trên trang chủ (hoặc màn hình Đăng nhập của ứng dụng), bấm
<strong>Đăng ký</strong>.</li>
<li><strong>Bước 2:</strong> Chọn loại tài khoản:
<ul>
<li><strong>CÁ NHÂN</strong>: dành cho người dân;</li>
<li><strong>TỔ CHỨC, DOANH NGHIỆP</strong>: dành cho cơ quan, tổ chức, doanh nghiệp.</li>
</ul></li>
<li><strong>Bước 3:</strong> Điền thông tin rồi bấm <strong>ĐĂNG KÝ</strong>.
<ul>
<li>Cá nhân: Số CMND/CCCD, mật khẩu và nhập lại mật khẩu; họ và tên, số điện thoại,
thư điện tử (không bắt buộc), địa chỉ liên hệ.</li>
<li>Tổ chức, doanh nghiệp: Số chứng nhận ĐKKD/Số QĐ thành lập, mật khẩu; thông tin người
đại diện (họ tên, số điện thoại, thư điện tử, địa chỉ liên hệ); thông tin tổ chức,
doanh nghiệp (tên, địa chỉ, điện thoại, thư điện tử).</li>
</ul></li>
<li><strong>Bước 4:</strong> Nhập <strong>mã OTP</strong> gồm 6 chữ số được gửi bằng tin
nhắn đến số điện thoại vừa khai và bấm <strong>XÁC THỰC</strong>. Chưa nhận được mã? Bấm
<strong>Gửi lại OTP</strong>.</li>
</ol>
<p><strong>Lưu ý:</strong></p>
<ul>
<li>Tên đăng nhập của cá nhân là số CMND/CCCD; của tổ chức, doanh nghiệp là số chứng nhận
ĐKKD hoặc số quyết định thành lập.</li>
<li>Các ô có dấu (*) là bắt buộc.</li>
<li>Hãy khai đúng số điện thoại: hệ thống gửi tin nhắn thông báo kết quả giải quyết đến số
này.</li>
</ul>
""",
    },
    {
        "slug": "dang-nhap-mat-khau",
        "title": "Đăng nhập, quên và đổi mật khẩu",
        "summary": "Đăng nhập bằng tên tài khoản, mật khẩu và mã số xác thực; lấy lại mật "
        "khẩu bằng số điện thoại; đổi mật khẩu trong trang tài khoản.",
        "body": """
<h2>Đăng nhập</h2>
<ol>
<li>Bấm <strong>Đăng nhập</strong> ở đầu trang (trên ứng dụng: mở menu ở góc trên bên
trái).</li>
<li>Nhập tên tài khoản (số CMND/CCCD hoặc số ĐKKD), mật khẩu và kết quả của phép tính ở
ô <strong>Mã số xác thực</strong>.</li>
<li>Bấm <strong>ĐĂNG NHẬP</strong>.</li>
</ol>
<h2>Quên mật khẩu</h2>
<ol>
<li>Trên màn hình đăng nhập, bấm <strong>Quên mật khẩu?</strong></li>
<li>Nhập số điện thoại đã đăng ký tài khoản và bấm <strong>XÁC NHẬN</strong>.</li>
<li>Nhập mã OTP nhận được qua tin nhắn, sau đó đặt mật khẩu mới.</li>
</ol>
<h2>Đổi mật khẩu</h2>
<ol>
<li>Đăng nhập vào hệ thống.</li>
<li>Bấm vào mục tài khoản ở góc phải trên cùng của trang.</li>
<li>Chọn <strong>Đổi mật khẩu</strong>, nhập mật khẩu cũ, mật khẩu mới, nhập lại mật khẩu
mới và bấm <strong>CẬP NHẬT</strong>.</li>
</ol>
""",
    },
    {
        "slug": "gui-phan-anh-kien-nghi",
        "title": "Gửi phản ánh, kiến nghị",
        "summary": "Tiêu đề, nội dung (có thể nói thay gõ), địa điểm hoặc vị trí hiện tại, "
        "tệp đính kèm và mã số xác thực; lưu nháp hoặc gửi.",
        "body": """
<ol>
<li><strong>Bước 1:</strong> Đăng nhập vào hệ thống.</li>
<li><strong>Bước 2:</strong> Bấm <strong>Gửi phản ánh, kiến nghị</strong> trên thanh menu
hoặc trên trang chủ. Màn hình <strong>Tạo mới phản ánh, kiến nghị</strong> hiện ra.</li>
<li><strong>Bước 3:</strong> Nhập <strong>tiêu đề</strong> (phản ánh, kiến nghị về việc gì)
và <strong>nội dung</strong>. Có thể bấm biểu tượng micro để nói thay vì gõ, nếu thiết bị
có micro.
<p>Sau khi nhập tiêu đề, hệ thống gợi ý các phản ánh, kiến nghị <strong>cùng chủ
đề</strong> đã được trả lời: bấm vào để xem câu trả lời của cơ quan chính quyền trước khi
gửi.</p></li>
<li><strong>Bước 4:</strong> Nhập <strong>địa điểm</strong> (số nhà, đường/thôn,
xã/phường/đặc khu), hoặc bấm <strong>Hiện tại</strong> để lấy vị trí của điện thoại, hoặc
chọn trên <strong>Bản đồ</strong>.</li>
<li><strong>Bước 5:</strong> Tải lên ảnh chụp, video hoặc tài liệu đính kèm (nếu có) và
nhập kết quả <strong>mã số xác thực</strong>.</li>
<li><strong>Bước 6:</strong> Bấm <strong>GỬI</strong>. Phản ánh, kiến nghị được chuyển đến
đơn vị tiếp nhận và được cấp một <strong>mã số PAKN</strong> để tra cứu. Bấm
<strong>LƯU</strong> nếu muốn giữ lại bản nháp để gửi sau.</li>
</ol>
<p>Trên điện thoại, ô tải lên cho phép chụp ảnh ngay bằng camera; nếu mất mạng khi đang
viết, nội dung đã nhập được giữ lại trên máy để gửi khi có mạng.</p>
""",
    },
    {
        "slug": "theo-doi-ket-qua",
        "title": "Theo dõi kết quả, đánh giá và trao đổi",
        "summary": "Xem trạng thái và trả lời trong “Phản ánh, kiến nghị của tôi”, đánh giá "
        "mức độ hài lòng, trao đổi riêng với cơ quan xử lý.",
        "body": """
<ol>
<li><strong>Bước 1:</strong> Bấm vào mục tài khoản ở góc phải trên cùng rồi chọn
<strong>Phản ánh, kiến nghị của tôi</strong>. Danh sách các phản ánh, kiến nghị đã gửi hiện
ra cùng trạng thái xử lý.</li>
<li><strong>Bước 2:</strong> Bấm <strong>Xem chi tiết</strong> để xem tiến trình xử lý và
trả lời của cơ quan có thẩm quyền.</li>
<li><strong>Bước 3:</strong> Kéo xuống cuối trang để:
<ul>
<li><strong>Đánh giá</strong> mức độ hài lòng với kết quả: Rất hài lòng, Hài lòng hoặc
Không hài lòng (có thể kèm nhận xét);</li>
<li><strong>Trao đổi</strong> với cơ quan xử lý: bổ sung thông tin hoặc hỏi thêm. Nội dung
trao đổi không được công khai.</li>
</ul></li>
</ol>
<p>Hệ thống gửi tin nhắn, thư điện tử hoặc thông báo khi phản ánh, kiến nghị được tiếp
nhận, chuyển xử lý và khi có kết quả.</p>
""",
    },
    {
        "slug": "tra-cuu-thong-ke",
        "title": "Tra cứu và thống kê",
        "summary": "Tìm phản ánh, kiến nghị đã công khai theo từ khóa hoặc mã số PAKN; xem "
        "thống kê kết quả xử lý theo cơ quan, đơn vị.",
        "body": """
<h2>Tra cứu</h2>
<p>Nhập từ khóa hoặc mã số PAKN vào ô <strong>Tra cứu</strong> trên trang chủ rồi nhấn
Enter hoặc bấm biểu tượng kính lúp. Có thể gõ không dấu.</p>
<p>Ví dụ: để xem các phản ánh, kiến nghị về đèn đường, nhập “đèn chiếu sáng”. Bấm vào một
kết quả để xem nội dung và câu trả lời.</p>
<h2>Thống kê</h2>
<p>Mục <strong>Thống kê</strong> cho biết tình trạng, kết quả xử lý phản ánh, kiến nghị
theo từng cơ quan, đơn vị:</p>
<ul>
<li>tổng số phản ánh, kiến nghị;</li>
<li><strong>Đã xử lý</strong>: đúng hạn, quá hạn;</li>
<li><strong>Đang xử lý</strong>: đúng hạn, quá hạn;</li>
<li><strong>Đánh giá</strong>: rất hài lòng, hài lòng, không hài lòng.</li>
</ul>
""",
    },
    {
        "slug": "ho-tro-truc-tuyen",
        "title": "Hỗ trợ trực tuyến",
        "summary": "Hỏi đáp qua Zalo, tổng đài và thư điện tử.",
        "body": """
<p>Khi cần hướng dẫn, người dân, doanh nghiệp có thể:</p>
<ul>
<li>bấm <strong>Hỗ trợ qua Zalo</strong> ở trang chủ để đặt câu hỏi và được tư vấn viên
hướng dẫn cách gửi, theo dõi phản ánh, kiến nghị;</li>
<li>gọi <strong>tổng đài hỗ trợ</strong> ghi ở đầu và cuối trang, trong giờ hành chính;</li>
<li>gửi <strong>thư điện tử</strong> đến địa chỉ ghi ở cuối trang, kèm họ tên và số điện
thoại liên hệ.</li>
</ul>
""",
    },
]


def guide_pages_add(apps, schema_editor):
    Guide = apps.get_model("portal", "Guide")
    for order, page in enumerate(GUIDE_PAGES, start=1):
        Guide.objects.get_or_create(
            slug=page["slug"],
            defaults={
                "title": page["title"],
                "summary": page["summary"],
                "body": page["body"].strip(),
                "order": order * 10,
            },
        )


def guide_pages_remove(apps, schema_editor):
    Guide = apps.get_model("portal", "Guide")
    Guide.objects.filter(slug__in=[page["slug"] for page in GUIDE_PAGES]).delete()


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]

    operations = [migrations.RunPython(guide_pages_add, guide_pages_remove)]
