"""Tables about the helpers' work that are not about residents: small jobs and presence.

Presence is counted per quarter (duty days of the helpers of that quarter), never per person;
there is no table, export or parameter that breaks it down by helper.
"""

from __future__ import annotations

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from quartier.operations.models import DutyDay, JobKind, SmallJob
from quartier.stats import queries
from quartier.stats.periods import Period
from quartier.stats.tables import StatTable


def small_jobs(period: Period, quarter_ids=None) -> StatTable:
    qs = SmallJob.objects.filter(done_on__gte=period.start, done_on__lt=period.end)
    if quarter_ids:
        qs = qs.filter(quarter_id__in=quarter_ids)
    found = {r["kind"]: r for r in qs.values("kind").annotate(n=Count("pk"), bags=Sum("bags"))
             .order_by()}  # fmt: skip
    rows = [(str(label), [found.get(k, {}).get("n", 0), found.get(k, {}).get("bags") or 0])
            for k, label in JobKind.choices]  # fmt: skip
    total = [sum(r[1][0] for r in rows), sum(r[1][1] for r in rows)]
    if total[0]:
        sentence = _("Im Zeitraum %(period)s erledigten die Quartiershelfer*innen %(n)s kleine "
                     "Einsätze und sammelten dabei %(bags)s Säcke.") % {
            "period": period.label, "n": total[0], "bags": total[1]}  # fmt: skip
    else:
        sentence = _("Im Zeitraum %(period)s wurden keine kleinen Einsätze erfasst.") % {
            "period": period.label
        }
    return StatTable(
        slug="kleine-einsaetze",
        title=_("Kleine Einsätze nach Art"),
        sentence=sentence,
        row_header=_("Art"),
        columns=[_("Erledigt"), _("Säcke")],
        rows=rows,
        total=(_("Alle Einsätze"), total),
        chart="bars",
    )


def presence(period: Period, quarter_ids=None) -> StatTable:
    qs = DutyDay.objects.filter(day__gte=period.start, day__lt=period.end)
    counts = {r["helper__quarters"]: r["n"] for r in
              qs.values("helper__quarters").annotate(n=Count("pk")).order_by()}  # fmt: skip
    names = queries.quarter_names()
    chosen = [pk for pk in names if not quarter_ids or pk in quarter_ids]
    rows = [(names[pk], [counts.get(pk, 0)]) for pk in sorted(chosen, key=names.get)]
    busiest = max(rows, key=lambda r: r[1][0], default=None)
    if busiest and busiest[1][0]:
        sentence = _("Die meisten Diensttage im Zeitraum %(period)s gab es im Quartier "
                     "%(name)s (%(n)s).") % {"period": period.label, "name": busiest[0],
                                              "n": busiest[1][0]}  # fmt: skip
    else:
        sentence = _("Im Zeitraum %(period)s wurden keine Diensttage erfasst.") % {
            "period": period.label
        }
    return StatTable(
        slug="praesenz",
        title=_("Präsenz: Diensttage je Quartier"),
        sentence=sentence,
        row_header=_("Quartier"),
        columns=[_("Diensttage")],
        rows=rows,
        chart="bars",
    )
