"""While a new model trains (in another thread, with its own database connection, as the task
worker would), the desk keeps reading the previous one; the new one serves once stored."""

import threading

import pytest
from django.db import connection

from pakn.reports.tests.factories import ReportFactory
from pakn.triage import learning
from pakn.triage.models import TriageModel, TriageModelStatus
from pakn.triage.selectors import report_triage_suggest
from pakn.triage.services import triage_model_train
from pakn.triage.tests.history import forwarded_history

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_previous_model_serves_until_the_new_one_is_stored(desk, settings, monkeypatch):
    settings.PAKN_TRIAGE_MIN_SAMPLES = 10
    forwarded_history(desk)
    first = triage_model_train()
    report = ReportFactory(title="Đèn đường hỏng", content="Bóng đèn đường không sáng.",
                           reporter=desk["reporter"], commune=desk["ward"])  # fmt: skip

    fitting, release = threading.Event(), threading.Event()
    real_fit = learning.TriageClassifier.fit

    def slow_fit(self, samples):
        fitting.set()
        assert release.wait(timeout=60)
        return real_fit(self, samples)

    monkeypatch.setattr(learning.TriageClassifier, "fit", slow_fit)
    finished = {}

    def train():
        try:
            finished["row"] = triage_model_train()
        finally:
            connection.close()

    worker = threading.Thread(target=train)
    worker.start()
    try:
        assert fitting.wait(timeout=60)
        # Training now: its row is there, the desk reads the first model all the same.
        assert TriageModel.objects.filter(status=TriageModelStatus.TRAINING).count() == 1
        during = report_triage_suggest(report=report)
        assert during.from_model and during.model.version == first.version
        assert during.units[0].value == desk["unit_a"]
    finally:
        release.set()
        worker.join(timeout=120)

    assert finished["row"].status == TriageModelStatus.READY
    after = report_triage_suggest(report=report)
    assert after.model.version == first.version + 1
    assert after.units[0].value == desk["unit_a"]
