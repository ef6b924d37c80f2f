"""The national form "Gửi đề xuất, sáng kiến" (seed 004): a citizen or an organisation sends
its own proposal; an officer sends one on behalf of an organisation, in a unit's name. The
view parses the form, keeps the uploaded files under the form's token, and calls
proposal_submit; a refused form comes back with everything typed and uploaded still there."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from pakn.accounts.models import AccountType
from pakn.core.http import client_ip

# The citizen form's upload handling, shared rather than written twice.
from pakn.reports.form_uploads import form_keep_typed, form_uploads_pending, form_uploads_take
from pakn.reports.models import Report, ReportStatus
from pakn.reports.proposal_forms import ProposalForm
from pakn.reports.services.attachments import (
    MAX_ATTACHMENTS,
    upload_token_issue,
)
from pakn.reports.services.proposals import ProposalDetails, proposal_submit
from pakn.reports.views import _parse_uuid
from pakn.reports.workflow import WorkflowError


def _after_sending(user, report: Report):
    if user.account_type == AccountType.OFFICER:
        return redirect("backoffice:desk-report", code=report.code)
    return redirect("reports:sent", code=report.code)


def _details(data, officer) -> ProposalDetails:
    province = data.get("province")
    unit = data.get("submitting_unit") if officer is not None else None
    return ProposalDetails(
        title=data["title"],
        field_id=data["field"].pk,
        problem=data["problem"],
        solution=data["solution"],
        expected_impact=data["expected_impact"],
        scale=data["scale"],
        province_id=province.pk if province else None,
        organisations_involved=data.get("organisations_involved", ""),
        people_involved=data.get("people_involved", ""),
        on_behalf_of=data.get("on_behalf_of", "") if officer is not None else "",
        submitting_unit_id=unit.pk if unit else None,
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_send(request):
    user = request.user
    if user.account_type == AccountType.CONTACT:
        raise PermissionDenied(_("Tài khoản này không gửi được đề xuất."))
    officer = user if user.account_type == AccountType.OFFICER else None
    status = 200
    upload_token = None
    if request.method == "POST":
        form = ProposalForm(request.POST, request.FILES, officer=officer)
        key = _parse_uuid(request.POST.get("idempotency_key"))
        if key is not None:
            sent = Report.objects.filter(reporter=user, idempotency_key=key).first()
            if sent is not None and sent.status != ReportStatus.DRAFT:
                return _after_sending(user, sent)  # the same form posted again
        form.is_valid()
        upload_token, status = form_uploads_take(request, form, user=user)
        if not form.errors:
            data = form.cleaned_data
            try:
                report = proposal_submit(
                    reporter=user,
                    details=_details(data, officer),
                    idempotency_key=data["idempotency_key"],
                    upload_token=upload_token,
                    ip_address=client_ip(request),
                )
            except WorkflowError as error:
                form.add_error(None, str(error))
            else:
                return _after_sending(user, report)
        form_keep_typed(form, user=user, upload_token=upload_token)
    else:
        form = ProposalForm(officer=officer)
        form.initial["upload_token"] = upload_token_issue(user=user)
    return render(
        request,
        "reports/proposal_form.html",
        {
            "form": form,
            "uploads": form_uploads_pending(user, upload_token, None),
            "max_attachments": MAX_ATTACHMENTS,
        },
        status=status,
    )
