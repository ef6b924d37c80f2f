"""The person's notification list ("Thông báo"): newest first, open one (marks it read and
goes to its report), mark all read. Someone else's notification answers 404."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from pakn.core.typed_input import Paginator
from pakn.notifications.models import Notification
from pakn.notifications.selectors import notifications_of
from pakn.notifications.services import notification_mark_read, notifications_mark_all_read

PER_PAGE = 20


@require_GET
@login_required
def notification_list(request):
    page = Paginator(notifications_of(request.user), PER_PAGE).get_page(request.GET.get("trang"))
    return render(request, "notifications/list.html", {"page": page})


@require_POST
@login_required
def notification_open(request, pk: int):
    try:
        notification = notification_mark_read(user=request.user, notification_id=pk)
    except Notification.DoesNotExist:
        raise Http404 from None
    if notification.url and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(notification.url)
    return redirect("notifications:list")


@require_POST
@login_required
def notifications_read_all(request):
    notifications_mark_all_read(user=request.user)
    return redirect("notifications:list")
