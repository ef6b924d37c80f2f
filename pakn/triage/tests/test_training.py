"""Training the suggestion model and asking it: what the coordinator is offered for a new
report, with enough forwarding history and without."""

import datetime

import pytest
from django.utils import timezone

from pakn.organisations.models import Category
from pakn.reports.models import ReportKind
from pakn.reports.tests.factories import ReportFactory
from pakn.reports.workflow import report_apply
from pakn.triage import learning
from pakn.triage.models import TriageModel, TriageModelStatus
from pakn.triage.selectors import report_triage_suggest, triage_history
from pakn.triage.services import triage_model_train, triage_training_due
from pakn.triage.tests.history import forwarded_history

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_threshold(settings):
    settings.PAKN_TRIAGE_MIN_SAMPLES = 10


def new_report(desk, *, title, content, commune=None, category=None):
    report = ReportFactory(
        title=title, content=content, reporter=desk["reporter"], category=category,
        commune=commune or desk["ward"], province=desk["province"],
    )  # fmt: skip
    return report_apply(report_id=report.pk, action="submit", actor=desk["reporter"])


def test_a_trained_model_suggests_the_sector_unit_and_kind_of_past_routing(desk):
    forwarded_history(desk)
    row = triage_model_train()
    assert row.status == TriageModelStatus.READY
    assert row.samples == 24 and row.held_out == 5
    assert row.unit_top1 is not None and row.category_top3 is not None

    report = new_report(
        desk,
        title="Bệnh viện bắt người bệnh chờ khám quá lâu",
        content="Người bệnh chờ khám từ sáng đến trưa, nhân viên y tế không hướng dẫn.",
    )
    suggestion = report_triage_suggest(report=report)

    assert suggestion.from_model and suggestion.model.version == row.version
    assert suggestion.categories[0].value.code == "health"
    assert suggestion.units[0].value == desk["unit_b"]
    assert suggestion.kind == ReportKind.RECOMMENDATION
    # At most three, best first, confidences that read as shares.
    for ranked in (suggestion.categories, suggestion.units, suggestion.kinds):
        assert 1 <= len(ranked) <= 3
        confidences = [r.confidence for r in ranked]
        assert confidences == sorted(confidences, reverse=True)
        assert 0 < sum(confidences) <= 1.0001
    assert suggestion.units[0].percent > 50


def test_text_typed_without_marks_is_read_as_with_them(desk):
    forwarded_history(desk)
    triage_model_train()
    report = new_report(desk, title="Den duong khong sang", content="Bong den duong tat, rat toi.")

    suggestion = report_triage_suggest(report=report)

    assert suggestion.categories[0].value == desk["lighting"]
    assert suggestion.units[0].value == desk["unit_a"]


def test_with_too_little_history_the_routing_rules_suggest_and_say_so(desk, settings):
    forwarded_history(desk, each=3)
    row = triage_model_train()
    assert row.status == TriageModelStatus.TOO_LITTLE and row.samples == 6
    assert not row.payload

    report = new_report(desk, title="Đèn đường hỏng", content="Tối om.", category=desk["lighting"])
    suggestion = report_triage_suggest(report=report)

    assert not suggestion.from_model
    assert suggestion.samples_seen == 6 and suggestion.samples_needed == 10
    # The rule for street lighting in this ward: department A.
    assert suggestion.units[0].value == desk["unit_a"]
    assert suggestion.units[0].confidence is None
    assert suggestion.categories[0].value == desk["lighting"]


def test_a_model_that_learnt_from_fewer_reports_than_now_required_is_not_used(desk, settings):
    forwarded_history(desk)
    triage_model_train()
    settings.PAKN_TRIAGE_MIN_SAMPLES = 100
    report = new_report(desk, title="Đèn đường hỏng", content="Tối om.", category=desk["lighting"])

    suggestion = report_triage_suggest(report=report)

    assert not suggestion.from_model and suggestion.samples_seen == 24


def test_a_failing_training_leaves_the_previous_model_serving(desk, monkeypatch):
    forwarded_history(desk)
    first = triage_model_train()

    def broken_fit(self, samples):
        raise MemoryError("the worker ran out of memory")

    monkeypatch.setattr(learning.TriageClassifier, "fit", broken_fit)
    failed = triage_model_train()

    assert failed.status == TriageModelStatus.FAILED and "out of memory" in failed.error
    report = new_report(desk, title="Đèn đường hỏng", content="Bóng đèn đường không sáng.")
    suggestion = report_triage_suggest(report=report)
    assert suggestion.from_model and suggestion.model.version == first.version
    assert suggestion.units[0].value == desk["unit_a"]


def test_the_scheduler_starts_one_training_a_period(desk, django_capture_on_commit_callbacks):
    forwarded_history(desk)
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert triage_training_due(now=now) == 1  # the task runs at once in tests
    assert TriageModel.objects.get().status == TriageModelStatus.READY

    with django_capture_on_commit_callbacks(execute=True):
        assert triage_training_due(now=now + datetime.timedelta(hours=1)) == 0
        assert triage_training_due(now=now + datetime.timedelta(hours=25)) == 1
    assert list(TriageModel.objects.values_list("version", "status")) == [
        (2, TriageModelStatus.READY),
        (1, TriageModelStatus.READY),
    ]


def test_no_second_training_while_one_runs_and_a_dead_one_is_let_go(desk):
    now = timezone.now()
    TriageModel.objects.create(version=1, status=TriageModelStatus.TRAINING, started_at=now)
    assert triage_training_due(now=now + datetime.timedelta(minutes=30)) == 0
    assert triage_model_train() is None  # the command too waits its turn

    # Its worker died: three hours later the slot is freed and a new training starts.
    assert triage_training_due(now=now + datetime.timedelta(hours=3)) == 1
    assert TriageModel.objects.get(version=1).status == TriageModelStatus.FAILED
    assert TriageModel.objects.get(version=2).status == TriageModelStatus.TRAINING


def test_the_history_is_the_last_forward_of_each_report(desk):
    reports = forwarded_history(desk, each=2)
    lighting_report = reports[0]
    # Department A sent it back; the coordinator forwarded it to department B.
    lighting_report.events.create(action="forward", actor=desk["coordinator"],
                                  to_unit=desk["unit_b"])  # fmt: skip

    samples = triage_history(limit=100)

    assert len(samples) == 4
    units = {(s.title, s.unit_id) for s in samples}
    assert (lighting_report.title, desk["unit_b"].pk) in units
    assert (lighting_report.title, desk["unit_a"].pk) not in units
    assert len(triage_history(limit=2)) == 2


def test_a_closed_sector_is_never_suggested(desk):
    forwarded_history(desk)
    triage_model_train()
    Category.objects.filter(code="health").update(is_active=False)
    report = new_report(desk, title="Chờ khám bệnh quá lâu", content="Bệnh viện đông, chờ lâu.")

    suggestion = report_triage_suggest(report=report)

    assert "health" not in {r.value.code for r in suggestion.categories}


def test_only_the_two_newest_models_keep_their_payload(desk):
    forwarded_history(desk, each=6)
    for _ in range(3):
        triage_model_train()

    sizes = dict(TriageModel.objects.values_list("version", "payload"))
    assert not sizes[1] and sizes[2] and sizes[3]
    report = new_report(desk, title="Đèn đường hỏng", content="Bóng đèn đường không sáng.")
    assert report_triage_suggest(report=report).model.version == 3
