"""schemathesis against the REST API's own OpenAPI description: for every operation under
/api/, a few requests generated from the schema (fixed seed, bounded examples), signed in as
a citizen and as an officer. No answer may be a server error, and every answer must be one
the description documents: its status code, its content type and its body's shape."""

import contextlib

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from pakn.api.tests.conftest import token_client
from pakn.backoffice.tests.desk_setup import report_at, submitted_report
from pakn.reports.tests.factories import ReportFactory

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 4
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Signing out would sign the rest of the run out: test_signin.py covers these.
SKIPPED = ("/api/v1/auth/logout/", "/api/v1/auth/logout-everywhere/")


def _operations():
    raw = SchemaGenerator().get_schema(request=None, public=True)
    schema = schemathesis.openapi.from_dict(raw)
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.path.startswith("/api/") and operation.path not in SKIPPED:
            yield operation


@contextlib.contextmanager
def connection_kept():
    """The real WSGI application runs in the test's thread and database transaction; like
    Django's test client, it must not close the test's connection at each request's end."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.parametrize("who", ["reporter", "handler_a"])
def test_every_answer_is_one_the_description_documents(desk, who, settings):
    # Throttles are tested in test_foundations.py; here every request must be answered.
    settings.API_THROTTLE_RATES = dict.fromkeys(("user", "address", "sign_in"), "100000/minute")
    report = report_at(desk, "unit_a")
    submitted_report(desk)
    draft = ReportFactory(reporter=desk["reporter"], title="Nháp", content="Nội dung nháp")
    # Real values for the path's names, so that the requests reach the endpoints' logic.
    known = {"code": report.code, "draft_id": str(draft.idempotency_key)}
    app = get_wsgi_application()
    token = token_client(desk[who])._credentials["HTTP_AUTHORIZATION"]
    failures = []
    with connection_kept():
        for operation in _operations():
            path_parameters = {k: v for k, v in known.items() if f"{{{k}}}" in operation.path}
            _check(operation, app, token, failures, path_parameters)
    assert not failures, "\n\n".join(failures)


def _check(operation, app, token: str, failures: list, path_parameters: dict) -> None:
    """A few generated requests to one operation; a failure is recorded with its operation
    so that one run lists them all."""

    @hypothesis_settings(
        max_examples=EXAMPLES_PER_OPERATION,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(path_parameters=path_parameters or None))
    def check(case):
        response = case.call(app=app, headers={"Authorization": token})
        case.validate_response(response, checks=CHECKS)

    try:
        check()
    except (Exception, BaseExceptionGroup) as error:  # noqa: BLE001 - all failures listed
        failures.append(f"{operation.method.upper()} {operation.path}: {error}"[:1500])
