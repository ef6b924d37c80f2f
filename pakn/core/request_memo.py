"""Values read once per request. An officer's page asks "which roles, in which units?" from
several places (the report's visibility, the roles on the report, the actions offered, the
exchange, the administration link): each answers from the same rows, read once.

Hand-written (a context variable and a middleware, a dozen lines) because the maintained
packages for this keep a thread-local request object, which the tasks and commands outside a
request must not see. Outside a request nothing is kept: tasks, commands and tests calling
services read afresh every time."""

import contextvars
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

_memo: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "pakn_request_memo", default=None
)


def request_memo_get(key: str, compute: Callable[[], T]) -> T:
    """``compute()`` once per request for ``key``; every time outside a request."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def request_memo_forget() -> None:
    """A change written during the request (a role granted, a unit moved) is read afresh by
    whatever asks after it."""
    memo = _memo.get()
    if memo is not None:
        memo.clear()


class RequestMemoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)
