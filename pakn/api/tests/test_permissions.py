"""The API reaches nothing the pages cannot: each role of unit A (and the province's
coordinator), on reports of unit B, of A's sub-unit, of A itself and still with the
coordinator, tries every workflow action through the desk's page and through the API; both
doors must give the same outcome (hidden, forbidden, refused for the state, refused input,
or done). Each try is rolled back, so every one starts from the same report. The desk's own
matrix is pakn/backoffice/tests/test_desk_permissions.py."""

import pytest
from django.db import transaction
from django.test import Client

from pakn.api.tests.conftest import token_client
from pakn.backoffice.desk.forms import ACTION_FORMS
from pakn.backoffice.tests.desk_setup import action_url, desk_url, report_at, submitted_report
from pakn.reports.workflow import report_apply

pytestmark = pytest.mark.django_db

OFFICERS = [
    "coordinator_a", "operator_a", "handler_a", "leader_a", "unit_admin_a", "coordinator",
]  # fmt: skip
PAGE_OUTCOME = {302: "done", 400: "refused", 403: "forbidden", 404: "hidden", 409: "state"}


def _api_outcome(response) -> str:
    if response.status_code == 200:
        return "done"
    # The same codes as the pages (pakn.reports.refusals): 409 the report moved on, 400 an
    # action its state does not allow or input refused, 403 a role that may not act.
    return {400: "refused", 403: "forbidden", 404: "hidden", 409: "state"}.get(
        response.status_code, "?"
    )


def _reports(desk) -> dict:
    waiting_approval = report_at(desk, "unit_a")
    report_apply(report_id=waiting_approval.pk, action="submit_answer",
                 actor=desk["handler_a"], content="Đã thay bóng đèn.")  # fmt: skip
    return {
        "submitted": submitted_report(desk),
        "unit_a_pending_approval": waiting_approval,
        "unit_b_assigned": report_at(desk, "unit_b", accepted=False),
        "unit_b_in_progress": report_at(desk, "unit_b"),
        "sub_unit_in_progress": report_at(desk, "sub_unit"),
    }


def _rolled_back(send):
    with transaction.atomic():
        response = send()
        transaction.set_rollback(True)
    return response


@pytest.mark.parametrize("officer", OFFICERS)
def test_every_action_answers_through_the_api_as_on_the_desk(desk, officer):
    reports = _reports(desk)
    page = Client()
    page.force_login(desk[officer])
    app = token_client(desk[officer])
    differences = []
    for name, report in reports.items():
        seen_page = page.get(desk_url(report)).status_code
        seen_api = app.get(f"/api/v1/desk/reports/{report.code}/").status_code
        if seen_page != seen_api:
            differences.append((name, "view", seen_page, seen_api))
        for action in ACTION_FORMS:
            on_page = _rolled_back(
                lambda r=report, a=action: page.post(
                    action_url(r, a), {f"{a}-expected_status": r.status}
                )
            )
            on_api = _rolled_back(
                lambda r=report, a=action: app.post(
                    f"/api/v1/reports/{r.code}/actions/{a}/",
                    {"expected_status": r.status},
                    format="json",
                )
            )
            expected = PAGE_OUTCOME.get(on_page.status_code, "?")
            if expected != _api_outcome(on_api):
                differences.append((name, action, expected, _api_outcome(on_api)))
    assert differences == []


def test_a_report_that_moved_on_answers_409_with_its_state(desk):
    report = submitted_report(desk)
    first, second = token_client(desk["coordinator"]), token_client(desk["operator"])
    forwarded = first.post(f"/api/v1/reports/{report.code}/actions/forward/",
                           {"expected_status": "submitted", "unit": desk["unit_a"].pk},
                           format="json")  # fmt: skip
    assert forwarded.status_code == 200
    late = first.post(f"/api/v1/reports/{report.code}/actions/reject/",
                      {"expected_status": "submitted", "reason": "khac", "details": "Trùng."},
                      format="json")  # fmt: skip
    assert late.status_code == 409
    problem = late.json()
    assert problem["type"] == "urn:pakn:problem:report-moved-on"
    assert problem["report"] == {
        "code": report.code, "status": "assigned", "status_label": "Đã chuyển xử lý",
    }  # fmt: skip
    assert "vừa được người khác xử lý" in problem["detail"]
    assert second.get(f"/api/v1/desk/reports/{report.code}/").json()["status"] == "assigned"


def test_an_unknown_action_and_a_citizen_at_the_desk(desk):
    report = report_at(desk, "unit_a")
    handler = token_client(desk["handler_a"])
    assert handler.post(f"/api/v1/reports/{report.code}/actions/delete/").status_code == 404
    assert handler.post(f"/api/v1/reports/{report.code}/actions/rate/").status_code == 404
    citizen = token_client(desk["reporter"])
    assert citizen.get("/api/v1/desk/inbox/").status_code == 403
    assert citizen.post(f"/api/v1/reports/{report.code}/actions/accept/").status_code == 403


def test_the_inbox_has_the_desks_tabs_and_counts(desk):
    report_at(desk, "unit_a", accepted=False)
    report_at(desk, "unit_b", accepted=False)
    handler = token_client(desk["handler_a"])
    inbox = handler.get("/api/v1/desk/inbox/").json()
    tabs = {tab["slug"]: tab["count"] for tab in inbox["tabs"]}
    assert inbox["tab"] == "moi-chuyen-den" and tabs["moi-chuyen-den"] == 1
    assert "cho-chuyen-xu-ly" not in tabs, "a unit's officer has no coordinator tabs"
    assert len(inbox["results"]) == 1
    page = Client()
    page.force_login(desk["handler_a"])
    html = page.get("/can-bo/phan-anh/").content.decode()
    assert inbox["results"][0]["code"] in html
    assert handler.get("/api/v1/desk/inbox/", {"tab": "cho-chuyen-xu-ly"}).status_code == 400
    assert handler.get("/api/v1/desk/inbox/", {"date_from": "hôm qua"}).status_code == 400
