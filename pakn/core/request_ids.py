"""One id per request, in every log line the request causes, including those of the background
tasks it enqueues: an operator follows one citizen's click from the proxy's access log through
the app server to the worker that sent the SMS.

The id comes from the proxy's X-Request-ID header when it sends a sane one (so the proxy's log
and ours share it), otherwise a new one; the response carries it back. A context variable holds
it, so it follows the request through threads' contexts and asyncio alike. A task enqueued
while it is set keeps it in its row's ``args_kwargs`` JSON beside the arguments (django-tasks-db
reads only the "args" and "kwargs" keys there), written as the row is created, so no extra
query; the worker (pakn_worker) binds it again while the task runs.
"""

import contextlib
import contextvars
import logging
import re
import uuid
from collections.abc import Iterator

REQUEST_ID_HEADER = "X-Request-ID"
_ACCEPTABLE = re.compile(r"[A-Za-z0-9._-]{8,64}")
TASK_REQUEST_ID_KEY = "request_id"
_current: contextvars.ContextVar[str] = contextvars.ContextVar("pakn_request_id", default="")


def request_id_current() -> str:
    """The id of the request (or of the task's originating request) being handled; "" outside."""
    return _current.get()


def request_id_new(proposed: str = "") -> str:
    """The proxy's id when it looks like one (never a header full of text), else a fresh one."""
    if _ACCEPTABLE.fullmatch(proposed):
        return proposed
    return uuid.uuid4().hex


@contextlib.contextmanager
def request_id_bound(value: str) -> Iterator[None]:
    token = _current.set(value)
    try:
        yield
    finally:
        _current.reset(token)


class RequestIdMiddleware:
    """First in the chain, so that every log line of the request, a 500 included, has the id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_new(request.headers.get(REQUEST_ID_HEADER, ""))
        request.request_id = request_id
        with request_id_bound(request_id):
            response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Puts the current request id on every record (``%(request_id)s``, the JSON field); "-"
    outside any request or task."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            # Django logs a 4xx/5xx response ("Not Found: …") after the middleware chain has
            # returned, outside the bound id, with the request on the record.
            request = getattr(record, "request", None)
            record.request_id = request_id_current() or getattr(request, "request_id", "") or "-"
        return True


def task_request_id_store(sender, instance, raw: bool = False, **kwargs) -> None:
    """pre_save of django-tasks-db's task row: a new task remembers the current request id."""
    request_id = request_id_current()
    if raw or not request_id or not instance._state.adding:
        return
    if isinstance(instance.args_kwargs, dict):
        instance.args_kwargs[TASK_REQUEST_ID_KEY] = request_id


def task_request_id(db_task_result) -> str:
    """The id of the request that enqueued this task, or "" (a scheduled job, an older row)."""
    args_kwargs = db_task_result.args_kwargs
    return str(args_kwargs.get(TASK_REQUEST_ID_KEY, "")) if isinstance(args_kwargs, dict) else ""
