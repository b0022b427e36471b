"""Every response carries a strict Content-Security-Policy."""

import pytest

from quartier.core.csp import build_directives, origin_of, render_policy


def _directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split("; ")}


@pytest.mark.parametrize(
    "url", ["/", "/accounts/login/", "/verwaltung/login/", "/gibt-es-nicht/", "/healthz"]
)
def test_every_response_has_a_strict_policy(client, db, url):
    directives = _directives(client.get(url))
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    for sources in directives.values():
        assert "'unsafe-inline'" not in sources
        assert "'unsafe-eval'" not in sources


def test_the_map_tile_server_is_allowed_for_images(settings):
    settings.MAP_TILE_URL = "https://{s}.tiles.example.org/{z}/{x}/{y}.png"
    assert "https://*.tiles.example.org" in build_directives()["img-src"]


def test_single_sign_on_providers_may_receive_form_posts(settings):
    settings.CSP_FORM_ACTION_URLS = ["https://sso.krefeld.example/realms/stadt/"]
    assert build_directives()["form-action"] == ["'self'", "https://sso.krefeld.example"]


def test_a_nonce_is_added_only_when_a_template_used_it():
    directives = {"script-src": ["'self'"], "style-src": ["'self'"], "img-src": ["'self'"]}
    assert "nonce" not in render_policy(directives)
    policy = render_policy(directives, "abc")
    assert "script-src 'self' 'nonce-abc'" in policy
    assert "style-src 'self' 'nonce-abc'" in policy


def test_origins_are_taken_from_urls_only():
    assert origin_of("javascript:alert(1)") is None
    assert origin_of("") is None
    assert origin_of("https://tiles.example.org/{z}/{x}/{y}.png") == "https://tiles.example.org"
