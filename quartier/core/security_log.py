"""Logins, logouts and failed logins go into the audit log (security log, DOMAIN.md §6)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from quartier.core.audit import audit


@receiver(user_logged_in, dispatch_uid="audit_login")
def _logged_in(sender, request, user, **kwargs):
    audit(user, "account.login", user)


@receiver(user_logged_out, dispatch_uid="audit_logout")
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit(user, "account.logout", user)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    # The attempted login name is not stored: it may be mistyped personal data.
    audit(None, "account.login_failed", object_type="accounts.user")
