"""Issue 11 in a real Chromium: the draft that saves itself carries the server's upload token;
if the token in the page is refused (a client-chosen one, or an expired one), the script takes
the fresh token the server answers with and saves again, and nothing typed is lost."""

import pytest
from playwright.sync_api import expect

from pakn.reports.models import Report, ReportStatus
from pakn.reports.services.attachments import upload_token_read
from pakn.reports.tests.test_citizen_browser import (  # noqa: F401 (the page fixture)
    SAVED,
    open_form,
    page,
)
from pakn.testing.browser import field, log_in, no_tiles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CHOSEN = "5f0c7a52-9d1e-4c2b-8a3f-2b6d9e1c4a70"


def test_a_refused_token_is_replaced_by_the_servers_and_the_draft_saved(page, live_server, org):  # noqa: F811
    no_tiles(page)
    log_in(page, live_server, org["reporter"].username)
    open_form(page, live_server)
    token_input = page.locator("input[name=upload_token]")
    page.evaluate(
        f"() => {{ document.querySelector('input[name=upload_token]').value = '{CHOSEN}'; }}"
    )

    with page.expect_response(
        lambda r: r.url.endswith("/gui-phan-anh/luu-nhap/") and r.status == 400
    ):
        field(page, "Tiêu đề").fill("Nắp cống vỡ trước cổng trường")
    status = page.get_by_role("status").filter(has_text="nháp")
    expect(status).to_have_text(SAVED)

    fresh = token_input.input_value()
    assert fresh != CHOSEN
    upload_token_read(user=org["reporter"], signed=fresh)  # the server's, for this citizen
    draft = Report.objects.get(reporter=org["reporter"])
    assert draft.status == ReportStatus.DRAFT
    assert draft.title == "Nắp cống vỡ trước cổng trường"
