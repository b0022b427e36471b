"""No select box on any page offers Django's placeholder "---------" (it read as a choice:
"Weiterleiten an: ---------"); empty choices say what they mean ("Bitte wählen", "alle")."""

import pytest

from quartier.tests.test_permission_matrix import (  # noqa: F401  (world is a fixture)
    _body,
    all_patterns,
    concrete_path,
    world,
)

PERSONAS = ["helper", "coordinator", "privacy_officer", "admin"]


@pytest.mark.slow(seconds=7)
def test_no_page_offers_the_dashes_placeholder(world):  # noqa: F811
    offending = []
    for pattern in all_patterns():
        if pattern.key.startswith(("admin:", "open311")):
            continue  # the read-only Django data view and the API have no such forms
        path = concrete_path(pattern.route)
        for persona in PERSONAS:
            response = world["clients"][persona].get(path)
            html = response.get("Content-Type", "").startswith("text/html")
            if response.status_code == 200 and html and "---------" in _body(response):
                offending.append(f"{persona} {path}")
    assert not offending, "\n".join(offending)
