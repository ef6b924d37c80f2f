"""Pages other sites embed (the agencies' widget): the same for everyone, so they read no
cookie, load no session and set none, and may be framed by any site. A view says so with
``@embeddable``; everything else keeps X-Frame-Options DENY and frame-ancestors 'none'."""

import functools

from csp.decorators import csp_replace
from django.urls import Resolver404, resolve
from django.views.decorators.clickjacking import xframe_options_exempt


def embeddable(view):
    """Marks a view as embeddable by any site: framing allowed for it alone, and the
    visitor's cookies left unread (EmbeddablePagesMiddleware)."""
    framed = xframe_options_exempt(csp_replace({"frame-ancestors": ["*"]})(view))

    @functools.wraps(framed)
    def wrapped(request, *args, **kwargs):
        return framed(request, *args, **kwargs)

    wrapped.embeddable = True
    return wrapped


def _is_embeddable(request) -> bool:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return getattr(match.func, "embeddable", False)


class EmbeddablePagesMiddleware:
    """Before the session and its hint cookie: an embeddable page is answered as to a
    stranger (no cookie read, so no session loaded, renewed or touched), and sends no cookie
    back, so any cache may keep it and a visitor is never tracked through another site."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_embeddable(request):
            return self.get_response(request)
        request.COOKIES = {}
        response = self.get_response(request)
        response.cookies.clear()  # nothing below may set one on a page any site embeds
        # The page never saw the visitor's cookies, so it does not vary with them (the
        # session middleware says it does as soon as anything looked at the empty session).
        vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
        kept = [v for v in vary if v.lower() != "cookie"]
        if kept:
            response["Vary"] = ", ".join(kept)
        elif "Vary" in response:
            del response["Vary"]
        return response
