"""Writes to accounts. Every function: keyword-only, one transaction, an audit entry.

(Open311 API keys are in `quartier.routing.actions.api_keys`.)
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from quartier.accounts.models import CASE_ROLES, User
from quartier.accounts.queries import had_oversight_role
from quartier.core.audit import audit

# --- User administration -----------------------------------------------------------------------
# The separation rule (docs/adr/0008-separate-oversight-and-case-accounts.md): nobody changes
# their own account, and an account that ever held administration or privacy-officer rights is
# never given a role that sees case content (helper, coordinator): that person gets a second
# account. Role and quarter changes are audit entries the privacy officer reads.


class UserAdminError(ValueError):
    """A change to an account that is not allowed; the message is shown as it is (German)."""


def _refuse_self(actor, user) -> None:
    if actor.pk == user.pk:
        raise UserAdminError(_("Das eigene Konto kann nur eine andere Person ändern."))


def _refuse_case_role_for_oversight(user, role: str) -> None:
    if role in CASE_ROLES and had_oversight_role(user):
        raise UserAdminError(
            _(
                "Dieses Konto hatte Verwaltungs- oder Datenschutzrechte und bekommt keinen "
                "Zugang zu Fallinhalten. Bitte legen Sie für diese Person ein eigenes Konto an."
            )
        )


def invite_user(
    *, actor, username: str, email: str, first_name: str, last_name: str, role: str, quarters=()
) -> User:
    """Create an account without password and e-mail a link to set one (valid 3 days)."""
    if User.objects.filter(username__iexact=username).exists():
        raise UserAdminError(_("Diesen Anmeldenamen gibt es schon."))
    if User.objects.filter(email__iexact=email).exists():
        raise UserAdminError(_("Für diese E-Mail-Adresse gibt es schon ein Konto."))
    with transaction.atomic():
        user = User(
            username=username, email=email, first_name=first_name, last_name=last_name, role=role
        )
        user.set_unusable_password()
        user.save()
        user.quarters.set(quarters)
        # The admin enters the person's service address; the link proves it (MFA needs it).
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
        audit(actor, f"user.invite.{role}", user)
        transaction.on_commit(lambda: send_invitation(user))
    return user


def set_role(*, actor, user: User, role: str) -> User:
    """Give `user` another role; refused for the own account and by the separation rule."""
    _refuse_self(actor, user)
    if role == user.role:
        return user
    _refuse_case_role_for_oversight(user, role)
    with transaction.atomic():
        user.role = role
        user.save(update_fields=["role"])
        audit(actor, f"user.role.{role}", user)
    return user


def set_quarters(*, actor, user: User, quarters) -> User:
    """The quarters a helper works in (a coordinator's: her team's; none = all)."""
    _refuse_self(actor, user)
    new = {q.pk for q in quarters}
    if new == set(user.quarters.values_list("pk", flat=True)):
        return user
    with transaction.atomic():
        user.quarters.set(quarters)
        audit(actor, "user.quarters.change", user)
    return user


def deactivate_user(*, actor, user: User) -> User:
    """Block the account at once (its sessions end with the next request); nothing is deleted."""
    _refuse_self(actor, user)
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        audit(actor, "user.deactivate", user)
    return user


def reactivate_user(*, actor, user: User) -> User:
    _refuse_self(actor, user)
    with transaction.atomic():
        user.is_active = True
        user.save(update_fields=["is_active"])
        audit(actor, "user.reactivate", user)
    return user


def reset_mfa(*, actor, user: User) -> User:
    """Remove the second factors (lost phone): the person sets up a new one at the next login."""
    from allauth.mfa.models import Authenticator

    _refuse_self(actor, user)
    with transaction.atomic():
        Authenticator.objects.filter(user=user).delete()
        audit(actor, "user.mfa_reset", user)
    return user


def send_invitation(user: User) -> None:
    """The invitation e-mail with a one-time link to set the password (allauth's reset key)."""
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    key = default_token_generator.make_token(user)
    path = reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": key},
    )
    context = {"user": user, "link": settings.SITE_URL.rstrip("/") + path}
    send_mail(
        subject=gettext("Ihr Zugang zu Quartiershelfer Krefeld"),
        message=render_to_string("accounts/email/invitation.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )
