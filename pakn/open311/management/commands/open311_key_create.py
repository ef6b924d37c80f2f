from django.core.management.base import BaseCommand, CommandError

from pakn.open311.models import DEFAULT_RATE_LIMIT_PER_MINUTE
from pakn.open311.services import api_key_create


class Command(BaseCommand):
    help = (
        "Tạo khóa API Open311 cho một hệ thống đối tác và in khóa ra một lần (chỉ mã băm được lưu)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="Tên hệ thống đối tác")
        parser.add_argument(
            "--rate",
            type=int,
            default=DEFAULT_RATE_LIMIT_PER_MINUTE,
            help="Số yêu cầu tối đa mỗi phút với khóa này",
        )
        parser.add_argument("--contact", default="", help="Người liên hệ phía đối tác")

    def handle(self, *args, name, rate, contact, **options):
        if not name.strip():
            raise CommandError("--name không được để trống.")
        if rate < 1:
            raise CommandError("--rate phải từ 1 trở lên.")
        api_key, raw_key = api_key_create(
            name=name.strip(), rate_limit_per_minute=rate, contact=contact
        )
        self.stderr.write(
            f"Đã tạo khóa {api_key.prefix}… cho “{api_key.name}”. Khóa chỉ hiện một lần:"
        )
        self.stdout.write(raw_key)
