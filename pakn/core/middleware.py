import re

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import Resolver404, resolve

from pakn.core.offline import (
    OFFLINE_HEADER,
    SESSION_HINT_COOKIE,
    delete_session_hint_cookie,
    response_offline_header,
    session_hint,
    set_session_hint_cookie,
)
from pakn.core.selectors import site_settings_get


class VietnameseFirstMiddleware:
    """Vietnamese unless the visitor chose English with the switch (the language cookie).

    Many Vietnamese phones are set to English, so the browser's Accept-Language says little
    about what a citizen reads best; the portal, like the province's other services, starts
    in Vietnamese. Placed before django.middleware.locale.LocaleMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith("/api/"):  # API clients choose their language
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


def tile_server_source(tile_url: str) -> str | None:
    """The CSP source that lets a page load the map tiles of ``tile_url`` (the site
    settings' `https://{s}.tile.example.org/{z}/{x}/{y}.png`): its scheme and host, a
    leading `{s}` label as `*`. None when the host cannot be written as a CSP source."""
    match = re.match(r"^(https?)://([^/?#]+)", tile_url)
    if not match:
        return None
    scheme, host = match.groups()
    labels = host.split(".")
    if re.fullmatch(r"\{[a-z]+\}", labels[0]):
        labels[0] = "*"
    host = ".".join(labels)
    if not re.fullmatch(r"(\*\.)?[A-Za-z0-9.-]+(:[0-9]{1,5})?", host):
        return None
    return f"{scheme}://{host}"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy (settings.CONTENT_SECURITY_POLICY), with the map tile server of
    the site settings added to img-src on pages: an administrator changes the tile server in
    the admin, so the allowed host is read per page (from the cached site settings, which
    every page reads anyway) rather than fixed in the settings."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        page = response.status_code == 200 and response.get("Content-Type", "").startswith(
            "text/html"
        )
        if report_only or not page:  # error pages, files and API answers draw no map
            return parts
        source = tile_server_source(site_settings_get().map_tile_url)
        if source:
            update = dict(parts.update or {})
            update["img-src"] = [*update.get("img-src", []), source]
            parts.update = update
        return parts


def response_is_private(request, response) -> bool:
    """Whether a response holds one person's data and must never be kept by a browser, a
    proxy or the service worker: every page of the areas in settings.PRIVATE_URL_NAMESPACES
    (account, the citizen's reports, notifications, officers' pages, admin), and anything
    made for a signed-in person that its view did not declare the same for everyone
    (`Cache-Control: public`)."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        # A middleware answered before the URL was resolved (an officer sent back to the
        # login, a locked-out account): the area is the one of the address asked for.
        try:
            match = resolve(request.path_info)
        except Resolver404:
            match = None
    if match and match.namespaces and match.namespaces[0] in settings.PRIVATE_URL_NAMESPACES:
        return True
    if match and match.url_name in settings.PRIVATE_URL_NAMES:
        return True
    if "public" in response.get("Cache-Control", ""):
        return False
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated)


class PrivatePagesMiddleware:
    """`Cache-Control: private, no-store` on every private response (response_is_private).
    Hand-written because it is the one place that decides: a decorator on each of the many
    views of those areas would be forgotten on the next one. Placed after
    AuthenticationMiddleware, so that request.user is known."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response_is_private(request, response):
            response["Cache-Control"] = "private, no-store"
            del response["Expires"]
        return response


class SessionHintMiddleware:
    """The session hint cookie beside the session cookie, and the `X-PAKN-Offline` header
    on pages kept offline for a session (pakn.core.offline says why). Placed before
    SessionMiddleware, so that it sees the session cookie that SessionMiddleware sets or
    deletes and gives the hint the same fate: set at sign-in and at every renewal with the
    same expiry, deleted at log-out or once nobody is signed in. Hand-written: Django has no
    hook for a cookie that follows the session cookie."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session_cookie = response.cookies.get(settings.SESSION_COOKIE_NAME)
        involved = (
            session_cookie is not None
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or SESSION_HINT_COOKIE in request.COOKIES
        )
        if not involved or getattr(request, "session", None) is None:
            return response
        cookie_deleted = session_cookie is not None and session_cookie["max-age"] == 0
        if _signed_in(request) and not cookie_deleted:
            if session_cookie is not None:
                set_session_hint_cookie(
                    response,
                    value=session_hint(request.session.session_key),
                    max_age=session_cookie["max-age"] or None,
                    expires=session_cookie["expires"] or None,
                )
            header = response_offline_header(request, response)
            if header:
                response[OFFLINE_HEADER] = header
        elif SESSION_HINT_COOKIE in request.COOKIES:
            delete_session_hint_cookie(response)
        return response


def _signed_in(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and request.session.session_key)
