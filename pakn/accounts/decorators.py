"""Who a page is for: citizens (and organisations) or officers. One decorator each, used by
every view of that kind, so the two doors answer the same everywhere."""

import functools

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from pakn.accounts.models import AccountType


def citizen_required(view):
    """A logged-in citizen or organisation (others go to the login page). An officer gets a
    403 that says so: officers work reports and their own account on the officers' pages."""

    @login_required
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.user.account_type == AccountType.OFFICER:
            raise PermissionDenied(_("Trang này dành cho người dân, tổ chức, doanh nghiệp."))
        return view(request, *args, **kwargs)

    return wrapped


def officer_required(view):
    """A logged-in, active officer; anyone else goes to the officers' login. The second
    factor, the session's age and a temporary password are checked for every request by
    BackofficeSessionMiddleware."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated or user.account_type != AccountType.OFFICER:
            return redirect(f"{reverse('backoffice:login')}?next={request.path}")
        return view(request, *args, **kwargs)

    return wrapped
