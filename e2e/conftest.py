"""Browser tests: Playwright on Debian's Chromium, German locale, phone and desktop viewports.

Every page a browser test visits is checked with axe (WCAG 2.1 AA; a moderate, serious or
critical violation fails the test), for reflow at 320 CSS px (no sideways scrolling) and for ARIA
references to missing ids (see `e2e/a11y.py`). Pages are checked when a test calls
`session.check(page)` or `axe_check(page)` and, for every other URL the page navigated to, once
more at the end of the test in the same session.
"""

import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import sync_playwright

from e2e.a11y import broken_references, horizontal_overflow

# Playwright's sync API runs an event loop in this thread; the ORM calls in fixtures are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PHONE = {"width": 393, "height": 851}
DESKTOP = {"width": 1366, "height": 900}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"moderate", "serious", "critical"}
_axe = Axe()


def chromium_path() -> str:
    for candidate in (
        os.environ.get("CHROMIUM_PATH"),
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
    ):
        if candidate and shutil.which(candidate):
            return candidate
    raise RuntimeError("Chromium not found: run `make test` (installs Debian's chromium).")


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium_path(),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def axe_violations(page) -> list[dict]:
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS]


def _describe(url, violations) -> str:
    lines = [f"axe: {len(violations)} WCAG 2.1 AA violation(s) on {url}"]
    for v in violations:
        targets = ", ".join(str(n.get("target")) for n in v["nodes"][:3])
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} -> {targets}")
    return "\n".join(lines)


class Browsing:
    """One browser context (a person's phone or PC) with axe bookkeeping."""

    def __init__(self, browser, live_server, viewport, **context_options):
        self.live_server = live_server
        self.context = browser.new_context(
            viewport=viewport,
            locale="de-DE",
            timezone_id="Europe/Berlin",
            base_url=live_server.url,
            **context_options,
        )
        self.context.set_default_timeout(10_000)
        self.visited: list[str] = []
        self.checked: set[str] = set()

    def new_page(self):
        page = self.context.new_page()
        page.on(
            "framenavigated",
            lambda frame: frame == page.main_frame and self.visited.append(frame.url),
        )
        return page

    def login(self, user):
        """Log in by session cookie (the login form itself is tested in test_login.py)."""
        client = Client()
        client.force_login(user)
        cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
        self.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": self.live_server.url}]
        )

    def check(self, page):
        violations = axe_violations(page)
        self.checked.add(page.url)
        assert not violations, _describe(page.url, violations)
        assert_beyond_axe(page)

    def check_remaining(self):
        remaining = [u for u in dict.fromkeys(self.visited) if u not in self.checked]
        remaining = [u for u in remaining if u.startswith(self.live_server.url)]
        if not remaining:
            return
        page = self.context.new_page()
        try:
            for url in remaining:
                response = page.goto(url)
                if response is None or not response.headers.get("content-type", "").startswith(
                    "text/html"
                ):
                    continue
                self.check(page)
        finally:
            page.close()


@pytest.fixture
def browsing(browser, live_server):
    """browsing("phone"|"desktop", **context options) -> Browsing; axe-checked at the end."""
    sessions = []

    def make(kind="phone", **options):
        session = Browsing(browser, live_server, PHONE if kind == "phone" else DESKTOP, **options)
        sessions.append(session)
        return session

    yield make
    try:
        for session in sessions:
            session.check_remaining()
    finally:
        for session in sessions:
            session.context.close()


def assert_beyond_axe(page):
    """Reflow at 320 px and ARIA id references: what axe does not check."""
    problems = [
        f"scrolls sideways at 320 px: {', '.join(o)}" for o in [horizontal_overflow(page)] if o
    ]
    problems += [f"ARIA reference to a missing id: {b}" for b in broken_references(page)]
    assert not problems, f"on {page.url}:\n  " + "\n  ".join(problems)


@pytest.fixture
def axe_check():
    """axe_check(page): fail on WCAG 2.1 AA violations of the current page (axe + reflow)."""

    def check(page):
        violations = axe_violations(page)
        assert not violations, _describe(page.url, violations)
        assert_beyond_axe(page)

    return check
