"""A lived-in demo: fictional residents with consent, help requests due today, a year of
anonymous conversations and referrals, so that "Mein Tag", the privacy pages and every
statistic show something real.

Everything is clearly fictional ("(Beispiel)" in names, 0000 numbers). Fast: the year of
conversations and referrals goes in with bulk_create (a few thousand rows). Idempotent: a
second run finds its fixed client ids / example names and adds nothing.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid

from django.utils import timezone

from quartier.accounts.models import Role, User
from quartier.areas.models import Quarter
from quartier.directory.models import DirectoryEntry
from quartier.residents import actions, contact_counts
from quartier.residents.models import (
    AgeBand,
    ConsentForm,
    Contact,
    ContactOutcome,
    ContactPlace,
    ConversationLanguage,
    HelpKind,
    Recurrence,
    Referral,
    ReferralOutcome,
    Resident,
)

NAMESPACE = uuid.UUID("8d0c52c4-93a7-4c1e-9f0e-5d1f6a2b7c30")
DAYS = 365
EXAMPLE = "(Beispiel)"

# (helper, quarter slug, name, age band, reason, help kind, recurrence, due in days)
PEOPLE = [
    ("helferin", "hardenbergviertel", "Frau Erna B.", "80_plus", "Einkauf jeden Dienstag",
     HelpKind.SHOPPING, Recurrence.WEEKLY, 0),
    ("helferin", "hardenbergviertel", "Herr Yusuf K.", "65_79", "Smartphone: Videoanruf mit Enkeln",
     HelpKind.SMARTPHONE, Recurrence.ONCE, 0),
    ("helferin", "hardenbergviertel", "Frau Halina W.", "80_plus", "Begleitung zum Bürgerbüro",
     HelpKind.ACCOMPANY, Recurrence.ONCE, -1),
    ("helferin", "hardenbergviertel", "Herr Dieter M.", "80_plus", "Schlüssel verlegt, sucht Hilfe",
     HelpKind.LOST_ITEM, Recurrence.ONCE, 3),
    ("helfer2", "samtweberviertel", "Frau Gisela S.", "65_79", "Vor dem Haus gemeinsam aufräumen",
     HelpKind.CLEANING, Recurrence.FORTNIGHTLY, 0),
    ("a.yilmaz", "josefsviertel", "Herr Mehmet A.", "80_plus", "Einkauf, spricht Türkisch",
     HelpKind.SHOPPING, Recurrence.WEEKLY, 1),
]  # fmt: skip

# Weights: the Krefeld programme's typical mix (seniors, street, everyday help first).
PLACES = [(ContactPlace.STREET, 6), (ContactPlace.BASE, 3), (ContactPlace.HOME_VISIT, 2),
          (ContactPlace.PHONE, 1)]  # fmt: skip
AGES = [(AgeBand.UNDER_65, 3), (AgeBand.FROM_65, 5), (AgeBand.FROM_80, 4)]
LANGUAGES = [(ConversationLanguage.GERMAN, 14), (ConversationLanguage.TURKISH, 3),
             (ConversationLanguage.POLISH, 2), (ConversationLanguage.ARABIC, 1),
             (ConversationLanguage.RUSSIAN, 1), (ConversationLanguage.UKRAINIAN, 1)]  # fmt: skip
OUTCOMES = [ContactOutcome.INFORMATION, ContactOutcome.HANDOUT, ContactOutcome.REFERRAL,
            ContactOutcome.PRACTICAL_HELP, ContactOutcome.REPORT_FILED]  # fmt: skip


def _pick(rng: random.Random, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def load() -> list[str]:
    helpers = [
        (helper, quarter)
        for helper in User.objects.filter(role=Role.HELPER, is_active=True).order_by("pk")
        for quarter in helper.quarters.order_by("pk")[:1]
    ]
    if not helpers:
        return []
    residents = _load_people()
    contacts = _load_conversations(helpers)
    referrals = _load_referrals(helpers)
    if residents or contacts or referrals:
        return [
            f"Beispiel-Alltag: {residents} Personen, {contacts} Gespräche, "
            f"{referrals} Vermittlungen."
        ]
    return []


def _load_people() -> int:
    if Resident.objects.filter(display_name__endswith=EXAMPLE).exists():
        return 0
    today = timezone.localdate()
    created = 0
    for username, slug, name, age, reason, kind, recurrence, due_in in PEOPLE:
        helper = User.objects.filter(username=username).first()
        quarter = Quarter.objects.filter(slug=slug).first()
        if helper is None or quarter is None:
            continue
        resident = actions.create_resident(
            actor=helper,
            display_name=f"{name} {EXAMPLE}",
            reach=f"Tel. 02151 0000{created:02d} {EXAMPLE}",
            reason=reason,
            quarter=quarter,
            age_band=age,
            consent={
                "form": ConsentForm.VERBAL,
                "given_on": today - dt.timedelta(days=30 + created),
                "info_sheet_version": "2026-01",
                "witness": "Kollegin aus dem Stützpunkt",
                "covers_referral": True,
            },
        )
        actions.create_help_request(
            actor=helper,
            resident=resident,
            kind=kind,
            recurrence=recurrence,
            due_on=today + dt.timedelta(days=due_in),
        )
        _refer(helper, resident, quarter, today)
        created += 1
    return created


def _refer(helper, resident, quarter, today) -> None:
    entry = DirectoryEntry.objects.active().for_quarter(quarter).order_by("pk").first()
    if entry is None:
        return
    actions.record_referral(
        actor=helper,
        entry=entry,
        quarter=quarter,
        referred_on=today - dt.timedelta(days=7),
        resident=resident,
        passes_personal_data=True,
        legal_basis="consent",
    )


def _working_days(today: dt.date):
    for offset in range(DAYS, 0, -1):
        day = today - dt.timedelta(days=offset)
        if day.weekday() < 5:
            yield day


def _moment(rng: random.Random, day: dt.date) -> dt.datetime:
    hour, minute = rng.randint(9, 16), rng.randint(0, 59)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _load_conversations(helpers) -> int:
    if Contact.objects.filter(client_id=uuid.uuid5(NAMESPACE, "contact-0")).exists():
        return 0
    topic_model = Contact.topics.field.related_model
    topics = list(topic_model.objects.filter(parent__isnull=False).values_list("pk", flat=True))
    if not topics:
        return 0
    rng = random.Random(2026)
    contacts, chosen = [], []
    for day in _working_days(timezone.localdate()):
        for helper, quarter in helpers:
            for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
                contacts.append(_contact(rng, helper, quarter, day, len(contacts)))
                chosen.append(rng.sample(topics, rng.choice((1, 1, 2))))
    Contact.objects.bulk_create(contacts, batch_size=1000)
    through = Contact.topics.through
    links = [
        through(contact_id=contact.pk, topic_id=topic_id)
        for contact, topic_ids in zip(contacts, chosen, strict=True)
        for topic_id in topic_ids
    ]
    through.objects.bulk_create(links, batch_size=2000)
    # Bulk inserts send no signals: the tally's kept counts are added here.
    contact_counts.add(contact_counts.keys_of(contact.pk for contact in contacts))
    return len(contacts)


def _contact(rng, helper, quarter, day, number) -> Contact:
    return Contact(
        quarter=quarter,
        logged_by=helper,
        created_at=_moment(rng, day),
        place=_pick(rng, PLACES),
        age_band=_pick(rng, AGES),
        gender=rng.choice(("female", "female", "male", "")),
        language=_pick(rng, LANGUAGES),
        is_repeat=rng.random() < 0.3,
        outcomes=rng.sample(OUTCOMES, rng.choice((1, 1, 2))),
        client_id=uuid.uuid5(NAMESPACE, f"contact-{number}"),
    )


def _load_referrals(helpers) -> int:
    """Anonymous referrals over the year (no person linked, nothing personal passed on)."""
    old = timezone.localdate() - dt.timedelta(days=DAYS - 30)
    if Referral.objects.filter(resident__isnull=True, referred_on__lt=old).exists():
        return 0
    entries = list(DirectoryEntry.objects.active().values_list("pk", flat=True))
    if not entries:
        return 0
    rng = random.Random(15)
    outcomes = [(ReferralOutcome.TAKEN_UP, 5), (ReferralOutcome.UNKNOWN, 3),
                (ReferralOutcome.NOT_TAKEN_UP, 2)]  # fmt: skip
    referrals = []
    for day in _working_days(timezone.localdate()):
        for helper, quarter in rng.sample(helpers, min(2, len(helpers))):
            referrals.append(
                Referral(
                    entry_id=rng.choice(entries),
                    quarter=quarter,
                    referred_on=day,
                    outcome=_pick(rng, outcomes),
                    referred_by=helper,
                    created_at=_moment(rng, day),
                )
            )
    Referral.objects.bulk_create(referrals, batch_size=1000)
    return len(referrals)
