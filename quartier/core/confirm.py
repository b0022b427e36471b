"""A second step before anything destructive: "Wirklich …? Das passiert dann: …".

A form posts to its action view as usual. The view calls `needs_confirmation(request)`; while the
POST lacks `confirm=1`, it answers with `confirmation_page(...)`, which repeats the posted fields
as hidden inputs and says in plain German exactly what will happen. Only the second POST acts.
Works without JavaScript and with every screen reader; no dialog to trap focus.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.shortcuts import render

CONFIRM_FIELD = "confirm"


def needs_confirmation(request) -> bool:
    """True until the person has confirmed on the confirmation page."""
    return request.POST.get(CONFIRM_FIELD) != "1"


def confirmation_page(
    request,
    *,
    title: str,
    consequences: Iterable[str],
    confirm_label: str,
    cancel_url: str,
    undo_hint: str = "",
    danger: bool = True,
):
    """The page that asks before acting; the same URL receives the confirmed POST."""
    hidden = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in {"csrfmiddlewaretoken", CONFIRM_FIELD}
        for value in values
    ]
    context = {
        "title": title,
        "consequences": list(consequences),
        "confirm_label": confirm_label,
        "cancel_url": cancel_url,
        "undo_hint": undo_hint,
        "danger": danger,
        "hidden": hidden,
        "action": request.get_full_path(),
    }
    return render(request, "core/confirm.html", context)
