"""Every page a helper can open on her phone: 44 px touch targets and visible keyboard focus.

The pages come from the URL configuration (all patterns without parameters that answer a
helper with HTML), so a new helper page is checked without touching this test."""

import pytest
from django.test import Client

from e2e.a11y import assert_touch_targets, assert_visible_focus
from quartier.core.tests.test_page_titles import plain_paths

pytestmark = pytest.mark.browser


def helper_pages(helper) -> list[str]:
    client = Client()
    client.force_login(helper)
    pages = []
    for path in sorted(set(plain_paths())):
        response = client.get(path)
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            pages.append(path)
    return pages


@pytest.mark.slow(seconds=25)
def test_every_helper_page_has_big_targets_and_visible_focus(browsing, helper, wegweiser):
    pages = helper_pages(helper)
    assert "/meldungen/neu/" in pages and "/einsatz/mein-tag/" in pages
    session = browsing("phone")
    session.login(helper)
    page = session.new_page()
    problems = []
    for path in pages:
        page.goto(path)
        # axe and reflow on the page as loaded (instead of loading it again at the end).
        checks = (
            lambda: session.check(page),
            lambda: assert_touch_targets(page, 44),
            lambda: assert_visible_focus(page),
        )
        for check in checks:
            try:
                check()
            except AssertionError as error:
                problems.append(str(error))
    assert not problems, "\n".join(problems)
