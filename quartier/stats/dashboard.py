"""What the dashboard and the Sachbericht show for a period: key figures compared with the
previous period, and the tables with their charts.

Other apps may add tables (e.g. small jobs, duty days per quarter) by registering a
`registry.add("stats_table", StatsSection(...))` whose `build(period, quarter_ids)` returns a
`StatTable` (see `quartier.stats.tables`); never figures per person.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from quartier.core import registry
from quartier.stats import aggregates, charts, families, queries, tables, work
from quartier.stats.periods import Period
from quartier.stats.suppression import TOTAL

# A year of a million reports takes seconds to count on a small server (see
# docs/benchmarks.md): each result is kept this long, and the page says so.
CACHE_SECONDS = 300
# What the background job computes (tasks.warm_statistics, every ten minutes) lives longer.
WARM_SECONDS = 1500

MAP_MEASURES = {
    "meldungen": "Meldungen",
    "gespraeche": "Gespräche",
    "gespraeche-80": "Gespräche mit Menschen ab 80",
}


@dataclass(frozen=True)
class StatsSection:
    """A table another app contributes: `build(period, quarter_ids) -> StatTable | None`."""

    build: Any
    order: int = 100


@dataclass
class Figure:
    label: str
    value: object
    previous: object
    kind: str = "int"

    @property
    def change(self) -> str:
        if not isinstance(self.value, int | float) or not isinstance(self.previous, int | float):
            return ""
        if self.kind == "share":
            diff = round((self.value - self.previous) * 100)
            return f"{diff:+d} %-Punkte".replace("+0", "±0") if diff else "±0"
        diff = self.value - self.previous
        return f"{diff:+,}".replace(",", ".") if diff else "±0"

    def shown(self, value) -> str:
        return tables.format_cell(value, self.kind)


def key_figures(period: Period, quarter_ids=None) -> list[Figure]:
    now, before = (queries.report_summary(p, quarter_ids) for p in (period, period.previous()))
    figures = [
        Figure(_("Meldungen"), now["total"], before["total"]),
        Figure(_("Selbst erledigt"), now["by_helper"], before["by_helper"]),
        Figure(_("Anteil selbst erledigt"), now["by_helper_share"], before["by_helper_share"],
               "share"),
        Figure(_("Gesammelte Säcke"), now["bags"], before["bags"]),
        Figure(_("Davon noch offen"), now["open"], before["open"]),
    ]  # fmt: skip
    quarter = quarter_ids[0] if quarter_ids and len(quarter_ids) == 1 else TOTAL
    figures.append(
        Figure(_("Gespräche"), _contacts_total(period, quarter),
               _contacts_total(period.previous(), quarter))
    )  # fmt: skip
    return figures


def _contacts_total(period: Period, quarter=TOTAL):
    """One protected cell per year; several years are added only if all are shown."""
    values = [
        families.contacts(year).shown("age", (quarter, TOTAL), col)
        for year, col in period.year_columns().items()
    ]
    if all(isinstance(v, int) for v in values):
        return sum(values)
    return values[0] if len(values) == 1 else "•"


def sections(period: Period, quarter_ids=None) -> list[dict]:
    """The tables in page order, each with its chart (if any)."""
    quarter = quarter_ids[0] if quarter_ids and len(quarter_ids) == 1 else TOTAL
    before = period.previous()

    def compared(build, *args, column=-1, noun=""):
        now, then = build(period, *args), build(before, *args)
        return tables.compare(now, then, before, column, noun)

    by_year = None if period.kind == "years" else -1  # one column per year: compare the sum
    built = [
        compared(tables.reports_by_category, quarter_ids, noun=_("Meldungen")),
        compared(tables.authorities, quarter_ids, column=0, noun=_("Weiterleitungen")),
        compared(tables.contacts_by, "age", quarter, column=by_year, noun=_("Gespräche")),
        compared(tables.contacts_by, "language", quarter, column=by_year, noun=_("Gespräche")),
        compared(tables.contacts_by_quarter, column=by_year, noun=_("Gespräche")),
        tables.topics_by_age(period),
        tables.seniors_over_time(period, "65_79"),
        tables.seniors_over_time(period, "80_plus"),
        compared(tables.contacts_by_quarter, "80_plus", column=by_year, noun=_("Gespräche")),
        tables.referrals(period),
        compared(tables.help_done, quarter, column=by_year, noun=_("geleistete Hilfen")),
        compared(work.small_jobs, quarter_ids, column=0, noun=_("kleine Einsätze")),
        compared(work.presence, quarter_ids, column=0, noun=_("Diensttage")),
    ]
    for extra in registry.contributions("stats_table"):
        table = extra.build(period, quarter_ids)
        if table is not None:
            built.append(table)
    return [{"table": t, "chart": chart_for(t)} for t in built]


def chart_for(table: tables.StatTable):
    if table.is_empty or not table.chart:
        return ""
    if table.chart == "lines":
        return charts.line_chart(table.columns, table.rows, table.sentence)
    column = table.chart_column
    return charts.bar_chart([(name, cells[column]) for name, cells in table.rows], table.sentence)


def quarter_map(period: Period, measure: str):
    """(svg, rows) for the map: each quarter with the chosen measure."""
    names = queries.quarter_names()
    if measure == "meldungen":
        counts = queries.reports_by_quarter(period)
        values = {pk: counts.get(pk, 0) for pk in names}
    else:
        band = "80_plus" if measure == "gespraeche-80" else TOTAL
        table = tables.contacts_by_quarter(period, band)
        by_name = {name: cells[-1] for name, cells in table.rows}
        values = {pk: by_name.get(name, 0) for pk, name in names.items()}
    from quartier.areas.models import Quarter

    shapes = [(q.name, q.geometry, values.get(q.pk, 0)) for q in Quarter.objects.order_by("name")]
    label = _("Karte der Quartiere: %(measure)s im Zeitraum %(period)s") % {
        "measure": _(MAP_MEASURES[measure]),
        "period": period.label,
    }
    return charts.quarter_map(shapes, label), [(name, value) for name, _g, value in shapes]


def _key(name: str, period: Period, quarter_ids, args) -> str:
    quarters = ",".join(map(str, sorted(quarter_ids or [])))
    return f"stats:{name}:{period.code}:{quarters}:{':'.join(map(str, args))}:{get_language()}"


def cached(name: str, period: Period, quarter_ids, build, *args):
    """`build(period, quarter_ids, *args)`, kept for CACHE_SECONDS per period and quarters."""
    key = _key(name, period, quarter_ids, args)
    value = cache.get(key)
    if value is None:
        aggregates.fold()
        with aggregates.snapshot(), families.reuse():
            value = build(period, quarter_ids, *args)
        cache.set(key, value, CACHE_SECONDS)
    return value


def report_parts(period: Period, quarter_ids=None) -> tuple[list[Figure], list[dict]]:
    """Key figures and tables together (read in one snapshot: the Sachbericht, exports)."""
    return key_figures(period, quarter_ids), sections(period, quarter_ids)


def refresh(period: Period) -> None:
    """Compute the dashboard of `period` for all quarters and keep it for WARM_SECONDS."""
    from django.utils import translation

    aggregates.fold()
    with translation.override("de"), families.reuse():
        for name, build, args in [
            ("figures", key_figures, ()),
            ("sections", sections, ()),
            *[("map", map_for, (m,)) for m in MAP_MEASURES],
        ]:
            cache.set(_key(name, period, None, args), build(period, None, *args), WARM_SECONDS)


def map_for(period: Period, _quarter_ids, measure: str):
    return quarter_map(period, measure)
