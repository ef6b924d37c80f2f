"""The public list of adopted proposals (national mode, seed 004): what the ministries and
provinces took up, as published."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from pakn.core.typed_input import Paginator
from pakn.reports.public import proposals_adopted_public

ADOPTED_PER_PAGE = 20


@require_GET
def adopted_proposals(request):
    paginator = Paginator(proposals_adopted_public(), ADOPTED_PER_PAGE)
    page = paginator.get_page(request.GET.get("trang"))
    return render(
        request,
        "portal/adopted_proposals.html",
        {"page": page, "proposals": page.object_list},
    )
