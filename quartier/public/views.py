"""Pages without login: what was reported in public space and what happened to it, figures
per quarter, and a page per quarter about the helpers (German and simple language).

Cacheable: `Cache-Control: public` for a few minutes and an ETag over the page's content, so a
browser or a reverse proxy asks again cheaply."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.cache import cache
from django.http import Http404, HttpResponseNotModified
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from quartier.areas.models import Quarter
from quartier.public import maps, queries

MAX_AGE = 300
PAGE_SECONDS = 60


def _cached(request, template: str, context: dict, fingerprint: str):
    """Answer 304 if the browser has this version, else render. The ETag is a hash of the
    data shown (`fingerprint`) and the language, not of the HTML (which holds a CSRF token)."""
    raw = f"{fingerprint}|{request.LANGUAGE_CODE}".encode()
    tag = '"' + hashlib.sha256(raw).hexdigest()[:32] + '"'
    if request.headers.get("If-None-Match") == tag:
        response = HttpResponseNotModified()
    else:
        response = TemplateResponse(request, template, context).render()
    response["ETag"] = tag
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response


def last_quarters(today: dt.date, count: int = 4) -> list[tuple[str, dt.date, dt.date]]:
    """The last `count` complete calendar quarters: (label, start, end), newest first."""
    number, year = (today.month - 1) // 3, today.year
    result = []
    for _i in range(count):
        if number == 0:
            number, year = 4, year - 1
        start = dt.date(year, 3 * number - 2, 1)
        end = dt.date(year + (number == 4), 1 if number == 4 else 3 * number + 1, 1)
        result.append((_("%(n)s. Quartal %(year)s") % {"n": number, "year": year}, start, end))
        number -= 1
    return result


def _page_number(request) -> int:
    try:
        page = int(request.GET.get("seite", "1"))
    except ValueError:
        raise Http404(_("Diese Seite gibt es nicht.")) from None
    if not 1 <= page <= 10_000:
        raise Http404(_("Diese Seite gibt es nicht."))
    return page


def _overview(page: int) -> dict:
    """The data of one page of the overview (kept for a minute: many visitors, one query)."""
    reports, more = queries.report_page(page)
    quarters = list(Quarter.objects.order_by("name"))
    label, start, end = last_quarters(timezone.localdate(), 1)[0]
    figures = queries.quarter_figures(start, end)
    svg = maps.report_map(
        [(q.name, q.geometry) for q in quarters],
        queries.map_points(),
        _("Karte der Quartiere mit den Meldungen der letzten 90 Tage"),
    )
    rows = [(q, figures.get(q.pk, {})) for q in quarters]
    return {"reports": reports, "page": page, "more": more, "map_svg": svg,
            "figure_rows": rows, "figure_label": label,
            "demo_shapes": any(q.is_demo_geometry for q in quarters),
            "fingerprint": repr((reports, more, rows, queries.map_points_version(),
                                 label))}  # fmt: skip


@require_GET
def transparency(request):
    page = _page_number(request)
    key = f"public:overview:{page}:{request.LANGUAGE_CODE}"
    context = cache.get_or_set(key, lambda: _overview(page), PAGE_SECONDS)
    return _cached(request, "public/transparency.html", context, context["fingerprint"])


@require_GET
def quarter_page(request, slug: str, simple: bool = False):
    quarter = get_object_or_404(Quarter, slug=slug)
    periods = last_quarters(timezone.localdate())
    figures = [
        (label, queries.quarter_figures(s, e).get(quarter.pk, {})) for label, s, e in periods
    ]
    reports, _more = queries.report_page(1, quarter)
    context = {
        "quarter": quarter,
        "bases": quarter.bases.order_by("name"),
        "figures": figures,
        "reports": reports[:10],
        "simple": simple,
    }
    fingerprint = repr((quarter.name, quarter.updated_at, list(context["bases"].values()),
                        figures, reports[:10]))  # fmt: skip
    return _cached(request, "public/quarter.html", context, fingerprint)
