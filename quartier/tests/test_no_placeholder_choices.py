"""No select box on any page offers Django's placeholder "---------" (it read as a choice:
"Weiterleiten an: ---------"); empty choices say what they mean ("Bitte wählen", "alle")."""

import pytest

from quartier.tests.test_permission_matrix import (  # noqa: F401  (fixtures)
    _body,
    all_patterns,
    rendered_pages,
    world,
)

PERSONAS = ["helper", "coordinator", "privacy_officer", "admin"]


@pytest.mark.slow(seconds=1, shares="rendered_pages")
@pytest.mark.django_db
def test_no_page_offers_the_dashes_placeholder(rendered_pages):  # noqa: F811
    offending = []
    for pattern in all_patterns():
        if pattern.key.startswith(("admin:", "open311")):
            continue  # the read-only Django data view and the API have no such forms
        for persona in PERSONAS:
            page = rendered_pages[persona, pattern.key, False]
            html = page.get("Content-Type", "").startswith("text/html")
            if page.status_code == 200 and html and "---------" in _body(page):
                offending.append(f"{persona} {page.path}")
    assert not offending, "\n".join(offending)
