"""The "Thông báo" page and the bell: newest first, open one, mark all read, fixed queries,
and nobody reaches another person's notification."""

import pytest

from pakn.notifications.models import Notification, NotificationKind
from pakn.notifications.services import notification_send

pytestmark = pytest.mark.django_db
LIST_URL = "/thong-bao/"


def send(user, n, url=""):
    return notification_send(recipient=user, kind=NotificationKind.FORWARDED,
                             title=f"Phản ánh PAKN-2026-{n:06d} đã được chuyển xử lý",
                             body="Phản ánh của bạn đã được chuyển đến Sở Xây dựng xử lý.",
                             url=url)  # fmt: skip


def test_the_bell_counts_unread_and_the_list_shows_newest_first(client, org):
    for n in range(1, 4):
        send(org["reporter"], n)
    send(org["other_citizen"], 9)
    client.force_login(org["reporter"])

    home = client.get("/").content.decode()
    assert 'href="/thong-bao/"' in home
    assert '<strong class="topbar__count">3</strong>' in home

    html = client.get(LIST_URL).content.decode()
    assert html.index("PAKN-2026-000003") < html.index("PAKN-2026-000001")
    assert "PAKN-2026-000009" not in html  # someone else's
    assert "Đánh dấu tất cả là đã đọc" in html


def test_opening_one_marks_it_read_and_goes_to_its_report(client, org):
    mine = send(org["reporter"], 1, url="/phan-anh-cua-toi/PAKN-2026-000001/")
    send(org["reporter"], 2)
    client.force_login(org["reporter"])

    response = client.post(f"/thong-bao/{mine.pk}/mo/")
    assert response.status_code == 302
    assert response["Location"] == "/phan-anh-cua-toi/PAKN-2026-000001/"
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert '<strong class="topbar__count">1</strong>' in client.get("/").content.decode()

    client.post("/thong-bao/da-doc-tat-ca/")
    assert not Notification.objects.filter(recipient=org["reporter"], read_at=None).exists()
    assert "topbar__count" not in client.get("/").content.decode()


def test_another_persons_notification_is_not_found(client, org):
    theirs = send(org["other_citizen"], 1)
    client.force_login(org["reporter"])
    assert client.post(f"/thong-bao/{theirs.pk}/mo/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_an_outside_address_is_never_followed(client, org):
    odd = send(org["reporter"], 1, url="https://evil.example/")
    client.force_login(org["reporter"])
    assert client.post(f"/thong-bao/{odd.pk}/mo/")["Location"] == LIST_URL


def test_the_list_needs_a_login(client):
    response = client.get(LIST_URL)
    assert response.status_code == 302
    assert "/thong-bao/" in response["Location"]


QUERIES_FOR_THE_LIST = 9  # session, user, two-factor check, site settings, count, page, unread...


@pytest.mark.parametrize(("count", "page", "shown"), [(3, 1, 3), (45, 2, 20)])
def test_the_list_takes_a_fixed_number_of_queries(
    client, org, count, page, shown, django_assert_num_queries
):
    for n in range(count):
        send(org["handler"], n)
    client.force_login(org["handler"])
    with django_assert_num_queries(QUERIES_FOR_THE_LIST):
        response = client.get(f"{LIST_URL}?trang={page}")
    assert (
        response.content.decode().count('<li class="notification notification--unread">') == shown
    )


def test_the_admin_lists_sent_notifications_read_only(admin_client, org):
    sent = send(org["reporter"], 5)
    assert (
        "PAKN-2026-000005"
        in admin_client.get("/admin/notifications/notification/").content.decode()
    )
    assert admin_client.post(f"/admin/notifications/notification/{sent.pk}/delete/",
                             {"post": "yes"}).status_code == 403  # fmt: skip
    assert Notification.objects.filter(pk=sent.pk).exists()
