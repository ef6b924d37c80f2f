"""Saved inbox filters: an officer names the current tab and filters, finds them again as links
above the inbox, renames and deletes them (deleting asks first); nobody else sees or touches
them (404), and a filter that no longer applies is shown with its reason, never a 500."""

import re

import pytest

from pakn.backoffice.models import SavedInboxFilter
from pakn.backoffice.tests.desk_setup import report_at, submitted_report
from pakn.organisations.models import Membership, MembershipRole

pytestmark = pytest.mark.django_db
INBOX = "/can-bo/phan-anh/"
SAVED = "/can-bo/phan-anh/bo-loc/"


def _save(client, name, query):
    return client.post(SAVED + "luu/", {"name": name, "query": query})


def test_an_officer_saves_the_current_filter_and_opens_it_from_the_inbox(client, desk):
    other = report_at(desk, "unit_a", title="Đèn hỏng đường Trần Phú", content="Đèn tắt.")
    wanted = report_at(desk, "unit_a", title="Cống tắc đường Yersin", content="Cống tắc.")
    client.force_login(desk["handler_a"])
    query = "hop-thu=dang-xu-ly&q=Yersin&trang=2"

    response = _save(client, "Yersin đang xử lý", query)

    saved = SavedInboxFilter.objects.get(owner=desk["handler_a"])
    assert response.status_code == 302
    # Kept without the page number: the filter, not where the officer was in the list.
    assert saved.query == "hop-thu=dang-xu-ly&q=Yersin"
    assert response["Location"] == f"{INBOX}?{saved.query}"
    inbox = client.get(INBOX).content.decode()
    link = re.search(r'<a class="saved-filters__link" href="([^"]+)"[^>]*>([^<]+)</a>', inbox)
    assert link.group(2) == "Yersin đang xử lý"
    opened = client.get(link.group(1).replace("&amp;", "&")).content.decode()
    assert f'data-report-row="{wanted.code}"' in opened
    assert f'data-report-row="{other.code}"' not in opened


def test_a_saved_filter_is_renamed_and_deleted_only_after_confirmation(client, desk):
    client.force_login(desk["handler_a"])
    _save(client, "Mới", "hop-thu=moi-chuyen-den")
    saved = SavedInboxFilter.objects.get()

    page = client.post(f"{SAVED}{saved.pk}/doi-ten/", {f"f{saved.pk}-name": ""})
    assert page.status_code == 400 and "Vui lòng đặt tên cho bộ lọc." in page.content.decode()
    client.post(f"{SAVED}{saved.pk}/doi-ten/", {f"f{saved.pk}-name": "Mới chuyển đến"})
    assert SavedInboxFilter.objects.get().name == "Mới chuyển đến"

    # The delete link asks first; only the confirmation's POST deletes.
    asking = client.get(f"{SAVED}{saved.pk}/xoa/").content.decode()
    assert "Xóa bộ lọc “Mới chuyển đến”?" in asking
    assert SavedInboxFilter.objects.exists()
    client.post(f"{SAVED}{saved.pk}/xoa/")
    assert not SavedInboxFilter.objects.exists()


def test_a_name_already_used_is_refused_with_the_name_kept(client, desk):
    client.force_login(desk["handler_a"])
    _save(client, "Quá hạn", "hop-thu=qua-han")

    response = _save(client, "quá hạn", "hop-thu=dang-xu-ly")

    page = response.content.decode()
    assert response.status_code == 400
    assert "Đã có bộ lọc tên “quá hạn”; hãy chọn tên khác." in page
    assert 'value="quá hạn"' in page
    assert SavedInboxFilter.objects.count() == 1


def test_another_officers_filter_is_not_found(client, desk):
    mine = SavedInboxFilter.objects.create(
        owner=desk["handler_a"], name="Của tôi", query="hop-thu=dang-xu-ly"
    )
    client.force_login(desk["handler_b"])

    assert "Của tôi" not in client.get(INBOX).content.decode()
    assert "Của tôi" not in client.get(SAVED).content.decode()
    assert client.get(f"{SAVED}{mine.pk}/xoa/").status_code == 404
    assert client.post(f"{SAVED}{mine.pk}/xoa/").status_code == 404
    assert client.post(f"{SAVED}{mine.pk}/doi-ten/", {f"f{mine.pk}-name": "X"}).status_code == 404
    assert SavedInboxFilter.objects.get(pk=mine.pk).name == "Của tôi"


def test_a_filter_on_a_unit_the_officer_lost_is_shown_with_its_reason(client, desk):
    submitted_report(desk)
    officer = desk["handler_a"]
    Membership.objects.create(user=officer, unit=desk["unit_b"], role=MembershipRole.HANDLER)
    client.force_login(officer)
    _save(client, "Sở Y tế", f"hop-thu=tat-ca&unit={desk['unit_b'].pk}")
    Membership.objects.filter(user=officer, unit=desk["unit_b"]).delete()
    SavedInboxFilter.objects.create(owner=officer, name="Đơn vị đã giải thể", query="unit=999999")

    inbox = client.get(INBOX)
    manage = client.get(SAVED)

    assert inbox.status_code == 200 and manage.status_code == 200
    page = inbox.content.decode()
    assert "Đơn vị “Sở Y tế” không còn thuộc phạm vi công tác của tài khoản." in page
    assert "Điều kiện lọc không còn hợp lệ (Đơn vị xử lý:" in page
    assert 'class="saved-filters__link"' not in page  # neither opens a wider inbox
    assert "không còn thuộc phạm vi công tác" in manage.content.decode()


def test_a_filter_that_does_not_apply_cannot_be_saved(client, desk):
    client.force_login(desk["handler_a"])

    response = _save(client, "Sở Y tế", f"hop-thu=tat-ca&unit={desk['unit_b'].pk}")

    assert response.status_code == 400
    assert "không còn thuộc phạm vi công tác" in response.content.decode()
    assert not SavedInboxFilter.objects.exists()
