"""Following someone else's report ("Theo dõi") and merging: the follower finds it among
"Phản ánh, kiến nghị của tôi" as the public sees it, hears of its public events, and never
sees the reporter's words or identity; a merged reporter follows the surviving report."""

import pytest
from django.urls import reverse

from pakn.notifications.models import Notification, NotificationKind
from pakn.notifications.rules import copies_by_kind
from pakn.reports.models import Report, ReportFollower, ReportStatus
from pakn.reports.workflow import report_apply
from pakn.testing.reports import answer_report, sent_report

pytestmark = pytest.mark.django_db

PRIVATE_TITLE = "Ổ gà trước nhà bà Lan, gọi 0905123456"
PUBLIC_TITLE = "Ổ gà lớn trên đường Trần Phú"


@pytest.fixture
def published(org) -> Report:
    """Lan's report, answered and published under a public title without her details."""
    report = sent_report(org["reporter"], PRIVATE_TITLE, "Nhà bà Lan số 12, ổ gà rất sâu.")
    answer_report(org, report)
    return report_apply(report_id=report.pk, action="publish", actor=org["coordinator"],
                        public_title=PUBLIC_TITLE,
                        public_content="Mặt đường Trần Phú có ổ gà sâu.")  # fmt: skip


def follow(client, report):
    return client.post(reverse("reports:follow", args=[report.code]))


def test_a_citizen_follows_a_published_report_and_sees_only_its_public_face(client, org, published):
    other = org["other_citizen"]
    client.force_login(other)

    response = follow(client, published)

    assert response.status_code == 302
    assert ReportFollower.objects.filter(user=other, report=published).exists()
    listing = client.get(reverse("reports:mine")).content.decode()
    assert f'href="/phan-anh/{published.code}/"' in listing
    assert PUBLIC_TITLE in listing
    assert "bà Lan" not in listing and "0905123456" not in listing
    assert org["reporter"].full_name not in listing
    # The reporter's own page stays theirs.
    assert client.get(reverse("reports:detail", args=[published.code])).status_code == 404
    # Following twice keeps one follow.
    follow(client, published)
    assert ReportFollower.objects.filter(user=other).count() == 1


def test_an_unpublished_report_cannot_be_followed(client, org):
    report = sent_report(org["reporter"])
    client.force_login(org["other_citizen"])

    assert follow(client, report).status_code == 404
    assert not ReportFollower.objects.exists()


def test_the_reporter_is_not_made_a_follower_of_their_own_report(client, org, published):
    client.force_login(org["reporter"])

    follow(client, published)

    assert not ReportFollower.objects.exists()


def test_unfollowing_takes_the_report_off_the_list(client, org, published):
    client.force_login(org["other_citizen"])
    follow(client, published)

    client.post(reverse("reports:unfollow", args=[published.code]))

    assert PUBLIC_TITLE not in client.get(reverse("reports:mine")).content.decode()


def test_a_follower_hears_of_public_events_without_the_reporters_words(
    client, org, published, django_capture_on_commit_callbacks
):
    client.force_login(org["other_citizen"])
    follow(client, published)

    with django_capture_on_commit_callbacks(execute=True):
        report_apply(report_id=published.pk, action="reopen", actor=org["coordinator"],
                     note="Người dân báo ổ gà chưa được vá.")  # fmt: skip

    told = Notification.objects.get(recipient=org["other_citizen"])
    assert told.kind == NotificationKind.FOLLOWED_UPDATE
    assert published.code in told.title and "Đang xử lý" in told.title
    assert told.url == f"/phan-anh/{published.code}/"
    assert "Lan" not in told.title + told.body and "0905" not in told.title + told.body


def test_the_followers_copies_can_be_turned_off_like_the_reporters():
    offered = copies_by_kind(citizen=True)

    assert "email" in offered[NotificationKind.FOLLOWED_ANSWERED]


def test_a_merged_reporter_is_told_and_follows_the_surviving_report(
    org, mailoutbox, django_capture_on_commit_callbacks
):
    original = sent_report(org["reporter"], "Ổ gà lớn trên đường Trần Phú")
    other = org["other_citizen"]
    other.email = "khac@example.vn"
    other.save()
    duplicate = sent_report(other, "O ga lon tren duong Tran Phu")

    with django_capture_on_commit_callbacks(execute=True):
        report_apply(report_id=duplicate.pk, action="merge", actor=org["coordinator"],
                     original_code=original.code)  # fmt: skip

    duplicate.refresh_from_db()
    assert duplicate.status == ReportStatus.MERGED and duplicate.duplicate_of == original
    follower = ReportFollower.objects.get(user=other)
    assert follower.report == original and follower.merged_from == duplicate
    merged = Notification.objects.get(recipient=other, kind=NotificationKind.MERGED)
    assert original.code in merged.body

    with django_capture_on_commit_callbacks(execute=True):
        answer_report(org, original)

    answered = Notification.objects.get(recipient=other, kind=NotificationKind.FOLLOWED_ANSWERED)
    # Not published yet: the link leads to their list, where it waits for publication.
    assert answered.url == reverse("reports:mine") + "#theo-doi"
    assert "khac@example.vn" in [m.to[0] for m in mailoutbox]
