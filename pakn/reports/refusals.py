"""How a refused workflow action answers, the same on every page and in the API: a report
that moved on since the page was loaded is a conflict (409) shown with the report as it is
now; an action its state or guard does not allow, or input it cannot take, is a 400 with
what was typed kept; an action the person's role does not allow is a 403.
Every view that applies an action sends its refusal through here, and the API's
problem details (pakn.api.v1.problems.workflow_problem) take their status and text from it."""

import dataclasses
from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from pakn.reports.workflow import StaleReport, TransitionNotAllowed, WorkflowError

CONFLICT, BAD_INPUT, FORBIDDEN = 409, 400, 403


@dataclasses.dataclass(frozen=True)
class ActionRefusal:
    status: int
    title: str
    detail: str  # for the person: Vietnamese first, English through the catalogue


def action_refusal(error: WorkflowError | PermissionDenied) -> ActionRefusal:
    """The answer to a refusal raised by report_apply (or a service that calls it)."""
    if isinstance(error, PermissionDenied):
        # report_apply's own text names roles for the logs; the person reads this one.
        return ActionRefusal(
            FORBIDDEN,
            _("Không có quyền"),
            _("Ông/bà không có quyền thực hiện thao tác này với phản ánh này."),
        )
    if isinstance(error, StaleReport):
        return ActionRefusal(CONFLICT, _("Phản ánh đã thay đổi"), str(error))
    if isinstance(error, TransitionNotAllowed):
        return ActionRefusal(BAD_INPUT, _("Thao tác không còn thực hiện được"), str(error))
    return ActionRefusal(BAD_INPUT, _("Chưa thực hiện được"), str(error))


def action_refused_page(
    request: HttpRequest,
    error: WorkflowError | PermissionDenied,
    *,
    render_page: Callable[[ActionRefusal], HttpResponse],
    form=None,
    field: str | None = None,
) -> HttpResponse:
    """A page's answer: 403 is the site's 403 page; a conflict comes back as the page with
    the report as it is now and the reason on top; bad input is the form's error (on top
    of the page when there is no form), under ``field`` if given. ``render_page(refusal)`` renders the page, keeping
    what was typed for bad input."""
    refusal = action_refusal(error)
    if refusal.status == FORBIDDEN:
        raise PermissionDenied(refusal.detail)
    if refusal.status == BAD_INPUT and form is not None:
        form.add_error(field, refusal.detail)
    elif refusal.status == CONFLICT:
        messages.warning(request, refusal.detail)
    else:
        messages.error(request, refusal.detail)
    response = render_page(refusal)
    response.status_code = refusal.status
    return response
