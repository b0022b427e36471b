"""The own account, and the user administration (Verwaltung → Benutzer) for admins.

Every change to an account is a POST to its own URL and goes through accounts/actions.py; the
separation rule (ADR 0008) is enforced there, so the pages only show its German message.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quartier.accounts import actions, queries
from quartier.accounts import permissions as perms
from quartier.accounts.decorators import require
from quartier.accounts.forms import InviteForm, QuartersForm, RoleForm
from quartier.accounts.models import User
from quartier.core.confirm import confirmation_page, needs_confirmation


@login_required
def profile(request):
    """The own account: role, quarters, links to password and two-factor settings."""
    return render(request, "accounts/profile.html")


@require(perms.can_administer)
def user_list(request):
    return render(request, "accounts/user_list.html", {"accounts": queries.staff_accounts()})


@require(perms.can_administer)
def user_invite(request):
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = actions.invite_user(actor=request.user, **form.cleaned_data)
        except actions.UserAdminError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("Die Einladung an %(email)s ist verschickt.") % {"email": user.email}
            )
            return redirect("accounts:user_detail", pk=user.pk)
    return render(request, "accounts/user_invite.html", {"form": form})


@require(perms.can_administer)
def user_detail(request, pk, role_form=None, quarters_form=None):
    account = get_object_or_404(User, pk=pk)
    context = {
        "account": account,
        "is_self": account.pk == request.user.pk,
        "role_form": role_form or RoleForm(initial={"role": account.role}),
        "quarters_form": quarters_form
        or QuartersForm(initial={"quarters": list(account.quarters.all())}),
        "has_mfa": account.authenticator_set.exists(),
    }
    return render(request, "accounts/user_detail.html", context)


def _apply(request, pk, change, form=None, form_name=""):
    """Run one account change; on a refusal show the page again with the message."""
    account = get_object_or_404(User, pk=pk)
    try:
        change(account)
    except actions.UserAdminError as exc:
        if form is None or account.pk == request.user.pk:
            messages.error(request, str(exc))
            return redirect("accounts:user_detail", pk=account.pk)
        form.add_error(None, str(exc))
        return user_detail(request, pk, **{form_name: form})
    messages.success(request, _("Gespeichert."))
    return redirect("accounts:user_detail", pk=account.pk)


@require_POST
@require(perms.can_administer)
def user_role(request, pk):
    form = RoleForm(request.POST)
    if not form.is_valid():
        return user_detail(request, pk, role_form=form)
    role = form.cleaned_data["role"]
    return _apply(
        request,
        pk,
        lambda u: actions.set_role(actor=request.user, user=u, role=role),
        form,
        "role_form",
    )


@require_POST
@require(perms.can_administer)
def user_quarters(request, pk):
    form = QuartersForm(request.POST)
    if not form.is_valid():
        return user_detail(request, pk, quarters_form=form)
    chosen = form.cleaned_data["quarters"]
    return _apply(
        request,
        pk,
        lambda u: actions.set_quarters(actor=request.user, user=u, quarters=chosen),
        form,
        "quarters_form",
    )


@require_POST
@require(perms.can_administer)
def user_active(request, pk):
    activate = request.POST.get("active") == "1"
    change = actions.reactivate_user if activate else actions.deactivate_user
    return _apply(request, pk, lambda u: change(actor=request.user, user=u))


@require_POST
@require(perms.can_administer)
def user_reset_mfa(request, pk):
    """Asks first: the person's second factor and recovery codes are gone for good."""
    if needs_confirmation(request):
        account = get_object_or_404(User, pk=pk)
        return confirmation_page(
            request,
            title=_("Zwei-Faktor-Anmeldung von %(name)s zurücksetzen?")
            % {"name": account.get_username()},
            consequences=[
                _("Die Authenticator-App und die Wiederherstellungscodes gelten nicht mehr."),
                _("Bei der nächsten Anmeldung richtet die Person einen neuen zweiten Faktor ein."),
            ],
            confirm_label=_("Ja, zurücksetzen"),
            cancel_url=reverse("accounts:user_detail", args=[account.pk]),
            undo_hint=_("Das lässt sich nicht rückgängig machen."),
        )
    return _apply(request, pk, lambda u: actions.reset_mfa(actor=request.user, user=u))
