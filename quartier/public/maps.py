"""The public map as SVG: quarter outlines (demo shapes are labelled as such on the page) and
one dot per published report of the last 90 days, at its rounded location."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
COS_LAT = 0.63  # cos(51.3°): Krefeld's latitude


def _rings(geometry: dict) -> list[list]:
    coords = geometry.get("coordinates") or []
    if geometry.get("type") == "MultiPolygon":
        return [polygon[0] for polygon in coords if polygon]
    return [coords[0]] if coords else []


def report_map(quarters, points, label: str) -> SafeString:
    """quarters: [(name, geometry)]; points: [(lat, lon, done)]."""
    rings = [(name, ring) for name, geom in quarters for ring in _rings(geom)]
    xs = [p[0] for _, ring in rings for p in ring]
    ys = [p[1] for _, ring in rings for p in ring]
    if not xs:
        return mark_safe("")
    west, east, south, north = min(xs), max(xs), min(ys), max(ys)
    pad_x, pad_y = (east - west) * 0.05, (north - south) * 0.05
    west, east, south, north = west - pad_x, east + pad_x, south - pad_y, north + pad_y
    scale = WIDTH / ((east - west) * COS_LAT)
    height = int((north - south) * scale)

    def xy(lon, lat):
        return f"{(lon - west) * COS_LAT * scale:.1f}", f"{(north - lat) * scale:.1f}"

    body = []
    for name, ring in rings:
        pts = " ".join(",".join(xy(x, y)) for x, y in ring)
        body.append(f'<polygon class="map-area level-0" points="{pts}"><title>{escape(name)}'
                    f"</title></polygon>")  # fmt: skip
    for lat, lon, done in points:
        if not (west <= lon <= east and south <= lat <= north):
            continue
        x, y = xy(lon, lat)
        body.append(f'<circle class="map-dot{" map-dot-done" if done else ""}" cx="{x}" '
                    f'cy="{y}" r="4"></circle>')  # fmt: skip
    for name, ring in rings:
        x, y = xy(sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring))
        body.append(f'<text class="map-label" x="{x}" y="{y}" text-anchor="middle">'
                    f"{escape(name)}</text>")  # fmt: skip
    return mark_safe(  # noqa: S308 - all text escaped
        f'<svg class="chart chart-map" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">{"".join(body)}</svg>'
    )
