"""The campaigns' pages in the officers' frame: a unit's figures, the province's table, chart
and map, the campaigns the coordinators set up, and the review report. Thin: each reads one
form, asks access.py, calls one service or selector."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Avg
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from pakn.accounts.decorators import officer_required
from pakn.campaigns import exports
from pakn.campaigns.access import (
    campaigns_may_follow,
    campaigns_may_manage,
    figures_may_submit,
    units_reporting_for,
)
from pakn.campaigns.exports import review_summary_rows
from pakn.campaigns.forms import CampaignForm, FiguresForm, PeriodForm, ReviewPeriodForm
from pakn.campaigns.models import Campaign, CampaignPeriod
from pakn.campaigns.review import review_report
from pakn.campaigns.selectors import (
    adoption_table,
    campaign_reporting_units,
    counted_by_commune,
    figures_history,
    figures_status,
    periods_open_for,
)
from pakn.campaigns.services import adoption_figures_submit, campaign_create, campaign_period_add
from pakn.core.selectors import site_settings_get
from pakn.core.typed_input import ID_MAX
from pakn.reports.models import Report

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _file(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _period(period_id: int) -> CampaignPeriod:
    if not 0 < period_id <= ID_MAX:
        raise Http404
    return get_object_or_404(CampaignPeriod.objects.select_related("campaign"), pk=period_id)


@officer_required
def campaigns_home(request):
    """What the officer has to send (their units' open periods) and, for coordinators and
    followers, every campaign with its periods."""
    today = timezone.localdate()
    units = list(units_reporting_for(request.user))
    to_send = []
    for period, asked in periods_open_for(units, today=today):
        for unit in asked:
            history = figures_history(period, unit)
            first = history[-1].created_at if history else None
            to_send.append((period, unit, figures_status(period, first, today), history[:1]))
    follow = campaigns_may_follow(request.user)
    campaigns = (
        Campaign.objects.prefetch_related("periods").order_by("-created_at") if follow else []
    )
    return render(request, "campaigns/home.html", {
        "to_send": to_send, "follow": follow, "campaigns": campaigns,
        "manage": campaigns_may_manage(request.user),
    })  # fmt: skip


@officer_required
@require_http_methods(["GET", "POST"])
def figures_submit(request, period_id: int, unit_id: int):
    period = _period(period_id)
    if not 0 < unit_id <= ID_MAX:
        raise Http404
    unit = next(
        (r.unit for r in campaign_reporting_units(period.campaign) if r.unit.pk == unit_id), None
    )
    if unit is None:
        raise Http404
    if not figures_may_submit(request.user, unit):
        raise PermissionDenied
    history = figures_history(period, unit)
    current = history[0] if history else None
    initial = {}
    if current:
        initial = {name: getattr(current, name) for name in
                   ("people_guided", "app_installs", "accounts_registered", "solutions", "notes")}  # fmt: skip
    form = FiguresForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            adoption_figures_submit(
                actor=request.user, period=period, unit=unit, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã gửi số liệu của %(unit)s.") % {"unit": unit.name})
            return redirect("campaigns:submit", period_id=period.pk, unit_id=unit.pk)
    commune = unit.areas.filter(level="commune").order_by("code").first()
    counted = None
    if commune:
        accounts, reports = counted_by_commune([commune.pk], period.start_date, period.end_date)[
            commune.pk
        ]
        counted = {"commune": commune, "accounts": accounts, "reports": reports}
    status = figures_status(
        period, history[-1].created_at if history else None, timezone.localdate()
    )
    return render(request, "campaigns/submit.html", {
        "period": period, "unit": unit, "form": form, "history": history, "counted": counted,
        "status": status,
    })  # fmt: skip


MAP_COLOURS = (  # (share of the population with an account at least, colour, label)
    (5.0, "#1a7f37", "≥ 5%"),
    (2.0, "#7cb342", "2–5%"),
    (0.5, "#f0a202", "0,5–2%"),
    (0.0, "#c62828", "< 0,5%"),
)
NO_FIGURES_COLOUR = "#8a8f98"


def _map_points(table) -> list[dict]:
    """One circle per commune at the middle of the reports sent from it (the official list
    has neither boundaries nor centres), coloured by the share of the population with an
    account: declared by the unit, or counted by the system when the unit has not reported."""
    commune_ids = [line.commune_id for line in table.lines if line.commune_id]
    centres = {
        row["commune_id"]: (row["lat"], row["lon"])
        for row in Report.objects.filter(commune_id__in=commune_ids, latitude__isnull=False)
        .values("commune_id")
        .annotate(lat=Avg("latitude"), lon=Avg("longitude"))
        .order_by()
    }
    points = []
    for line in table.lines:
        if line.commune_id not in centres:
            continue
        share = line.declared_share if line.reported else line.counted_share
        colour = NO_FIGURES_COLOUR
        if share is not None:
            colour = next(c for floor, c, _label in MAP_COLOURS if share >= floor)
        lat, lon = centres[line.commune_id]
        points.append({
            "lat": round(float(lat), 5), "lon": round(float(lon), 5), "colour": colour,
            "name": line.unit_name, "status": line.status_label,
            "declared": line.accounts_declared, "counted": line.accounts_counted,
            "share": share,
        })  # fmt: skip
    return points


def _chart(table) -> dict:
    """Declared and counted accounts as bars: per group, and per commune (the largest first)."""
    communes = sorted(
        (line for line in table.lines if line.commune_id),
        key=lambda line: (
            -(line.accounts_declared or 0),
            -(line.accounts_counted or 0),
            line.unit_name,
        ),
    )[:30]
    scale = max([1, *(max(g.accounts_declared, g.accounts_counted) for g in table.groups)])
    commune_scale = max(
        [1, *(max(line.accounts_declared or 0, line.accounts_counted or 0) for line in communes)]
    )
    width = 300
    return {
        "width": width,
        "groups": [(g, width * g.accounts_declared // scale, width * g.accounts_counted // scale)
                   for g in table.groups],
        "communes": [(line, width * (line.accounts_declared or 0) // commune_scale,
                      width * (line.accounts_counted or 0) // commune_scale) for line in communes],
    }  # fmt: skip


@officer_required
def period_table(request, period_id: int):
    if not campaigns_may_follow(request.user):
        raise PermissionDenied
    period = _period(period_id)
    table = adoption_table(period)
    if request.GET.get("xuat") == "xlsx":
        stamp = timezone.localdate().strftime("%Y%m%d")
        return _file(
            exports.adoption_workbook(table), XLSX, f"so-lieu-phong-trao-{period.pk}-{stamp}.xlsx"
        )
    return render(request, "campaigns/period.html", {
        "period": period, "table": table, "chart": _chart(table),
        "map_points": _map_points(table), "map_colours": MAP_COLOURS,
        "no_figures_colour": NO_FIGURES_COLOUR, "site": site_settings_get(),
    })  # fmt: skip


@officer_required
@require_http_methods(["GET", "POST"])
def campaign_new(request):
    if not campaigns_may_manage(request.user):
        raise PermissionDenied
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            campaign = campaign_create(actor=request.user, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã tạo phong trào “%(name)s”.") % {"name": campaign.name})
            return redirect("campaigns:home")
    return render(request, "campaigns/campaign_form.html", {"form": form, "campaign": None})


@officer_required
@require_http_methods(["GET", "POST"])
def period_new(request, campaign_id: int):
    if not campaigns_may_manage(request.user):
        raise PermissionDenied
    if not 0 < campaign_id <= ID_MAX:
        raise Http404
    campaign = get_object_or_404(Campaign, pk=campaign_id)
    form = PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            campaign_period_add(actor=request.user, campaign=campaign, name=data["period_name"],
                                start_date=data["start_date"], end_date=data["end_date"],
                                deadline=data["deadline"])  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã thêm kỳ báo cáo."))
            return redirect("campaigns:home")
    return render(request, "campaigns/campaign_form.html", {"form": form, "campaign": campaign})


REVIEW_DEFAULT_DAYS = 182  # "sau gần 06 tháng triển khai" (seed 003)


@officer_required
def review(request):
    if not campaigns_may_follow(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    default = {"tu_ngay": today - datetime.timedelta(days=REVIEW_DEFAULT_DAYS), "den_ngay": today}
    form = ReviewPeriodForm(request.GET if "tu_ngay" in request.GET else None, initial=default)
    if form.is_bound and form.is_valid():
        date_from, date_to = form.cleaned_data["tu_ngay"], form.cleaned_data["den_ngay"]
    else:
        date_from, date_to = default["tu_ngay"], default["den_ngay"]
    report = None
    if not form.is_bound or form.is_valid():
        report = review_report(date_from=date_from, date_to=date_to)
        name = f"bao-cao-so-ket-{date_from:%Y%m%d}-{date_to:%Y%m%d}"
        if request.GET.get("xuat") == "docx":
            agency = site_settings_get().managing_agency
            return _file(exports.review_docx(report, agency=agency), DOCX, f"{name}.docx")
        if request.GET.get("xuat") == "xlsx":
            return _file(exports.review_workbook(report), XLSX, f"{name}.xlsx")
    return render(request, "campaigns/review.html", {
        "form": form, "report": report,
        "summary": review_summary_rows(report) if report else [],
        "title": exports.review_title(report) if report else "",
        "query": f"tu_ngay={date_from:%Y-%m-%d}&den_ngay={date_to:%Y-%m-%d}",
    })  # fmt: skip
