"""A small data set with known counts, for the statistics tests (unit and browser).

Period 2. Quartal 2025 in the quarter "Hardenbergviertel" unless noted:

* reports: 7 × Wilder Müll in April, 3 × Wilder Müll in May (parent "Abfall"), 2 × Graffiti in
  June (parent "Stadtbild", one of them in "Samtweberviertel"); 1 Spritzenfund (not public);
  one Wilder Müll resolved by a helper with 4 bags; 1 × Wilder Müll in January 2025 (Q1);
* three forwardings to GSAK (1 April, 10:00): first answers after 24, 48 and 72 hours
  (median 2,0 days), two resolved after 96 and 120 hours (median 4,5 days; those two
  reports are resolved on 5 and 6 April);
* contacts in May: 20 under 65 (Hilfe im Alltag), 3 aged 65–79 (Wohnen), 12 aged 80+
  (Einsamkeit & soziale Kontakte), so 35 in all; every contact in German.
"""

import datetime as dt
import io

from django.core.management import call_command
from django.utils import timezone

from quartier.reports.models import Report, ReportCategory, ReportStatus, ReportStatusChange
from quartier.residents.models import Contact
from quartier.routing.models import Authority, Forwarding, PartnerAnswer
from testkit.factories import load_needs_taxonomy

Topic = Contact._meta.get_field("topics").related_model


def at(year, month, day, hour=10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour))


def category(code, name, parent_code, parent_name, public=True) -> ReportCategory:
    parent, _ = ReportCategory.objects.get_or_create(
        code=parent_code, defaults={"name": parent_name}
    )
    cat, _ = ReportCategory.objects.get_or_create(
        code=code, defaults={"name": name, "parent": parent, "is_public": public}
    )
    return cat


def report(cat, when, quarter, **extra) -> Report:
    made = Report.objects.create(
        category=cat,
        latitude=51.3301234,
        longitude=6.5612345,
        quarter=quarter,
        address="Lewerentzstraße 12, Krefeld",
        description=extra.pop("description", "Sperrmüll am Straßenrand"),
        **extra,
    )
    Report.objects.filter(pk=made.pk).update(created_at=when, updated_at=when)
    made.refresh_from_db()
    return made


def load(quarters) -> dict:
    load_needs_taxonomy()  # the contacts' topics, also after a test that emptied the tables
    hb, sw = quarters["hardenbergviertel"], quarters["samtweberviertel"]
    muell = category("wilder-muell", "Wilder Müll", "abfall", "Abfall")
    graffiti = category("graffiti", "Graffiti", "stadtbild", "Stadtbild")
    spritze = category("spritzenfund", "Spritzenfund", "sicherheit", "Sicherheit", public=False)
    reports = [report(muell, at(2025, 4, 1 + i), hb) for i in range(7)]
    reports += [report(muell, at(2025, 5, 10 + i), hb) for i in range(3)]
    report(
        muell, at(2025, 5, 20), hb, status=ReportStatus.RESOLVED_BY_HELPER,
        resolved_by_helper=True, bags_count=4,
    )  # fmt: skip
    report(graffiti, at(2025, 6, 3), hb)
    report(graffiti, at(2025, 6, 4), sw)
    report(spritze, at(2025, 6, 5), hb, description="Spritze im Sandkasten")
    report(muell, at(2025, 1, 15), hb)
    gsak = Authority.objects.create(name="GSAK Abfallwirtschaft", short_name="GSAK")
    for number, (first, done) in enumerate([(24, 96), (48, 120), (72, None)]):
        _forwarding(reports[number], gsak, first, done)
    _contacts(hb)
    # The rows above were back-dated with queryset updates, which bypass the models: count
    # every month again, as `manage.py rebuild_statistics` does after a bulk load.
    call_command("rebuild_statistics", stdout=io.StringIO())
    return {"hb": hb, "sw": sw, "muell": muell, "graffiti": graffiti, "gsak": gsak}


def _forwarding(rep, authority, first_hours, done_hours):
    start = at(2025, 4, 1)
    fw = Forwarding.objects.create(
        report=rep,
        authority=authority,
        due_date=dt.date(2025, 4, 8),
        status="resolved" if done_hours else "acknowledged",
        token_nonce=f"n{rep.pk}",
        link_expires_at=start + dt.timedelta(days=60),
    )
    Forwarding.objects.filter(pk=fw.pk).update(created_at=start, sent_at=start)
    _answer(fw, "acknowledged", start + dt.timedelta(hours=first_hours))
    if done_hours:
        done = start + dt.timedelta(hours=done_hours)
        _answer(fw, "resolved", done)
        _stamped(ReportStatusChange, done, report=rep, status=ReportStatus.RESOLVED)
        Report.objects.filter(pk=rep.pk).update(status=ReportStatus.RESOLVED)


def _answer(forwarding, kind, when):
    _stamped(PartnerAnswer, when, forwarding=forwarding, kind=kind)


def _stamped(model, when, **fields):
    """An append-only row with a given time (set when creating: it cannot be changed later)."""
    field = model._meta.get_field("created_at")
    field.auto_now_add = False
    try:
        model.objects.create(created_at=when, **fields)
    finally:
        field.auto_now_add = True


def _contacts(quarter):
    topics = {t.code: t for t in Topic.objects.filter(parent__isnull=True)}
    plan = [("under_65", 20, "everyday"), ("65_79", 3, "housing"), ("80_plus", 12, "social")]
    for band, count, code in plan:
        for day in range(count):
            contact = Contact.objects.create(
                quarter=quarter,
                created_at=at(2025, 5, 1 + day % 28),
                place="street",
                age_band=band,
            )
            contact.topics.add(topics[code])
