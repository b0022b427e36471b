"""Person records, consent, help requests and referrals for helpers and coordinators."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from quartier.accounts import permissions as perms
from quartier.accounts.decorators import require
from quartier.core.confirm import confirmation_page, needs_confirmation
from quartier.directory.models import DirectoryEntry
from quartier.residents import access, actions, queries
from quartier.residents.forms import (
    CompleteHelpForm,
    ConsentRecordForm,
    HelpRequestForm,
    ReferralForm,
    ReferralOutcomeForm,
    ResidentCreateForm,
    ResidentDetailsForm,
)
from quartier.residents.models import Consent, ReferralOutcome


@never_cache
@require(perms.can_log_contacts)
def resident_list(request):
    residents = access.list_residents_for(request.user)
    page_obj = Paginator(residents, 50).get_page(request.GET.get("seite"))
    return render(request, "residents/resident_list.html", {"page_obj": page_obj})


@never_cache
@require(perms.can_log_contacts)
def resident_new(request):
    quarters = access.quarters_of(request.user)
    form = ResidentCreateForm(request.POST or None, request.FILES or None, quarters=quarters)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            resident = actions.create_resident(
                actor=request.user,
                display_name=data["display_name"],
                reach=data["reach"],
                address=data["address"],
                reason=data["reason"],
                quarter=data["quarter"],
                age_band=data["age_band"],
                consent=form.consent_data() if data["consent_given"] else None,
            )
        except actions.ResidentDataError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Person angelegt."))
            return redirect("residents:resident_detail", pk=resident.pk)
    return render(request, "residents/resident_new.html", {"form": form})


@never_cache
@require(perms.can_log_contacts)
def resident_detail(request, pk):
    resident = access.get_resident_for(request.user, pk)
    help_requests = list(resident.help_requests.prefetch_related("completions"))
    for help_request in help_requests:
        help_request.can_undo_end = actions.can_undo_end(help_request)
    context = {
        "resident": resident,
        "consents": resident.consents.all(),
        "help_requests": help_requests,
        "referrals": resident.referrals.select_related("entry"),
        "topics": resident.topics.select_related("parent"),
        "has_help_consent": queries.has_consent(resident, scope="help"),
        "has_health_consent": queries.has_consent(resident, scope="health"),
        "outcome_choices": ReferralOutcome.choices,
    }
    return render(request, "residents/resident_detail.html", context)


@never_cache
@require(perms.can_log_contacts)
def resident_details_edit(request, pk):
    resident = access.get_resident_for(request.user, pk, action="edit")
    initial = {"notes": resident.notes, "topics": list(resident.topics.all())}
    form = ResidentDetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_resident_details(
                actor=request.user,
                resident=resident,
                notes=form.cleaned_data["notes"],
                topics=form.cleaned_data["topics"],
            )
        except actions.ResidentDataError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Angaben gespeichert."))
            return redirect("residents:resident_detail", pk=resident.pk)
    groups = _topic_groups(form)
    context = {"resident": resident, "form": form, "groups": groups}
    return render(request, "residents/resident_details_edit.html", context)


def _topic_groups(form):
    from quartier.residents.views.contacts import topic_groups

    return topic_groups(form)


@never_cache
@require(perms.can_log_contacts)
def consent_new(request, pk):
    resident = access.get_resident_for(request.user, pk, action="consent")
    form = ConsentRecordForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_consent(actor=request.user, resident=resident, **form.consent_data())
        except actions.ResidentDataError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Einwilligung gespeichert."))
            return redirect("residents:resident_detail", pk=resident.pk)
    return render(request, "residents/consent_new.html", {"resident": resident, "form": form})


@never_cache
@require_http_methods(["GET", "POST"])
@require(perms.can_log_contacts)
def consent_revoke(request, pk):
    """Asks first and lists what goes; only the confirmed POST revokes."""
    consent = Consent.objects.filter(pk=pk).values_list("resident_id", flat=True).first()
    resident = access.get_resident_for(request.user, consent or 0, action="consent_revoke")
    consent = resident.consents.valid().filter(pk=pk).first()
    if consent is None:
        raise Http404
    if request.method == "GET" or needs_confirmation(request):
        return confirmation_page(
            request,
            title=_("Widerruf der Einwilligung erfassen?"),
            consequences=queries.consent_revocation_effects(consent),
            confirm_label=_("Ja, Widerruf erfassen"),
            cancel_url=reverse("residents:resident_detail", args=[resident.pk]),
        )
    removed = actions.revoke_consent(actor=request.user, consent=consent)
    if removed:
        messages.warning(
            request,
            _("Einwilligung widerrufen. Entfernt wurden: %(items)s.")
            % {"items": ", ".join(removed)},
        )
    else:
        messages.success(request, _("Einwilligung widerrufen. Es wurde nichts gelöscht."))
    return redirect("residents:resident_detail", pk=resident.pk)


@never_cache
@require(perms.can_log_contacts)
def help_request_new(request, pk):
    resident = access.get_resident_for(request.user, pk, action="help_request")
    form = HelpRequestForm(
        request.POST or None, resident=resident, initial={"due_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.create_help_request(actor=request.user, resident=resident, **form.cleaned_data)
        except actions.ResidentDataError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Hilfeanfrage angelegt. Sie steht in „Meine Aufgaben“."))
            return redirect("residents:resident_detail", pk=resident.pk)
    return render(request, "residents/help_request_new.html", {"resident": resident, "form": form})


@require_POST
@require(perms.can_log_contacts)
def help_request_complete(request, pk):
    """One tap from the helper's day; the note is optional and checked for health content."""
    help_request = access.get_help_request_for(request.user, pk, action="complete")
    form = CompleteHelpForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    try:
        actions.complete_help_request(
            actor=request.user,
            help_request=help_request,
            note=data.get("note", ""),
            about_health=data.get("about_health", False),
        )
    except actions.ResidentDataError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Erledigt. Danke!"))
    target = data.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("operations:my_day")


@never_cache
@require_http_methods(["GET", "POST"])
@require(perms.can_log_contacts)
def help_request_flag(request, pk):
    """Put a help request on the next expert meeting's agenda (pseudonymised there)."""
    help_request = access.get_help_request_for(request.user, pk, action="flag")
    actions.flag_help_request_for_meeting(actor=request.user, help_request=help_request)
    messages.success(request, _("Für den nächsten Fachaustausch vorgemerkt (ohne Namen)."))
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("operations:my_day")


@require_POST
@require(perms.can_log_contacts)
def help_request_end(request, pk):
    help_request = access.get_help_request_for(request.user, pk, action="end")
    back = reverse("residents:resident_detail", args=[help_request.resident_id])
    if request.method == "GET" or needs_confirmation(request):
        return confirmation_page(
            request,
            title=_("Hilfeanfrage beenden?"),
            consequences=[
                _("„%(kind)s“ erscheint nicht mehr in „Mein Tag“ und wird nicht mehr fällig.")
                % {"kind": help_request.get_kind_display()},
                _("Was bisher erledigt wurde, bleibt in der Geschichte."),
            ],
            confirm_label=_("Ja, beenden"),
            cancel_url=back,
            undo_hint=_("Sie können das Beenden %(minutes)s Minuten lang rückgängig machen.")
            % {"minutes": actions.UNDO_MINUTES},
        )
    try:
        actions.end_help_request(actor=request.user, help_request=help_request)
    except actions.ResidentDataError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Hilfeanfrage beendet. Bei der Anfrage können Sie es rückgängig machen.")
        )
    return redirect(back)


@require_POST
@require(perms.can_log_contacts)
def help_request_reopen(request, pk):
    """Undo "beenden" within `actions.UNDO_MINUTES`."""
    help_request = access.get_help_request_for(request.user, pk, action="reopen")
    try:
        actions.reopen_help_request(actor=request.user, help_request=help_request)
    except actions.ResidentDataError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Rückgängig gemacht: die Hilfeanfrage ist wieder offen."))
    return redirect("residents:resident_detail", pk=help_request.resident_id)


@never_cache
@require(perms.can_log_contacts)
def referral_new(request):
    user = request.user
    residents = access.residents_visible_to(user).unrestricted()
    form = ReferralForm(
        request.POST or None,
        entries=DirectoryEntry.objects.active(),
        residents=residents,
        quarters=access.quarters_of(user),
        initial={"resident": request.GET.get("person"), "entry": request.GET.get("angebot")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            referral = actions.record_referral(actor=user, **form.cleaned_data)
        except actions.ResidentDataError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Vermittlung gespeichert."))
            if referral.resident_id:
                return redirect("residents:resident_detail", pk=referral.resident_id)
            return redirect("residents:referral_new")
    recent = access.list_referrals_for(user)[:20]
    context = {"form": form, "recent": recent, "outcome_choices": ReferralOutcome.choices}
    return render(request, "residents/referral_new.html", context)


@require_POST
@require(perms.can_log_contacts)
def referral_outcome(request, pk):
    referral = access.get_referral_for(request.user, pk, action="outcome")
    form = ReferralOutcomeForm(request.POST)
    if form.is_valid():
        actions.record_referral_outcome(
            actor=request.user, referral=referral, outcome=form.cleaned_data["outcome"]
        )
        messages.success(request, _("Ergebnis gespeichert."))
    else:
        messages.error(request, _("Unbekanntes Ergebnis."))
    if referral.resident_id:
        return redirect("residents:resident_detail", pk=referral.resident_id)
    return redirect("residents:referral_new")


@never_cache
@require(perms.can_view_statistics)
def tally(request):
    """Anonymous contact counts per topic and age band for one quarter; small cells hidden."""
    quarters = access.tally_quarters_for(request.user)
    quarter = quarters.filter(slug=request.GET.get("quartier", "")).first() or quarters.first()
    table = access.contact_tally_for(request.user, quarter) if quarter else None
    context = {"quarters": quarters, "quarter": quarter, "table": table}
    return render(request, "residents/tally.html", context)
