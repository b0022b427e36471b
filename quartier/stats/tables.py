"""The dashboard's tables: one `StatTable` each, used alike by the page, CSV, XLSX and PDF.

Every table carries one plain-German sentence that says what it shows. Tables about
residents are cut from the protected families (`families.py`): a withheld cell is "<5" (a
count from 1 to 4) or "•" (withheld so that a small count cannot be worked out).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from quartier.residents.models import AgeBand, ConversationLanguage, HelpKind, ReferralOutcome
from quartier.stats import families, queries
from quartier.stats.periods import Period
from quartier.stats.suppression import TOTAL


@dataclass
class StatTable:
    slug: str
    title: str
    sentence: str
    row_header: str
    columns: list[str]
    rows: list[tuple[str, list]]
    total: tuple[str, list] | None = None
    protected: bool = False
    chart: str = "bars"  # "bars" (last column), "lines" (columns over time) or ""
    formats: list[str] = field(default_factory=list)  # per column: "int", "days", "share"
    chart_column: int = -1  # the column the bar chart shows

    @property
    def is_empty(self) -> bool:
        return not self.rows or all(not any(_num(c) for c in cells) for _, cells in self.rows)

    def display(self, value, column: int) -> str:
        return format_cell(value, self.formats[column] if column < len(self.formats) else "int")


def _num(value) -> float:
    return value if isinstance(value, int | float) else 0


def format_cell(value, kind: str = "int") -> str:
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    if kind == "share":
        return f"{value * 100:.0f} %".replace(".", ",")
    if kind == "days":
        return f"{value / 24:.1f}".replace(".", ",")
    if kind == "change":
        return f"{value:+,}".replace(",", ".").replace("-", "−") if value else "±0"
    return f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value)


# --- Reports ----------------------------------------------------------------------------------


def reports_by_category(period: Period, quarter_ids=None) -> StatTable:
    labels, rows = queries.reports_by_category(period, quarter_ids)
    many = len(labels) > 1
    table_rows = [(name, [*counts, sum(counts)] if many else counts) for name, counts in rows]
    totals = [sum(cells[i] for _, cells in table_rows) for i in range(len(labels) + many)]
    grand = totals[-1] if totals else 0
    if rows:
        top, top_counts = rows[0]
        sentence = _(
            "Im Zeitraum %(period)s gingen %(n)s Meldungen ein; die meisten betrafen "
            "„%(top)s“ (%(m)s)."
        ) % {"period": period.label, "n": grand, "top": top, "m": sum(top_counts)}
    else:
        sentence = _("Im Zeitraum %(period)s gingen keine Meldungen ein.") % {
            "period": period.label
        }
    return StatTable(
        slug="meldungen-kategorien",
        title=_("Meldungen nach Kategorie"),
        sentence=sentence,
        row_header=_("Kategorie"),
        columns=[*labels, _("Summe")] if many else labels,
        rows=table_rows,
        total=(_("Alle Kategorien"), totals) if rows else None,
        chart="bars",
    )


def authorities(period: Period, quarter_ids=None) -> StatTable:
    rows = queries.authority_figures(period, quarter_ids)
    table_rows = [
        (
            r["authority"],
            [
                r["forwarded"],
                r["median_first_hours"],
                r["median_done_hours"],
                r["open"],
                r["overdue"],
                r["overdue_share"],
            ],
        )
        for r in rows
    ]
    slowest = max(
        (r for r in rows if r["median_done_hours"] is not None),
        key=lambda r: r["median_done_hours"],
        default=None,
    )
    if slowest:
        sentence = _(
            "Am längsten bis zur Erledigung dauerte es bei %(name)s: im Mittel (Median) "
            "%(days)s Tage nach der Weiterleitung."
        ) % {
            "name": slowest["authority"],
            "days": format_cell(slowest["median_done_hours"], "days"),
        }
    elif rows:
        sentence = _("Im Zeitraum wurde noch keine Weiterleitung als erledigt gemeldet.")
    else:
        sentence = _("Im Zeitraum wurde nichts weitergeleitet.")
    return StatTable(
        slug="behoerden",
        title=_("Weiterleitungen an Behörden und Partner"),
        sentence=sentence,
        row_header=_("Behörde / Partner"),
        columns=[
            _("Weitergeleitet"),
            _("Erste Antwort nach (Tage, Median)"),
            _("Erledigt nach (Tage, Median)"),
            _("Noch offen"),
            _("Davon über der Frist"),
            _("Anteil über der Frist"),
        ],
        rows=table_rows,
        chart="",
        formats=["int", "days", "days", "int", "int", "share"],
    )


# --- Residents (protected) ---------------------------------------------------------------------


def _resident_columns(period: Period, over_time: bool) -> list[tuple[int, str, str]]:
    """(year, column key, label): the period's cells in the yearly tables."""
    if over_time and period.kind in ("year", "quarter"):
        return [(m.year, f"{m:%Y-%m}", f"{m:%m/%Y}") for m in period.months()]
    return [(year, col, period.label if period.kind != "years" else str(year))
            for year, col in period.year_columns().items()]  # fmt: skip


def _slice(fams: dict, group: str, rows, columns) -> list:
    """Published values of `rows` (full row tuples) over the columns."""
    return [
        (label, [fams[year].shown(group, row, col) for year, col, _label in columns])
        for label, row in rows
    ]


def _families(loader, period: Period) -> dict:
    return {year: loader(year) for year in period.year_columns()}


def contacts_by(period: Period, group: str, quarter=TOTAL) -> StatTable:
    fams = _families(families.contacts, period)
    choices = AgeBand.choices if group == "age" else ConversationLanguage.choices
    columns = _resident_columns(period, over_time=False)
    rows = _slice(fams, group, [(str(label), (quarter, v)) for v, label in choices], columns)
    total = _slice(fams, group, [(_("Alle Gespräche"), (quarter, TOTAL))], columns)[0]
    title = _("Gespräche nach Altersgruppe") if group == "age" else _("Gespräche nach Sprache")
    return StatTable(
        slug="gespraeche-alter" if group == "age" else "gespraeche-sprache",
        title=title,
        sentence=_resident_sentence(period, rows, total, _("Gespräche")),
        row_header=_("Altersgruppe") if group == "age" else _("Sprache"),
        columns=[label for _y, _c, label in columns],
        rows=rows,
        total=total,
        protected=True,
    )


def contacts_by_quarter(period: Period, band=TOTAL) -> StatTable:
    fams = _families(families.contacts, period)
    columns = _resident_columns(period, over_time=False)
    names = queries.quarter_names()
    rows = []
    for pk, name in sorted(names.items(), key=lambda item: item[1]):
        cells = [fams[y].shown("age", (pk, band), col) for y, col, _l in columns]
        rows.append((name, cells))
    total = (_("Alle Quartiere"), [fams[y].shown("age", (TOTAL, band), c) for y, c, _l in columns])
    return StatTable(
        slug="gespraeche-quartier" if band == TOTAL else f"gespraeche-quartier-{band}",
        title=_("Gespräche nach Quartier")
        if band == TOTAL
        else _("Gespräche mit Menschen %(band)s nach Quartier") % {"band": AgeBand(band).label},
        sentence=_resident_sentence(period, rows, total, _("Gespräche")),
        row_header=_("Quartier"),
        columns=[label for _y, _c, label in columns],
        rows=rows,
        total=total,
        protected=True,
    )


def topics_by_age(period: Period) -> StatTable:
    fams = _families(families.mentions, period)
    year = max(fams)
    columns = [(y, col, label) for y, col, label in _resident_columns(period, over_time=False)]
    names = queries.topic_names()
    bands = AgeBand.choices
    rows = []
    for pk in fams[year].groups["topic"][0]:
        cells = []
        for value, _label in [*bands, (TOTAL, "")]:
            cells += [fams[y].shown("topic", (pk, value), col) for y, col, _l in columns]
        rows.append((names.get(pk, "?"), cells))
    heads = [f"{label} ({c})" if len(columns) > 1 else str(label)
             for value, label in [*bands, (TOTAL, _("alle"))] for _y, _k, c in columns]  # fmt: skip
    return StatTable(
        slug="themen-alter",
        title=_("Themen der Gespräche nach Altersgruppe"),
        sentence=_topic_sentence(rows, 2 * len(columns) + len(columns) - 1),
        row_header=_("Thema"),
        columns=heads,
        rows=rows,
        protected=True,
        chart="",
    )


def seniors_over_time(period: Period, band: str) -> StatTable:
    """Which topics people 65–79 or 80+ raise, month by month (years for long periods)."""
    fams = _families(families.mentions, period)
    columns = _resident_columns(period, over_time=True)
    names = queries.topic_names()
    year = max(fams)
    rows = [
        (names.get(pk, "?"), [fams[y].shown("topic", (pk, band), col) for y, col, _l in columns])
        for pk in fams[year].groups["topic"][0]
    ]
    label = dict(AgeBand.choices)[band]
    return StatTable(
        slug=f"senioren-{band}",
        title=_("Anliegen der Menschen %(band)s im Verlauf") % {"band": label},
        sentence=_trend_sentence(rows, label),
        row_header=_("Thema"),
        columns=[label for _y, _c, label in columns],
        rows=rows,
        protected=True,
        chart="lines",
    )


def referrals(period: Period) -> StatTable:
    fams = _families(families.referrals, period)
    columns = _resident_columns(period, over_time=False)
    entries = sorted({e for f in fams.values() for e in f.groups["referral"][0]}, key=str)
    names = queries.entry_names(entries)
    outcomes = ReferralOutcome.choices
    rows = []
    for entry in entries:
        cells = []
        for value, _label in [*outcomes, (TOTAL, "")]:
            for y, col, _l in columns:
                known = entry in fams[y].groups["referral"][0]
                cells.append(fams[y].shown("referral", (entry, value), col) if known else 0)
        rows.append((names.get(entry, "?"), cells))
    heads = [str(label) for value, label in [*outcomes, (TOTAL, _("alle"))] for _c in columns]
    taken = sum(_num(cells[len(columns) * 1]) for _n, cells in rows)
    return StatTable(
        slug="vermittlungen",
        title=_("Vermittlungen nach Angebot und Ergebnis"),
        sentence=_(
            "Im Zeitraum %(period)s wurden Menschen an %(n)s Angebote vermittelt; "
            "mindestens %(taken)s Vermittlungen wurden angenommen."
        )
        % {"period": period.label, "n": len(rows), "taken": int(taken)},
        row_header=_("Angebot"),
        columns=heads,
        rows=rows,
        protected=True,
        chart="",
    )


def help_done(period: Period, quarter=TOTAL) -> StatTable:
    fams = _families(families.help_done, period)
    columns = _resident_columns(period, over_time=False)
    rows = [
        (str(label), [fams[y].shown("help", (quarter, value), col) for y, col, _l in columns])
        for value, label in HelpKind.choices
    ]
    total = (_("Alle Hilfen"), [fams[y].shown("help", (quarter, TOTAL), c) for y, c, _l in columns])
    return StatTable(
        slug="hilfen",
        title=_("Geleistete Hilfen nach Art"),
        sentence=_resident_sentence(period, rows, total, _("geleistete Hilfen")),
        row_header=_("Art der Hilfe"),
        columns=[label for _y, _c, label in columns],
        rows=rows,
        total=total,
        protected=True,
    )


# --- Sentences ---------------------------------------------------------------------------------


def _resident_sentence(period, rows, total, noun) -> str:
    value = total[1][-1] if total and total[1] else 0
    ranked = [(name, cells[-1]) for name, cells in rows if isinstance(cells[-1], int)]
    ranked.sort(key=lambda item: -item[1])
    if not isinstance(value, int):
        return _("Im Zeitraum %(period)s gab es weniger als 5 %(noun)s.") % {
            "period": period.label,
            "noun": noun,
        }
    if not value:
        return _("Im Zeitraum %(period)s gab es keine %(noun)s.") % {
            "period": period.label,
            "noun": noun,
        }
    top = ranked[0] if ranked else ("", 0)
    return _("Im Zeitraum %(period)s gab es %(n)s %(noun)s, die meisten bei „%(top)s“ (%(m)s).") % {
        "period": period.label,
        "n": value,
        "noun": noun,
        "top": top[0],
        "m": top[1],
    }


def _topic_sentence(rows, index: int) -> str:
    """About the 80+ column (`index`: its last period column)."""
    old = [(name, cells[index]) for name, cells in rows]
    old = [(n, v) for n, v in old if isinstance(v, int) and v]
    if not old:
        return _("Für Menschen ab 80 gibt es im Zeitraum keine auswertbaren Zahlen.")
    name, value = max(old, key=lambda item: item[1])
    return _("Menschen ab 80 sprachen am häufigsten über „%(topic)s“ (%(n)s Nennungen).") % {
        "topic": name,
        "n": value,
    }


def _trend_sentence(rows, band_label) -> str:
    best, change = None, 0
    for name, cells in rows:
        values = [c for c in cells if isinstance(c, int)]
        if len(values) >= 2 and values[-1] - values[0] > change:
            best, change = name, values[-1] - values[0]
    if best is None:
        return _("Bei Menschen %(band)s zeigt kein Thema im Zeitraum einen klaren Anstieg.") % {
            "band": band_label
        }
    return _(
        "Bei Menschen %(band)s stieg das Thema „%(topic)s“ im Zeitraum am stärksten "
        "(um %(n)s Nennungen vom ersten zum letzten Abschnitt)."
    ) % {"band": band_label, "topic": best, "n": change}


# --- Comparison with the previous period ----------------------------------------------------------


def _value(cells: list, column: int | None):
    """The row's figure to compare: one column, or the sum of all (None if one is withheld)."""
    values = cells if column is None else [cells[column]]
    return sum(values) if values and all(isinstance(v, int) for v in values) else None


def compare(now: StatTable, before: StatTable, previous: Period, column: int | None = -1,
            noun: str = ""):  # fmt: skip
    """Add "previous period" and "change" columns to `now` (rows matched by label) and say
    the change of the total in the sentence. `column`: the figure compared (None: the sum of
    all columns, for tables with one column per year). A change is only given where both
    figures are shown; a withheld cell stays withheld ("–" for its change)."""
    old = {label: cells for label, cells in before.rows}
    width = len(now.columns)
    now.chart_column = (column if column is not None else -1) % width if width else -1

    def extend(label, cells, old_cells):
        was = _value(old_cells, column) if old_cells is not None else 0
        value = _value(cells, column)
        if old_cells is not None and was is None:
            was = "•"
        change = value - was if isinstance(value, int) and isinstance(was, int) else None
        return (label, [*cells, was, change])

    now.rows = [extend(label, cells, old.get(label)) for label, cells in now.rows]
    if now.total:
        now.total = extend(now.total[0], now.total[1], before.total[1] if before.total else None)
    now.formats = [*(now.formats or ["int"] * width), "int", "change"]
    now.columns = [*now.columns, _("Vorzeitraum %(label)s") % {"label": previous.label},
                   _("Veränderung")]  # fmt: skip
    now.sentence = f"{now.sentence} {_change_sentence(now, previous, noun)}"
    return now


def _change_sentence(table: StatTable, previous: Period, noun: str) -> str:
    cells = table.total[1] if table.total else None
    if cells is None:
        sums = [row[1][-2:] for row in table.rows]
        if all(isinstance(a, int) and isinstance(b, int) for a, b in sums):
            cells = [sum(a for a, _b in sums), sum(b for _a, b in sums)]
    was, change = (cells[-2], cells[-1]) if cells else (None, None)
    if change is None:
        return _("Ein Vergleich mit dem Vorzeitraum (%(previous)s) ist wegen kleiner Zahlen "
                 "nicht möglich.") % {"previous": previous.label}  # fmt: skip
    if change == 0:
        return _("Das sind genauso viele %(noun)s wie im Vorzeitraum (%(previous)s).") % {
            "noun": noun, "previous": previous.label
        }  # fmt: skip
    if change > 0:
        text = _("Das sind %(n)s %(noun)s mehr als im Vorzeitraum (%(previous)s: %(was)s).")
    else:
        text = _("Das sind %(n)s %(noun)s weniger als im Vorzeitraum (%(previous)s: %(was)s).")
    return text % {"n": abs(change), "noun": noun, "previous": previous.label, "was": was}
