"""Every page has its own title (WCAG 2.4.2): no two pages a person can open share one.

The pages are those the permission matrix requested (every URL pattern as every persona,
rendered once per process), here every page without parameters."""

from html import unescape

import pytest

from quartier.core.tests.test_page_titles import TITLE, plain_paths
from quartier.tests.test_permission_matrix import (  # noqa: F401  (fixtures)
    all_patterns,
    concrete_path,
    rendered_pages,
    world,
)


def titles_seen_by(persona: str, rendered_pages) -> dict[str, str]:  # noqa: F811
    """The title of every page without parameters that opens for `persona`, from the pages
    the permission matrix requested as that persona (each URL pattern once, by GET)."""
    wanted = set(plain_paths())
    pages = {}
    for pattern in all_patterns():
        path = concrete_path(pattern.route)
        if path in wanted:
            pages[path] = rendered_pages[persona, pattern.key, False]
    assert set(pages) == wanted, wanted - set(pages)
    titles = {}
    for path, page in sorted(pages.items()):
        if page.status_code != 200 or "text/html" not in page.get("Content-Type", ""):
            continue
        match = TITLE.search(page.content.decode())
        if match:
            titles[path] = " ".join(unescape(match.group(1)).split())
    return titles


@pytest.mark.slow(seconds=1, shares="rendered_pages")
@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["helper", "coordinator", "privacy_officer", "admin"])
def test_no_two_pages_share_a_title(persona, rendered_pages):  # noqa: F811
    titles = titles_seen_by(persona, rendered_pages)
    assert len(titles) > 5, titles
    by_title = {}
    for path, title in titles.items():
        by_title.setdefault(title, []).append(path)
    duplicates = {t: paths for t, paths in by_title.items() if len(paths) > 1}
    assert not duplicates, duplicates
