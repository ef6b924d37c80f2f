from pakn.reports.tests.conftest import org  # noqa: F401  (the small province of the reports tests)
