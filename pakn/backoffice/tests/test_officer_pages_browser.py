"""Every officers' page, as each role sees it, on a 375 px phone and a 1366 px laptop: the page
never scrolls sideways, the browser logs no error, and axe-core (vendored by
axe-playwright-python) finds no serious or critical accessibility violation."""

import io
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.files.base import ContentFile
from PIL import Image
from playwright.sync_api import expect

from pakn.backoffice.tests.desk_setup import desk_build, report_at, submitted_report
from pakn.backoffice.tests.test_desk_browser import open_as
from pakn.reports.models import AnswerTemplate, Attachment, AttachmentKind
from pakn.reports.workflow import report_apply

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (375, 1366)


@pytest.fixture
def desk(transactional_db):
    return desk_build()


def _photo(report, uploader) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 40)).save(buffer, "JPEG")
    attachment = Attachment(report=report, uploaded_by=uploader, kind=AttachmentKind.PHOTO,
                            original_name="cot-den.jpg", content_type="image/jpeg",
                            size=len(buffer.getvalue()))  # fmt: skip
    for field in ("file", "public_file", "thumbnail"):
        getattr(attachment, field).save("cot-den.jpg", ContentFile(buffer.getvalue()), save=False)
    attachment.save()


def _pages_by_role(desk) -> dict[str, list[str]]:
    placed = {"latitude": 12.2388, "longitude": 109.1967}
    new = submitted_report(desk, title="Đèn đường hỏng trước chợ Đầm", **placed)
    _photo(new, desk["reporter"])
    in_progress = report_at(desk, "unit_a", title="Cống thoát nước bị tắc", **placed)
    pending = report_at(desk, "unit_a", title="Vỉa hè bị lấn chiếm")
    report_apply(report_id=pending.pk, action="submit_answer", actor=desk["handler_a"],
                 content="Đã lập biên bản và yêu cầu tháo dỡ.")  # fmt: skip
    officer = desk["handler_a"]
    AnswerTemplate.objects.create(unit=desk["unit_a"], category=desk["lighting"],
                                  title="Đã thay bóng đèn", content="Đơn vị đã thay bóng đèn.")  # fmt: skip
    return {
        "coordinator": [
            "/can-bo/",
            "/can-bo/phan-anh/",
            f"/can-bo/phan-anh/{new.code}/",
            "/can-bo/phan-anh/?hop-thu=tat-ca&overdue=on",
        ],
        "handler_a": ["/can-bo/", "/can-bo/phan-anh/", f"/can-bo/phan-anh/{in_progress.code}/"],
        "leader_a": [
            "/can-bo/",
            "/can-bo/phan-anh/",
            f"/can-bo/phan-anh/{pending.code}/",
            "/can-bo/bang-dieu-khien/",
        ],
        "unit_admin_a": [
            "/can-bo/",
            "/can-bo/quan-tri/",
            "/can-bo/quan-tri/can-bo/them/",
            f"/can-bo/quan-tri/can-bo/{officer.pk}/",
            "/can-bo/quan-tri/don-vi/them/",
            "/can-bo/quan-tri/nhap-tep/",
            "/can-bo/quan-tri/mau-tra-loi/",
        ],
    }


def _no_tiles(route):
    """The map tiles come from the internet, which the tests do not reach: an empty answer."""
    route.fulfill(status=204, body="")


def test_every_officer_page_fits_phones_and_laptops_without_errors(browser, live_server, desk):
    pages_by_role = _pages_by_role(desk)
    axe = Axe()
    problems = []
    for role, paths in pages_by_role.items():
        page = open_as(browser, live_server, desk[role], officer=True)
        page.context.route(re.compile(r"^https?://(?!localhost|127\.0\.0\.1)"), _no_tiles)
        errors: list[str] = []
        page.on("console", lambda m, e=errors: m.type == "error" and e.append(m.text))
        page.on("pageerror", lambda exc, e=errors: e.append(str(exc)))
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            for path in paths:
                errors.clear()
                page.goto(live_server.url + path)
                expect(page.locator("main h1").first).to_be_visible()
                page.wait_for_load_state("load")
                overflow = page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth"
                )
                if overflow > 0:
                    problems.append(f"{role} {width}px {path}: scrolls sideways by {overflow}px")
                if errors:
                    problems.append(f"{role} {width}px {path}: console {errors}")
                results = axe.run(page)
                for violation in results.response["violations"]:
                    if violation["impact"] in ("serious", "critical"):
                        targets = [node["target"] for node in violation["nodes"]][:3]
                        problems.append(f"{role} {width}px {path}: axe {violation['id']} {targets}")
        page.context.close()
    assert not problems, "\n".join(problems)
