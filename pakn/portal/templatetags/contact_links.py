"""Filters that turn the site settings' contact details into links a phone can act on."""

import re
from functools import lru_cache

import segno
from django import template
from django.utils.safestring import mark_safe

register = template.Library()

_NOT_DIALLABLE = re.compile(r"[^0-9+]")


@register.filter
def phone_uri(number: str) -> str:
    """'1900 1023' -> 'tel:19001023': phones dial only digits and a leading plus."""
    digits = _NOT_DIALLABLE.sub("", number or "")
    return f"tel:{digits}" if digits else ""


@lru_cache(maxsize=32)
def _qr_code_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(
        scale=1, border=4, dark="#10243e", light="#ffffff", svgclass="qr-code", omitsize=True
    )


@register.filter
def qr_code_svg(url: str) -> str:
    """An inline SVG QR code for a URL (the app-store links), drawn on the server so that
    nothing is fetched from elsewhere. Cached: the links rarely change."""
    if not url:
        return ""
    return mark_safe(_qr_code_svg(url))  # noqa: S308 - only paths, never the URL text
