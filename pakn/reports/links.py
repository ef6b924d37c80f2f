"""The short address of a report that goes into an SMS: `https://<site>/r/<code>/`.

It leads to the citizen's own page of the report (after sign-in); a short address keeps a
text with the link inside one SMS. Only with PUBLIC_BASE_URL set: a text cannot carry a
relative link."""

from django.conf import settings
from django.urls import reverse


def report_sms_link(*, code: str, follow: bool = False) -> str:
    """The absolute short link to the report ``code``, or "" when the site's address is
    not configured. With ``follow`` (a reporter without an account, who cannot sign in):
    `/t/<code>/`, the page that follows it by code and phone."""
    if not settings.PUBLIC_BASE_URL:
        return ""
    name = "reports:follow-short" if follow else "reports:short"
    return settings.PUBLIC_BASE_URL + reverse(name, args=[code])


def sms_with_link(text: str, *, code: str, follow: bool = False) -> str:
    """``text`` followed by the report's short link when there is one."""
    link = report_sms_link(code=code, follow=follow)
    return f"{text} {link}" if link else text
