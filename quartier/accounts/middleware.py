"""Staff with access to personal data must set up two-factor login before anything else."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from quartier.accounts.sso import second_factor_done_by_idp


class EnforceMfaMiddleware:
    """Sends coordinators, privacy officers and admins without TOTP to the MFA set-up page.

    Off in demo mode (QUARTIER_DEMO_MODE=1), so the demo accounts can be tried at once.
    """

    allowed_prefixes = ("/accounts/", "/static/", "/healthz", "/i18n/", "/seiten/")
    # Whoever has only the password must not change the e-mail address or the password
    # before the second factor exists (they would take the account over for good).
    blocked_before_mfa = (
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/password/set/",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            not settings.DEMO_MODE
            and user is not None
            and user.is_authenticated
            and user.needs_mfa
            and (
                not request.path.startswith(self.allowed_prefixes)
                or request.path.startswith(self.blocked_before_mfa)
            )
            and not second_factor_done_by_idp(request)
            and not _has_totp(user)
        ):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


def _has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
