"""Seed the comparison server of `open311_side_by_side.py` (run with the peer's own Python).

    PYTHONPATH=<peer checkout> <peer venv>/bin/python bench/open311_peer_seed.py DATA.jsonl KEY

DATA.jsonl is what the side-by-side script exported from our seeded database: one line with
the services, then one line per report (service code, description, open/closed, times,
coordinates, agency). The peer gets the same services and the same reports, so both servers
answer from the same data. Reports of categories that are not public in ours are stored as
"hidden" (the peer's moderation flag), so neither server shows them. Idempotent: does nothing
when the peer already holds as many reports as the file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cfh.settings")

import django  # noqa: E402

django.setup()

from issues.models import Application, Issue, Jurisdiction, Service  # noqa: E402

BATCH = 5000


def moment(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def ensure_base(services: list[dict], key: str):
    jurisdiction, _ = Jurisdiction.objects.get_or_create(
        identifier="krefeld.de", defaults={"name": "Krefeld"}
    )
    Application.objects.filter(key="").delete()  # a real key for POST, as in ours
    application, _ = Application.objects.get_or_create(
        identifier="bench", defaults={"name": "Bench", "key": key}
    )
    by_code = {}
    for row in services:
        service = Service.objects.filter(service_code=row["service_code"]).first()
        if service is None:
            service = Service(service_code=row["service_code"], location_req="coords_or_address")
            service.set_current_language("en")
            service.service_name = row["service_name"]
            service.description = row["description"]
            service.keywords = row["keywords"]
            service.group = row["group"]
            service.save()
            service.jurisdictions.add(jurisdiction)
        by_code[row["service_code"]] = service
    return jurisdiction, application, by_code


def issue(row: dict, number: int, jurisdiction, application, services) -> Issue:
    service = services.get(row["service_code"])
    return Issue(
        application=application,
        jurisdiction=jurisdiction,
        service=service or next(iter(services.values())),
        service_code=row["service_code"],
        identifier=f"k{number:08d}",
        description=row["description"],
        status=row["status"],
        status_notes=row["status_notes"],
        agency_responsible=row["agency"],
        requested_datetime=moment(row["created_at"]),
        updated_datetime=moment(row["updated_at"]),
        address=row["address"],
        lat=row["lat"],
        long=row["long"],
        moderation="public" if row["public"] else "hidden",
    )


def main(path: str, key: str) -> None:
    with open(path, encoding="utf-8") as lines:
        services = json.loads(next(lines))["services"]
        jurisdiction, application, by_code = ensure_base(services, key)
        rows = [json.loads(line) for line in lines]
    if Issue.objects.count() >= len(rows):
        print(f"peer already holds {Issue.objects.count()} reports")
        return
    Issue.objects.all().delete()
    for start in range(0, len(rows), BATCH):
        batch = [
            issue(row, start + i, jurisdiction, application, by_code)
            for i, row in enumerate(rows[start : start + BATCH])
        ]
        Issue.objects.bulk_create(batch, batch_size=1000)
    print(f"peer seeded with {Issue.objects.count()} reports")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
