"""The reporter's page offers exactly report_actions_available: withdraw, rate and reply
forms, read from where they post, for reports in every state the page shows. A stale or
refused action answers through pakn.reports.refusals (409 / 400 with the reason), nothing
changed."""

import datetime
import html
import re

import pytest
from django.urls import resolve
from django.utils import timezone

from pakn.reports.models import Event, Message, Rating, Report, ReportStatus
from pakn.reports.tests.test_workflow_table import report_in
from pakn.reports.workflow import report_actions_available

PAGE_ACTIONS = {"withdraw": "withdraw", "rate": "rate", "message": "reply"}  # url name: action


@pytest.fixture
def citizen_client(client, org):
    client.force_login(org["reporter"])
    return client


def offered_on(page: str) -> list[str]:
    actions = []
    for url in re.findall(r'<form[^>]*\saction="([^"]+)"', page):
        match = resolve(html.unescape(url).split("?")[0])
        if match.app_name == "reports" and match.url_name in PAGE_ACTIONS:
            actions.append(PAGE_ACTIONS[match.url_name])
    return actions


def detail_url(report) -> str:
    return f"/phan-anh-cua-toi/{report.code}/"


@pytest.mark.parametrize("state", [s for s in ReportStatus.values if s != ReportStatus.DRAFT])
def test_the_reporters_page_offers_what_is_available(citizen_client, org, state):
    report = report_in(state, org)
    page = citizen_client.get(detail_url(report)).content.decode()
    assert sorted(offered_on(page)) == sorted(report_actions_available(org["reporter"], report))
    if state == ReportStatus.ANSWERED:
        # Past the rating window the rating form goes, the reply stays.
        Rating.objects.create(report=report, value="satisfied")
        Rating.objects.update(created_at=timezone.now() - datetime.timedelta(days=8))
        page = citizen_client.get(detail_url(report)).content.decode()
        assert offered_on(page) == ["reply"] == report_actions_available(org["reporter"], report)


def test_a_stale_withdrawal_answers_409_with_the_report_as_it_is(citizen_client, org):
    report = report_in("submitted", org)
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.ASSIGNED)
    response = citizen_client.post(
        f"{detail_url(report)}rut/",
        {"expected_status": "submitted", "reason": "", "confirm": "yes"},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "vừa được người khác xử lý" in page
    assert not Event.objects.filter(report=report).exists()


def test_a_reply_to_a_closed_report_is_refused_with_the_reason(citizen_client, org):
    report = report_in("closed", org)
    response = citizen_client.post(f"{detail_url(report)}trao-doi/", {"body": "Cảm ơn."})
    assert response.status_code == 400
    assert "Không thể thực hiện thao tác này" in response.content.decode()
    assert not Message.objects.filter(report=report).exists()


def test_an_officer_is_kept_out_of_the_citizens_pages(client, org):
    report = report_in("submitted", org)
    client.force_login(org["handler"])
    assert client.post(f"{detail_url(report)}rut/", {}).status_code == 403
