"""Bulk actions of the inbox: a coordinator forwards several reports to one unit at once.

Each report goes through ``report_apply`` on its own, as if forwarded from its desk: a report
the officer cannot see, or that someone else already moved on, is left as it is and named in
the message; the others are forwarded."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pakn.accounts.decorators import officer_required
from pakn.backoffice.desk.selectors import officer_scope, report_for_desk
from pakn.backoffice.forms import UnitChoiceField
from pakn.core.http import client_ip
from pakn.organisations.models import Unit
from pakn.reports.workflow import WorkflowError, report_apply

BULK_LIMIT = 100  # a page of the inbox holds 25; a hand-made request may not ask for more


class BulkForwardForm(forms.Form):
    codes = forms.MultipleChoiceField(
        label=gettext_lazy("Phản ánh đã chọn"),
        error_messages={"required": gettext_lazy("Vui lòng chọn ít nhất một phản ánh.")},
    )
    unit = UnitChoiceField(
        label=gettext_lazy("Chuyển đến đơn vị xử lý"),
        queryset=Unit.objects.none(),
        empty_label=gettext_lazy("— Chọn đơn vị —"),
        error_messages={"required": gettext_lazy("Vui lòng chọn đơn vị xử lý.")},
    )
    note = forms.CharField(
        label=gettext_lazy("Ý kiến chỉ đạo (nội bộ, không bắt buộc)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Nội bộ: chỉ cán bộ đọc được, người gửi không xem được."),
    )

    def __init__(self, *args, codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["codes"].choices = [(code, code) for code in codes]
        self.fields["unit"].queryset = (
            Unit.objects.filter(is_active=True).exclude(kind="coordinating_centre").order_by("path")
        )


def _back(request):
    """Back to the inbox page the officer was on (its tab and filters, re-encoded)."""
    query = QueryDict(request.POST.get("next_query", "")).urlencode()
    return redirect(reverse("backoffice:desk-inbox") + (f"?{query}" if query else ""))


@officer_required
@require_POST
def inbox_bulk_forward(request):
    if not officer_scope(request.user).is_coordinator:
        raise PermissionDenied(_("Chỉ đơn vị điều phối được chuyển xử lý."))
    codes = request.POST.getlist("codes")[:BULK_LIMIT]
    form = BulkForwardForm(request.POST, codes=codes)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _back(request)
    unit, note = form.cleaned_data["unit"], form.cleaned_data["note"]
    done, refused = [], []
    for code in form.cleaned_data["codes"]:
        try:
            report = report_for_desk(request.user, code)
            report_apply(report_id=report.pk, action="forward", actor=request.user,
                         ip_address=client_ip(request), unit_id=unit.pk, note=note)  # fmt: skip
        except (Http404, PermissionDenied, WorkflowError):
            refused.append(code)
        else:
            done.append(code)
    if done:
        messages.success(
            request,
            _("Đã chuyển %(count)d phản ánh đến %(unit)s: %(codes)s.")
            % {"count": len(done), "unit": unit.name, "codes": ", ".join(done)},
        )
    if refused:
        messages.warning(
            request,
            _("Không chuyển được (đã được xử lý hoặc không còn thuộc hộp thư): %(codes)s.")
            % {"codes": ", ".join(refused)},
        )
    return _back(request)
