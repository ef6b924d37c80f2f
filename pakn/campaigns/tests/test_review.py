"""The review report (seed 003) for a period of the demo data, checked against counts made
here directly from the events, messages, ratings and accounts (plain Python over the rows,
not the statistics' queries); then the DOCX and XLSX a department attaches, read back."""

import datetime
import io
from collections import Counter

import docx
import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from pakn.accounts.models import AccountType, User
from pakn.campaigns.review import review_report
from pakn.demo.services import demo_seed
from pakn.organisations.models import Unit
from pakn.reports.models import Event, Message, Rating, Report

HANDLING = {"assigned", "in_progress", "pending_approval", "pending_review"}
STEPLEN = Unit.steplen


def _in(moment, start, end) -> bool:
    local = timezone.localdate(moment)
    return start <= local <= end


def counts_from_events(start: datetime.date, end: datetime.date, now) -> dict:
    """Each report's story read off its events: sent (submit), where it was forwarded and the
    deadline the forward set, when it was answered, where it is now."""
    events = sorted(Event.objects.all(), key=lambda e: (e.created_at, e.pk))
    reports = {r.pk: r for r in Report.objects.all()}
    story: dict[int, dict] = {}
    for event in events:
        entry = story.setdefault(event.report_id, {"status": None})
        if event.action == "submit":
            entry["sent"] = event.created_at
        if event.action in ("forward", "forward_sub_unit") and event.to_unit_id:
            entry["unit"], entry["deadline"] = event.to_unit_id, event.deadline
        if event.action == "return":
            entry["unit"] = entry["deadline"] = None
        if event.to_status == "answered" and event.from_status != "answered":
            entry["answered"] = event.created_at
        if event.to_status:
            entry["status"] = event.to_status
    sent = {pk: s for pk, s in story.items() if "sent" in s and _in(s["sent"], start, end)}
    paths = dict(Unit.objects.values_list("pk", "path"))
    agency = {pk: path[: 2 * STEPLEN] for pk, path in paths.items()}
    late_by_agency: Counter = Counter()
    answered = on_time = late = in_progress_late = 0
    for s in sent.values():
        if not s.get("unit"):
            continue
        if s["status"] in ("answered", "closed"):
            answered += 1
            if s["answered"] > s["deadline"]:
                late += 1
                late_by_agency[agency[s["unit"]]] += 1
            else:
                on_time += 1
        elif s["status"] in HANDLING and s["deadline"] < now:
            in_progress_late += 1
            late_by_agency[agency[s["unit"]]] += 1
    ratings = Counter(
        r.value
        for r in Rating.objects.all()
        if r.report_id in sent and sent[r.report_id].get("unit")
    )
    return {
        "received": len(sent),
        "channels": Counter(reports[pk].channel for pk in sent),
        "answered": answered, "on_time": on_time, "late": late,
        "in_progress_late": in_progress_late, "late_by_agency": late_by_agency,
        "returned": sum(1 for e in events if e.action == "return" and _in(e.created_at, start, end)),
        "messages": sum(1 for m in Message.objects.all() if _in(m.created_at, start, end)),
        "ratings": ratings,
        "accounts": Counter(
            u.account_type for u in User.objects.all()
            if _in(u.date_joined, start, end) and u.deleted_at is None
            and u.account_type in (AccountType.INDIVIDUAL, AccountType.ORGANISATION)
        ),
    }  # fmt: skip


@pytest.mark.django_db
def test_the_review_of_a_demo_period_matches_the_events(client):
    demo_seed(citizens=25, reports=160, with_logo=False)
    now = timezone.now()
    end = timezone.localdate(now)
    start = end - datetime.timedelta(days=182)
    expected = counts_from_events(start, end, now)
    report = review_report(date_from=start, date_to=end, now=now)

    assert expected["received"] > 30 and expected["late"] > 0 and expected["returned"] > 0
    assert report.received == expected["received"]
    channels = dict(report.by_channel)
    assert channels["Ứng dụng di động"] == expected["channels"]["app"]
    assert channels["Tổng đài"] == expected["channels"]["hotline"]
    assert sum(channels.values()) == expected["received"]
    t = report.totals
    assert (t.answered, t.answered_on_time, t.answered_late) == (
        expected["answered"], expected["on_time"], expected["late"])  # fmt: skip
    assert t.in_progress_late == expected["in_progress_late"]
    assert report.returned == expected["returned"]
    assert report.messages == expected["messages"]
    assert (t.ratings, t.not_satisfied) == (
        sum(expected["ratings"].values()), expected["ratings"]["not_satisfied"])  # fmt: skip
    assert report.accounts_individual == expected["accounts"]["individual"]
    assert report.accounts_organisation == expected["accounts"]["organisation"]
    paths = dict(Unit.objects.values_list("pk", "path"))
    late_by_unit = {paths[line.unit_id]: line.late for line in report.units if line.late}
    assert late_by_unit == dict(expected["late_by_agency"])
    assert len(report.late_reports) == expected["late"] + expected["in_progress_late"]
    assert len(report.unsatisfied_reports) == expected["ratings"]["not_satisfied"]

    client.force_login(User.objects.get(username="dieuphoi1"))
    query = {"tu_ngay": start.isoformat(), "den_ngay": end.isoformat()}
    page = client.get(reverse("campaigns:review"), query).content.decode()
    assert f"<td>{expected['received']}</td>" in page
    for code in [r.code for r in report.late_reports[:3]]:
        assert code in page

    word = client.get(reverse("campaigns:review"), query | {"xuat": "docx"})
    assert word["Content-Disposition"].endswith('.docx"')
    document = docx.Document(io.BytesIO(word.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"{expected['received']} phản ánh, kiến nghị được gửi đến hệ thống" in text
    assert f"{report.accounts} tài khoản" in text
    summary = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert summary["Chuyển trả do không thuộc thẩm quyền"] == str(expected["returned"])
    assert summary["— không hài lòng"] == str(expected["ratings"]["not_satisfied"])
    late_table = document.tables[3]
    assert len(late_table.rows) - 1 == expected["late"] + expected["in_progress_late"]

    sheet = client.get(reverse("campaigns:review"), query | {"xuat": "xlsx"})
    workbook = load_workbook(io.BytesIO(sheet.content))
    rows = {
        r[0]: r[1] for r in workbook["Tổng hợp"].iter_rows(values_only=True) if r and len(r) > 1
    }
    assert rows["Phản ánh, kiến nghị tiếp nhận"] == expected["received"]
    assert rows["— trễ hạn"] == expected["late"]
    assert rows["Ý kiến trao đổi, tương tác"] == expected["messages"]


@pytest.mark.django_db
def test_a_wrong_period_is_refused_with_a_message_and_no_file(client, org):
    client.force_login(org["coordinator"])
    response = client.get(reverse("campaigns:review"),
                          {"tu_ngay": "2026-06-30", "den_ngay": "2026-01-01", "xuat": "docx"})  # fmt: skip
    assert response.status_code == 200
    assert "Ngày kết thúc phải sau ngày bắt đầu." in response.content.decode()
    response = client.get(reverse("campaigns:review"), {"tu_ngay": "٢٠٢٦-01-01", "den_ngay": "x"})
    assert response.status_code == 200 and "Ngày không hợp lệ" in response.content.decode()
