import base64
import hashlib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet
from django.conf import settings
from django.db.models import Q

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

    def pre_authenticate(self, request, **credentials) -> None:
        # A password login: any earlier single sign-on's delegated second factor is void.
        from quartier.accounts.sso import IDP_MFA_SESSION_KEY

        request.session.pop(IDP_MFA_SESSION_KEY, None)
        super().pre_authenticate(request, **credentials)

    def get_login_stages(self) -> list[str]:
        return [
            "quartier.accounts.sso.DelegatingAuthenticateStage"
            if stage == "allauth.mfa.stages.AuthenticateStage"
            else stage
            for stage in super().get_login_stages()
        ]

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        # Failed logins count per account, whether the username or the e-mail address was
        # typed; otherwise each identifier would get its own five tries.
        from quartier.accounts.models import User

        login = credentials.get("email", credentials.get("username", "")).strip()
        account = (
            User.objects.filter(Q(username__iexact=login) | Q(email__iexact=login))
            .values_list("pk", flat=True)
            .first()
            if login
            else None
        )
        if account is not None:
            return f"account:{account}"
        return super()._get_login_attempts_cache_key(request, **credentials)


ENCRYPTED_PREFIX = "fernet:"


def _fernet() -> Fernet:
    """The key comes from MFA_ENCRYPTION_KEY, or is derived from SECRET_KEY."""
    secret = settings.MFA_ENCRYPTION_KEY or settings.SECRET_KEY
    digest = hashlib.sha256(("quartier.mfa:" + secret).encode("utf-8")).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def is_encrypted(text: str) -> bool:
    return text.startswith(ENCRYPTED_PREFIX)


def encrypt_secret(text: str) -> str:
    """A TOTP secret or recovery-code seed as stored: `fernet:` and the Fernet token."""
    return ENCRYPTED_PREFIX + _fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt_secret(stored: str) -> str:
    if not is_encrypted(stored):
        return stored  # stored before encryption; accounts/migrations/0004 encrypts these
    token = stored.removeprefix(ENCRYPTED_PREFIX).encode("ascii")
    return _fernet().decrypt(token).decode("utf-8")


class MfaAdapter(DefaultMFAAdapter):
    """TOTP secrets are stored encrypted (Fernet); the database alone does not reveal them."""

    def encrypt(self, text: str) -> str:
        return encrypt_secret(text)

    def decrypt(self, encrypted_text: str) -> str:
        return decrypt_secret(encrypted_text)
