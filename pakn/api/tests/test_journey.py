"""A citizen's whole journey through the API only, as the KhanhHoa-S app would drive it:
register, confirm the SMS code, log in, send a report with a photo; the coordinator forwards
it, the unit answers and its leader approves, all through the API; the citizen reads the
answer and rates it. Then the same report is on the pages."""

import io
import uuid

import pytest
from django.test import Client
from PIL import Image
from rest_framework.test import APIClient

from pakn.api.tests.conftest import token_client
from pakn.reports.models import Attachment, Report, ReportChannel, ReportStatus

# SMS and thumbnails are sent after commit, as in production.
pytestmark = pytest.mark.django_db(transaction=True)


def _photo_with_position() -> io.BytesIO:
    """A JPEG whose EXIF holds the camera and a GPS block, as a phone's photo does."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (12.0, 14.0, 30.0)}
    output = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 90, 160)).save(output, format="JPEG", exif=exif)
    output.name = "den-duong.jpg"
    output.seek(0)
    return output


def test_citizen_journey_through_the_api_then_on_the_pages(desk, sms_outbox):
    app = APIClient()
    registration = {
        "username": "056201234567",
        "full_name": "Trần Văn Bình",
        "phone": "0987654321",
        "email": "binh@example.vn",
        "address_province": desk["province"].pk,
        "address_commune": desk["ward"].pk,
        "address_street": "12 Trần Phú",
        "password1": "Binh-Nha-Trang-2026",
        "password2": "Binh-Nha-Trang-2026",
    }
    response = app.post("/api/v1/auth/register/", registration, format="json")
    assert response.status_code == 202, response.content
    assert response.json()["masked_phone"].endswith("21")

    code = sms_outbox.last_code("+84987654321")
    wrong = app.post("/api/v1/auth/register/confirm/",
                     {"username": "056201234567", "phone": "0987654321", "code": "000000"},
                     format="json")  # fmt: skip
    assert wrong.status_code == 400
    assert wrong["Content-Type"] == "application/problem+json"
    assert "Mã xác thực không đúng" in wrong.json()["errors"]["code"][0]
    confirmed = app.post("/api/v1/auth/register/confirm/",
                         {"username": "056201234567", "phone": "0987654321", "code": code},
                         format="json")  # fmt: skip
    assert confirmed.status_code == 200, confirmed.content
    assert confirmed.json()["account"]["full_name"] == "Trần Văn Bình"

    # A second device logs in by phone number.
    login = app.post("/api/v1/auth/login/",
                     {"login": "0987654321", "password": "Binh-Nha-Trang-2026"}, format="json")  # fmt: skip
    assert login.status_code == 200, login.content
    app.credentials(HTTP_AUTHORIZATION=f"Token {login.json()['token']}")

    key = str(uuid.uuid4())
    sent = app.post(
        "/api/v1/me/reports/",
        {
            "title": "Đèn đường hỏng trên đường Trần Phú",
            "content": "Ba cột đèn trước số 12 Trần Phú không sáng từ tuần trước.",
            "kind": "report",
            "citizen_category": desk["lighting"].pk,
            "address_province": desk["province"].pk,
            "address_commune": desk["ward"].pk,
            "address": "12 Trần Phú",
            "attachments": [_photo_with_position()],
        },
        format="multipart",
        HTTP_IDEMPOTENCY_KEY=key,
    )
    assert sent.status_code == 201, sent.content
    code = sent.json()["code"]
    assert code and sent.json()["status"] == ReportStatus.SUBMITTED
    report = Report.objects.get(code=code)
    assert report.channel == ReportChannel.APP
    photo = Attachment.objects.get(report=report)
    assert photo.kind == "photo"
    with Image.open(photo.public_file.open("rb")) as public_copy:
        assert not public_copy.getexif(), "the copy others see keeps no EXIF"

    coordinator = token_client(desk["coordinator"])
    inbox = coordinator.get("/api/v1/desk/inbox/").json()
    assert inbox["tab"] == "cho-chuyen-xu-ly"
    assert code in [row["code"] for row in inbox["results"]]
    forwarded = coordinator.post(
        f"/api/v1/reports/{code}/actions/forward/",
        {"expected_status": "submitted", "unit": desk["unit_a"].pk,
         "note": "Đề nghị Sở Xây dựng kiểm tra."},
        format="json",
    )  # fmt: skip
    assert forwarded.status_code == 200, forwarded.content
    assert forwarded.json()["status"] == ReportStatus.ASSIGNED

    handler = token_client(desk["handler_a"])
    assert handler.post(f"/api/v1/reports/{code}/actions/accept/", {},
                        format="json").status_code == 200  # fmt: skip
    drafted = handler.post(
        f"/api/v1/reports/{code}/actions/submit_answer/",
        {"expected_status": "in_progress",
         "content": "Phường đã thay bóng đèn ba cột đèn trước số 12 Trần Phú."},
        format="json",
    )  # fmt: skip
    assert drafted.status_code == 200, drafted.content
    leader = token_client(desk["leader_a"])
    approved = leader.post(f"/api/v1/reports/{code}/actions/approve_answer/",
                           {"expected_status": "pending_approval"}, format="json")  # fmt: skip
    assert approved.status_code == 200, approved.content
    assert approved.json()["status"] == ReportStatus.ANSWERED

    detail = app.get(f"/api/v1/me/reports/{code}/").json()
    assert detail["status"] == ReportStatus.ANSWERED
    assert detail["answers"][0]["content"].startswith("Phường đã thay bóng đèn")
    assert detail["can_rate"] is True
    actions = [event["action"] for event in detail["timeline"]]
    assert actions[0] == "submit" and "approve_answer" in actions
    assert "submit_answer" not in actions, "internal events stay on the desk"
    rated = app.put(f"/api/v1/me/reports/{code}/rating/",
                    {"value": "satisfied", "comment": "Đèn đã sáng."}, format="json")  # fmt: skip
    assert rated.status_code == 200, rated.content
    assert rated.json()["rating"]["value"] == "satisfied"

    # The same report on the pages: the citizen's list and page, the unit's desk.
    browser = Client()
    browser.force_login(report.reporter)
    assert code in browser.get("/phan-anh-cua-toi/").content.decode()
    page = browser.get(f"/phan-anh-cua-toi/{code}/")
    assert page.status_code == 200
    assert "Phường đã thay bóng đèn" in page.content.decode()
    officer = Client()
    officer.force_login(desk["leader_a"])
    assert (
        "Đèn đường hỏng trên đường Trần Phú"
        in officer.get(f"/can-bo/phan-anh/{code}/").content.decode()
    )
