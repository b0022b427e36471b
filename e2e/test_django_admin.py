"""Django's data view for administrators: links are underlined, not told apart by colour only.

Django's admin is not the project's own page design, so it is not axe-gated here; this test
checks the fix the project applies to it (css/admin.css)."""

import pytest
from django.conf import settings as django_settings
from django.test import Client

from e2e.conftest import DESKTOP

pytestmark = pytest.mark.browser


def test_admin_breadcrumb_links_are_underlined(browser, live_server, admin_user):
    client = Client()
    client.force_login(admin_user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    context = browser.new_context(viewport=DESKTOP, locale="de-DE", base_url=live_server.url)
    try:
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
        page = context.new_page()
        page.goto("/verwaltung/daten/areas/")
        link = page.locator("div.breadcrumbs a").first
        decoration = link.evaluate("el => getComputedStyle(el).textDecorationLine")
        assert "underline" in decoration
    finally:
        context.close()
