from pakn.reports.tests.conftest import org, sms_outbox  # noqa: F401  (shared fixtures)
