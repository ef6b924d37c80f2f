"""Bulk creation of officers (seed 004) as a background task: the administrator who sent the
file follows its progress, reads each bad row's error in Vietnamese, and takes the one-time
passwords once, as a workbook; nobody else sees them and a damaged file is not lost."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pakn.accounts.models import User
from pakn.accounts.tests.factories import OfficerFactory
from pakn.backoffice.tests import test_unit_administration as administration
from pakn.organisations.models import (
    Membership,
    MembershipRole,
    OfficerImport,
    OfficerImportRow,
    OfficerImportStatus,
)
from pakn.organisations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db
tree, admin_client = administration.tree, administration.admin_client  # the same small tree
HEADER = ["Họ và tên", "Tên đăng nhập", "Thư điện tử", "Số điện thoại", "Mã đơn vị", "Vai trò"]


def xlsx_upload(rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "can-bo.xlsx"
    return buffer


def csv_upload(rows, *, encoding="utf-8-sig", name="danh-sach.csv"):
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(HEADER)
    writer.writerows(rows)
    upload = io.BytesIO(text.getvalue().encode(encoding))
    upload.name = name
    return upload


def focal_officers(count):
    return [[f"Cán bộ đầu mối {n}", f"daumoi{n}.skhcn", "", "", "skhcn", "Cán bộ xử lý"]
            for n in range(1, count + 1)]  # fmt: skip


def send(client, upload, capture):
    """Posts the file; the task runs when the request's transaction commits."""
    with capture(execute=True):
        response = client.post(reverse("backoffice:officers-bulk-upload"), {"file": upload})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def test_the_import_runs_in_the_background_and_its_page_shows_the_progress(
    admin_client, tree, django_capture_on_commit_callbacks
):
    # Before the worker takes it: waiting, with the page asking for its state.
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = admin_client.post(
            reverse("backoffice:officers-bulk-upload"), {"file": csv_upload(focal_officers(26))}
        )
    waiting = admin_client.get(response["Location"]).content.decode()
    assert "Đang chờ" in waiting and "officer-import-progress.js" in waiting
    status_url = response["Location"] + "trang-thai/"
    assert admin_client.get(status_url).json()["finished"] is False
    assert not User.objects.filter(username="daumoi1.skhcn").exists()

    for callback in queued:  # the worker's turn
        callback()
    state = admin_client.get(status_url).json()
    assert state == {"status": "done", "status_label": "Đã xong", "rows_done": 26,
                     "rows_total": 26, "finished": True}  # fmt: skip
    page = admin_client.get(response["Location"]).content.decode()
    assert "Đã tạo 26 tài khoản" in page
    assert '26</span>/<span class="import-progress__total">26</span> dòng' in page
    assert "Tải mật khẩu tạm thời (.xlsx)" in page
    assert Membership.objects.filter(unit=tree["department"], role="handler").count() == 26
    assert User.objects.get(username="daumoi7.skhcn").password_must_change


def test_bad_rows_are_listed_in_vietnamese_and_nothing_is_created(
    admin_client, tree, django_capture_on_commit_callbacks
):
    upload = xlsx_upload([
        ["Nguyễn Văn Một", "mot.cds", "mot@khanhhoa.gov.vn", "0905000001", "skhcn-cds", "Cán bộ xử lý"],
        ["Trần Thị Hai", "hai.syt", "", "", "syt", "Cán bộ xử lý"],
        ["", "ba.cds", "khong-phai-email", "0905", "skhcn-cds", "Trưởng phòng"],
        ["Phạm Văn Bốn", "mot.cds", "", "", "skhcn", "handler"],
    ])  # fmt: skip
    page_url = send(admin_client, upload, django_capture_on_commit_callbacks)
    officer_import = OfficerImport.objects.get()
    assert officer_import.status == OfficerImportStatus.REFUSED
    errors = {row.number: " ".join(row.errors) for row in officer_import.rows.all()}
    assert errors[2] == ""
    assert "Mã đơn vị “syt” không thuộc phạm vi bạn quản lý." in errors[3]
    assert "Vui lòng nhập họ và tên." in errors[4]
    assert "Vai trò “Trưởng phòng” không hợp lệ." in errors[4]
    assert "Thư điện tử không hợp lệ." in errors[4]
    assert "Tên đăng nhập bị trùng với một dòng phía trên." in errors[5]
    assert not User.objects.filter(username__in=["mot.cds", "hai.syt"]).exists()
    page = admin_client.get(page_url).content.decode()
    assert "Chưa tạo tài khoản nào vì tệp còn 3 dòng lỗi" in page
    assert "Mã đơn vị “syt” không thuộc phạm vi bạn quản lý." in page
    assert "Tải lên tệp đã sửa" in page  # the corrected file goes in from the same page
    assert "Tải mật khẩu tạm thời" not in page


def test_the_passwords_are_given_once_as_a_workbook_to_the_administrator_who_sent_the_file(
    admin_client, tree, django_capture_on_commit_callbacks
):
    page_url = send(admin_client, csv_upload(focal_officers(3)), django_capture_on_commit_callbacks)
    officer_import = OfficerImport.objects.get()
    passwords_url = reverse("backoffice:officers-import-passwords", args=[officer_import.pk])
    # Sealed until the download: the stored text is not the password.
    sealed = list(officer_import.rows.values_list("sealed_password", flat=True))
    assert all(text.startswith("gAAAAA") for text in sealed)

    # Another administrator of the same units sees neither the import nor its passwords.
    colleague = OfficerFactory(username="quantri2.skhcn")
    MembershipFactory(user=colleague, unit=tree["department"], role=MembershipRole.UNIT_ADMIN)
    client = Client()
    client.force_login(colleague)
    assert client.get(page_url).status_code == 404
    assert client.post(passwords_url).status_code == 404
    assert client.get(page_url + "trang-thai/").status_code == 404

    assert admin_client.get(passwords_url).status_code == 405  # taking them is a POST
    response = admin_client.post(passwords_url)
    assert response["Content-Disposition"] == 'attachment; filename="mat-khau-tam-thoi.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Dòng", "Họ và tên", "Tên đăng nhập", "Mã đơn vị", "Mật khẩu tạm thời")
    assert [row[2] for row in rows[1:]] == ["daumoi1.skhcn", "daumoi2.skhcn", "daumoi3.skhcn"]
    for _number, _name, username, _unit, password in rows[1:]:
        assert User.objects.get(username=username).check_password(password)

    # Once: wiped from the database, and the page says so.
    assert set(officer_import.rows.values_list("sealed_password", flat=True)) == {""}
    again = admin_client.post(passwords_url, follow=True).content.decode()
    assert "đã được tải về hoặc đã hết hạn" in again
    assert "Tải mật khẩu tạm thời (.xlsx)" not in admin_client.get(page_url).content.decode()


def test_the_passwords_expire_a_day_after_the_import(
    admin_client, tree, django_capture_on_commit_callbacks
):
    page_url = send(admin_client, csv_upload(focal_officers(2)), django_capture_on_commit_callbacks)
    officer_import = OfficerImport.objects.get()
    OfficerImport.objects.filter(pk=officer_import.pk).update(
        finished_at=timezone.now() - datetime.timedelta(hours=24, minutes=1)
    )
    assert "Tải mật khẩu tạm thời (.xlsx)" not in admin_client.get(page_url).content.decode()
    response = admin_client.post(
        reverse("backoffice:officers-import-passwords", args=[officer_import.pk]), follow=True
    )
    assert "đã được tải về hoặc đã hết hạn (sau 24 giờ)" in response.content.decode()

    # The next import removes what is older than a day, sealed passwords included.
    OfficerImport.objects.filter(pk=officer_import.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=25)
    )
    send(admin_client, csv_upload([focal_officers(3)[2]]), django_capture_on_commit_callbacks)
    assert not OfficerImport.objects.filter(pk=officer_import.pk).exists()
    assert not OfficerImportRow.objects.filter(officer_import_id=officer_import.pk).exists()


def test_a_damaged_file_gives_a_clear_message_and_is_kept_for_its_sender(
    admin_client, tree, django_capture_on_commit_callbacks
):
    # Excel's "Unicode text" is UTF-16, not the UTF-8 the import reads.
    upload = csv_upload(focal_officers(2), encoding="utf-16")
    sent = upload.getvalue()
    page_url = send(admin_client, upload, django_capture_on_commit_callbacks)
    page = admin_client.get(page_url).content.decode()
    assert "Tệp CSV phải dùng bảng mã UTF-8." in page
    assert "Tải về tệp đã gửi" in page and "Tải lên tệp đã sửa" in page
    officer_import = OfficerImport.objects.get()
    assert officer_import.status == OfficerImportStatus.FAILED
    source = admin_client.get(
        reverse("backoffice:officers-import-source", args=[officer_import.pk])
    )
    assert b"".join(source.streaming_content if source.streaming else [source.content]) == sent
    assert "danh-sach.csv" in source["Content-Disposition"]
    assert not User.objects.filter(username="daumoi1.skhcn").exists()


def test_a_file_without_the_columns_says_which_are_missing(
    admin_client, tree, django_capture_on_commit_callbacks
):
    upload = io.BytesIO("Tên,Đơn vị\nAn,skhcn\n".encode())
    upload.name = "ds.csv"
    page = admin_client.get(send(admin_client, upload, django_capture_on_commit_callbacks))
    assert "Thiếu cột: ho_ten, ten_dang_nhap, ma_don_vi, vai_tro" in page.content.decode()


def test_a_second_file_waits_for_the_first(admin_client, tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        admin_client.post(
            reverse("backoffice:officers-bulk-upload"), {"file": csv_upload(focal_officers(2))}
        )
    response = admin_client.post(
        reverse("backoffice:officers-bulk-upload"), {"file": csv_upload(focal_officers(2))}
    )
    assert response.status_code == 200
    assert "Tệp gửi trước đang được xử lý" in response.content.decode()
    assert OfficerImport.objects.count() == 1
