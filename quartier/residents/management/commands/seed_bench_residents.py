"""Fill the database with synthetic residents' data for benchmarks (never for production).

    manage.py seed_bench_residents --contacts 500000 --residents 20000

Contacts are spread over the last two years, residents' last contacts over the last two years
(so about half are due for retention). Names are synthetic ("Bench 17").
"""

import datetime as dt
import random
import uuid

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from quartier.accounts.models import Role, User
from quartier.areas.models import Quarter
from quartier.residents import contact_counts
from quartier.residents.models import (
    AgeBand,
    Consent,
    ConsentForm,
    Contact,
    ContactOutcome,
    ContactPlace,
    HelpRequest,
    Recurrence,
    Referral,
    Resident,
)
from quartier.taxonomy.models import Topic

BATCH = 5000


class Command(BaseCommand):
    help = "Erzeugt synthetische Gespräche und Personen für Lasttests."

    def add_arguments(self, parser):
        parser.add_argument("--contacts", type=int, default=0)
        parser.add_argument("--residents", type=int, default=0)
        parser.add_argument(
            "--referrals", type=int, default=None, help="default: as many as residents"
        )
        parser.add_argument("--seed", type=int, default=42)

    def handle(self, *args, contacts, residents, referrals, seed, **options):
        rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
        quarters = list(Quarter.objects.all())
        if not quarters:
            from quartier.areas import demo

            demo.load()
            quarters = list(Quarter.objects.all())
        helper = self._bench_helper(quarters)
        topic_ids = list(Topic.objects.values_list("pk", flat=True))
        now = timezone.now()
        self._contacts(contacts, rng, quarters, helper, topic_ids, now)
        self._residents(residents, rng, quarters, helper, now)
        referrals = residents if referrals is None else referrals
        self._referrals(referrals, rng, quarters, helper, now)
        self.stdout.write(
            f"{contacts} Gespräche, {residents} Personen, {referrals} Vermittlungen erzeugt."
        )

    def _bench_helper(self, quarters):
        helper, created = User.objects.get_or_create(
            username="bench-helper", defaults={"role": Role.HELPER}
        )
        if created:
            helper.set_password(uuid.uuid4().hex)
            helper.save()
            helper.quarters.set(quarters)
        return helper

    def _contacts(self, total, rng, quarters, helper, topic_ids, now):
        through = Contact.topics.through
        places, bands = ContactPlace.values, AgeBand.values
        outcomes = ContactOutcome.values
        for start in range(0, total, BATCH):
            size = min(BATCH, total - start)
            batch = [
                Contact(
                    quarter=rng.choice(quarters),
                    logged_by=helper,
                    created_at=now - dt.timedelta(minutes=rng.randint(0, 2 * 365 * 24 * 60)),
                    place=rng.choice(places),
                    age_band=rng.choice(bands),
                    language=rng.choice(["de", "de", "de", "tr", "pl", "ar", "ru"]),
                    is_repeat=rng.random() < 0.3,
                    outcomes=rng.sample(outcomes, rng.randint(0, 2)),
                    client_id=uuid.UUID(int=rng.getrandbits(128), version=4),
                )
                for _ in range(size)
            ]
            with transaction.atomic():
                created = Contact.objects.bulk_create(batch)
                links = [
                    through(contact_id=c.pk, topic_id=t)
                    for c in created
                    for t in rng.sample(topic_ids, rng.randint(1, 2))
                ]
                through.objects.bulk_create(links)
                # Bulk inserts send no signals: the tally's kept counts are added here.
                contact_counts.add(contact_counts.keys_of(c.pk for c in created))

    def _residents(self, total, rng, quarters, helper, now):
        for start in range(0, total, BATCH):
            size = min(BATCH, total - start)
            batch = []
            for index in range(start, start + size):
                last = now - dt.timedelta(days=rng.randint(0, 2 * 365))
                batch.append(
                    Resident(
                        display_name=f"Bench {index}",
                        reach="0000",
                        reason="Lasttest",
                        quarter=rng.choice(quarters),
                        age_band=rng.choice(AgeBand.values),
                        created_by=helper,
                        created_at=last - dt.timedelta(days=30),
                        last_contact_at=last,
                    )
                )
            with transaction.atomic():
                created = Resident.objects.bulk_create(batch)
                self._attach(created, helper, now)

    def _referrals(self, total, rng, quarters, helper, now):
        """Referrals over the last four years; every second one linked to a person."""
        from quartier.directory.models import DirectoryEntry

        if not total:
            return
        entry, _ = DirectoryEntry.objects.get_or_create(
            name="Bench: Pflegeberatung", defaults={"is_example_data": True}
        )
        resident_ids = list(Resident.objects.values_list("pk", flat=True)[:total])
        for start in range(0, total, BATCH):
            batch = []
            for index in range(start, min(start + BATCH, total)):
                created = now - dt.timedelta(days=rng.randint(0, 4 * 365))
                linked = resident_ids[index] if index % 2 and index < len(resident_ids) else None
                batch.append(
                    Referral(
                        entry=entry,
                        referred_on=created.date(),
                        quarter=rng.choice(quarters),
                        resident_id=linked,
                        referred_by=helper,
                        created_at=created,
                    )
                )
            Referral.objects.bulk_create(batch)

    def _attach(self, residents, helper, now):
        Resident.helpers.through.objects.bulk_create(
            [Resident.helpers.through(resident_id=r.pk, user_id=helper.pk) for r in residents]
        )
        Consent.objects.bulk_create(
            [
                Consent(
                    resident_id=r.pk,
                    given_on=r.created_at.date(),
                    form=ConsentForm.VERBAL,
                    witness="Bench",
                    info_sheet_version="bench",
                )
                for r in residents
            ]
        )
        requests = HelpRequest.objects.bulk_create(
            [
                HelpRequest(
                    resident_id=r.pk,
                    kind="shopping",
                    recurrence=Recurrence.WEEKLY,
                    due_on=r.last_contact_at.date(),
                    created_by=helper,
                )
                for r in residents
            ]
        )
        HelpRequest.helpers.through.objects.bulk_create(
            [HelpRequest.helpers.through(helprequest_id=h.pk, user_id=helper.pk) for h in requests]
        )
