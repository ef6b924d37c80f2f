"""Fixtures shared by every test package."""

import asyncio

import pytest

# The fixtures and helpers every app's tests share: the small province (org, desk), the SMS
# outbox; browser helpers are in pakn/testing/browser.py.
pytest_plugins = ["pakn.testing.fixtures"]

# Flags that keep a headless Chromium from reaching out to the internet on its own.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CHROMIUM_EXECUTABLE = "/usr/bin/chromium"


# Every Content-Security-Policy violation any page of a browser test causes: the test fails.
CSP_VIOLATIONS: list[str] = []

# Runs in every page before its own scripts: reports each violation to the test.
_REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__paknCspViolation(
    `${event.effectiveDirective} refused ${event.blockedURI || "inline"} on ${location.href}` +
      (event.sourceFile ? ` (${event.sourceFile}:${event.lineNumber})` : "")
  );
});
"""


def watch_csp_violations(context) -> None:
    """Collects the violations of the site's Content-Security-Policy in ``context``: the
    page's securitypolicyviolation events and Chromium's console messages about the policy
    (which also cover service workers)."""
    context.expose_binding(
        "__paknCspViolation", lambda source, message: CSP_VIOLATIONS.append(message)
    )
    context.add_init_script(_REPORT_CSP_VIOLATIONS)

    def console(message) -> None:
        if "Content Security Policy" in message.text:
            CSP_VIOLATIONS.append(f"console: {message.text}")

    context.on("console", console)


class CspWatchingBrowser:
    """The Playwright browser, whose every new context (the tests' own included) reports
    Content-Security-Policy violations."""

    def __init__(self, browser):
        self._browser = browser

    def new_context(self, **options):
        context = self._browser.new_context(**options)
        watch_csp_violations(context)
        return context

    def __getattr__(self, name):
        return getattr(self._browser, name)


# The event loop Playwright's sync API keeps running in the test thread (see `browser`).
_PLAYWRIGHT_LOOP: dict = {}


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium (Debian's, never a downloaded one) for the whole run.

    Playwright's sync API leaves an event loop marked as running in the test thread, which
    trips Django's async-safety check on every ORM call. Between browser tests the loop is
    hidden (asyncio's own low-level setter), so the other tests run with the check on; each
    browser test shows it again and relaxes the check for itself only
    (`_async_unsafe_only_in_browser_tests`)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM_EXECUTABLE, args=CHROMIUM_ARGS
        )
        _PLAYWRIGHT_LOOP["loop"] = asyncio.get_running_loop()
        asyncio._set_running_loop(None)
        try:
            yield CspWatchingBrowser(chromium)
        finally:
            asyncio._set_running_loop(_PLAYWRIGHT_LOOP.pop("loop"))
            chromium.close()


@pytest.fixture(autouse=True)
def _async_unsafe_only_in_browser_tests(request, monkeypatch):
    """A test that drives the browser runs with Playwright's loop visible and Django's
    async-safety check relaxed (its ORM calls share the thread with that loop); no other
    test does."""
    if "browser" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("browser")
    asyncio._set_running_loop(_PLAYWRIGHT_LOOP["loop"])
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    try:
        yield
    finally:
        asyncio._set_running_loop(None)


@pytest.fixture(autouse=True)
def _no_csp_violation(request):
    """A browser test fails when any page it opened broke the Content-Security-Policy (an
    inline script, style or event handler, an image from a host the policy does not name)."""
    if "browser" not in request.keywords:
        yield
        return
    CSP_VIOLATIONS.clear()
    yield
    violations = list(CSP_VIOLATIONS)
    CSP_VIOLATIONS.clear()
    if violations:
        pytest.fail("Content-Security-Policy violated:\n" + "\n".join(violations))


@pytest.fixture
def page(browser):
    """A fresh page in its own context (no cookies carried over), as a Vietnamese visitor
    on a desktop screen; tests change the viewport when they need a phone."""
    from pakn.testing.browser import new_page

    browser_page = new_page(browser)
    yield browser_page
    browser_page.context.close()


@pytest.fixture(autouse=True)
def _empty_cache():
    """The database is rolled back after each test but the cache is not: whatever one test
    cached (site settings, rate-limit counters) must not leak into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _same_fake_data_every_run():
    """Faker (the factories' names) starts from the same seed in every test, so a test sees the
    same data whatever ran before it on its worker."""
    import factory.random

    factory.random.reseed_random("pakn")


@pytest.fixture(autouse=True)
def _vietnamese_by_default():
    """A request in English leaves English active in the test thread; each test starts in
    Vietnamese, the portal's language."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


# Rows that data migrations create and that the product needs (sectors, the guide pages).
DATA_MIGRATIONS = [
    ("pakn.organisations.migrations.0002_categories", "create_categories"),
    ("pakn.portal.migrations.0002_guide_pages", "guide_pages_add"),
]


@pytest.fixture(autouse=True)
def _rows_from_data_migrations(request):
    """A transactional test (live server, threads) empties every table when it ends, rows
    of data migrations included; the next transactional test on the same worker gets them
    back, as a real database always has them."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
        or (marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
    )
    if transactional:
        import importlib

        from django.apps import apps

        request.getfixturevalue("transactional_db")
        for module, function in DATA_MIGRATIONS:
            getattr(importlib.import_module(module), function)(apps, None)
    yield
