"""Every page has its own title (WCAG 2.4.2): no two pages a person can open share one."""

import re
from html import unescape

import pytest
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


def titles_seen_by(client) -> dict[str, str]:
    titles = {}
    for path in sorted(set(plain_paths())):
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        match = TITLE.search(response.content.decode())
        if match:
            titles[path] = " ".join(unescape(match.group(1)).split())
    return titles


@pytest.mark.parametrize("persona", ["helper", "coordinator", "privacy_officer", "admin_user"])
def test_no_two_pages_share_a_title(persona, request, client_for):
    user = request.getfixturevalue(persona)
    titles = titles_seen_by(client_for(user))
    assert len(titles) > 5, titles
    by_title = {}
    for path, title in titles.items():
        by_title.setdefault(title, []).append(path)
    duplicates = {t: paths for t, paths in by_title.items() if len(paths) > 1}
    assert not duplicates, duplicates


def test_staff_and_public_page_of_an_entry_have_different_titles(client_for, helper, wegweiser):
    entry = wegweiser["Pflegeberatung"]
    staff = client_for(helper).get(f"/wegweiser/{entry.pk}/").content.decode()
    public = client_for(None).get(f"/wegweiser/angebot/{entry.external_id}/").content.decode()
    assert TITLE.search(staff).group(1) != TITLE.search(public).group(1)
