"""The search of published reports, on SQLite (FTS5) and PostgreSQL (unaccent index) alike."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from pakn.organisations.tests.factories import CategoryFactory, UnitFactory
from pakn.reports.models import Report, ReportStatus
from pakn.reports.search import (
    FTS_TABLE,
    PublicSearchForm,
    report_code_from_query,
    reports_public_search,
    search_index_ensure,
)
from pakn.reports.tests.public_reports import published_report
from pakn.reports.workflow import report_apply

pytestmark = pytest.mark.django_db


def found(**kwargs) -> list[str]:
    return list(reports_public_search(**kwargs).values_list("public_title", flat=True))


def test_words_without_marks_find_vietnamese_text_with_d_stroke():
    published_report("Đường ống nước bị vỡ trước chợ Đầm")
    published_report("Đèn chiếu sáng không hoạt động")
    assert found(query="duong") == ["Đường ống nước bị vỡ trước chợ Đầm"]
    assert found(query="duong ong nuoc") == ["Đường ống nước bị vỡ trước chợ Đầm"]
    assert found(query="ĐƯỜNG ỐNG") == ["Đường ống nước bị vỡ trước chợ Đầm"]
    assert found(query="cho dam") == ["Đường ống nước bị vỡ trước chợ Đầm"]
    assert found(query="den chieu") == ["Đèn chiếu sáng không hoạt động"]
    assert found(query="duong den") == []


def test_words_are_searched_in_the_public_content_too_and_the_title_ranks_first():
    in_content = published_report("Cây xanh bị gãy", "Cây gãy chắn ngang đường ống nước.")
    in_title = published_report("Vỡ đường ống nước", "Nước tràn ra đường.", submitted_days_ago=30)
    assert found(query="ong nuoc") == [in_title.public_title, in_content.public_title]
    assert found(query="ong nuoc", sort="newest") == [
        in_content.public_title,
        in_title.public_title,
    ]


def test_the_original_text_and_unpublished_reports_are_not_searched():
    published_report("Rác thải ven biển", original_title="Rác thải trước nhà ông Nguyễn Văn Bảy")
    published_report("Rác thải ở chợ", published=False)
    assert found(query="rac thai") == ["Rác thải ven biển"]
    assert found(query="nguyen van bay") == []


def test_a_code_is_an_exact_match_in_any_case():
    report = published_report("Ổ gà trên quốc lộ 1A", code="PAKN-2026-000123")
    published_report("Ổ gà khác", code="PAKN-2026-001230")
    assert report_code_from_query(" pakn-2026-123 ") == "PAKN-2026-000123"
    assert found(query="pakn-2026-000123") == [report.public_title]
    assert found(query="PAKN-2026-000999") == []


def test_the_index_follows_publication_edits_and_unpublication():
    report = published_report("Ngập nước đường Lê Hồng Phong", published=False)
    assert found(query="ngap nuoc") == []

    Report.objects.filter(pk=report.pk).update(
        is_published=True, public_title="Ngập nước đường Lê Hồng Phong", public_content="Mưa."
    )
    assert found(query="ngap nuoc") == ["Ngập nước đường Lê Hồng Phong"]

    report.refresh_from_db()
    report.public_title = "Ngập úng đường Lê Hồng Phong"
    report.save()
    assert found(query="ngap nuoc") == []
    assert found(query="ngap ung") == ["Ngập úng đường Lê Hồng Phong"]

    report.is_published = False
    report.save()
    assert found(query="ngap ung") == []

    report.delete()
    assert found(query="ngap ung") == []


def test_publication_through_the_workflow_is_searchable_at_once(org):
    from pakn.testing.reports import answer_report

    report = published_report(
        "bản nháp", published=False, status=ReportStatus.SUBMITTED, reporter=org["reporter"]
    )
    Report.objects.filter(pk=report.pk).update(coordinating_unit=org["centre"])
    answer_report(org, report)
    report_apply(report_id=report.pk, action="publish", actor=org["coordinator"],
                 public_title="Đèn đường phố Đồng Nai đã được thay",
                 public_content="Đơn vị đã thay bóng đèn.")  # fmt: skip
    assert found(query="dong nai") == ["Đèn đường phố Đồng Nai đã được thay"]
    report_apply(report_id=report.pk, action="unpublish", actor=org["coordinator"])
    assert found(query="dong nai") == []


def test_bulk_created_reports_are_indexed():
    Report.objects.bulk_create(
        [
            Report(
                code=f"PAKN-2026-8000{i}",
                title="x",
                content="x",
                reporter=published_report().reporter,
                status=ReportStatus.ANSWERED,
                is_published=True,
                public_title=f"Đổ trộm phế thải số {i}",
                public_content="Phế thải xây dựng.",
            )
            for i in range(3)
        ]
    )
    assert len(found(query="do trom phe thai")) == 3


def test_filters_sector_with_sub_sectors_unit_with_sub_units_commune_period_status():
    transport = CategoryFactory(name="Giao thông")
    roads = CategoryFactory(name="Đường bộ", parent=transport)
    health = CategoryFactory(name="Y tế")
    province = UnitFactory(name="UBND tỉnh")
    department = UnitFactory(name="Sở Giao thông", parent=province)
    sub_unit = UnitFactory(name="Phòng Quản lý đường bộ", parent=department)
    other = UnitFactory(name="Sở Y tế", parent=province)
    a = published_report("Ổ gà A", category=roads, current_unit=sub_unit, submitted_days_ago=5)
    b = published_report("Ổ gà B", category=transport, current_unit=department,
                         submitted_days_ago=40, status=ReportStatus.CLOSED)  # fmt: skip
    c = published_report("Bệnh viện C", category=health, current_unit=other, submitted_days_ago=5)

    assert set(found(category_id=transport.pk)) == {a.public_title, b.public_title}
    assert found(category_id=roads.pk) == [a.public_title]
    assert set(found(unit_id=department.pk)) == {a.public_title, b.public_title}
    assert found(unit_id=other.pk) == [c.public_title]
    today = timezone.localdate()  # the portal's day, not the machine's (UTC) one
    assert set(found(period=(today - datetime.timedelta(days=10), today))) == {
        a.public_title,
        c.public_title,
    }
    assert found(period=(None, today - datetime.timedelta(days=30))) == [b.public_title]
    assert found(status=ReportStatus.CLOSED) == [b.public_title]
    assert found(query="o ga", status=ReportStatus.ANSWERED) == [a.public_title]
    assert found(sort="oldest")[0] == b.public_title


def test_the_commune_filter():
    from pakn.organisations.models import AdministrativeArea

    province = AdministrativeArea.objects.create(
        code="99", level="province", name="Tỉnh Thử", division_type="tỉnh", codename="thu"
    )
    commune = AdministrativeArea.objects.create(code="99001", level="commune", name="Phường Một",
                                                division_type="phường", codename="mot",
                                                parent=province)  # fmt: skip
    here = published_report("Ở phường Một", commune=commune)
    published_report("Ở nơi khác")
    assert found(commune_id=commune.pk) == [here.public_title]


def test_the_form_refuses_bad_parameters_with_vietnamese_messages():
    form = PublicSearchForm(
        {"sector": "abc", "date_from": "31/02/2026", "sort": "random", "q": "x" * 201}
    )
    assert not form.is_valid()
    assert "không có trong danh sách" in form.errors["sector"][0]
    assert "Ngày không hợp lệ" in form.errors["date_from"][0]
    assert "không có trong danh sách" in form.errors["sort"][0]
    assert "tối đa 200 ký tự" in form.errors["q"][0]
    later = PublicSearchForm({"date_from": "2026-05-02", "date_to": "2026-05-01"})
    assert not later.is_valid()
    assert "phải sau" in later.errors["date_to"][0]


def test_reindex_command_and_lost_sqlite_triggers_are_put_back():
    """SQLite drops a table's triggers when a migration rebuilds the table: they come back
    after migrate and with the command. PostgreSQL's index is part of the table."""
    published_report("Sạt lở bờ kè sông Cái")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TRIGGER {FTS_TABLE}_insert")
            cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608
        assert found(query="sat lo") == []
        assert search_index_ensure() is True
    else:
        assert search_index_ensure() is False
    assert found(query="sat lo") == ["Sạt lở bờ kè sông Cái"]
    published_report("Sạt lở đồi Hòn Thơm")
    assert len(found(query="sat lo")) == 2
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608
    output = io.StringIO()
    call_command("reports_search_reindex", stdout=output)
    assert "2 published reports" in output.getvalue()
    assert len(found(query="sat lo")) == 2
