"""Possible duplicates on the coordinator's desk (pakn.reports.duplicates): every candidate
within reach, published or not, with its similarity and distance, merged in one click."""

import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from pakn.notifications.models import Notification, NotificationKind
from pakn.reports.models import ReportFollower, ReportStatus
from pakn.reports.services.submission import ReportDetails, report_submit
from pakn.reports.workflow import report_apply
from pakn.testing.duplicate_pairs import duplicate_pairs_background
from pakn.testing.reports import answer_report

pytestmark = pytest.mark.django_db


def sent(reporter, title, content, *, ward=None, position=None):
    latitude, longitude = position or (None, None)
    return report_submit(
        reporter=reporter,
        details=ReportDetails(title=title, content=content, commune_id=ward.pk if ward else None,
                              latitude=latitude, longitude=longitude),
        idempotency_key=uuid.uuid4(),
    )  # fmt: skip


@pytest.fixture
def reports(desk):
    duplicate_pairs_background(reporter=desk["other_citizen"])
    ward = desk["ward"]
    beside = (Decimal("12.238800"), Decimal("109.196700"))
    published = sent(desk["other_citizen"], "Ổ gà lớn trên đường Trần Phú",
                     "Nhiều ổ gà lớn trước khách sạn, xe máy dễ té.", ward=ward, position=beside)  # fmt: skip
    answer_report(desk, published)
    report_apply(report_id=published.pk, action="publish", actor=desk["coordinator"],
                 public_title="Ổ gà lớn trên đường Trần Phú",
                 public_content="Nhiều ổ gà lớn trước khách sạn.")  # fmt: skip
    waiting = sent(desk["other_citizen"], "Đường Trần Phú có ổ gà sâu",
                   "Ổ gà sâu trước khách sạn, tối qua có người ngã.", ward=ward)  # fmt: skip
    tree = sent(desk["other_citizen"], "Cây đổ trên đường Trần Phú",
                "Cây phượng bật gốc đổ ngang đường Trần Phú.", ward=ward, position=beside)  # fmt: skip
    new = sent(desk["reporter"], "O ga lon tren duong Tran Phu",
               "Mat duong Tran Phu co o ga lon, rat nguy hiem.", ward=ward,
               position=(Decimal("12.238900"), Decimal("109.196600")))  # fmt: skip
    return {"published": published, "waiting": waiting, "tree": tree, "new": new}


def desk_page(client, report):
    return client.get(reverse("backoffice:desk-report", args=[report.code])).content.decode()


def test_the_coordinator_sees_every_candidate_with_similarity_and_distance(client, desk, reports):
    client.force_login(desk["coordinator"])

    html = desk_page(client, reports["new"])

    section = html.split("data-duplicate-candidates", 1)[1].split("</section>", 1)[0]
    assert f'data-duplicate="{reports["published"].code}"' in section
    assert f'data-duplicate="{reports["waiting"].code}"' in section  # not public, in reach
    assert f'data-duplicate="{reports["tree"].code}"' not in section
    assert section.index(reports["published"].code) < section.index(reports["waiting"].code)
    assert "Đã công khai" in section and "%" in section
    assert " m</td>" in section  # both have a position: the distance in metres
    assert "Cùng xã, phường" in section  # the waiting one has only the commune


def test_a_handler_sees_no_merge_candidates(client, desk, reports):
    report_apply(report_id=reports["new"].pk, action="forward", actor=desk["coordinator"],
                 unit_id=desk["department"].pk)  # fmt: skip
    client.force_login(desk["handler"])

    assert "data-duplicate-candidates" not in desk_page(client, reports["new"])


def test_one_click_merges_tells_the_reporter_and_makes_them_follow_the_original(
    client, desk, reports, django_capture_on_commit_callbacks
):
    new, original = reports["new"], reports["published"]
    client.force_login(desk["coordinator"])
    html = desk_page(client, new)
    form = html.split(f'data-duplicate="{original.code}"', 1)[1].split("</form>", 1)[0]
    fields = dict(
        (
            chunk.split('name="', 1)[1].split('"', 1)[0],
            chunk.split('value="', 1)[1].split('"', 1)[0],
        )
        for chunk in form.split("<input")[1:]
    )
    assert fields["merge-original_code"] == original.code

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("backoffice:desk-action", args=[new.code, "merge"]), fields)

    assert response.status_code == 302
    new.refresh_from_db()
    assert new.status == ReportStatus.MERGED and new.duplicate_of == original
    assert ReportFollower.objects.filter(user=desk["reporter"], report=original).exists()
    told = Notification.objects.get(recipient=desk["reporter"], kind=NotificationKind.MERGED)
    assert original.code in told.body
