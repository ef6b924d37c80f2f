"""The main menu: which entry is the page being read."""

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_current(context, url: str | None) -> str:
    """' aria-current="page"' on the menu entry of the current page or section: the home
    page only on itself, a section (/tin-tuc/) on its pages too (/tin-tuc/<slug>/)."""
    request = context.get("request")
    if request is None or not url or "#" in url:
        return ""
    path = request.path
    home = reverse("portal:home")
    if path == url or (url != home and path.startswith(url)):
        return mark_safe(' aria-current="page"')
    return ""
