"""Settings for Quartiershelfer: one file, every value from the environment.

Each variable is documented in `.env.example`. Local defaults are safe for a developer's machine;
`quartier/checks.py` refuses a production configuration (DEBUG=0) that is missing what it needs.
"""

import os
from pathlib import Path

import dj_database_url
import xstatic.pkg.leaflet
import xstatic.pkg.leaflet_markercluster

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("QUARTIER_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _load_dotenv(path: Path) -> None:
    """Read KEY=VALUE lines from `.env` without overriding the real environment."""
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        os.environ.setdefault(key.strip(), value.strip().strip('"').strip("'"))


_load_dotenv(BASE_DIR / ".env")

# Off unless set: a server never shows Django's debug pages by accident (DEBUG=1 for developers).
DEBUG = env_bool("DEBUG", False)
# Demo mode: demo accounts may skip MFA set-up. Only on a local installation (quartier.E004).
DEMO_MODE = env_bool("QUARTIER_DEMO_MODE", False)

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
# "Local" means the installation answers only on this machine (`make run`, tests). Everything
# else is production: a real SECRET_KEY, HTTPS, secure cookies and HSTS are required by default.
LOCAL = bool(ALLOWED_HOSTS) and all(host in LOOPBACK_HOSTS for host in ALLOWED_HOSTS)

_DEV_SECRET = "dev-only-insecure-secret-key-change-me"  # noqa: S105
# Without SECRET_KEY in production the check quartier.E001 stops start-up with a clear message.
MISSING_SECRET_KEY = "missing-secret-key"  # noqa: S105
SECRET_KEY = os.environ.get("SECRET_KEY") or (_DEV_SECRET if LOCAL else MISSING_SECRET_KEY)
DEV_SECRET_KEY = _DEV_SECRET
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The public address of this installation, used in e-mails and signed partner links.
SITE_URL = os.environ.get("SITE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}")

INSTALLED_APPS = [
    "quartier.core.apps.ReadOnlyAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    "django_tasks",
    "django_tasks_db",
    "quartier.core",
    "quartier.accounts",
    "quartier.areas",
    "quartier.taxonomy",
    "quartier.reports",
    "quartier.routing",
    "quartier.open311",
    "quartier.residents",
    "quartier.directory",
    "quartier.operations",
    "quartier.stats",
    "quartier.public",
]

MIDDLEWARE = [
    "quartier.open311.middleware.Open311LeanPathMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "quartier.core.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "quartier.open311.middleware.Open311HttpMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "quartier.core.outages.OutageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "quartier.accounts.middleware.EnforceMfaMiddleware",
    "quartier.core.not_found.FriendlyNotFoundMiddleware",
]
# The Open311 API (/open311/v2/) needs no session, login, messages or CSRF: its short path.
OPEN311_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "quartier.core.csp.ContentSecurityPolicyMiddleware",
    "quartier.open311.middleware.Open311HttpMiddleware",
    "quartier.core.outages.OutageMiddleware",
]

ROOT_URLCONF = "quartier.urls"
WSGI_APPLICATION = "quartier.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "quartier" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "quartier.core.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite by default (WAL, IMMEDIATE transactions, busy timeout); PostgreSQL through DATABASE_URL.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    # Connections are kept for CONN_MAX_AGE seconds (checked before reuse) instead of a new
    # PostgreSQL connection per request; every application-server thread holds at most one.
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=int(os.environ.get("CONN_MAX_AGE", 60)),
            conn_health_checks=True,
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            # One connection per thread, kept (the PRAGMAs below run on each new one).
            "CONN_MAX_AGE": int(os.environ.get("CONN_MAX_AGE", 60)),
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=20000;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Open311 public reads are kept per process while the data is unchanged (open311.answer_cache).
OPEN311_ANSWER_CACHE = env_bool("OPEN311_ANSWER_CACHE", True)
# Parts of staff pages (the inbox listing) kept per process while the data is unchanged.
KEPT_PAGE_PARTS = env_bool("KEPT_PAGE_PARTS", True)
# Deliberate: the city's other sub-domains are not ours to put under HSTS, and preloading is a
# decision for the city's web team.
SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]
# Backups (manage.py backup): JSON with exact timestamps.
SERIALIZATION_MODULES = {"qjson": "quartier.core.backup_format"}

CACHES = {
    "default": {
        # The database cache is shared by web server and worker processes (login rate limits).
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "quartier_cache",
    }
}

# --- Accounts --------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_ADAPTER = "quartier.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_RATE_LIMITS = {
    # Failed logins per IP and per account: 5 tries in 5 minutes, then a clear message.
    "login_failed": os.environ.get("LOGIN_RATE_LIMIT", "10/m/ip,5/5m/key"),
    "reset_password": "5/m/ip,3/m/key",
}
# --- Single sign-on (OpenID Connect, quartier/accounts/sso.py) -------------------------------
# The city's identity provider (Keycloak, ADFS, Entra ID …); off while SSO_OIDC_SERVER_URL is empty.
SSO_OIDC_SERVER_URL = os.environ.get("SSO_OIDC_SERVER_URL", "")
SSO_OIDC_CLIENT_ID = os.environ.get("SSO_OIDC_CLIENT_ID", "")
SSO_OIDC_CLIENT_SECRET = os.environ.get("SSO_OIDC_CLIENT_SECRET", "")
SSO_OIDC_NAME = os.environ.get("SSO_OIDC_NAME", "Dienstkonto der Stadt")
# ID-token values that mean "the provider checked a second factor" (else TOTP is asked here).
SSO_MFA_AMR_VALUES = env_list("SSO_MFA_AMR_VALUES", "mfa,otp,hwk,swk,sc")
SSO_MFA_ACR_VALUES = env_list("SSO_MFA_ACR_VALUES")
# SAML 2.0 instead (ADFS, Shibboleth …); off while SSO_SAML_SSO_URL is empty. The provider's
# signing certificate (PEM) comes from SSO_SAML_CERTIFICATE; assertions must be signed.
SSO_SAML_ENTITY_ID = os.environ.get("SSO_SAML_ENTITY_ID", "")
SSO_SAML_SSO_URL = os.environ.get("SSO_SAML_SSO_URL", "")
SSO_SAML_CERTIFICATE = os.environ.get("SSO_SAML_CERTIFICATE", "")
SSO_SAML_NAME = os.environ.get("SSO_SAML_NAME", "Dienstkonto der Stadt (SAML)")


def sso_providers(server_url: str, client_id: str, secret: str, name: str) -> dict:
    apps = []
    if server_url:
        apps.append(
            {
                "provider_id": "stadt",
                "name": name,
                "client_id": client_id,
                "secret": secret,
                "settings": {"server_url": server_url, "oauth_pkce_enabled": True},
            }
        )
    return {"openid_connect": {"APPS": apps, "OAUTH_PKCE_ENABLED": True}}


def saml_providers(entity_id: str, sso_url: str, certificate: str, name: str) -> dict:
    """allauth's SAML app "stadt-saml": signed assertions only, e-mail address as attribute."""
    apps = []
    if sso_url:
        apps.append(
            {
                "name": name,
                "provider_id": entity_id,
                "client_id": "stadt-saml",
                "settings": {
                    "idp": {"entity_id": entity_id, "sso_url": sso_url, "x509cert": certificate},
                    "attribute_mapping": {
                        "uid": ["urn:oid:0.9.2342.19200300.100.1.3", "mail"],
                        "email": ["urn:oid:0.9.2342.19200300.100.1.3", "mail"],
                        "email_verified": ["email_verified"],
                    },
                    "advanced": {"want_assertion_signed": True, "strict": True},
                },
            }
        )
    return {"saml": {"APPS": apps}}


SOCIALACCOUNT_PROVIDERS = {
    **sso_providers(SSO_OIDC_SERVER_URL, SSO_OIDC_CLIENT_ID, SSO_OIDC_CLIENT_SECRET, SSO_OIDC_NAME),
    **saml_providers(SSO_SAML_ENTITY_ID, SSO_SAML_SSO_URL, SSO_SAML_CERTIFICATE, SSO_SAML_NAME),
}
SOCIALACCOUNT_ADAPTER = "quartier.accounts.sso.SocialAccountAdapter"
# Sign-on only for accounts that exist: matched by the provider's verified e-mail address.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_STORE_TOKENS = False

MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_ADAPTER = "quartier.accounts.adapter.MfaAdapter"
# Key for the TOTP secrets at rest (any long random string); derived from SECRET_KEY if empty.
MFA_ENCRYPTION_KEY = os.environ.get("MFA_ENCRYPTION_KEY", "")
MFA_TOTP_ISSUER = "Quartiershelfer Krefeld"
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 60 * 60 * 10))
SESSION_EXPIRE_AT_BROWSER_CLOSE = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# HTTPS everywhere except on a local installation. The reverse proxy terminates TLS and sets
# X-Forwarded-Proto (deploy/nginx/quartier.conf); /healthz stays reachable over plain HTTP on
# the loopback port for monitoring.
HTTPS = env_bool("QUARTIER_HTTPS", not LOCAL)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = False  # the city's other sub-domains are not ours to decide
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
CSRF_FAILURE_VIEW = "quartier.core.views.csrf_failure"
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Language and time -----------------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "quartier" / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Files -----------------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise expects it, even before collectstatic
STATICFILES_DIRS = [
    BASE_DIR / "quartier" / "static",
    # Leaflet and its marker clustering come from XStatic packages (no CDN).
    ("leaflet", xstatic.pkg.leaflet.BASE_DIR),
    ("leaflet-markercluster", xstatic.pkg.leaflet_markercluster.BASE_DIR),
]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    # A failed write leaves no partial or orphan file (quartier/core/files.py).
    "default": {"BACKEND": "quartier.core.files.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            # Hashed, compressed file names (cached forever by browsers); `collectstatic` first.
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "quartier.core.staticfiles.StaticFilesStorage"
        )
    },
}
# Several application servers: uploads on S3-compatible object storage instead of MEDIA_ROOT.
S3_BUCKET = os.environ.get("QUARTIER_S3_BUCKET", "")
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "quartier.core.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("QUARTIER_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("QUARTIER_S3_REGION") or None,
            "access_key": os.environ.get("QUARTIER_S3_ACCESS_KEY", ""),
            "secret_key": os.environ.get("QUARTIER_S3_SECRET_KEY", ""),
            "location": os.environ.get("QUARTIER_S3_PREFIX", ""),
            "default_acl": None,  # the bucket's policy: private
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- E-mail ----------------------------------------------------------------------------------
# Locally every e-mail is written to var/mail/ so it can be opened; production uses SMTP.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "quartier.core.mailfolder.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Quartiershelfer Krefeld <quartiershelfer@example.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where feedback from the accessibility statement goes (BITV NRW).
ACCESSIBILITY_FEEDBACK_EMAIL = os.environ.get(
    "ACCESSIBILITY_FEEDBACK_EMAIL", "barrierefreiheit@example.org"
)

# --- Accessibility statement (BITV NRW, § 12b BGG NRW; model text of the EU 2018/1523) -------
# The statement page (/seiten/barrierefreiheit/) is generated from these; the system check
# accessibility.E001-E004 refuse wrong values; `manage.py check --deploy` warns
# (accessibility.W001) while contact, dates or the enforcement body are missing.
# Postal addresses: lines separated by "|".
A11Y_STATEMENT = {
    "body": os.environ.get("A11Y_BODY", "Stadt Krefeld, Fachbereich Soziales, Senioren und Wohnen"),
    # full | partial | none: compliance with WCAG 2.1 AA / EN 301 549
    "status": os.environ.get("A11Y_STATUS", "partial"),
    # self (self-assessment) | third_party (audit by an outside body)
    "method": os.environ.get("A11Y_METHOD", "self"),
    "prepared_on": os.environ.get("A11Y_PREPARED_ON", ""),  # ISO date, e.g. 2026-11-30
    "reviewed_on": os.environ.get("A11Y_REVIEWED_ON", ""),
    "contact_name": os.environ.get("A11Y_CONTACT_NAME", "Koordination Quartiershelfer*innen"),
    "contact_email": ACCESSIBILITY_FEEDBACK_EMAIL,
    "contact_phone": os.environ.get("A11Y_CONTACT_PHONE", ""),
    "contact_address": os.environ.get(
        "A11Y_CONTACT_ADDRESS",
        "Stadt Krefeld|Fachbereich Soziales, Senioren und Wohnen|47792 Krefeld",
    ),
    "enforcement_name": os.environ.get(
        "A11Y_ENFORCEMENT_NAME",
        "Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen",
    ),
    "enforcement_address": os.environ.get("A11Y_ENFORCEMENT_ADDRESS", ""),
    "enforcement_email": os.environ.get("A11Y_ENFORCEMENT_EMAIL", ""),
    "enforcement_phone": os.environ.get("A11Y_ENFORCEMENT_PHONE", ""),
    "enforcement_url": os.environ.get("A11Y_ENFORCEMENT_URL", ""),
}

# --- Background tasks ------------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# `manage.py serve`: task worker processes next to the web server (several are safe: a task
# is claimed by exactly one of them).
TASK_WORKERS = int(os.environ.get("QUARTIER_TASK_WORKERS", 1))
# A task still RUNNING on a worker whose heartbeat is older than WORKER_HEARTBEAT_TIMEOUT
# belongs to a worker that died: the sweeper queues it again.
# The worker counts as alive when its heartbeat is younger than this (seconds).
WORKER_HEARTBEAT_TIMEOUT = int(os.environ.get("WORKER_HEARTBEAT_TIMEOUT", 90))

# --- Maps ------------------------------------------------------------------------------------
# Background tiles: by default the official basemap.de web map of the Federal Agency for
# Cartography and Geodesy (BKG), a public authority without tracking (docs/adr/0013-map-
# background.md). A city may point this at its own tile server; "" = plain background.
BASEMAP_DE_URL = (
    "https://sgx.geodatenzentrum.de/wmts_basemapde/tile/1.0.0/"
    "de_basemapde_web_raster_farbe/default/GLOBAL_WEBMERCATOR/{z}/{y}/{x}.png"
)
BASEMAP_DE_ATTRIBUTION = "© basemap.de / BKG (Datenquellen: © GeoBasis-DE), CC BY 4.0"
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", BASEMAP_DE_URL)
MAP_ATTRIBUTION = os.environ.get(
    "MAP_ATTRIBUTION", BASEMAP_DE_ATTRIBUTION if MAP_TILE_URL == BASEMAP_DE_URL else ""
)
# The coordinators' report map: more reports than this in one view are shown as areas with
# a count (reports/mapdata.py); zooming in shows single reports again.
REPORT_MAP_POINT_LIMIT = int(os.environ.get("REPORT_MAP_POINT_LIMIT", 5000))

# --- Content-Security-Policy (quartier/core/csp.py) ------------------------------------------
# The tile server's origin is allowed for images automatically; more image origins here.
CSP_EXTRA_IMG_SRC = env_list("CSP_EXTRA_IMG_SRC")
# Login forms post to this site and then redirect to an identity provider (single sign-on).
CSP_FORM_ACTION_URLS = [*env_list("CSP_FORM_ACTION_URLS"), SSO_OIDC_SERVER_URL, SSO_SAML_SSO_URL]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.server": {"level": "WARNING"}},
}

# --- Routing (forwarding to partners) --------------------------------------------------------
# Delivery attempts (e-mail or Open311) before a forwarding is marked as failed.
ROUTING_MAX_DELIVERY_ATTEMPTS = int(os.environ.get("ROUTING_MAX_DELIVERY_ATTEMPTS", 5))
# Also e-mail coordinators and the reporting helper when a partner answers (in-app always).
ROUTING_ANSWER_EMAILS = env_bool("ROUTING_ANSWER_EMAILS", False)

# --- Residents' data: retention (DSG NRW, SGB X § 84) ---------------------------------------
# A person record is anonymised into the tally this many months after the last contact;
# referrals are deleted after RETENTION_REFERRAL_MONTHS. Consent forms go with their person.
RETENTION_RESIDENT_MONTHS = int(os.environ.get("RETENTION_RESIDENT_MONTHS", 12))
RETENTION_REFERRAL_MONTHS = int(os.environ.get("RETENTION_REFERRAL_MONTHS", 36))
# The version of the printed information sheet residents receive with the consent form.
RESIDENTS_INFO_SHEET_VERSION = os.environ.get("RESIDENTS_INFO_SHEET_VERSION", "2026-01")

# --- Operations -------------------------------------------------------------------------------
# Forwardings overdue by more than this many days go on the weekly expert meeting's agenda.
MEETING_OVERDUE_DAYS = int(os.environ.get("MEETING_OVERDUE_DAYS", 7))
