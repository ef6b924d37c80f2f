"""Malformed numbers from issue 11, point 6, each where it was found: a clear refusal (a form
error with what was typed kept, or a 400 with a Vietnamese message), never a 500, and never a
"٣" read as 3. Every case here was a 500, or was silently taken as a number, before numbers were
parsed in one place (pakn.core.typed_input)."""

import json

import pytest
from django.test import Client
from django.views import defaults

from pakn.accounts.tests.factories import UserFactory
from pakn.organisations.models import AdministrativeArea, AreaLevel
from pakn.portal.models import Announcement
from pakn.reports.models import Report
from pakn.reports.tests.test_citizen_pages import report_data

pytestmark = pytest.mark.django_db

OVER_LONG = "99999999999999999999999"
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def foreign_digits(number) -> str:
    """The same number in Arabic-Indic digits, which Python's int() reads as ASCII ones."""
    return str(number).translate(ARABIC_INDIC)


@pytest.fixture
def areas():
    province = AdministrativeArea.objects.create(
        code="56", level=AreaLevel.PROVINCE, name="Tỉnh Khánh Hòa", division_type="tỉnh",
        codename="khanh_hoa",
    )  # fmt: skip
    commune = AdministrativeArea.objects.create(
        code="22333", level=AreaLevel.COMMUNE, name="Phường Nha Trang", division_type="phường",
        codename="nha_trang", parent=province,
    )  # fmt: skip
    return province, commune


def anonymous():
    return Client(raise_request_exception=False)


def signed_in(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


# --- The public API: 400 with a JSON message ----------------------------------------------------

BBOX = "109.0,12.0,109.5,12.5"
API_CASES = [
    ("/api/v1/public/reports/", {"page": "²"}, "page"),
    ("/api/v1/public/reports/", {"page": "①"}, "page"),
    ("/api/v1/public/reports/", {"page": "٣"}, "page"),
    ("/api/v1/public/reports/", {"page": "１"}, "page"),
    ("/api/v1/public/reports/", {"page": OVER_LONG}, "page"),
    ("/api/v1/public/reports/", {"page": "0"}, "page"),
    ("/api/v1/public/reports/", {"page": "-1"}, "page"),
    ("/api/v1/public/reports/", {"page": "last"}, "page"),
    ("/api/v1/public/reports/", {"page": ""}, "page"),
    ("/api/v1/public/reports/", {"page": "NaN"}, "page"),
    ("/api/v1/public/reports/", {"page_size": "²"}, "page_size"),
    ("/api/v1/public/reports/", {"page_size": "①"}, "page_size"),
    ("/api/v1/public/reports/", {"page_size": "٣"}, "page_size"),
    ("/api/v1/public/reports/", {"page_size": OVER_LONG}, "page_size"),
    ("/api/v1/public/reports/", {"page_size": "0"}, "page_size"),
    ("/api/v1/public/map/", {"bbox": BBOX, "zoom": "²"}, "zoom"),
    ("/api/v1/public/map/", {"bbox": BBOX, "zoom": "①"}, "zoom"),
    ("/api/v1/public/map/", {"bbox": BBOX, "zoom": "٣"}, "zoom"),
    ("/api/v1/public/map/", {"bbox": BBOX, "zoom": OVER_LONG}, "zoom"),
    ("/api/v1/public/map/", {"bbox": BBOX, "zoom": "-1"}, "zoom"),
    ("/api/v1/public/map/", {"bbox": BBOX, "zoom": "NaN"}, "zoom"),
    ("/api/v1/public/map/", {"bbox": "NaN,12,109.5,12.5", "zoom": "10"}, "bbox"),
    ("/api/v1/public/map/", {"bbox": "109,12,Infinity,12.5", "zoom": "10"}, "bbox"),
    ("/api/v1/public/map/", {"bbox": "109,12,1e999,12.5", "zoom": "10"}, "bbox"),
    ("/api/v1/public/map/", {"bbox": "١٠٩,12,109.5,12.5", "zoom": "10"}, "bbox"),
    ("/api/v1/public/map/", {"bbox": f"{OVER_LONG},12,109.5,12.5", "zoom": "10"}, "bbox"),
    ("/api/v1/public/reports/", {"sector": "٣"}, "sector"),
    ("/api/v1/public/reports/", {"date_from": "٢٠٢٦-٠١-٠١"}, "date_from"),
    ("/api/v1/public/reports/", {"date_to": "0001-01-01"}, "date_to"),
]


@pytest.mark.parametrize(("url", "query", "parameter"), API_CASES)
def test_the_api_answers_400_in_json_naming_the_parameter(url, query, parameter):
    response = anonymous().get(url, query)

    assert response.status_code == 400, response.content[:300]
    # RFC 9457 problem details (pakn/api/v1/problems.py), JSON all the same.
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert parameter in body.get("errors", {})
    assert "không hợp lệ" in body["detail"]


# --- The communes of a province (the address selects' script) -------------------------------


@pytest.mark.parametrize("province", ["²", "①", "٣", OVER_LONG, "-1", "0", "NaN", ""])
def test_the_communes_lookup_refuses_a_bad_province_in_json(areas, province):
    response = anonymous().get("/dia-ban/xa-phuong/", {"tinh": province})

    assert response.status_code == 400
    assert response.json() == {"error": "Thiếu mã tỉnh, thành phố."}


def test_the_communes_lookup_does_not_read_foreign_digits_as_the_province(areas):
    province, _commune = areas

    assert anonymous().get("/dia-ban/xa-phuong/", {"tinh": province.pk}).status_code == 200
    assert anonymous().get("/dia-ban/xa-phuong/", {"tinh": foreign_digits(province.pk)}).status_code == 400  # fmt: skip


# --- Forms: an error under the field and everything typed kept -------------------------------


@pytest.mark.parametrize("url", ["/dang-ky/", "/dang-ky/to-chuc/"])
@pytest.mark.parametrize("value", ["²", "①", "٣", OVER_LONG, "NaN", "-0"])
def test_registration_refuses_a_bad_address_and_keeps_what_was_typed(areas, url, value):
    response = anonymous().post(
        url,
        {
            "full_name": "Nguyễn Văn An",
            "address_province": value,
            "address_commune": value,
            "address_street": "12 Trần Phú",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Nguyễn Văn An" in html and "12 Trần Phú" in html
    assert "field--error" in html


@pytest.mark.parametrize("value", ["²", "①", OVER_LONG, "NaN"])
def test_the_profile_refuses_a_bad_address_and_keeps_what_was_typed(areas, value):
    citizen = UserFactory(full_name="Trần Thị Bình")
    response = signed_in(citizen).post(
        "/tai-khoan/",
        {"full_name": "Trần Thị Bích", "address_province": value, "address_commune": value},
    )

    assert response.status_code == 200
    assert "Trần Thị Bích" in response.content.decode()
    citizen.refresh_from_db()
    assert citizen.full_name == "Trần Thị Bình"


def test_the_profile_does_not_read_foreign_digits_as_an_address(areas):
    province, commune = areas
    citizen = UserFactory(full_name="Trần Thị Bình")
    response = signed_in(citizen).post(
        "/tai-khoan/",
        {
            "full_name": "Trần Thị Bích",
            "address_province": foreign_digits(province.pk),
            "address_commune": foreign_digits(commune.pk),
        },
    )

    assert response.status_code == 200
    citizen.refresh_from_db()
    assert citizen.address_commune_id is None


SEND_CASES = [
    {"address_province": "²"},
    {"address_province": "①"},
    {"address_province": OVER_LONG},
    {"address_commune": "²"},
    {"citizen_category": "²"},
    {"citizen_category": OVER_LONG},
    {"latitude": "NaN", "longitude": "NaN"},
    {"latitude": "nan", "longitude": "109.196749"},
    {"latitude": "Infinity", "longitude": "-Infinity"},
    {"latitude": "1e999", "longitude": "109.196749"},
    {"latitude": "١٢.٢٣٨٧٩١", "longitude": "109.196749"},
    {"latitude": OVER_LONG, "longitude": OVER_LONG},
]


@pytest.mark.parametrize("overrides", SEND_CASES)
def test_the_send_form_refuses_a_bad_number_and_keeps_what_was_typed(org, overrides):  # noqa: F811
    client = signed_in(org["reporter"])
    response = client.post("/gui-phan-anh/", report_data(client, **overrides))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Đèn đường hỏng trước nhà số 12 Trần Phú" in html
    assert "field--error" in html
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    "position",
    [
        {"latitude": "NaN", "longitude": "NaN"},
        {"latitude": "Infinity", "longitude": "109.2"},
        {"latitude": "12.2", "longitude": "-inf"},
        {"latitude": "١٢", "longitude": "١٠٩"},
        {"latitude": OVER_LONG, "longitude": "109.2"},
    ],
)
def test_the_automatic_draft_refuses_a_bad_position_in_json(org, position):  # noqa: F811
    client = signed_in(org["reporter"])
    response = client.post(
        "/gui-phan-anh/luu-nhap/",
        {"idempotency_key": "5d1c5b8e-3f57-4d55-9a3c-0c3f2f9b9a11", "title": "Ổ gà", **position},
    )

    assert response.status_code == 400
    body = json.loads(response.content)
    assert body["message"].startswith("Chưa lưu được bản nháp")
    assert {"latitude", "longitude"} & set(body["errors"])
    assert not Report.objects.exists()


# --- Lists: a bad page number shows the first page; bad filter values are refused -----------


def test_a_page_number_in_foreign_digits_shows_the_first_page():
    for number in range(13):  # 12 a page
        Announcement.objects.create(title=f"Thông báo số {number}", slug=f"thong-bao-{number}",
                                    body="Nội dung")  # fmt: skip

    second = anonymous().get("/tin-tuc/", {"trang": "2"}).content.decode()
    foreign = anonymous().get("/tin-tuc/", {"trang": "٢"}).content.decode()

    assert second.count("Thông báo số") == 1
    assert foreign.count("Thông báo số") == 12


# Guards rather than regressions: Django's paginator already showed the first page for "²";
# dates out of any period (year 1 to 9999) were a 500 on the statistics page.
LIST_CASES = [
    ("anonymous", "/tra-cuu/", {"trang": "²"}),
    ("anonymous", "/tra-cuu/", {"sector": "٣", "date_from": "0001-01-01"}),
    ("anonymous", "/tra-cuu/", {"date_to": "9999-12-31"}),
    ("anonymous", "/thong-ke/", {"date_from": "0001-01-01", "date_to": "9999-12-31"}),
    ("anonymous", "/thong-ke/", {"sector": OVER_LONG, "commune": "²", "unit": "①"}),
    ("anonymous", "/ban-do/", {"trang": "²", "sector": OVER_LONG}),
    ("anonymous", "/tin-tuc/", {"trang": OVER_LONG}),
    ("citizen", "/phan-anh-cua-toi/", {"trang": "①", "date_from": "0001-01-01"}),
    ("citizen", "/thong-bao/", {"trang": "last"}),
    ("officer", "/can-bo/phan-anh/", {"trang": "²", "category": OVER_LONG, "unit": "٣"}),
    ("officer", "/can-bo/phan-anh/", {"date_from": "0001-01-01", "date_to": "9999-12-31"}),
    ("officer", "/can-bo/bang-dieu-khien/", {"date_from": "0001-01-01", "sector": "²"}),
]


@pytest.mark.parametrize(("who", "url", "query"), LIST_CASES)
def test_lists_answer_bad_filters_without_a_server_error(org, who, url, query):  # noqa: F811
    client = {
        "anonymous": anonymous(),
        "citizen": signed_in(org["reporter"]),
        "officer": signed_in(org["coordinator"]),
    }[who]

    response = client.get(url, query)

    assert response.status_code in (200, 400), response.status_code


# --- Django's own error pages ----------------------------------------------------------------


def test_an_unknown_address_gets_a_vietnamese_404_page():
    response = anonymous().get("/khong-co-trang-nay/")

    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_a_server_error_gets_a_vietnamese_500_page(rf):
    response = defaults.server_error(rf.get("/"))

    assert response.status_code == 500
    assert "Hệ thống đang gặp sự cố" in response.content.decode()


def test_a_bad_request_gets_a_vietnamese_400_page(rf):
    response = defaults.bad_request(rf.get("/"), exception=None)

    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()
