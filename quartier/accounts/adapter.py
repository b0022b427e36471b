from allauth.account.adapter import DefaultAccountAdapter

from quartier.core.mail import queue_email


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by admins; nobody signs up on their own."""

    def is_open_for_signup(self, request):
        return False

    def send_mail(self, template_prefix, email, context):
        """Password-reset and account mails are queued: a mail server that is down delays
        them (with retries) instead of failing the page."""
        queue_email(self.render_mail(template_prefix, email, context))

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        # The first TOTP set-up comes straight after the password login that the platform
        # enforces (accounts/middleware.py); asking for the password again there only confuses.
        # Changing or removing an existing second factor still needs reauthentication.
        user = getattr(self.request, "user", None)
        if app == "allauth.mfa" and user is not None and user.is_authenticated:
            from allauth.mfa.models import Authenticator

            if not Authenticator.objects.filter(user=user).exists():
                return False
        return super().is_reauthentication_required(app=app, **kwargs)
