"""Page titles (WCAG 2.4.2). That no two pages a persona can open share a title is checked on
the pages the permission matrix rendered: quartier/tests/test_no_two_pages_share_a_title.py."""

import re

from django.urls import URLPattern, URLResolver, get_resolver

SKIP_PREFIXES = ("verwaltung/", "open311/", "i18n/", "accounts/", "healthz", "sw.js", "manifest")
TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def plain_paths(resolver=None, prefix=""):
    """Paths of all URL patterns without parameters."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if "<" in route or route.startswith(SKIP_PREFIXES) or "^" in route:
            continue
        if isinstance(entry, URLResolver):
            yield from plain_paths(entry, route)
        elif isinstance(entry, URLPattern):
            yield "/" + route


def test_staff_and_public_page_of_an_entry_have_different_titles(client_for, helper, wegweiser):
    entry = wegweiser["Pflegeberatung"]
    staff = client_for(helper).get(f"/wegweiser/{entry.pk}/").content.decode()
    public = client_for(None).get(f"/wegweiser/angebot/{entry.external_id}/").content.decode()
    assert TITLE.search(staff).group(1) != TITLE.search(public).group(1)
