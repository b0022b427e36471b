"""Statistics pages for coordinators: the dashboard, exports and the Sachbericht.

Every page takes the period as `?zeitraum=` (see `periods.py`) and optionally quarters as
`?quartier=<slug>` (repeatable). Figures per helper are not offered, whatever is asked.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from quartier.accounts import permissions as perms
from quartier.areas.models import Quarter
from quartier.core.audit import audit
from quartier.core.decorators import require
from quartier.stats import actions, dashboard, documents, exports, families, periods
from quartier.stats.forms import NarrativeForm
from quartier.stats.models import Narrative

PER_PERSON_PARAMS = ("helfer", "helferin", "person", "user", "benutzer", "mitarbeiter")


def read_params(request) -> dict:
    """Period, quarters and map measure from the query string, with German errors."""
    errors = {}
    code = request.GET.get("zeitraum", "").strip()
    try:
        period = periods.parse(code) if code else periods.default_period()
    except periods.PeriodError as error:
        errors["zeitraum"] = str(error)
        period = periods.default_period()
    slugs = [s for s in request.GET.getlist("quartier") if s]
    chosen = list(Quarter.objects.filter(slug__in=slugs).order_by("name"))
    if len(chosen) < len(set(slugs)):
        errors["quartier"] = _("Ein gewähltes Quartier gibt es nicht (mehr).")
    if any(request.GET.get(name) for name in PER_PERSON_PARAMS):
        errors["person"] = _(
            "Zahlen je Person gibt es nicht: die Statistik zählt Quartiere und Zeiträume, "
            "niemals einzelne Helferinnen und Helfer."
        )
    measure = request.GET.get("karte", "meldungen")
    if measure not in dashboard.MAP_MEASURES:
        measure = "meldungen"
    return {
        "period": period,
        "quarters": chosen,
        "quarter_ids": [q.pk for q in chosen] or None,
        "measure": measure,
        "errors": errors,
    }


def _query(params) -> str:
    parts = [f"zeitraum={params['period'].code}"]
    parts += [f"quartier={q.slug}" for q in params["quarters"]]
    return "&".join(parts)


@require(perms.can_view_statistics)
@require_GET
def dashboard_page(request):
    params = read_params(request)
    period, quarter_ids = params["period"], params["quarter_ids"]
    measure = params["measure"]
    # Lazy: the template calls these only when its cached fragment has expired.
    context = {
        **params,
        "previous": period.previous(),
        "figures": lambda: dashboard.cached("figures", period, quarter_ids, dashboard.key_figures),
        "sections": lambda: dashboard.cached("sections", period, quarter_ids, dashboard.sections),
        "map": lambda: dashboard.cached("map", period, None, dashboard.map_for, measure),
        "period_choices": periods.choices(),
        "all_quarters": Quarter.objects.order_by("name"),
        "map_measures": dashboard.MAP_MEASURES,
        "measure_label": _(dashboard.MAP_MEASURES[measure]),
        "query": _query(params),
        "cache_seconds": dashboard.CACHE_SECONDS,
    }
    status = 400 if params["errors"] else 200
    with families.reuse():  # figures, tables and map share the yearly families
        return render(request, "stats/dashboard.html", context, status=status)


def _sections(params):
    return dashboard.cached("sections", params["period"], params["quarter_ids"], dashboard.sections)


def _table(params, slug):
    for section in _sections(params):
        if section["table"].slug == slug:
            return section["table"]
    raise Http404(_("Diese Tabelle gibt es nicht."))


@require(perms.can_view_statistics)
@require_GET
def export_table(request, slug: str, fmt: str):
    params = read_params(request)
    if params["errors"]:
        return HttpResponse("; ".join(params["errors"].values()), status=400,
                            content_type="text/plain; charset=utf-8")  # fmt: skip
    table = _table(params, slug)
    audit(
        request.user, "stats.export", object_type=f"{slug}.{fmt}", object_id=params["period"].code
    )
    name = f"{slug}-{params['period'].code}"
    if fmt == "csv":
        return exports.csv_response([table], name, params["period"])
    return exports.xlsx_response([table], name, params["period"])


@require(perms.can_view_statistics)
@require_GET
def export_all(request):
    params = read_params(request)
    if params["errors"]:
        return HttpResponse("; ".join(params["errors"].values()), status=400,
                            content_type="text/plain; charset=utf-8")  # fmt: skip
    found = [s["table"] for s in _sections(params)]
    audit(request.user, "stats.export", object_type="alle.xlsx", object_id=params["period"].code)
    return exports.xlsx_response(found, f"statistik-{params['period'].code}", params["period"])


@require(perms.can_view_statistics)
@require_GET
def raw_export(request, kind: str):
    params = read_params(request)
    if params["errors"]:
        return HttpResponse("; ".join(params["errors"].values()), status=400,
                            content_type="text/plain; charset=utf-8")  # fmt: skip
    audit(request.user, "stats.raw_export", object_type=kind, object_id=params["period"].code)
    return exports.raw_response(kind, params["period"])


# --- The funder's report (Sachbericht) ---------------------------------------------------------


def _report_params(request):
    params = read_params(request)
    if params["period"].kind == "years" and "zeitraum" not in params["errors"]:
        params["errors"]["zeitraum"] = _(
            "Den Sachbericht gibt es für einen Monat, ein Quartal oder ein Jahr."
        )
    return params


def _report_context(request, params) -> dict:
    period = params["period"]
    narrative = Narrative.objects.latest_for(period.code)
    figures, sections = dashboard.cached("report", period, None, dashboard.report_parts)
    return {
        **params,
        "previous": period.previous(),
        "figures": figures,
        "sections": sections,
        "narrative": narrative,
        "period_choices": periods.choices(),
        "query": _query(params),
    }


@require(perms.can_view_statistics)
def sachbericht(request):
    params = _report_params(request)
    form = NarrativeForm(request.POST or None)
    if request.method == "POST" and not params["errors"] and form.is_valid():
        actions.save_narrative(
            actor=request.user, period_code=params["period"].code, text=form.cleaned_data["text"]
        )
        messages.success(request, _("Der Bericht der Koordination ist gespeichert."))
        return redirect(f"{request.path}?{_query(params)}")
    context = _report_context(request, params)
    if request.method != "POST" and context["narrative"]:
        form = NarrativeForm(initial={"text": context["narrative"].text})
    context["form"] = form
    status = 400 if params["errors"] or form.errors else 200
    return render(request, "stats/sachbericht.html", context, status=status)


@require(perms.can_view_statistics)
@require_GET
def sachbericht_pdf(request):
    params = _report_params(request)
    if params["errors"]:
        return HttpResponse("; ".join(params["errors"].values()), status=400,
                            content_type="text/plain; charset=utf-8")  # fmt: skip
    context = {**_report_context(request, params), "for_pdf": True}
    audit(request.user, "stats.export", object_type="sachbericht.pdf",
          object_id=params["period"].code)  # fmt: skip
    pdf = documents.sachbericht_pdf(context)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"sachbericht-{params['period'].code}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
