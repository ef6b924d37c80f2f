import factory

from pakn.accounts.tests.factories import UserFactory
from pakn.reports.models import Report, ReportStatus


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    title = factory.Sequence(lambda n: f"Đèn đường hỏng số {n}")
    content = "Đèn đường trước nhà số 12 Trần Phú bị hỏng nhiều ngày, buổi tối rất tối."
    reporter = factory.SubFactory(UserFactory)
    status = ReportStatus.DRAFT
