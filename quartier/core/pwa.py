"""The installable web app: service worker, manifest and app icons.

Apps register the pages that must open without network and the static files those pages need
with `registry.add_offline_page(url_name, static=[...])`, and the app's start page with
`registry.add("pwa_start_url", url_name)`; pages that open offline once they were opened with
network (a Wegweiser entry and its handouts) with `registry.add_offline_visited(url_name)`.
The service worker precaches the static files,
caches the offline pages for the logged-in person and serves both when the network is gone.
Its cache name is a hash of everything it caches, so a deployment replaces old caches.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from functools import lru_cache

from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from quartier.core import registry

# Static paths (as given to {% static %}) that every offline page loads; apps add theirs.
CORE_STATIC: list[str] = [
    "css/site.css",
    "img/icon.svg",
    "js/outbox.js",
    "js/pwa.js",
]
ICON_SIZES = (192, 512)
THEME_COLOR = "#0b5394"


def offline_static() -> list[str]:
    paths = list(CORE_STATIC)
    paths += [p for p in registry.offline_static() if p not in paths]
    return paths


def start_url() -> str:
    for name in registry.contributions("pwa_start_url"):
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return "/"


def offline_page_urls() -> list[str]:
    urls = []
    for name in registry.offline_pages():
        try:
            urls.append(reverse(name))
        except NoReverseMatch:
            continue
    return urls


# A number no real primary key has; replaced by a digit pattern in `offline_visited_patterns`.
_PK_PLACEHOLDER = 987654321987


def offline_visited_patterns() -> list[str]:
    """Regular expressions (JavaScript syntax) for the paths of pages kept once visited."""
    patterns = []
    for name in registry.offline_visited():
        try:
            path = reverse(name, args=[_PK_PLACEHOLDER])
        except NoReverseMatch:
            continue
        escaped = re.escape(path).replace(str(_PK_PLACEHOLDER), r"\d+")
        patterns.append(f"^{escaped}$")
    return patterns


def _static_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in offline_static():
        found = finders.find(path)
        if found:
            with open(found, "rb") as handle:
                digest.update(handle.read())
        digest.update(path.encode())
    return digest.hexdigest()[:12]


@require_GET
@cache_control(no_cache=True)
def service_worker(request):
    """/sw.js at the site root so it may control every page (scope "/")."""
    config = {
        "cache": f"quartier-{_static_fingerprint()}",
        "static": [static(path) for path in offline_static()],
        "pages": offline_page_urls(),
        # Pages kept when opened with network (e.g. handouts of Wegweiser entries).
        "visited": offline_visited_patterns(),
        # Shown for any other page when the network is gone (instead of the browser's error).
        "fallback": reverse("offline"),
    }
    body = render_to_string("pwa/sw.js", {"config": json.dumps(config)})
    response = HttpResponse(body, content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
@cache_control(max_age=3600)
def manifest(request):
    start = start_url()
    icons = [
        {"src": static("img/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        *[
            {
                "src": reverse("app_icon", args=[size]),
                "sizes": f"{size}x{size}",
                "type": "image/png",
            }
            for size in ICON_SIZES
        ],
    ]
    data = {
        "name": _("Quartiershelfer Krefeld"),
        "short_name": _("Quartiershelfer"),
        "description": _("Probleme im Quartier melden, auch ohne Netz."),
        "lang": "de",
        "start_url": start,
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOR,
        "icons": icons,
    }
    return HttpResponse(
        json.dumps(data, ensure_ascii=False), content_type="application/manifest+json"
    )


@lru_cache(maxsize=len(ICON_SIZES))
def _icon_png(size: int) -> bytes:
    """The app icon (same drawing as static/img/icon.svg) as PNG, drawn with Pillow."""
    from PIL import Image, ImageDraw

    scale = size / 64
    image = Image.new("RGB", (size, size), THEME_COLOR)
    draw = ImageDraw.Draw(image)
    house = [
        (14, 34),
        (32, 16),
        (50, 34),
        (50, 50),
        (38, 50),
        (38, 38),
        (26, 38),
        (26, 50),
        (14, 50),
    ]
    draw.polygon([(x * scale, y * scale) for x, y in house], fill="#ffffff")
    r = 4 * scale
    draw.ellipse((32 * scale - r, 30 * scale - r, 32 * scale + r, 30 * scale + r), fill="#f6b40e")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


@require_GET
@cache_control(max_age=86400)
def app_icon(request, size: int):
    if size not in ICON_SIZES:
        raise Http404
    return HttpResponse(_icon_png(size), content_type="image/png")
