"""Browser tests: Playwright on Debian's Chromium, German locale, phone and desktop viewports.

Every page a browser test visits is checked with axe (WCAG 2.1 AA; a moderate, serious or
critical violation fails the test), for reflow at 320 CSS px (no sideways scrolling) and for ARIA
references to missing ids (see `e2e/a11y.py`). Pages are checked when a test calls
`session.check(page)` or `axe_check(page)` and, for every other URL the page navigated to, once
more at the end of the test in the same session.

The Content-Security-Policy is on in browser tests as in production: any violation the browser
reports (a `securitypolicyviolation` event or Chromium's console message) fails the test.
"""

import os
import select
import shutil
import threading
import time

import pytest
from axe_playwright_python.base import AXE_SCRIPT
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
# Only violations are read: axe then describes one node of each passing or incomplete rule
# instead of every node, which halves its time on long pages and the answer's size.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}

# Runs before any page script (Playwright injects it outside the page's CSP).
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", function (event) {
  console.error("CSP violation: " + event.violatedDirective + " blocked "
    + (event.blockedURI || "inline") + " in " + event.sourceFile + ":" + event.lineNumber);
}, true);
"""


def is_csp_violation(text: str) -> bool:
    return text.startswith("CSP violation:") or "Content Security Policy" in text


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


# Browsing sessions by browser context, so axe runs can forget what axe itself caused.
_SESSIONS: dict = {}


def run_axe(page) -> list[dict]:
    """axe's violations on the page as it is now; axe is put into each document once (a page
    checked again after an update in place reuses it)."""
    if not page.evaluate("() => typeof window.axe === 'object' && !!window.axe.run"):
        page.evaluate(AXE_SCRIPT)
    return page.evaluate(
        "(options) => axe.run(document, options).then((results) => results.violations)",
        AXE_OPTIONS,
    )


def axe_violations(page) -> list[dict]:
    session = _SESSIONS.get(id(page.context))
    before = len(session.csp_violations) if session else 0
    violations = run_axe(page)
    if session:
        # axe inserts <style> elements of its own while it measures; the page's policy blocks
        # them, which says nothing about the page. One round trip delivers pending messages.
        page.evaluate("() => 0")
        caused = session.csp_violations[before:]
        session.csp_violations[before:] = [v for v in caused if "style" not in v]
    return [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]


def _describe(url, violations) -> str:
    lines = [f"axe: {len(violations)} WCAG 2.1 AA violation(s) on {url}"]
    for v in violations:
        targets = ", ".join(str(n.get("target")) for n in v["nodes"][:3])
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} -> {targets}")
        summary = (v["nodes"][0].get("failureSummary") or "") if v["nodes"] else ""
        if summary:
            lines.append("    " + " ".join(summary.split())[:300])
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
        self.csp_violations: list[str] = []
        self.context.add_init_script(CSP_LISTENER)
        self.context.on("console", self._on_console)
        _SESSIONS[id(self.context)] = self

    def _on_console(self, message):
        if is_csp_violation(message.text):
            self.csp_violations.append(f"{message.text} (page {message.page and message.page.url})")

    def assert_no_csp_violations(self):
        # A bare expression in page.wait_for_function() is compiled with eval in the page:
        # pass a function ("() => …") instead.
        assert not self.csp_violations, "Content-Security-Policy violations:\n" + "\n".join(
            self.csp_violations
        )

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


class LiveServerActivity:
    """What the live server is still doing: open connections and requests being handled.

    With SQLite in memory the server's threads use the test's own database connection, and
    pytest-django empties the tables after each test on that same connection. A request still
    being handled then (an outbox sync, a page the browser loaded as the test ended) would run
    inside the emptying transaction and can roll it back, leaving one test's rows to the next.
    The browser fixture closes its contexts and waits here until the server is idle."""

    def __init__(self, httpd):
        self._changed = threading.Condition()
        self._listening = httpd.socket
        self.connections = 0
        self.requests = 0
        get_request, shutdown_request = httpd.get_request, httpd.shutdown_request

        def counted_get_request():
            # Counted from before the accept: a connection is never between the listening
            # socket's queue and this count.
            self._add(connections=1)
            try:
                return get_request()
            except BaseException:
                self._add(connections=-1)
                raise

        def counted_shutdown_request(request):
            try:
                shutdown_request(request)
            finally:
                self._add(connections=-1)

        httpd.get_request = counted_get_request
        httpd.shutdown_request = counted_shutdown_request
        httpd.set_app(self._counted(httpd.get_app()))

    def _add(self, connections=0, requests=0):
        with self._changed:
            self.connections += connections
            self.requests += requests
            self._changed.notify_all()

    def _counted(self, app):
        activity = self

        class Answer:
            def __init__(self, body):
                self.body = body

            def __iter__(self):
                return iter(self.body)

            def close(self):
                try:
                    if hasattr(self.body, "close"):
                        self.body.close()
                finally:
                    activity._add(requests=-1)

        def counted_app(environ, start_response):
            self._add(requests=1)
            try:
                return Answer(app(environ, start_response))
            except BaseException:
                self._add(requests=-1)
                raise

        return counted_app

    def _queued(self) -> bool:
        """A connection waits in the listening socket's queue, not accepted yet."""
        readable, _, _ = select.select([self._listening], [], [], 0)
        return bool(readable)

    def _wait(self, idle, timeout) -> bool:
        deadline = time.monotonic() + timeout
        while True:
            # The queue first, then the counts: a connection accepted after an empty queue
            # was seen arrived later than the check, one accepted before is counted.
            queued = self._queued()
            with self._changed:
                if not queued and idle():
                    return True
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._changed.wait(min(left, 0.01))

    def wait_until_idle(self, connections_timeout=10.0, requests_timeout=30.0):
        """Every connection closed (a closed browser context closes its sockets; a request it
        had sent is read and handled first), or, where another client keeps a connection open,
        at least no request being handled."""
        if self._wait(lambda: self.connections <= 0, connections_timeout):
            return
        idle = self._wait(lambda: self.requests <= 0, requests_timeout)
        assert idle, f"the live server is still handling {self.requests} request(s)"


@pytest.fixture(scope="session")
def live_server_activity(live_server):
    return LiveServerActivity(live_server.thread.httpd)


@pytest.fixture
def browsing(browser, live_server, live_server_activity):
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
        for session in sessions:
            session.assert_no_csp_violations()
    finally:
        for session in sessions:
            _SESSIONS.pop(id(session.context), None)
            session.context.close()
        live_server_activity.wait_until_idle()


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
