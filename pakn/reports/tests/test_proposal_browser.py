"""National mode in a real Chromium: a citizen opens the programme's home page, follows
"Gửi đề xuất, sáng kiến", fills the proposal form (field of science and technology, problem,
solution, impact, scale, province, who is involved, a document), sends it and reads its code;
the proposal is with Khánh Hòa, by place."""

import re

import pytest
from playwright.sync_api import expect

from pakn.core.modes import NATIONAL_PORTAL_NAME
from pakn.reports.models import Report
from pakn.testing.browser import field, log_in, main, solve_captcha
from pakn.testing.national import national_build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_proposal_is_sent_through_the_national_form(page, live_server, settings, tmp_path):
    settings.PAKN_MODE = "national"
    n = national_build()
    document = tmp_path / "de-xuat.pdf"
    document.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    log_in(page, live_server, n["reporter"].username)

    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text(NATIONAL_PORTAL_NAME)
    main(page).get_by_role("link", name="Gửi đề xuất, sáng kiến").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gửi đề xuất, sáng kiến")
    field(page, "Tên đề xuất, sáng kiến").fill("Nền tảng dữ liệu mở cho khởi nghiệp")
    field(page, "Lĩnh vực khoa học, công nghệ").select_option(
        label="— Chính quyền số, dịch vụ công trực tuyến"
    )
    field(page, "Khó khăn, vướng mắc, vấn đề đặt ra").fill("Dữ liệu công khó tiếp cận.")
    field(page, "Sáng kiến, giải pháp đề xuất").fill("Công bố dữ liệu mở theo chuẩn chung.")
    field(page, "Hiệu quả dự kiến").fill("Doanh nghiệp khởi nghiệp dùng lại dữ liệu.")
    page.get_by_label("Cấp tỉnh").check()
    # Sent without the province first: the form says what is missing and keeps the text.
    solve_captcha(page)
    page.get_by_role("button", name="Gửi đề xuất").click()
    expect(page.get_by_text(
        "Vui lòng chọn tỉnh, thành phố cho đề xuất cấp địa phương, cấp tỉnh."
    )).to_be_visible()  # fmt: skip
    expect(field(page, "Sáng kiến, giải pháp đề xuất")).to_have_value(
        "Công bố dữ liệu mở theo chuẩn chung."
    )
    field(page, "Tỉnh, thành phố nơi áp dụng").select_option(label="Khánh Hòa")
    field(page, "Tổ chức tham gia").fill("Hiệp hội Doanh nghiệp tỉnh")
    field(page, "Tài liệu kèm theo").set_input_files(str(document))
    solve_captcha(page)
    page.get_by_role("button", name="Gửi đề xuất").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Đã gửi phản ánh, kiến nghị")
    code = page.locator("[data-report-code]").inner_text().strip()
    assert re.fullmatch(r"PAKN-\d{4}-\d{6}", code)
    report = Report.objects.get(code=code)
    assert (report.kind, report.coordinating_unit, report.status) == (
        "proposal", n["khanh_hoa"], "submitted"
    )  # fmt: skip
    assert report.proposal.organisations_involved == "Hiệp hội Doanh nghiệp tỉnh"
    assert [a.original_name for a in report.attachments.all()] == ["de-xuat.pdf"]
