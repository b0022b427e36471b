"""Logging a conversation in seconds, online or from the offline outbox."""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from quartier.accounts import permissions as perms
from quartier.accounts.decorators import require
from quartier.residents import access, actions
from quartier.residents.forms import ContactLogForm
from quartier.taxonomy.models import Topic


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def topic_groups(form) -> list[dict]:
    """Top-level topics with their children, each with the checkbox widget of the form."""
    widgets = {str(w.data["value"]): w for w in form["topics"]}
    groups = []
    for topic in Topic.objects.active().top_level().prefetch_related("children"):
        children = [
            {"topic": c, "widget": widgets[str(c.pk)]}
            for c in topic.children.all()
            if str(c.pk) in widgets
        ]
        groups.append({"topic": topic, "widget": widgets.get(str(topic.pk)), "children": children})
    return groups


@never_cache
@require(perms.can_log_contacts)
def contact_new(request):
    """GET the form; POST stores one anonymous contact (JSON answer for the outbox)."""
    quarters = access.quarters_of(request.user)
    form = ContactLogForm(request.POST or None, quarters=quarters)
    if request.method == "POST":
        if form.is_valid():
            try:
                return _save_contact(request, form)
            except actions.ResidentDataError as error:
                form.add_error(None, str(error))
        if _wants_json(request):
            return JsonResponse({"ok": False, "errors": form.errors.get_json_data()}, status=400)
    context = {"form": form, "groups": topic_groups(form), "single_quarter": quarters.count() == 1}
    return render(request, "residents/contact_new.html", context)


def _save_contact(request, form):
    data = form.cleaned_data
    contact, created = actions.log_contact(
        actor=request.user,
        quarter=data["quarter"],
        place=data["place"],
        age_band=data["age_band"],
        gender=data["gender"],
        language=data["language"],
        is_repeat=data["is_repeat"],
        topics=data["topics"],
        outcomes=data["outcomes"],
        client_id=data["client_id"],
    )
    if _wants_json(request):
        return JsonResponse({"ok": True, "id": contact.pk, "created": created}, status=201)
    messages.success(request, _("Gespräch gespeichert. Danke!"))
    return redirect("residents:contact_new")
