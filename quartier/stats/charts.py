"""Charts as server-side SVG: no script, no CDN, no inline style (colours come from classes in
`static/css/stats.css`). Each chart is a picture of a table that is always printed next to
it; the SVG carries the table's plain-German sentence as its accessible name.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
BAR_HEIGHT = 22
LABEL_WIDTH = 220
SERIES = 6


def _num(value) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def _svg(height: int, label: str, body: list[str], css: str = "chart") -> SafeString:
    return mark_safe(  # noqa: S308 - every text inside is escaped below
        f'<svg class="{css}" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg" '
        f'preserveAspectRatio="xMinYMin meet">{"".join(body)}</svg>'
    )


def bar_chart(rows: list[tuple[str, object]], label: str) -> SafeString:
    """Horizontal bars, one per row; a withheld value ("<5", "•") is written, not drawn."""
    rows = rows[:15]
    top = max((_num(v) for _, v in rows), default=0) or 1
    height = len(rows) * (BAR_HEIGHT + 8) + 8
    body = []
    for i, (name, value) in enumerate(rows):
        y = 8 + i * (BAR_HEIGHT + 8)
        width = (WIDTH - LABEL_WIDTH - 70) * _num(value) / top
        text = value if isinstance(value, str) else f"{value:,}".replace(",", ".")
        body.append(
            f'<text class="chart-label" x="{LABEL_WIDTH - 8}" y="{y + 16}" '
            f'text-anchor="end">{escape(_short(name))}</text>'
            f'<rect class="chart-bar" x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" '
            f'height="{BAR_HEIGHT}"></rect>'
            f'<text class="chart-value" x="{LABEL_WIDTH + width + 6:.1f}" y="{y + 16}">'
            f"{escape(text)}</text>"
        )
    return _svg(height, label, body)


def line_chart(columns: list[str], series: list[tuple[str, list]], label: str) -> SafeString:
    """Lines over time for the largest series (at most six), with a legend."""
    series = sorted(series, key=lambda s: -sum(_num(v) for v in s[1]))[:SERIES]
    series = [s for s in series if any(_num(v) for v in s[1])]
    left, right, top_y, plot_h = 50, 20, 12, 180
    top = max((_num(v) for _, values in series for v in values), default=0) or 1
    step = (WIDTH - left - right) / max(len(columns) - 1, 1)
    body = [
        f'<line class="chart-axis" x1="{left}" y1="{top_y + plot_h}" '
        f'x2="{WIDTH - right}" y2="{top_y + plot_h}"></line>',
        f'<text class="chart-label" x="{left - 6}" y="{top_y + 10}" text-anchor="end">'
        f"{int(top)}</text>",
        f'<text class="chart-label" x="{left - 6}" y="{top_y + plot_h}" text-anchor="end">0</text>',
    ]
    for i, column in enumerate(columns):
        if len(columns) <= 12 or i % max(len(columns) // 12, 1) == 0:
            body.append(
                f'<text class="chart-label chart-tick" x="{left + i * step:.1f}" '
                f'y="{top_y + plot_h + 16}" text-anchor="middle">{escape(column)}</text>'
            )
    for n, (name, values) in enumerate(series, start=1):
        points = " ".join(
            f"{left + i * step:.1f},{top_y + plot_h - plot_h * _num(v) / top:.1f}"
            for i, v in enumerate(values)
        )
        body.append(f'<polyline class="chart-line series-{n}" points="{points}"></polyline>')
        y = top_y + plot_h + 34 + (n - 1) * 18
        body.append(
            f'<rect class="series-{n} chart-key" x="{left}" y="{y - 10}" width="14" height="4">'
            f'</rect><text class="chart-label" x="{left + 20}" y="{y}">{escape(name)}</text>'
        )
    height = top_y + plot_h + 34 + len(series) * 18
    return _svg(height, label, body)


def _short(text: str, length: int = 30) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


# --- The quarter map -------------------------------------------------------------------------


def _rings(geometry: dict) -> list[list]:
    coords = geometry.get("coordinates") or []
    if geometry.get("type") == "MultiPolygon":
        return [polygon[0] for polygon in coords if polygon]
    return [coords[0]] if coords else []


def quarter_map(quarters: list[tuple[str, dict, object]], label: str) -> SafeString:
    """Quarter outlines coloured in five steps by value: (name, GeoJSON geometry, value)."""
    rings = [(name, ring, value) for name, geom, value in quarters for ring in _rings(geom)]
    points = [pt for _, ring, _ in rings for pt in ring]
    if not points:
        return mark_safe("")
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    scale_x = (WIDTH - 20) / ((east - west) * 0.63 or 1)  # cos(51.3°) ≈ 0.63
    scale_y = (WIDTH - 20) / ((north - south) or 1)
    scale = min(scale_x, scale_y)
    height = int((north - south) * scale) + 20
    top = max((_num(v) for *_, v in rings), default=0) or 1
    body = []
    for name, ring, value in rings:
        level = min(4, int(5 * _num(value) / top)) if _num(value) else 0
        path = " ".join(
            f"{10 + (x - west) * 0.63 * scale:.1f},{10 + (north - y) * scale:.1f}" for x, y in ring
        )
        text = value if isinstance(value, str) else f"{value}"
        body.append(
            f'<polygon class="map-area level-{level}" points="{path}">'
            f"<title>{escape(name)}: {escape(text)}</title></polygon>"
        )
    for name, ring, _value in rings:
        cx = sum(x for x, _ in ring) / len(ring)
        cy = sum(y for _, y in ring) / len(ring)
        body.append(
            f'<text class="map-label" x="{10 + (cx - west) * 0.63 * scale:.1f}" '
            f'y="{10 + (north - cy) * scale:.1f}" text-anchor="middle">{escape(_short(name, 18))}'
            f"</text>"
        )
    return _svg(height, label, body, css="chart chart-map")
