"""The unit's page for its website: the code of the widget (an <iframe>, or a <script> that
puts one in place) in the two sizes, with a preview, for a unit the administrator manages."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from pakn.backoffice.units.views import unit_admin_required
from pakn.organisations.unit_administration import units_administered_by
from pakn.reports.widget import WIDGET_SIZES, widget_script_url, widget_url

WIDGET_SIZE_LABELS = {
    "sidebar": _("Cột bên (300 × 520 px)"),
    "banner": _("Dải ngang (rộng 100 %, cao 200 px)"),
}


def _absolute(request, path: str) -> str:
    if settings.PUBLIC_BASE_URL:
        return settings.PUBLIC_BASE_URL + path
    return request.build_absolute_uri(path)


@unit_admin_required
@require_GET
def unit_widget(request):
    units = list(units_administered_by(request.user).only("pk", "name", "code", "depth"))
    code = request.GET.get("don-vi", "")
    unit = next((u for u in units if u.code == code), None) if code else units[0]
    if unit is None:
        raise Http404
    snippets = []
    for size, dimensions in WIDGET_SIZES.items():
        frame_url = _absolute(request, widget_url(unit, size))
        script_url = _absolute(request, widget_script_url(unit, size))
        snippets.append(
            {
                "size": size,
                "label": WIDGET_SIZE_LABELS[size],
                "preview_url": widget_url(unit, size),
                "width": dimensions["width"],
                "height": dimensions["height"],
                "iframe": format_html(
                    '<iframe src="{}" title="{}" width="{}" height="{}" '
                    'style="border:0;max-width:100%" loading="lazy"></iframe>',
                    frame_url,
                    unit.name,
                    dimensions["width"],
                    dimensions["height"],
                ),  # fmt: skip
                "script": format_html('<script src="{}" async></script>', script_url),
            }
        )
    return render(
        request,
        "backoffice/unit_widget.html",
        {"units": units, "unit": unit, "snippets": snippets},
    )
