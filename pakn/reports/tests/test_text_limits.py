"""Issue 11: public texts have a length limit, the same in the form (a Vietnamese message, the
text kept), in the service (refused, never cut) and in the database (a check constraint that
holds on SQLite, where a column's declared length means nothing, and on PostgreSQL)."""

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction

from pakn.reports.forms import MessageForm, RatingForm, ReportForm
from pakn.reports.models import Answer, Message, Rating, Report
from pakn.reports.services.exchange import message_send
from pakn.reports.services.submission import ReportDetails, report_submit
from pakn.reports.workflow import WorkflowError, report_apply
from pakn.testing.reports import answer_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(org):
    return report_submit(
        reporter=org["reporter"],
        details=ReportDetails(title="Nắp cống vỡ", content="Nắp cống trước cổng trường bị vỡ."),
        idempotency_key=uuid.uuid4(),
    )


@pytest.fixture
def answered(org, report):
    return answer_report(org, report)


def rows(org, report):
    """One row of each model that holds a public text, and the text's field and limit."""
    message = Message.objects.create(report=report, author=org["reporter"], body="Bổ sung.")
    answer = Answer.objects.create(
        report=report, unit=org["department"], content="Đã xử lý.", drafted_by=org["handler"]
    )
    rating = Rating.objects.create(report=report, value="satisfied", comment="Tốt.")
    return [
        (report, "title", 250, "Tiêu đề tối đa 250 ký tự."),
        (report, "content", 10_000, "Nội dung tối đa 10.000 ký tự."),
        (report, "public_title", 250, "Tiêu đề công khai tối đa 250 ký tự."),
        (report, "public_content", 10_000, "Nội dung công khai tối đa 10.000 ký tự."),
        (message, "body", 5_000, "Nội dung trao đổi tối đa 5.000 ký tự."),
        (answer, "content", 20_000, "Nội dung trả lời tối đa 20.000 ký tự."),
        (rating, "comment", 2_000, "Nhận xét tối đa 2.000 ký tự."),
    ]


def test_the_database_holds_every_public_text_to_its_limit(org, report):
    for row, field, limit, _message in rows(org, report):
        manager = type(row).objects.filter(pk=row.pk)
        manager.update(**{field: "ệ" * limit})  # exactly the limit, in characters not bytes
        # The check constraint (IntegrityError), or PostgreSQL's varchar(250) first (DataError).
        with pytest.raises((IntegrityError, DataError)), transaction.atomic():
            manager.update(**{field: "ệ" * (limit + 1)})


def test_the_model_says_in_vietnamese_which_text_is_too_long(org, report):
    for row, field, limit, message in rows(org, report):
        setattr(row, field, "a" * (limit + 1))
        with pytest.raises(ValidationError) as refused:
            row.validate_constraints()
        assert message in str(refused.value)
        setattr(row, field, "a" * limit)
        row.validate_constraints()


@pytest.mark.parametrize(
    ("form_class", "field", "limit", "message", "other"),
    [
        (ReportForm, "title", 250, "Tiêu đề tối đa 250 ký tự", {}),
        (ReportForm, "content", 10_000, "Nội dung tối đa 10000 ký tự", {}),
        (MessageForm, "body", 5_000, "Nội dung trao đổi tối đa 5000 ký tự", {}),
        (RatingForm, "comment", 2_000, "Nhận xét tối đa 2000 ký tự", {"value": "satisfied"}),
    ],
)
def test_the_citizens_forms_refuse_a_text_one_character_over_its_limit(
    form_class, field, limit, message, other
):
    over = form_class({**other, field: "ô" * (limit + 1)})
    over.is_valid()
    assert message in " ".join(over.errors[field])
    at_limit = form_class({**other, field: "ô" * limit})
    at_limit.is_valid()
    assert field not in at_limit.errors


def test_a_rating_comment_over_the_limit_is_refused_not_cut(org, answered):
    with pytest.raises(WorkflowError, match="Nhận xét tối đa 2.000 ký tự."):
        report_apply(report_id=answered.pk, action="rate", actor=org["reporter"],
                     value="satisfied", comment="x" * 2001)  # fmt: skip
    assert not Rating.objects.exists()
    report_apply(report_id=answered.pk, action="rate", actor=org["reporter"],
                 value="satisfied", comment="x" * 2000)  # fmt: skip
    assert len(Rating.objects.get().comment) == 2000


def test_the_rating_page_keeps_an_over_long_comment_and_says_why(client, org, answered):
    client.force_login(org["reporter"])
    comment = "Rất hài lòng với cách xử lý. " * 80  # 2,320 characters
    response = client.post(
        f"/phan-anh-cua-toi/{answered.code}/danh-gia/", {"value": "satisfied", "comment": comment}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Nhận xét tối đa 2000 ký tự" in html
    assert comment.strip() in html
    assert not Rating.objects.exists()


def test_the_services_refuse_over_long_answers_public_texts_and_messages(org, report):
    report_apply(report_id=report.pk, action="forward", actor=org["coordinator"],
                 unit_id=org["department"].pk)  # fmt: skip
    report_apply(report_id=report.pk, action="accept", actor=org["handler"])
    with pytest.raises(WorkflowError, match="Nội dung trả lời tối đa 20.000 ký tự."):
        report_apply(report_id=report.pk, action="submit_answer", actor=org["handler"],
                     content="x" * 20_001)  # fmt: skip
    with pytest.raises(WorkflowError, match="Nội dung trao đổi tối đa 5.000 ký tự."):
        message_send(report=report, author=org["handler"], body="x" * 5001)
    assert not Answer.objects.exists() and not Message.objects.exists()


def test_publishing_refuses_over_long_public_texts(org, answered):
    for fields, message in [
        ({"public_title": "x" * 251, "public_content": "Nắp cống vỡ."},
         "Tiêu đề công khai tối đa 250 ký tự."),
        ({"public_title": "Nắp cống vỡ", "public_content": "x" * 10_001},
         "Nội dung công khai tối đa 10.000 ký tự."),
    ]:  # fmt: skip
        with pytest.raises(WorkflowError, match=message):
            report_apply(report_id=answered.pk, action="publish", actor=org["coordinator"],
                         **fields)  # fmt: skip
    assert not Report.objects.get(pk=answered.pk).is_published
