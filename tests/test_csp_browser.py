"""The Content-Security-Policy in a real Chromium: an inline script, an inline style or an
image from an unknown host is refused, and the browser tests' watcher (conftest.py) sees
each refusal, so any page that breaks the policy fails its test."""

import pytest

from conftest import CSP_VIOLATIONS
from pakn.core.models import SiteSettings
from pakn.organisations.models import UnitKind
from pakn.organisations.tests.factories import UnitFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_inline_code_and_foreign_images_are_refused_and_reported(page, live_server):
    page.goto(live_server.url + "/")
    # Resolved once the page has seen its three refusals (the watcher's listener, added
    # first, has reported each by then), not after a fixed wait.
    ran = page.evaluate(
        """() => new Promise((resolve) => {
            window.inlineRan = false;
            const refused = new Set();
            document.addEventListener("securitypolicyviolation", (event) => {
                refused.add(event.effectiveDirective);
                if (refused.size === 3) resolve(window.inlineRan);
            });
            const script = document.createElement("script");
            script.textContent = "window.inlineRan = true;";
            document.body.append(script);
            const styled = document.createElement("div");
            styled.innerHTML = '<p style="color: rgb(255, 0, 0)">x</p>';
            document.body.append(styled);
            const image = new Image();
            image.src = "https://images.example.invalid/tracker.png";
            document.body.append(image);
            // A refusal that never comes: the assertions below say which, rather than a hang.
            setTimeout(() => resolve(window.inlineRan), 10000);
        })"""
    )
    assert ran is False
    page.wait_for_function("true")  # lets the last reports reach the test
    reported = "\n".join(CSP_VIOLATIONS)
    CSP_VIOLATIONS.clear()  # expected here: the test itself must not fail on them
    assert "script-src-elem refused inline" in reported
    assert "style-src-attr refused inline" in reported
    assert "img-src refused https://images.example.invalid/tracker.png" in reported


def test_the_site_pages_break_no_rule_of_the_policy(page, live_server):
    """The home page, the map and the send form's login page load their scripts and styles
    from files only; the watcher fails this test otherwise."""
    for path in ["/", "/ban-do/", "/thong-ke/", "/dang-nhap/", "/can-bo/dang-nhap/"]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
    assert CSP_VIOLATIONS == []


def test_the_admin_pages_break_no_rule_of_the_policy(page, live_server, client, django_user_model):
    """The Django admin (its own templates and scripts) under the same policy."""
    superuser = django_user_model.objects.create_superuser(
        "quantri", "quantri@example.vn", "Quantri@2026"
    )
    SiteSettings.objects.get_or_create(pk=1)
    UnitFactory(name="UBND tỉnh Khánh Hòa", kind=UnitKind.PROVINCE)
    client.force_login(superuser)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    for path in [
        "/admin/",
        "/admin/core/sitesettings/",
        "/admin/core/sitesettings/1/change/",
        "/admin/accounts/user/add/",
        "/admin/organisations/unit/",
    ]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
    assert CSP_VIOLATIONS == []
