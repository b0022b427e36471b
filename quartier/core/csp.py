"""Content-Security-Policy on every response.

The policy allows scripts, styles, fonts and fetches from this site only: no inline `<script>`,
no `on…=` handlers, no `style="…"` attributes, no `eval`. A template that really needs an inline
tag marks it with the per-request nonce (`<style nonce="{{ request.csp_nonce }}">`); the nonce is
only added to the header when a template used it. Styles that JavaScript sets through the DOM
(`element.style.left = …`, as Leaflet does) are not inline markup and stay allowed.

Images may also come from the map tile server (`MAP_TILE_URL`) and from `data:`/`blob:` URLs
(the TOTP QR code, photo previews before upload). Form posts may go to this site and to the
identity providers configured for single sign-on (their login is a redirect after a POST).
"""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.functional import SimpleLazyObject

HEADER = "Content-Security-Policy"


def origin_of(url: str) -> str | None:
    """`https://{s}.tile.example.org/{z}/…` -> `https://*.tile.example.org`; None if not a URL."""
    parts = urlsplit(url.strip())
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return None
    host = parts.netloc.replace("{s}", "*")
    if "{" in host:
        return None
    return f"{parts.scheme}://{host}"


def _origins(urls) -> list[str]:
    return [o for o in (origin_of(u) for u in urls if u) if o]


def build_directives() -> dict[str, list[str]]:
    """The policy as directive -> sources; extra origins come from settings."""
    img = ["'self'", "data:", "blob:", *_origins([settings.MAP_TILE_URL])]
    img += list(getattr(settings, "CSP_EXTRA_IMG_SRC", []))
    form_action = ["'self'", *_origins(getattr(settings, "CSP_FORM_ACTION_URLS", []))]
    return {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": img,
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'", "blob:"],
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": list(dict.fromkeys(form_action)),
        "frame-ancestors": ["'none'"],
    }


def render_policy(directives: dict[str, list[str]], nonce: str | None = None) -> str:
    parts = []
    for name, sources in directives.items():
        if nonce and name in {"script-src", "style-src"}:
            sources = [*sources, f"'nonce-{nonce}'"]
        parts.append(" ".join([name, *sources]))
    return "; ".join(parts)


class ContentSecurityPolicyMiddleware:
    """Sets the policy header on every response (a view may set its own, stricter one)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        nonce_holder: dict[str, str] = {}

        def make_nonce() -> str:
            nonce_holder.setdefault("value", secrets.token_urlsafe(18))
            return nonce_holder["value"]

        request.csp_nonce = SimpleLazyObject(make_nonce)
        response = self.get_response(request)
        if HEADER not in response:
            response[HEADER] = render_policy(build_directives(), nonce_holder.get("value"))
        return response
