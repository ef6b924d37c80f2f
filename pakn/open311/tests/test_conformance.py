"""Open311 GeoReport v2 at /open311/v2/: every resource in JSON and XML, every error the
specification names (400, 403, 404 as a list of {code, description}), the date window, the
status filter, paging, and a request sent with POST then read back with GET."""

import datetime
import json
import re
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pakn.open311.models import AttributeType, ServiceAttribute, Submission
from pakn.open311.services import api_key_create
from pakn.reports.models import Event, Report, ReportChannel, ReportStatus
from pakn.reports.tests.public_reports import public_photo, published_report
from pakn.reports.workflow import report_apply

pytestmark = pytest.mark.django_db
BASE = "/open311/v2"
W3C = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d")
REQUEST_FIELDS = {
    "service_request_id", "status", "status_notes", "service_name", "service_code",
    "description", "agency_responsible", "service_notice", "requested_datetime",
    "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat",
    "long", "media_url",
}  # fmt: skip


def xml(response) -> ElementTree.Element:
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    return ElementTree.fromstring(response.content)  # noqa: S314 (our own answer)


def as_json(response):
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.content.decode("utf-8"))


def errors_json(response, status):
    assert response.status_code == status
    body = as_json(response)
    assert isinstance(body, list) and body
    assert all(set(e) == {"code", "description"} and e["code"] == status for e in body)
    return [e["description"] for e in body]


def errors_xml(response, status):
    assert response.status_code == status
    root = xml(response)
    assert root.tag == "errors"
    assert [e.findtext("code") for e in root.findall("error")] == [str(status)] * len(root)
    return [e.findtext("description") for e in root.findall("error")]


def post(client, fmt="json", **fields):
    return client.post(f"{BASE}/requests.{fmt}", fields)


def valid_fields(province, api_key, **overrides):
    fields = {
        "api_key": api_key,
        "service_code": province["potholes"].code,
        "lat": "12.2388",
        "long": "109.1967",
        "description": "Ổ gà lớn trước số 5 Trần Phú, xe máy dễ ngã.",
    }
    fields.update(overrides)
    return {k: v for k, v in fields.items() if v is not None}


# --- Discovery and services ------------------------------------------------------------------


def test_discovery_in_both_formats(client):
    data = as_json(client.get(f"{BASE}/discovery.json"))
    assert W3C.fullmatch(data["changeset"])
    (endpoint,) = data["endpoints"]
    assert endpoint["url"] == "http://testserver/open311/v2/"
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["formats"] == ["text/xml", "application/json"]

    root = xml(client.get(f"{BASE}/discovery.xml"))
    assert root.tag == "discovery"
    endpoint = root.find("endpoints/endpoint")
    assert endpoint.findtext("url") == "http://testserver/open311/v2/"
    assert [f.text for f in endpoint.findall("formats/format")] == ["text/xml", "application/json"]


def test_services_lists_sectors_and_sub_sectors_in_both_formats(client, province):
    services = as_json(client.get(f"{BASE}/services.json"))
    by_code = {s["service_code"]: s for s in services}
    assert by_code["o311-giao-thong"] == {
        "service_code": "o311-giao-thong",
        "service_name": "Giao thông đô thị",
        "description": "Giao thông đô thị",
        "metadata": False,
        "type": "realtime",
        "keywords": "giao thong do thi",
        "group": "Giao thông đô thị",
    }
    pothole = by_code["o311-o-ga"]
    assert pothole["group"] == "Giao thông đô thị"
    assert pothole["description"] == "Giao thông đô thị › Ổ gà, hư hỏng mặt đường"
    assert pothole["keywords"] == "giao thong do thi, o ga, hu hong mat duong"
    codes = [s["service_code"] for s in services]
    assert codes.index("o311-o-ga") == codes.index("o311-giao-thong") + 1

    root = xml(client.get(f"{BASE}/services.xml"))
    assert root.tag == "services"
    service = next(s for s in root.findall("service") if s.findtext("service_code") == "o311-o-ga")
    assert service.findtext("service_name") == "Ổ gà, hư hỏng mặt đường"
    assert service.findtext("metadata") == "false"
    assert service.findtext("group") == "Giao thông đô thị"


def test_an_inactive_sector_is_not_a_service(client, province):
    province["potholes"].is_active = False
    province["potholes"].save()
    codes = [s["service_code"] for s in as_json(client.get(f"{BASE}/services.json"))]
    assert "o311-o-ga" not in codes and "o311-giao-thong" in codes
    errors_json(client.get(f"{BASE}/services/o311-o-ga.json"), 404)


def test_service_definition_in_both_formats_and_404(client, province):
    assert as_json(client.get(f"{BASE}/services/o311-o-ga.json")) == {
        "service_code": "o311-o-ga",
        "attributes": [],
    }
    root = xml(client.get(f"{BASE}/services/o311-o-ga.xml"))
    assert root.tag == "service_definition"
    assert root.findtext("service_code") == "o311-o-ga"
    assert list(root.find("attributes")) == []

    assert errors_json(client.get(f"{BASE}/services/khong-co.json"), 404) == [
        "Không có lĩnh vực với service_code này."
    ]
    errors_xml(client.get(f"{BASE}/services/khong-co.xml"), 404)


@pytest.fixture
def questions(province):
    """The pothole sub-sector asks two questions: its size (required, one choice) and the
    house numbers nearby (several numbers allowed, optional)."""
    size = ServiceAttribute.objects.create(
        category=province["potholes"], code="kich_thuoc", description="Kích thước ổ gà",
        datatype=AttributeType.SINGLE, required=True, order=1,
        values=[{"key": "nho", "name": "Nhỏ hơn 30 cm"}, {"key": "lon", "name": "Từ 30 cm trở lên"}],
    )  # fmt: skip
    depth = ServiceAttribute.objects.create(
        category=province["potholes"], code="do_sau", description="Độ sâu (cm)",
        datatype=AttributeType.NUMBER, order=2, datatype_description="Số xăng-ti-mét",
    )  # fmt: skip
    lanes = ServiceAttribute.objects.create(
        category=province["potholes"], code="lan_duong", description="Làn đường bị ảnh hưởng",
        datatype=AttributeType.MULTIPLE, order=3,
        values=[{"key": "trai", "name": "Làn trái"}, {"key": "phai", "name": "Làn phải"}],
    )  # fmt: skip
    return size, depth, lanes


def test_a_sector_that_asks_questions_has_a_definition(client, province, questions):
    services = {s["service_code"]: s for s in as_json(client.get(f"{BASE}/services.json"))}
    assert services["o311-o-ga"]["metadata"] is True
    assert services["o311-giao-thong"]["metadata"] is False
    definition = as_json(client.get(f"{BASE}/services/o311-o-ga.json"))
    assert definition["service_code"] == "o311-o-ga"
    assert definition["attributes"][0] == {
        "variable": True,
        "code": "kich_thuoc",
        "datatype": "singlevaluelist",
        "required": True,
        "datatype_description": None,
        "order": 1,
        "description": "Kích thước ổ gà",
        "values": [
            {"key": "nho", "name": "Nhỏ hơn 30 cm"},
            {"key": "lon", "name": "Từ 30 cm trở lên"},
        ],
    }
    assert [a["code"] for a in definition["attributes"]] == ["kich_thuoc", "do_sau", "lan_duong"]
    root = xml(client.get(f"{BASE}/services/o311-o-ga.xml"))
    first = root.find("attributes/attribute")
    assert first.findtext("code") == "kich_thuoc"
    assert first.findtext("required") == "true"
    assert [v.findtext("key") for v in first.findall("values/value")] == ["nho", "lon"]
    assert xml(client.get(f"{BASE}/services.xml")).find(
        "service[service_code='o311-o-ga']/metadata").text == "true"  # fmt: skip


def test_answers_to_a_sectors_questions_reach_the_officers(client, province, partner, questions):
    fields = valid_fields(province, partner[1], **{
        "attribute[kich_thuoc]": "lon", "attribute[do_sau]": "12,5",
        "attribute[lan_duong][]": ["trai", "phai"]})  # fmt: skip
    response = post(client, **fields)
    assert response.status_code == 201, response.content
    report = Report.objects.get(code=as_json(response)[0]["service_request_id"])
    assert "- Kích thước ổ gà: Từ 30 cm trở lên" in report.content
    assert "- Độ sâu (cm): 12.5" in report.content
    assert "- Làn đường bị ảnh hưởng: Làn trái, Làn phải" in report.content
    assert report.open311.attributes == {"kich_thuoc": "lon", "do_sau": "12,5",
                                         "lan_duong": ["trai", "phai"]}  # fmt: skip


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({}, "attribute[kich_thuoc]: Vui lòng trả lời: Kích thước ổ gà"),
        ({"attribute[kich_thuoc]": "rat-lon"}, "attribute[kich_thuoc]: Giá trị không có"),
        ({"attribute[kich_thuoc][]": ["nho", "lon"]}, "attribute[kich_thuoc]: Chỉ được chọn một"),
        ({"attribute[kich_thuoc]": "nho", "attribute[do_sau]": "NaN"}, "attribute[do_sau]: "),
        ({"attribute[kich_thuoc]": "nho", "attribute[lan_duong][]": ["giua"]},
         "attribute[lan_duong]: Giá trị không có"),
    ],
)  # fmt: skip
def test_a_wrong_answer_to_a_question_is_400(client, province, partner, questions, answers,
                                             message):  # fmt: skip
    descriptions = errors_json(post(client, **valid_fields(province, partner[1], **answers)), 400)
    assert any(d.startswith(message) for d in descriptions), descriptions
    errors_xml(post(client, "xml", **valid_fields(province, partner[1], **answers)), 400)
    assert not Report.objects.exists()


def test_jurisdiction_id_is_accepted(client, province):
    response = client.get(f"{BASE}/services.json", {"jurisdiction_id": "khanhhoa.gov.vn"})
    assert response.status_code == 200
    assert "o311-o-ga" in response.content.decode()


def test_an_unknown_resource_is_a_404_in_the_format_asked(client):
    errors_json(client.get(f"{BASE}/khong-co.json"), 404)
    errors_xml(client.get(f"{BASE}/requests/abc/def.xml"), 404)
    errors_json(client.get(f"{BASE}/requests.csv"), 404)
    errors_json(client.get(f"{BASE}/discovery.%0A"), 404)  # a newline in the path


# --- POST requests → GET: the round trip -----------------------------------------------------


def test_a_request_goes_through_the_workflow_and_reads_back(client, province, partner):
    api_key, raw_key = partner
    response = post(
        client,
        **valid_fields(
            province,
            raw_key,
            address_string="5 Trần Phú, Nha Trang",
            address_id="22333",
            media_url="https://anh.example.vn/o-ga.jpg",
            jurisdiction_id="khanhhoa",
        ),  # fmt: skip
    )
    assert response.status_code == 201
    (answer,) = as_json(response)
    code, token = answer["service_request_id"], answer["token"]
    assert re.fullmatch(r"PAKN-\d{4}-\d{6}", code)

    # In the normal workflow: sent, waiting for the coordinating centre, channel open311.
    report = Report.objects.get(code=code)
    assert report.status == ReportStatus.SUBMITTED
    assert report.channel == ReportChannel.OPEN311
    assert report.coordinating_unit == province["centre"]
    assert report.reporter == api_key.account
    assert report.category == province["potholes"]
    assert report.commune == province["ward"]
    assert report.title == "Ổ gà lớn trước số 5 Trần Phú, xe máy dễ ngã."
    assert "https://anh.example.vn/o-ga.jpg" in report.content
    assert Event.objects.get(report=report).action == "submit"
    assert report.open311.media_url == "https://anh.example.vn/o-ga.jpg"

    # The token gives the id, in both formats.
    assert as_json(client.get(f"{BASE}/tokens/{token}.json")) == [
        {"service_request_id": code, "token": token}
    ]
    assert (
        xml(client.get(f"{BASE}/tokens/{token}.xml")).findtext("request/service_request_id") == code
    )

    # The partner reads its own request as it sent it; the public does not see it yet.
    (own,) = as_json(client.get(f"{BASE}/requests/{code}.json", {"api_key": raw_key}))
    assert set(own) == REQUEST_FIELDS
    assert own["service_request_id"] == code
    assert own["status"] == "open"
    assert own["status_notes"] == "Chờ tiếp nhận"
    assert own["service_code"] == "o311-o-ga"
    assert own["description"] == "Ổ gà lớn trước số 5 Trần Phú, xe máy dễ ngã."
    assert own["agency_responsible"] == "Trung tâm điều phối"
    assert own["address"] == "5 Trần Phú, Nha Trang"
    assert own["address_id"] == "22333"
    assert (own["lat"], own["long"]) == (12.2388, 109.1967)
    assert own["media_url"] == "https://anh.example.vn/o-ga.jpg"
    assert W3C.fullmatch(own["requested_datetime"]) and own["requested_datetime"].endswith("+07:00")
    errors_json(client.get(f"{BASE}/requests/{code}.json"), 404)
    assert code not in client.get(f"{BASE}/requests.json").content.decode()
    assert [r["service_request_id"] for r in as_json(
        client.get(f"{BASE}/requests.json", {"api_key": raw_key}))] == [code]  # fmt: skip

    # The officers answer; the coordinator publishes: the public reads it, closed.
    report_apply(report_id=report.pk, action="forward", actor=province["coordinator"],
                 unit_id=province["department"].pk)  # fmt: skip
    report_apply(report_id=report.pk, action="accept", actor=province["handler"])
    open_item = as_json(client.get(f"{BASE}/requests/{code}.json", {"api_key": raw_key}))[0]
    assert open_item["agency_responsible"] == "Sở Xây dựng"
    assert open_item["status_notes"] == "Đang xử lý"
    assert W3C.fullmatch(open_item["expected_datetime"])
    report_apply(report_id=report.pk, action="submit_answer", actor=province["handler"],
                 content="Đã vá ổ gà ngày 20/11.")  # fmt: skip
    report_apply(report_id=report.pk, action="approve_answer", actor=province["leader"])
    report_apply(report_id=report.pk, action="publish", actor=province["coordinator"],
                 public_title="Ổ gà trên đường Trần Phú",
                 public_content="Ổ gà trên đường Trần Phú, phường Nha Trang.")  # fmt: skip
    (public,) = as_json(client.get(f"{BASE}/requests/{code}.json"))
    assert public["status"] == "closed"
    assert public["status_notes"] == "Đã có kết quả"
    assert public["agency_responsible"] == "Sở Xây dựng"
    assert public["description"] == "Ổ gà trên đường Trần Phú, phường Nha Trang."
    assert public["address"] is None and public["media_url"] is None  # never the raw link
    root = xml(client.get(f"{BASE}/requests/{code}.xml"))
    assert root.tag == "service_requests"
    assert root.findtext("request/service_request_id") == code
    assert root.findtext("request/status") == "closed"
    assert root.findtext("request/zipcode") == ""


def test_post_answers_in_xml(client, province, partner):
    response = post(client, "xml", **valid_fields(province, partner[1]))
    assert response.status_code == 201
    root = xml(response)
    assert root.tag == "service_requests"
    code = root.findtext("request/service_request_id")
    assert Report.objects.filter(code=code, channel=ReportChannel.OPEN311).exists()
    assert root.findtext("request/token")


def test_the_same_idempotency_key_gives_the_same_request(client, province, partner):
    fields = valid_fields(province, partner[1])
    key = "4d7c2a9e-3f51-4c1b-9a77-0f3e5b1d2c11"
    first = client.post(f"{BASE}/requests.json", fields, HTTP_IDEMPOTENCY_KEY=key)
    again = client.post(f"{BASE}/requests.json", fields, HTTP_IDEMPOTENCY_KEY=key)
    assert first.status_code == again.status_code == 201
    assert as_json(first) == as_json(again)
    assert Report.objects.filter(channel=ReportChannel.OPEN311).count() == 1
    errors_json(client.post(f"{BASE}/requests.json", fields, HTTP_IDEMPOTENCY_KEY="abc"), 400)


def test_contacts_sent_with_a_request_never_show_in_any_answer(client, province, partner):
    api_key, raw_key = partner
    contacts = {"email": "bichngoc@example.vn", "phone": "0905123456", "first_name": "Bích",
                "last_name": "Ngọc Trần", "device_id": "thiet-bi-42", "account_id": "tk-77"}  # fmt: skip
    code = as_json(post(client, **valid_fields(province, raw_key, **contacts)))[0][
        "service_request_id"
    ]
    submission = Submission.objects.get(report__code=code)
    assert (submission.email, submission.phone, submission.last_name) == (
        "bichngoc@example.vn", "0905123456", "Ngọc Trần")  # fmt: skip
    report = Report.objects.get(code=code)
    for value in contacts.values():
        assert value not in report.title + report.content
    report.is_published, report.public_content = True, "Ổ gà trên đường Trần Phú."
    report.save()
    bodies = [
        client.get(f"{BASE}/requests.{fmt}", params).content.decode()
        for fmt in ("json", "xml")
        for params in ({}, {"api_key": raw_key}, {"service_request_id": code})
    ] + [client.get(f"{BASE}/requests/{code}.{fmt}").content.decode() for fmt in ("json", "xml")]
    assert all(code in body for body in bodies)
    for body in bodies:
        for value in contacts.values():
            assert value not in body


def test_media_url_is_kept_as_a_link_and_never_fetched(client, province, partner):
    """A real HTTP server on a local port counts the requests it receives: none."""
    import http.server
    import threading

    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/anh.jpg"
        response = post(client, **valid_fields(province, partner[1], media_url=url))
        assert response.status_code == 201
        assert Submission.objects.get(status_code=201).media_url == url
    finally:
        server.shutdown()
        server.server_close()
    assert hits == []


# --- POST errors -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_post_without_a_valid_api_key_is_403(client, province, partner, fmt):
    check = errors_json if fmt == "json" else errors_xml
    fields = valid_fields(province, None)
    assert "api_key" in check(post(client, fmt, **fields), 403)[0]
    check(post(client, fmt, **{**fields, "api_key": "khong-phai-khoa"}), 403)
    api_key, raw_key = partner
    api_key.is_active = False
    api_key.save()
    check(post(client, fmt, **{**fields, "api_key": raw_key}), 403)
    assert not Report.objects.exists() and not Submission.objects.exists()


BAD_POSTS = [
    ({"service_code": None}, "service_code: Thiếu service_code (lĩnh vực)."),
    ({"service_code": "khong-co"}, "service_code: Không có lĩnh vực với service_code này."),
    ({"lat": None, "long": None},
     "Cần vị trí: lat và long, hoặc address_string, hoặc address_id."),
    ({"long": None}, "lat: Vị trí chưa đầy đủ: cần cả lat và long."),
    ({"lat": "48.85", "long": "2.35"}, "lat: "),
    ({"lat": "NaN"}, "lat: "),
    ({"lat": None, "long": None, "address_id": "99999"}, "address_id: "),
    ({"description": None}, "description: Thiếu description (nội dung phản ánh)."),
    ({"description": "x" * 4001}, "description: "),
    ({"media_url": "ftp://anh.example.vn/a.jpg"}, "media_url: "),
    ({"email": "khong-phai-thu"}, "email: "),
]  # fmt: skip


@pytest.mark.parametrize(("changes", "message"), BAD_POSTS)
def test_a_bad_post_is_400_and_recorded(client, province, partner, changes, message):
    api_key, raw_key = partner
    fields = valid_fields(province, raw_key, **changes)
    descriptions = errors_json(post(client, **fields), 400)
    assert any(d.startswith(message) for d in descriptions), descriptions
    errors_xml(post(client, "xml", **fields), 400)
    assert not Report.objects.exists()
    record = Submission.objects.filter(api_key=api_key).first()
    assert record.status_code == 400 and record.report is None
    assert record.error.startswith(descriptions[0].split(":")[0])


def test_a_description_of_4000_characters_is_accepted(client, province, partner):
    response = post(client, **valid_fields(province, partner[1], description="ổ " * 2000))
    assert response.status_code == 201


def test_an_address_alone_is_enough(client, province, partner):
    fields = valid_fields(province, partner[1], lat=None, long=None, address_string="Chợ Đầm")
    assert post(client, **fields).status_code == 201


# --- GET requests: window, status, service, ids, paging ----------------------------------------


def _published(days_ago, **fields):
    return published_report("Ổ gà", "Ổ gà trên đường.", submitted_days_ago=days_ago, **fields)


def _codes(client, **params):
    return [r["service_request_id"] for r in as_json(client.get(f"{BASE}/requests.json", params))]


def test_by_default_the_last_90_days_newest_first(client, province):
    recent = _published(3)
    older = _published(80)
    _published(100)
    _published(5, published=False)
    assert _codes(client) == [recent.code, older.code]


def test_a_date_window_of_at_most_90_days(client, province):
    old = _published(100)
    recent = _published(3)
    now = timezone.localtime()
    start = (now - datetime.timedelta(days=120)).isoformat(timespec="seconds")
    end = (now - datetime.timedelta(days=40)).isoformat(timespec="seconds")
    assert _codes(client, start_date=start, end_date=end) == [old.code]
    assert _codes(client, start_date=start) == [old.code]  # start + 90 days
    assert _codes(client, end_date=end) == [old.code]  # end − 90 days
    utc = (now - datetime.timedelta(days=10)).astimezone(datetime.UTC)
    assert _codes(client, start_date=utc.strftime("%Y-%m-%dT%H:%M:%SZ")) == [recent.code]
    assert _codes(client, start_date=(now - datetime.timedelta(days=10)).date().isoformat()) == [
        recent.code
    ]

    too_wide = {
        "start_date": (now - datetime.timedelta(days=91)).isoformat(),
        "end_date": now.isoformat(),
    }
    assert errors_json(client.get(f"{BASE}/requests.json", too_wide), 400) == [
        "start_date và end_date cách nhau tối đa 90 ngày."
    ]
    errors_xml(client.get(f"{BASE}/requests.xml", too_wide), 400)
    backwards = {
        "start_date": now.isoformat(),
        "end_date": (now - datetime.timedelta(days=1)).isoformat(),
    }
    errors_json(client.get(f"{BASE}/requests.json", backwards), 400)
    for bad in ("hôm qua", "2026-13-45", "٢٠٢٦-٠١-٠١", "2026-01-01T25:00:00Z", "0001-01-01"):
        errors_json(client.get(f"{BASE}/requests.json", {"start_date": bad}), 400)


def test_status_filter(client, province):
    answered = _published(2, status=ReportStatus.ANSWERED)
    in_progress = _published(3, status=ReportStatus.IN_PROGRESS)
    rejected = _published(4, status=ReportStatus.REJECTED)
    assert _codes(client, status="open") == [in_progress.code]
    assert _codes(client, status="closed") == [answered.code, rejected.code]
    assert _codes(client, status="open,closed") == [answered.code, in_progress.code, rejected.code]
    assert errors_json(client.get(f"{BASE}/requests.json", {"status": "pending"}), 400) == [
        "status chỉ nhận open, closed hoặc open,closed."
    ]
    errors_xml(client.get(f"{BASE}/requests.xml", {"status": "open,done"}), 400)


def test_service_code_filter_includes_sub_sectors(client, province):
    pothole = _published(2, category=province["potholes"])
    road = _published(3, category=province["roads"])
    _published(4)
    assert _codes(client, service_code="o311-o-ga") == [pothole.code]
    assert _codes(client, service_code="o311-giao-thong") == [pothole.code, road.code]
    assert _codes(client, service_code="khong-co") == []


def test_service_request_ids_override_the_other_parameters(client, province):
    old = _published(200)
    recent = _published(2, status=ReportStatus.IN_PROGRESS)
    hidden = _published(3, published=False)
    ids = f"{old.code},{recent.code.lower()},{hidden.code},PAKN-1999-000001,rác"
    assert _codes(client, service_request_id=ids, status="closed") == [recent.code, old.code]
    root = xml(client.get(f"{BASE}/requests.xml", {"service_request_id": old.code}))
    assert [r.findtext("service_request_id") for r in root.findall("request")] == [old.code]


def test_get_one_request_is_a_list_of_one_or_404(client, province):
    report = _published(2)
    photo = public_photo(report)
    (item,) = as_json(client.get(f"{BASE}/requests/{report.code}.json"))
    assert set(item) == REQUEST_FIELDS
    assert item["media_url"] == f"http://testserver/phan-anh/{report.code}/anh/{photo.pk}/"
    assert item["description"] == "Ổ gà trên đường."
    assert "[bản gốc]" not in json.dumps(item, ensure_ascii=False)
    assert len(xml(client.get(f"{BASE}/requests/{report.code}.xml")).findall("request")) == 1
    hidden = _published(2, published=False)
    for code in (hidden.code, "PAKN-2026-999999", "khong-co"):
        errors_json(client.get(f"{BASE}/requests/{code}.json"), 404)
        errors_xml(client.get(f"{BASE}/requests/{code}.xml"), 404)
    errors_json(client.get(f"{BASE}/tokens/khong-phai-token.json"), 404)
    errors_xml(client.get(f"{BASE}/tokens/4d7c2a9e-3f51-4c1b-9a77-0f3e5b1d2c11.xml"), 404)


def test_a_wrong_api_key_on_a_read_is_403(client, province):
    errors_json(client.get(f"{BASE}/requests.json", {"api_key": "sai"}), 403)


def test_paging_and_the_1000_record_limit(client, province, django_assert_max_num_queries):
    reporter = api_key_create(name="Người gửi thử")[0].account
    now = timezone.now()
    Report.objects.bulk_create(
        Report(code=f"PAKN-2026-{800_000 + i:06d}", title="Ổ gà", content="Ổ gà.",
               reporter=reporter, status=ReportStatus.ANSWERED, is_published=True,
               public_content=f"Ổ gà số {i}", submitted_at=now - datetime.timedelta(minutes=i))
        for i in range(1005)
    )  # fmt: skip
    # Two reads (the reports, their first public photos) whatever the page size, plus the
    # public time limit's own statements on PostgreSQL.
    with CaptureQueriesContext(connection) as small:
        _codes(client, page_size=2)
    with django_assert_max_num_queries(len(small)):
        everything = _codes(client)
    assert len(small) <= 5
    assert len(everything) == 1000
    assert everything[0] == "PAKN-2026-800000"
    first = _codes(client, page_size=2)
    second = _codes(client, page_size=2, page=2)
    assert first == ["PAKN-2026-800000", "PAKN-2026-800001"]
    assert second == ["PAKN-2026-800002", "PAKN-2026-800003"]
    assert _codes(client, page_size=1000, page=2) == [
        f"PAKN-2026-{800_000 + i:06d}" for i in range(1000, 1005)
    ]
    assert _codes(client, page=99) == []
    for bad in ({"page_size": "0"}, {"page_size": "1001"}, {"page": "-1"}, {"page": "１"}):
        errors_json(client.get(f"{BASE}/requests.json", bad), 400)
