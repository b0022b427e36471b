"""What residents contributes to the weekly expert meeting: help requests flagged "für den
Fachaustausch", pseudonymised. A title never holds a name, an address or a note; only the
kind of help, the quarter and a number the staff can look up."""

from __future__ import annotations

from django.utils.translation import gettext as _

from quartier.core.registry import AgendaEntry
from quartier.residents.models import HelpRequest, HelpStatus

PREFIX = "help_request:"


def pseudonym(help_request: HelpRequest) -> str:
    return f"H-{help_request.pk}"


def meeting_entries() -> list[AgendaEntry]:
    flagged = (
        HelpRequest.objects.filter(
            for_expert_meeting=True,
            status=HelpStatus.OPEN,
            resident__anonymised_at__isnull=True,
        )
        .select_related("resident__quarter")
        .order_by("pk")
    )
    return [
        AgendaEntry(
            key=f"{PREFIX}{h.pk}",
            title=_("Hilfeanfrage %(pseudonym)s: %(kind)s, %(quarter)s")
            % {
                "pseudonym": pseudonym(h),
                "kind": h.get_kind_display(),
                "quarter": h.resident.quarter.name,
            },
        )
        for h in flagged
    ]


def existing(keys: list[str]) -> set[str]:
    """Those of `keys` whose help request still exists with a person not anonymised."""
    ids = [
        int(k[len(PREFIX) :]) for k in keys if k.startswith(PREFIX) and k[len(PREFIX) :].isdigit()
    ]
    alive = HelpRequest.objects.filter(pk__in=ids, resident__anonymised_at__isnull=True)
    return {f"{PREFIX}{pk}" for pk in alive.values_list("pk", flat=True)}
