"""The REST API's common ground: errors as RFC 9457 problem documents in Vietnamese or
English, throttles that answer 429 with Retry-After on the login lockout's address, cursor
pages, and the OpenAPI description with Swagger UI and ReDoc from this site's own files."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from rest_framework.test import APIClient

from pakn.api.tests.conftest import token_client
from pakn.api.v1.problems import workflow_problem
from pakn.backoffice.tests.desk_setup import submitted_report
from pakn.reports.refusals import action_refusal
from pakn.reports.tests.factories import ReportFactory
from pakn.reports.workflow import StaleReport, TransitionNotAllowed, WorkflowError

pytestmark = pytest.mark.django_db


def test_errors_are_problem_documents_in_vietnamese_or_english(desk):
    app = APIClient()
    response = app.get("/api/v1/me/reports/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 401 and body["title"] == "Chưa đăng nhập"
    assert body["type"] == "urn:pakn:problem:not-authenticated"
    assert body["detail"]

    assert body["detail"].startswith("Vui lòng đăng nhập")

    citizen = token_client(desk["reporter"])
    refused = citizen.post(
        "/api/v1/me/reports/", {"title": "", "content": "x" * 10_001}, format="json",
        HTTP_IDEMPOTENCY_KEY="k-1",
    )  # fmt: skip
    assert refused.status_code == 400
    problem = refused.json()
    assert problem["type"] == "urn:pakn:problem:invalid-input"
    assert problem["errors"]["title"] == ["Vui lòng nhập tiêu đề."]
    assert problem["errors"]["content"][0].startswith("Nội dung tối đa 10000 ký tự")
    # The same refusal for an English-speaking app, from the English catalogue.
    english = citizen.post(
        "/api/v1/me/reports/", {"title": "", "content": "Nội dung"}, format="json",
        HTTP_IDEMPOTENCY_KEY="k-2", HTTP_ACCEPT_LANGUAGE="en",
    )  # fmt: skip
    assert english["Content-Language"] == "en"
    assert english.json()["errors"]["title"] == ["Please enter a title."]
    wrong = APIClient().post("/api/v1/auth/login/", {"login": "056090000001", "password": "sai"},
                             format="json", HTTP_ACCEPT_LANGUAGE="en")  # fmt: skip
    assert wrong.json()["detail"] == "The username or password is not correct."

    missing = citizen.get("/api/v1/khong-co/")
    assert missing.status_code == 404
    assert missing["Content-Type"] == "application/problem+json"


def test_a_throttled_address_is_told_when_to_come_back(desk, settings):
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "sign_in": "2/minute"}
    app = APIClient(REMOTE_ADDR="203.0.113.7")
    for _ in range(2):
        assert app.post("/api/v1/auth/login/", {"login": "x", "password": "y"},
                        format="json").status_code == 400  # fmt: skip
    third = app.post("/api/v1/auth/login/", {"login": "x", "password": "y"}, format="json")
    assert third.status_code == 429
    assert 1 <= int(third["Retry-After"]) <= 60
    assert third.json()["type"] == "urn:pakn:problem:throttled"
    assert "thử lại sau" in third.json()["detail"]
    # Another address is not held back by this one's count.
    other = APIClient(REMOTE_ADDR="203.0.113.8")
    assert other.post("/api/v1/auth/login/", {"login": "x", "password": "y"},
                      format="json").status_code == 400  # fmt: skip


def test_the_address_is_the_one_the_lockout_counts(desk, settings):
    """Behind a trusted proxy the last X-Forwarded-For hop is the client: a forged first hop
    does not open a fresh count (pakn.core.http.client_ip)."""
    settings.TRUST_X_FORWARDED_FOR = True
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "sign_in": "1/minute"}
    app = APIClient(REMOTE_ADDR="10.0.0.1")
    first = app.post("/api/v1/auth/login/", {"login": "x", "password": "y"}, format="json",
                     HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.9")  # fmt: skip
    assert first.status_code == 400
    forged = app.post("/api/v1/auth/login/", {"login": "x", "password": "y"}, format="json",
                      HTTP_X_FORWARDED_FOR="2.2.2.2, 198.51.100.9")  # fmt: skip
    assert forged.status_code == 429


def test_lists_page_by_cursor(desk):
    for number in range(5):
        ReportFactory(reporter=desk["reporter"], title=f"Phản ánh {number}")
    citizen = token_client(desk["reporter"])
    first = citizen.get("/api/v1/me/reports/", {"page_size": 2}).json()
    assert [r["title"] for r in first["results"]] == ["Phản ánh 4", "Phản ánh 3"]
    assert "cursor=" in first["next"]
    second = citizen.get(first["next"]).json()
    assert [r["title"] for r in second["results"]] == ["Phản ánh 2", "Phản ánh 1"]
    bad = citizen.get("/api/v1/me/reports/", {"cursor": "không-phải-con-trỏ"})
    assert bad.status_code == 400 and "cursor" in bad.json()["errors"]
    assert citizen.get("/api/v1/me/reports/", {"page_size": "٣"}).status_code == 400


def test_the_description_and_its_pages_come_from_this_site(desk):
    schema = Client().get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert schema.status_code == 200
    document = schema.json()
    assert document["openapi"].startswith("3.")
    assert "/api/v1/reports/{code}/actions/{action}/" in document["paths"]
    assert "/api/v1/public/reports/" in document["paths"], "the existing URLs stay"
    login = document["paths"]["/api/v1/auth/login/"]["post"]
    assert login["summary"].startswith("Đăng nhập")
    assert "429" in login["responses"]
    for page in ("/api/v1/docs/", "/api/v1/redoc/"):
        response = Client().get(page)
        assert response.status_code == 200
        html = response.content.decode()
        sources = re.findall(r'<script[^>]+src="([^"]+)"', html)
        assert sources, page
        assert all(src.startswith("/") and not src.startswith("//") for src in sources), sources
        assert "<script>" not in html, "no inline script: the CSP allows only files"
    start_up = Client().get("/api/v1/docs/?script=")
    assert start_up.status_code == 200 and "SwaggerUIBundle" in start_up.content.decode()
    assert Client().get("/api/schema/").status_code == 200, "the old address still answers"


def test_an_officers_report_for_another_unit_is_not_found(desk):
    report = submitted_report(desk)
    outsider = token_client(desk["handler_b"])
    assert outsider.get(f"/api/v1/desk/reports/{report.code}/").status_code == 404


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (StaleReport("Phản ánh này vừa được người khác xử lý."), "report-moved-on"),
        (TransitionNotAllowed("Không thể thực hiện thao tác này."), "action-not-allowed-now"),
        (WorkflowError("Vui lòng nêu lý do."), "refused"),
        (PermissionDenied("close not allowed for roles ['handler']"), "forbidden"),
    ],
)
def test_the_api_refuses_an_action_as_the_pages_do(error, kind):
    """Status and text come from the pages' one helper; the API only adds its kind."""
    refusal = action_refusal(error)

    problem = workflow_problem(error)

    assert (problem.status_code, problem.kind) == (refusal.status, kind)
    assert str(problem.detail) == refusal.detail
    assert "roles" not in str(problem.detail)
