"""The privacy officer's procedures: retention preview, deletion log, access requests (Art. 15),
restriction and disputed flags, erasure. No case content on screen; the export is the one place
where everything about a person is put together, and it is audited."""

import base64
import datetime as dt
import json

from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from quartier.accounts import permissions as perms
from quartier.accounts.decorators import require
from quartier.core.audit import audit
from quartier.core.pdf import write_pdf
from quartier.residents import access, actions, queries, rules
from quartier.residents.forms import AccessRequestSearchForm, ResidentFlagsForm
from quartier.residents.models import DeletionLogEntry

# The records the privacy officer found for a request, in her session: pk -> legal basis,
# reference, time. Procedures on a record need this grant; it ends with the session or after:
GRANT_SESSION_KEY = "privacy_grants"
GRANT_LIFETIME = dt.timedelta(hours=2)


def _grant(request, residents, *, basis: str, reference: str) -> None:
    grants = request.session.get(GRANT_SESSION_KEY, {})
    for resident in residents:
        grants[str(resident.pk)] = {
            "basis": basis,
            "reference": reference,
            "at": timezone.now().isoformat(),
        }
    request.session[GRANT_SESSION_KEY] = grants


def granted(request, pk, *, basis: str | None = None) -> dict | None:
    """The grant for record `pk` (of `basis`, if given), or None when absent or expired."""
    grant = request.session.get(GRANT_SESSION_KEY, {}).get(str(pk))
    if not grant or (basis and grant["basis"] != basis):
        return None
    if timezone.now() - dt.datetime.fromisoformat(grant["at"]) > GRANT_LIFETIME:
        return None
    return grant


@never_cache
@require(perms.can_manage_privacy)
def privacy_home(request):
    """Retention preview for the next seven days, the deletion log, the access-request search."""
    now = timezone.now()
    next_week = now + dt.timedelta(days=7)
    due = queries.residents_due_for_retention(next_week).select_related("quarter")
    # POST, so a name never ends up in a URL, the browser history or an access log.
    form = AccessRequestSearchForm(request.POST or None)
    matches = None
    if form.is_valid():
        data = form.cleaned_data
        matches = access.find_residents_for_access_request(
            request.user,
            data["name"],
            data["second"],
            basis=data["basis"],
            reference=data["reference"],
        )
        # Only an exact name plus the second attribute opens a record for the procedures.
        _grant(request, matches.exact, basis=data["basis"], reference=data["reference"])
    audit(request.user, "retention.preview", object_type="residents")
    context = {
        "due_residents": due.order_by("last_contact_at")[:200],
        "due_resident_count": due.count(),
        "due_referral_count": queries.referrals_due_for_retention(next_week).count(),
        "cutoffs": rules.retention_cutoffs(next_week),
        "deletion_log": DeletionLogEntry.objects.all()[:50],
        "form": form,
        "matches": matches,
    }
    return render(request, "residents/privacy_home.html", context)


@never_cache
@require(perms.can_manage_privacy)
def privacy_person(request, pk):
    """Metadata of one person record and the procedures for it (no case content)."""
    grant = granted(request, pk)
    resident = access.get_resident_for_privacy_officer(
        request.user, pk, action="privacy_view", grant=grant
    )
    form = ResidentFlagsForm(
        request.POST or None,
        initial={"is_restricted": resident.is_restricted, "is_disputed": resident.is_disputed},
    )
    if request.method == "POST" and form.is_valid():
        actions.set_resident_flags(actor=request.user, resident=resident, **form.cleaned_data)
        messages.success(request, _("Kennzeichen gespeichert."))
        return redirect("residents:privacy_person", pk=resident.pk)
    context = {
        "resident": resident,
        "grant": grant,
        "form": form,
        "counts": {
            "consents": resident.consents.count(),
            "help_requests": resident.help_requests.count(),
            "referrals": resident.referrals.count(),
        },
    }
    return render(request, "residents/privacy_person.html", context)


def export_data(resident, *, user=None, grant=None) -> dict:
    """Everything stored about one person (DSGVO Art. 15), as plain data, with who made the
    export, when, and for which request: legal reason and reference number (the watermark)."""
    help_requests = resident.help_requests.prefetch_related("completions")
    grant = grant or {}
    basis = grant.get("basis", "")
    return {
        "auskunft": {
            "erstellt_von": user.get_username() if user else "",
            "erstellt_am": timezone.now(),
            "rechtsgrund": basis,
            "rechtsgrund_text": str(access.LEGAL_BASIS_LABELS.get(basis, basis)),
            "aktenzeichen": grant.get("reference", ""),
            "vertraulich": "Nur für die betroffene Person bestimmt.",
        },
        "person": {
            "id": resident.pk,
            "name": resident.display_name,
            "erreichbar": resident.reach,
            "adresse": resident.address,
            "grund": resident.reason,
            "quartier": resident.quarter.name,
            "alter": resident.get_age_band_display(),
            "notizen": resident.notes,
            "themen": [str(t) for t in resident.topics.select_related("parent")],
            "angelegt_am": resident.created_at,
            "letzter_kontakt": resident.last_contact_at,
            "eingeschraenkt": resident.is_restricted,
            "bestritten": resident.is_disputed,
        },
        "einwilligungen": [_consent_data(c) for c in resident.consents.all()],
        "hilfeanfragen": [_help_data(h) for h in help_requests],
        "vermittlungen": [_referral_data(r) for r in resident.referrals.select_related("entry")],
        "erstellt_am": timezone.now(),
    }


def _consent_data(consent) -> dict:
    return {
        "erteilt_am": consent.given_on,
        "form": consent.get_form_display(),
        "hilfe": consent.covers_help,
        "gesundheit": consent.covers_health,
        "weitergabe": consent.covers_referral,
        "infoblatt_version": consent.info_sheet_version,
        "zeuge": consent.witness,
        "dokument_vorhanden": bool(consent.document),
        "widerrufen_am": consent.revoked_at,
    }


def _help_data(help_request) -> dict:
    return {
        "art": help_request.get_kind_display(),
        "wie_oft": help_request.get_recurrence_display(),
        "faellig_am": help_request.due_on,
        "endet_am": help_request.ends_on,
        "status": help_request.get_status_display(),
        "erledigt": [{"am": c.done_on, "notiz": c.note} for c in help_request.completions.all()],
    }


def _referral_data(referral) -> dict:
    return {
        "angebot": referral.entry.name,
        "datum": referral.referred_on,
        "daten_weitergegeben": referral.passes_personal_data,
        "rechtsgrundlage": referral.get_legal_basis_display() if referral.legal_basis else "",
        "ergebnis": referral.get_outcome_display(),
    }


# Labels for the printed Art. 15 answer: the person reads it, not a machine.
LABELS = {
    "id": _lazy("Kennung"),
    "name": _lazy("Name"),
    "erreichbar": _lazy("Erreichbar über"),
    "adresse": _lazy("Adresse"),
    "grund": _lazy("Grund der Aufnahme"),
    "quartier": _lazy("Quartier"),
    "alter": _lazy("Altersgruppe"),
    "notizen": _lazy("Notizen"),
    "themen": _lazy("Themen"),
    "angelegt_am": _lazy("Angelegt am"),
    "letzter_kontakt": _lazy("Letzter Kontakt"),
    "eingeschraenkt": _lazy("Verarbeitung eingeschränkt (Art. 18)"),
    "bestritten": _lazy("Richtigkeit bestritten (Art. 16)"),
    "erteilt_am": _lazy("Erteilt am"),
    "form": _lazy("Form"),
    "hilfe": _lazy("Umfasst Hilfe und Notizen"),
    "gesundheit": _lazy("Umfasst Angaben zur Gesundheit"),
    "weitergabe": _lazy("Umfasst Weitergabe an Angebote"),
    "infoblatt_version": _lazy("Version des Infoblatts"),
    "zeuge": _lazy("Zeugin/Zeuge (mündlich)"),
    "dokument_vorhanden": _lazy("Unterschriebenes Blatt gespeichert"),
    "widerrufen_am": _lazy("Widerrufen am"),
    "art": _lazy("Art der Hilfe"),
    "wie_oft": _lazy("Wie oft"),
    "faellig_am": _lazy("Nächster Termin"),
    "endet_am": _lazy("Endet am"),
    "status": _lazy("Stand"),
    "erledigt": _lazy("Erledigt am"),
    "angebot": _lazy("Angebot"),
    "datum": _lazy("Datum"),
    "daten_weitergegeben": _lazy("Persönliche Daten weitergegeben"),
    "rechtsgrundlage": _lazy("Rechtsgrundlage"),
    "ergebnis": _lazy("Ergebnis"),
}


def readable_value(value) -> str:
    """ja/nein, dates as d.m.Y, lists one per line; an empty value as a dash."""
    if value is True:
        return _("ja")
    if value is False:
        return _("nein")
    if isinstance(value, dt.datetime):
        return formats.date_format(timezone.localtime(value), "d.m.Y H:i")
    if isinstance(value, dt.date):
        return formats.date_format(value, "d.m.Y")
    if isinstance(value, list):
        return "\n".join(readable_value(item) for item in value) or "—"
    if isinstance(value, dict):  # one completion: {"am": date, "notiz": text}
        parts = [readable_value(v) for v in value.values() if v not in ("", None)]
        return ": ".join(parts)
    return str(value) if value not in ("", None) else "—"


def readable(record: dict) -> list[tuple[str, str]]:
    return [(str(LABELS.get(key, key)), readable_value(value)) for key, value in record.items()]


@never_cache
@require(perms.can_manage_privacy)
def export_json(request, pk):
    grant = granted(request, pk, basis="art15")
    resident = access.get_resident_for_privacy_officer(
        request.user, pk, action="export_json", grant=grant
    )
    data = export_data(resident, user=request.user, grant=grant)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="auskunft-person-{resident.pk}.json"'
    return response


@never_cache
@require(perms.can_manage_privacy)
def export_pdf(request, pk):
    grant = granted(request, pk, basis="art15")
    resident = access.get_resident_for_privacy_officer(
        request.user, pk, action="export_pdf", grant=grant
    )
    data = export_data(resident, user=request.user, grant=grant)
    context = {
        "data": data,  # the watermark: who, when, reference
        "created": data["erstellt_am"],
        "person": readable(data["person"]),
        "consents": [readable(c) for c in data["einwilligungen"]],
        "help_requests": [readable(h) for h in data["hilfeanfragen"]],
        "referrals": [readable(r) for r in data["vermittlungen"]],
        "sheets": _consent_sheets(resident),
    }
    html = render_to_string("residents/export.html", context, request=request)
    pdf = write_pdf(html, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="auskunft-person-{resident.pk}.pdf"'
    return response


def _consent_sheets(resident) -> list[str]:
    """The photographed consent sheets as data URIs, so the PDF contains them too."""
    sheets = []
    for consent in resident.consents.exclude(document="").filter(document__endswith=".jpg"):
        with consent.document.open("rb") as handle:
            sheets.append("data:image/jpeg;base64," + base64.b64encode(handle.read()).decode())
    return sheets


@require_POST
@require(perms.can_manage_privacy)
def erase(request, pk):
    grant = granted(request, pk, basis="art17")
    resident = access.get_resident_for_privacy_officer(
        request.user, pk, action="erase_request", grant=grant
    )
    if request.POST.get("confirm") != "1":
        messages.error(request, _("Bitte die Löschung bestätigen."))
        return redirect("residents:privacy_person", pk=resident.pk)
    actions.erase_resident(actor=request.user, resident=resident)
    messages.success(request, _("Der Datensatz wurde gelöscht und protokolliert."))
    return redirect("residents:privacy")
