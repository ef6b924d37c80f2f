"""Errors to Sentry (or a compatible service such as GlitchTip) when SENTRY_DSN is set.

sentry-sdk's Django integration reports unhandled exceptions and ERROR log records with the
request's URL and the request id. It collects no user, form bodies, SQL parameters or local
variables (``data_collection``: names, addresses and numbers live there), and every event
passes through ``sentry_event_scrub``, which masks phone and ID numbers in every remaining
text (messages, exception values, URLs, breadcrumbs) with core's one rule, as the log filter
does for log lines.
"""

from typing import Any

from django.conf import settings

from pakn.core.personal_numbers import personal_numbers_mask
from pakn.core.request_ids import request_id_current


def _scrubbed(value: Any) -> Any:
    if isinstance(value, str):
        return personal_numbers_mask(value)
    if isinstance(value, dict):
        return {key: _scrubbed(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_scrubbed(item) for item in value]
    return value


def sentry_event_scrub(event: dict, hint: dict | None = None) -> dict:
    """Sentry's before_send and before_send_transaction: the event without personal numbers,
    tagged with the request id so that an error leads to its log lines."""
    request_id = request_id_current()
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    return _scrubbed(event)


def sentry_breadcrumb_scrub(crumb: dict, hint: dict | None = None) -> dict:
    return _scrubbed(crumb)


def error_reporting_start(**overrides: Any) -> bool:
    """Starts sentry-sdk if SENTRY_DSN is set (called once, when the apps are ready)."""
    if not settings.SENTRY_DSN:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        **{
            "dsn": settings.SENTRY_DSN,
            "environment": settings.SENTRY_ENVIRONMENT,
            "release": settings.SENTRY_RELEASE or None,
            "integrations": [DjangoIntegration()],
            "data_collection": {
                "user_info": False,
                "http_bodies": [],
                "database_query_data": False,
                "stack_frame_variables": False,
            },
            "traces_sample_rate": settings.SENTRY_TRACES_SAMPLE_RATE,
            "before_send": sentry_event_scrub,
            "before_send_transaction": sentry_event_scrub,
            "before_breadcrumb": sentry_breadcrumb_scrub,
            **overrides,
        }
    )
    return True
