"""Units that have not sent a period's figures are reminded through the notifications, by
the scheduler's pass: once before the deadline, once after it; never a unit that reported."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from pakn.campaigns.models import AdoptionFigures
from pakn.notifications.models import Notification, NotificationKind
from pakn.notifications.scheduler import scheduler_pass

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def told(user) -> list[Notification]:
    return list(
        Notification.objects.filter(
            recipient=user, kind=NotificationKind.ADOPTION_REMINDER
        ).order_by("pk")
    )


@pytest.mark.django_db
def test_a_unit_that_has_not_reported_is_reminded_before_and_after_the_deadline(adoption):
    AdoptionFigures.objects.create(period=adoption["period"], unit=adoption["school"],
                                   people_guided=40, app_installs=35, accounts_registered=30,
                                   submitted_by=adoption["school_admin"])  # fmt: skip
    with time_machine.travel(datetime.datetime(2026, 11, 25, 8, 0, tzinfo=ZONE), tick=False):
        assert scheduler_pass()["adoption_reminders"] == 0  # ten days before: nothing yet
    with time_machine.travel(datetime.datetime(2026, 12, 3, 8, 0, tzinfo=ZONE), tick=False):
        assert scheduler_pass()["adoption_reminders"] == 2  # the two wards
        assert scheduler_pass()["adoption_reminders"] == 0  # once
    leader, handler = told(adoption["ward_leader"]), told(adoption["ward_handler"])
    assert [n.title for n in leader] == [
        "Sắp đến hạn gửi số liệu: Tuyên truyền cài đặt ứng dụng KhanhHoa-S"
    ]
    assert "trước hạn 05/12/2026" in leader[0].body and len(handler) == 1
    assert leader[0].url.endswith(f"/don-vi/{adoption['ward_unit'].pk}/")
    assert told(adoption["school_admin"]) == []  # the school has reported

    AdoptionFigures.objects.create(period=adoption["period"], unit=adoption["ward_unit"],
                                   people_guided=1, app_installs=1, accounts_registered=1,
                                   submitted_by=adoption["ward_leader"])  # fmt: skip
    with time_machine.travel(datetime.datetime(2026, 12, 6, 8, 0, tzinfo=ZONE), tick=False):
        call_command("pakn_scheduler", verbosity=0)
    assert len(told(adoption["ward_leader"])) == 1  # reported meanwhile: no overdue reminder
    overdue = told(adoption["other_ward_leader"])
    assert [n.title for n in overdue][
        -1
    ] == "Quá hạn gửi số liệu: Tuyên truyền cài đặt ứng dụng KhanhHoa-S"
    assert "UBND Phường Cam Ranh chưa gửi số liệu" in overdue[-1].body


@pytest.mark.django_db
def test_an_ended_campaign_reminds_nobody(adoption):
    adoption["campaign"].is_active = False
    adoption["campaign"].save()
    with time_machine.travel(datetime.datetime(2026, 12, 6, 8, 0, tzinfo=ZONE), tick=False):
        assert scheduler_pass()["adoption_reminders"] == 0
    assert not Notification.objects.filter(kind=NotificationKind.ADOPTION_REMINDER).exists()
