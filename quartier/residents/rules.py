"""Pure rules for residents' data (no database): health words, consent documents, due dates,
retention cut-offs."""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quartier.core.photos import PhotoError, clean_photo
from quartier.residents.errors import ResidentDataError
from quartier.residents.models import HelpRequest, HelpStatus, Recurrence

# The legal bases of a data subject's request (DSGVO), as the privacy officer records them.
LEGAL_BASES = [
    ("art15", gettext_lazy("Auskunft (Art. 15 DSGVO)")),
    ("art16", gettext_lazy("Berichtigung (Art. 16 DSGVO)")),
    ("art17", gettext_lazy("Löschung (Art. 17 DSGVO)")),
    ("art18", gettext_lazy("Einschränkung (Art. 18 DSGVO)")),
    ("art21", gettext_lazy("Widerspruch (Art. 21 DSGVO)")),
]

HEALTH_WORDS = re.compile(
    r"\b(arzt|ärztin|praxis|krank\w*|klinik|medikament\w*|tablette\w*|diagnos\w*|demenz|"
    r"depress\w*|diabet\w*|blutdruck|schmerz\w*|pflegegrad|therapie\w*|sucht|alkohol|"
    r"operation|op|sturz|gestürzt|herzinfarkt|herzkrank\w*|krebs|insulin|rezept\w*)\b",
    re.IGNORECASE,
)


def looks_like_health(text: str) -> bool:
    return bool(text and HEALTH_WORDS.search(text))


MAX_PDF_BYTES = 10 * 1024 * 1024


def clean_consent_document(upload) -> ContentFile:
    """A photo loses every metadata (GPS would point to the person's home); a PDF is checked."""
    data = upload.read()
    if data.startswith(b"%PDF"):
        if len(data) > MAX_PDF_BYTES:
            raise ResidentDataError(_("Die Datei ist größer als 10 MB."))
        return ContentFile(data, name="einwilligung.pdf")
    try:
        return ContentFile(clean_photo(data).image, name="einwilligung.jpg")
    except PhotoError as error:
        raise ResidentDataError(str(error)) from error


def next_due(day: dt.date, recurrence: str) -> dt.date | None:
    if recurrence == Recurrence.WEEKLY:
        return day + dt.timedelta(weeks=1)
    if recurrence == Recurrence.FORTNIGHTLY:
        return day + dt.timedelta(weeks=2)
    if recurrence == Recurrence.MONTHLY:
        month = day.month % 12 + 1
        year = day.year + (day.month == 12)
        for last_day in (day.day, 30, 29, 28):
            try:
                return day.replace(year=year, month=month, day=last_day)
            except ValueError:
                continue
    return None


def months_before(moment: dt.datetime, months: int) -> dt.datetime:
    return moment - dt.timedelta(days=round(months * 365.25 / 12))


def retention_cutoffs(now: dt.datetime) -> dict[str, dt.datetime]:
    return {
        "resident": months_before(now, settings.RETENTION_RESIDENT_MONTHS),
        "referral": months_before(now, settings.RETENTION_REFERRAL_MONTHS),
    }


# How long "Hilfeanfrage beenden" can be undone.
UNDO_MINUTES = 15


def can_undo_end(help_request: HelpRequest, now: dt.datetime | None = None) -> bool:
    ended = help_request.ended_at
    if help_request.status != HelpStatus.CANCELLED or ended is None:
        return False
    return (now or timezone.now()) - ended <= dt.timedelta(minutes=UNDO_MINUTES)
