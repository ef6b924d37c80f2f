"""Issue 11, "every door": the officers' doors that take a file (the exchange with the citizen
and the answer's draft) go through the checks of the citizen's report form, leave nothing on
disk when refused, and hand files back under the extension of their real type."""

import io
import zipfile

import pytest
from django.urls import reverse

from pakn.backoffice.tests.desk_setup import post_action, report_at
from pakn.reports.models import Answer, Attachment, Message
from pakn.reports.tests.upload_samples import (
    HTML_PAGE,
    OFFICE_CONTENT_TYPES,
    docx_bomb_bytes,
    pdf_bytes,
    png_bytes,
    stored_files,
    upload,
)

pytestmark = pytest.mark.django_db

REFUSED = [
    ("cong-van.pdf", HTML_PAGE, "có định dạng không được nhận"),
    ("cong-van.pdf", pdf_bytes() + HTML_PAGE, "sau phần cuối tệp PDF"),
    ("bao-cao.docx", docx_bomb_bytes(), "bom nén"),
]
REFUSED_IDS = ["html-named-pdf", "pdf-with-trailer", "docx-bomb"]


@pytest.mark.parametrize(("name", "content", "reason"), REFUSED, ids=REFUSED_IDS)
def test_the_units_exchange_refuses_what_the_citizens_form_refuses(
    client, desk, name, content, reason
):
    report = report_at(desk, "unit_a")
    client.force_login(desk["handler_a"])
    before = stored_files()
    response = client.post(
        reverse("backoffice:desk-message", args=[report.code]),
        {"body": "Gửi ông bà công văn trả lời.", "attachments": [upload(name, content)]},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert f"“{name}”" in html and reason in html
    assert not Message.objects.exists() and not Attachment.objects.exists()
    assert stored_files() == before


@pytest.mark.parametrize(("name", "content", "reason"), REFUSED, ids=REFUSED_IDS)
def test_the_answers_draft_refuses_what_the_citizens_form_refuses_and_keeps_the_text(
    client, desk, name, content, reason
):
    report = report_at(desk, "unit_a")
    client.force_login(desk["handler_a"])
    before = stored_files()
    response = post_action(
        client, report, "submit_answer",
        content="Đã thay nắp cống mới ngày 20/11.", attachments=[upload(name, content)],
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 400
    assert f"“{name}”" in html and reason in html
    assert "Đã thay nắp cống mới ngày 20/11." in html
    assert not Answer.objects.exists() and not Attachment.objects.exists()
    assert stored_files() == before


def test_a_refused_second_file_of_an_answer_leaves_the_first_nowhere_on_disk(client, desk):
    report = report_at(desk, "unit_a")
    client.force_login(desk["handler_a"])
    before = stored_files()
    response = post_action(
        client, report, "submit_answer", content="Đã xử lý.",
        attachments=[upload("anh.png", png_bytes()), upload("cv.pdf", HTML_PAGE)],
    )  # fmt: skip
    assert response.status_code == 400
    assert stored_files() == before


def test_an_answer_takes_at_most_ten_files(client, desk):
    report = report_at(desk, "unit_a")
    client.force_login(desk["handler_a"])
    files = [upload(f"anh-{n}.png", png_bytes()) for n in range(11)]
    response = post_action(client, report, "submit_answer", content="Đã xử lý.", attachments=files)
    assert response.status_code == 400
    assert "Chỉ được đính kèm tối đa 10 tệp." in response.content.decode()
    assert not Attachment.objects.exists()


def test_the_desk_hands_a_file_back_under_the_extension_of_its_real_type(client, desk):
    report = report_at(desk, "unit_a")
    client.force_login(desk["handler_a"])
    post_action(client, report, "submit_answer", content="Đã xử lý.",
                attachments=[upload("evil.html", pdf_bytes())])  # fmt: skip
    attachment = Attachment.objects.get()
    response = client.get(reverse("backoffice:desk-attachment", args=[report.code, attachment.pk]))
    assert response.status_code == 200
    assert 'filename="evil.pdf"' in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"


# The officers' list in XLSX (unit administration) ---------------------------------------------


@pytest.fixture
def admin_client(client, desk):
    client.force_login(desk["unit_admin_a"])
    return client


def test_the_officers_list_refuses_an_xlsx_zip_bomb_before_unpacking_it(admin_client):
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", OFFICE_CONTENT_TYPES)
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        for number in range(45):
            archive.writestr(f"xl/worksheets/sheet{number}.xml", bytes(1024 * 1024 - 1))
    response = admin_client.post(
        reverse("backoffice:officers-bulk-upload"),
        {"file": upload("danh-sach.xlsx", output.getvalue())},
    )
    html = response.content.decode()
    assert "“danh-sach.xlsx”" in html and "bom nén" in html


def test_the_officers_list_refuses_a_docx_named_xlsx(admin_client):
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("[Content_Types].xml", OFFICE_CONTENT_TYPES)
        archive.writestr("word/document.xml", b"<w:document/>")
    response = admin_client.post(
        reverse("backoffice:officers-bulk-upload"),
        {"file": upload("danh-sach.xlsx", output.getvalue())},
    )
    assert "Tệp không phải bảng tính Excel (.xlsx)." in response.content.decode()
