"""Simple line icons for category tiles (24×24, drawn with currentColor, no external files).

`ReportCategory.icon` holds one of these keys; unknown keys fall back to "dots".
"""

from django.utils.safestring import mark_safe

_PATHS = {
    "trash": '<path d="M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13M10 11v6M14 11v6"/>',
    "sofa": '<path d="M4 11V8a2 2 0 0 1 2-2h12a2 2 0 0 1 2 2v3M2 12h20v5H2zM4 17v2M20 17v2"/>',
    "bin": '<path d="M5 8h14l-2 12H7zM4 8l2-4h12l2 4M9 12h6"/>',
    "dog": '<path d="M5 20c0-5 2-8 6-8h3l3-5 3 2-2 4v7M9 20v-3M16 20v-3M14 7l-1-3"/>',
    "syringe": '<path d="M18 2l4 4M20 4l-9 9M8 12l4 4M15 5l4 4M6 14l-4 4v4h4l4-4"/>',
    "road": '<path d="M8 2 4 22M16 2l4 20M12 3v3M12 10v4M12 18v3"/>',
    "trip": '<path d="M3 18h7l2-3h9M6 11a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM8 11l3 4M6 11l-2 5"/>',
    "pothole": '<path d="M2 14h20M6 14c1 3 4 4 6 4s5-1 6-4M9 10l1-3M15 10l-1-3"/>',
    "sidewalk": '<path d="M3 20h18M3 15h18M3 10h18M8 10v5M14 15v5M16 10v5"/>',
    "lamp": '<path d="M12 22V8M8 22h8M7 8h10l-2-4H9zM12 11v0"/><circle cx="12" cy="11" r="1"/>',
    "tree": '<path d="M12 22v-7M12 15l-4-4M12 13l3-3M7 12a5 5 0 1 1 10 0 5 5 0 0 1-10 0"/>',
    "sign": '<path d="M12 22V12M12 2l9 9-9 9-9-9z"/>',
    "spray": '<path d="M7 10h6v12H7zM8 10V6h4v4M12 6h3M17 4h1M19 6h1M17 8h1"/>',
    "house": '<path d="M3 11 12 3l9 8M5 9v12h14V9M9 21v-6h6v6M8 12l8 6"/>',
    "shield": '<path d="M12 2 4 5v6c0 5 3.5 9.5 8 11 4.5-1.5 8-6 8-11V5z"/>',
    "heart": '<path d="M12 21S3 15 3 8.5A4.5 4.5 0 0 1 12 6a4.5 4.5 0 0 1 9 2.5'
    'C21 15 12 21 12 21z"/>',
    "dots": '<circle cx="5" cy="12" r="1.5"/><circle cx="12" cy="12" r="1.5"/>'
    '<circle cx="19" cy="12" r="1.5"/>',
}


def icon_svg(key: str) -> str:
    """The inline SVG for an icon key, decorative (aria-hidden)."""
    paths = _PATHS.get(key, _PATHS["dots"])
    return mark_safe(  # noqa: S308 - fixed markup from this module, no user input
        '<svg class="cat-icon" viewBox="0 0 24 24" width="32" height="32" aria-hidden="true" '
        'focusable="false" fill="none" stroke="currentColor" stroke-width="2" '
        f'stroke-linecap="round" stroke-linejoin="round">{paths}</svg>'
    )
