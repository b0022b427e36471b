"""The partner's page: no login, one signed link, one forwarding (see docs/adr/0004)."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from quartier.routing import actions, emails, links
from quartier.routing.forms import PartnerAnswerForm
from quartier.routing.models import ForwardingStatus

LINK_ERROR_MESSAGES = {
    "invalid": gettext_lazy(
        "Dieser Link ist ungültig. Bitte verwenden Sie den vollständigen Link aus der "
        "letzten E-Mail zu dieser Meldung."
    ),
    "expired": gettext_lazy(
        "Dieser Link ist abgelaufen. Bitte wenden Sie sich an die Koordination der "
        "Quartiershelfer*innen, wenn die Meldung noch offen ist."
    ),
}


def _link_error(request, error: links.LinkError):
    # Messages are lazy: translated when rendered, in the visitor's language.
    return render(
        request,
        "routing/partner_link_error.html",
        {"reason": error.reason, "message": LINK_ERROR_MESSAGES[error.reason]},
        status=410 if error.reason == "expired" else 404,
    )


def _context(forwarding, token, form):
    report = forwarding.report
    show_photos = emails.may_show_photos(forwarding)
    return {
        "forwarding": forwarding,
        "report": report,
        "token": token,
        "form": form,
        "photos": list(report.photos.all()) if show_photos else [],
        "map_link": emails.map_link(report),
        "attributes": emails._attribute_lines(report),
        "answers": list(forwarding.answers.all()),
        "accepts_answers": forwarding.status in actions.ALLOWED_ANSWERS,
        "superseded": forwarding.status == ForwardingStatus.SUPERSEDED,
    }


def _save_answer(request, forwarding, form):
    cleaned_photo = form.cleaned_data.get("photo")
    if form.cleaned_data["kind"] == "not_responsible" and not (
        form.cleaned_data["suggested_authority"] or form.cleaned_data["comment"]
    ):
        form.add_error(
            "suggested_authority",
            _("Bitte sagen Sie uns, wer zuständig ist, oder schreiben Sie einen Kommentar."),
        )
        return None
    try:
        return actions.record_partner_answer(
            forwarding=forwarding,
            kind=form.cleaned_data["kind"],
            comment=form.cleaned_data["comment"],
            suggested_authority=form.cleaned_data["suggested_authority"],
            photo=cleaned_photo,
        )
    except actions.AnswerAlreadyRecorded as exc:
        form.add_error(None, str(exc))
    except actions.RoutingError as exc:
        form.add_error(None, str(exc))
    return None


@never_cache
@csrf_protect
def partner_page(request, pk, token):
    try:
        forwarding = links.forwarding_for_token(pk, token)
    except links.LinkError as error:
        return _link_error(request, error)
    form = PartnerAnswerForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        answer = _save_answer(request, forwarding, form)
        if answer is not None:
            return redirect(f"{request.path}?gespeichert=1")
    if request.method == "POST":
        forwarding.refresh_from_db()
    context = _context(forwarding, token, form)
    context["saved"] = request.GET.get("gespeichert") == "1"
    status = 400 if request.method == "POST" else 200
    return render(request, "routing/partner.html", context, status=status)


@never_cache
def partner_photo(request, pk, token, photo_pk):
    try:
        forwarding = links.forwarding_for_token(pk, token)
    except links.LinkError as error:
        return _link_error(request, error)
    if not emails.may_show_photos(forwarding):
        raise Http404
    photo = get_object_or_404(forwarding.report.photos, pk=photo_pk)
    return FileResponse(photo.image.open("rb"), content_type="image/jpeg")
