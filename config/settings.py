# SPDX-License-Identifier: EUPL-1.2
"""Casusregie settings, read from environment variables (see .env.example and README)."""

import logging
from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from config.env import (
    ConfigurationError,
    env_bool,
    env_broker_url,
    env_database,
    env_int,
    env_list,
    env_str,
    read_env_file,
)
from config.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent
# A .env file next to manage.py, when there is one (the environment itself wins).
read_env_file(BASE_DIR / ".env")
VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)

# development (make run, make test) or production (docker-compose, real deployments)
ENVIRONMENT = env_str("CASUSREGIE_ENV", "development")
if ENVIRONMENT not in {"development", "production"}:
    raise ConfigurationError(
        "The environment variable CASUSREGIE_ENV must be development or production, "
        f"not {ENVIRONMENT!r}."
    )
PRODUCTION = ENVIRONMENT == "production"

_INSECURE_DEV_KEY = "django-insecure-development-only-never-use-this-key-in-production"
if PRODUCTION:
    SECRET_KEY = env_str("SECRET_KEY")
    if SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ConfigurationError(
            "The environment variable SECRET_KEY must be a random value of at least 50 "
            "characters in production."
        )
else:
    SECRET_KEY = env_str("SECRET_KEY", _INSECURE_DEV_KEY)

DEBUG = env_bool("DEBUG", not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ConfigurationError("The environment variable DEBUG must be false in production.")

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ConfigurationError("The environment variable ALLOWED_HOSTS is required in production.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "accounts.admin_apps.BeheerAdminConfig",  # django.contrib.admin, restricted
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "guardian",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_htmx",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "mozilla_django_oidc",
    "simple_history",
    # The rooms, lowest first (docs/architecture.md): each imports only those above it here.
    "audit",
    "accounts",
    "notifications",
    "casework",
    "deadlines",
    "conferences",
    "huisverbod",
    "safetyplan",
    "privacy",
    "perpetrator",
    "outcomes",
    "timeliness",
    "documents",
    "overviews",
    "api",
    "bench",  # management commands only: the region generator and the benchmarks
]

MIDDLEWARE = [
    "config.middleware.RequestIdMiddleware",  # first: every later log line has the ids
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.SessionRenewMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.middleware.NoStoreMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "audit.middleware.AuditMiddleware",
    # Puts the logged-in user on change-history rows (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "notifications.context_processors.unread_notifications",
                "deadlines.context_processors.open_escalations",
                "config.version.version_context",
            ],
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{VAR_DIR / 'casusregie.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Web, worker and beat share the file: take the write lock when a transaction begins
    # (so a busy database waits instead of failing), and let readers run beside a writer.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        timeout=20,
        transaction_mode="IMMEDIATE",
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    )
else:
    DATABASES["default"]["TEST"] = {"NAME": env_str("TEST_DATABASE_NAME", "test_casusregie")}
    # No JIT compilation: on the app's short queries it cost 140-1,167 ms of compile time
    # where the planner's estimates were inflated, and no page gained from it (see
    # docs/performance.md). Set POSTGRES_JIT=on to measure again.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options", f"-c jit={env_str('POSTGRES_JIT', 'off')}"
    )
    # Prepared statements: PostgreSQL spent 9 ms planning the case page's query of its case
    # and 1 ms running it. With the values bound by the server, psycopg prepares a query the
    # fifth time a connection runs it, and PostgreSQL keeps its plan for that connection
    # (docs/performance.md). Off behind a pooler that hands a session's statements to other
    # sessions (PgBouncer in transaction mode without max_prepared_statements).
    if env_bool("POSTGRES_PREPARED_STATEMENTS", True):
        DATABASES["default"]["OPTIONS"].update(server_side_binding=True, prepare_threshold=5)
    # No server-side cursors: Django iterates the options of every select of a model (a
    # form's ModelChoiceField) with QuerySet.iterator(), which on PostgreSQL declares a
    # cursor WITH HOLD (materialised at once outside a transaction), fetches twice and
    # closes it: four round trips for the 14 municipalities of the case list's filter. The
    # application reads no result set too large to hold (docs/performance.md).
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "accounts.backends.LoginAttemptBackend",  # django-axes lock-out, must be first
    "accounts.backends.UserBackend",  # Django's ModelBackend, user read with organisation
    "guardian.backends.ObjectPermissionBackend",
    "accounts.oidc.ProviderBackend",  # single sign-on per organisation (accounts/oidc.py)
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
GUARDIAN_RAISE_403 = False
GUARDIAN_RENDER_403 = False
ANONYMOUS_USER_NAME = None

# Idle sessions end: activity renews the session and its cookie (at most once a minute,
# config.middleware.SessionRenewMiddleware), silence lets it expire.
# Django's database sessions, their row read with a query compiled once per process.
SESSION_ENGINE = "config.sessions"
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30, minimum=1) * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Login security (docs/security.md) ------------------------------------------------
# Two factors (TOTP + recovery codes) for every account. Local development only: accounts
# without an authenticator (the demo accounts of `make run`, test users) may skip the
# second step while DEV_SKIP_2FA is on. Production refuses it.
CASUSREGIE_2FA_DEV_BYPASS = env_bool("DEV_SKIP_2FA", not PRODUCTION)
if PRODUCTION and CASUSREGIE_2FA_DEV_BYPASS:
    raise ConfigurationError(
        "DEV_SKIP_2FA is for local development only; production always requires two factors."
    )
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Casusregie")
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Lock-out (django-axes): after this many failed logins for a username, it is locked for
# the cool-off time; a successful login resets the count.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 30, minimum=1))
# Per account, not per IP address: a whole ZVH office shares one address behind NAT, and
# one typo-prone colleague must not lock out everyone (docs/security.md).
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.lockout"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# One date format per kind (date; date and time) for every page: config/formats/<lang>/.
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise expects it, even before collectstatic
STATICFILES_DIRS = [BASE_DIR / "static"]
# Documents on cases (issue 16): never under a public path. DOCUMENTS_STORAGE=s3 stores
# them in an S3-compatible bucket through django-storages (in the locks with its s3 extra;
# its AWS_* settings come from the environment, docs/security.md).
DOCUMENTS_STORAGE = env_str("DOCUMENTS_STORAGE", "filesystem")
DOCUMENTS_DIR = Path(env_str("DOCUMENTS_DIR", str(VAR_DIR / "documents")))
DOCUMENT_MAX_UPLOAD_BYTES = env_int("DOCUMENT_MAX_UPLOAD_MB", 20) * 1_000_000
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "documents": (
        {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": env_str("DOCUMENTS_S3_BUCKET", ""),
                "endpoint_url": env_str("DOCUMENTS_S3_ENDPOINT_URL", "") or None,
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
            },
        }
        if DOCUMENTS_STORAGE == "s3"
        else {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": DOCUMENTS_DIR, "base_url": None},
        }
    ),
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- Celery ---------------------------------------------------------------------------
# Embedded default: kombu's SQLAlchemy transport on a SQLite file, so a worker in another
# process really consumes tasks without any server. CELERY_BROKER_URL switches to Redis.
CELERY_BROKER_URL = env_broker_url(
    "CELERY_BROKER_URL", f"sqla+sqlite:///{VAR_DIR / 'celery-broker.sqlite3'}"
)
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", "") or None
CELERY_TASK_IGNORE_RESULT = CELERY_RESULT_BACKEND is None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis redelivers an unacknowledged task (acks_late) after this many seconds.
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {"visibility_timeout": 3600} if CELERY_BROKER_URL.startswith("redis") else {}
)
CELERY_BEAT_SCHEDULE: dict = {
    # Reminders and escalations: one scan over the database every minute (docs/deadlines.md).
    "deadline-scan": {
        "task": "casework.deadline_scan",
        "schedule": float(env_int("DEADLINE_SCAN_SECONDS", 60, minimum=1)),
    },
    # Retention: anonymise closed cases whose retention date has passed (docs/privacy.md).
    "retention-anonymise": {"task": "privacy.retention_anonymise_due", "schedule": 86400.0},
}

# --- Access log (docs/security.md) ----------------------------------------------------
# The chain is an HMAC keyed with a secret that is not in the database: someone who can
# write to the database but lacks the key cannot append a row that verifies.
_INSECURE_AUDIT_KEY = "insecure-development-audit-key-never-use-in-production"
AUDIT_CHAIN_KEY = env_str("AUDIT_CHAIN_KEY", None if PRODUCTION else _INSECURE_AUDIT_KEY)
if PRODUCTION and (AUDIT_CHAIN_KEY == _INSECURE_AUDIT_KEY or len(AUDIT_CHAIN_KEY) < 32):
    raise ConfigurationError(
        "The environment variable AUDIT_CHAIN_KEY must be a random value of at least 32 "
        "characters in production."
    )
# Client addresses are taken from X-Forwarded-For only when the request comes from one of
# these proxy addresses; otherwise REMOTE_ADDR is the origin.
AUDIT_TRUSTED_PROXIES = env_list("AUDIT_TRUSTED_PROXIES", [])
# Where the daily head hash goes outside the database: "file:<path>" (appended) or
# "syslog" (the casusregie.audit.head logger, which the deployment routes to syslog).
AUDIT_HEAD_SINK = env_str("AUDIT_HEAD_SINK", f"file:{BASE_DIR / 'var' / 'audit-head.log'}")

# --- Mail -----------------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
# Only for EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend (tests, trials).
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "casusregie@localhost")
# Links in e-mails; by default where `make run` serves the app (it passes PORT on).
SITE_URL = env_str("SITE_URL", f"http://127.0.0.1:{env_int('PORT', 8000, minimum=1)}")
# The font embedded in every PDF, from a package on the server (Debian: fonts-dejavu-core).
PDF_FONT_DIR = env_str("PDF_FONT_DIR", "/usr/share/fonts/truetype/dejavu")

# --- /.well-known/security.txt (RFC 9116; SECURITY.md) ---------------------------------
# Where this installation takes vulnerability reports: mailto: or https: URIs, comma-separated.
SECURITY_TXT_CONTACTS = env_list(
    "SECURITY_CONTACT", ["https://github.com/casusregie/casusregie/security/advisories/new"]
)
SECURITY_TXT_POLICY = env_str(
    "SECURITY_POLICY_URL", "https://github.com/casusregie/casusregie/blob/main/SECURITY.md"
)
SECURITY_TXT_VALID_DAYS = env_int("SECURITY_TXT_VALID_DAYS", 180, minimum=1)
if SECURITY_TXT_VALID_DAYS > 365:
    raise ConfigurationError("SECURITY_TXT_VALID_DAYS must be at most 365 (RFC 9116).")

# --- Security -------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Health checks of the container and the load balancer speak plain http on the inside.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_COOKIE_HTTPONLY = True

# --- Logging (config/logs.py): one JSON object per line with request id and trace id, ---
# no personal data; request paths carry only opaque ids. LOG_FORMAT=plain for reading by eye.
LOG_FORMAT = env_str("LOG_FORMAT", "json" if PRODUCTION else "plain")
if LOG_FORMAT not in {"json", "plain"}:
    raise ConfigurationError("The environment variable LOG_FORMAT must be json or plain.")
LOGGING = logging_config(level=env_str("LOG_LEVEL", "INFO"), json_format=LOG_FORMAT == "json")
if LOG_FORMAT == "json":
    logging.captureWarnings(True)  # a warning is one JSON line too, not loose text
# The worker logs through LOGGING too, instead of replacing the root handler with its own.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# --- Casusregie domain settings -------------------------------------------------------
CASUSREGIE_DEMO_PASSWORD = env_str("DEMO_PASSWORD", "Casusregie-demo-2026")
CASUSREGIE_QUIET_PERIOD = timedelta(weeks=env_int("QUIET_PERIOD_WEEKS", 6, minimum=1))

# --- Deadlines, reminders and escalation (docs/deadlines.md) ---------------------------
# Huisverbod reminders: kind -> (anchor, days, hours). Days count in Amsterdam wall-clock
# time, hours are exact hours. Remove a kind to switch that reminder off.
CASUSREGIE_HUISVERBOD_REMINDERS = {
    "hv_day7": ("imposed", 7, 0),
    "hv_day8": ("imposed", 8, 0),
    "hv_end_24h": ("end", 0, -24),
    "hv_end": ("end", 0, 0),
    "hv_final_7d": ("end", -7, 0),
    "hv_final_24h": ("end", 0, -24),
}
# Deadlines of agreements, actions and evaluations: reminders at this local hour, N days
# before and on the due date; an escalation once the grace period after it has passed.
CASUSREGIE_DEADLINE_REMINDER_HOUR = env_int("DEADLINE_REMINDER_HOUR", 9, minimum=0)
CASUSREGIE_DEADLINE_REMINDER_DAYS_BEFORE = env_int("DEADLINE_REMINDER_DAYS_BEFORE", 2, minimum=0)
CASUSREGIE_ESCALATION_GRACE_DAYS = env_int("ESCALATION_GRACE_DAYS", 3, minimum=0)
CASUSREGIE_ESCALATION_RESPONSE_DAYS = env_int("ESCALATION_RESPONSE_DAYS", 2, minimum=1)
CASUSREGIE_ESCALATION_MAX_LEVEL = 2
# A reminder that reaches its recipient this long after its planned instant is marked late.
CASUSREGIE_REMINDER_LATE_AFTER = timedelta(
    minutes=env_int("REMINDER_LATE_AFTER_MINUTES", 15, minimum=0)
)
# A delivery not done this long after it was enqueued is enqueued again by the every-minute
# scan: a delivery lost with a worker or the broker is sent again within two minutes.
CASUSREGIE_REMINDER_REQUEUE_AFTER = timedelta(
    seconds=env_int("REMINDER_REQUEUE_AFTER_SECONDS", 60, minimum=5)
)
# A mail marked "sending" this long ago without confirmation: its attempt died.
CASUSREGIE_REMINDER_SENDING_STALE_AFTER = timedelta(
    seconds=env_int("REMINDER_SENDING_STALE_SECONDS", 90, minimum=5)
)
# Due reminders dispatched per transaction; the scan drains them all, batch after batch.
CASUSREGIE_REMINDER_BATCH_SIZE = env_int("REMINDER_BATCH_SIZE", 500, minimum=1)
# The perpetrator's track (docs/perpetrator.md): a release date or the end of a condition is
# told to the coordinator and the organisations taking part N working days (Monday to
# Friday) and M calendar days before, at the reminder hour. 0 switches that reminder off.
CASUSREGIE_PERPETRATOR_REMINDER_WORKING_DAYS = env_int(
    "PERPETRATOR_REMINDER_WORKING_DAYS", 5, minimum=0
)
CASUSREGIE_PERPETRATOR_REMINDER_DAYS = env_int("PERPETRATOR_REMINDER_DAYS", 1, minimum=0)
# The conference agenda proposes release dates and ends of conditions this many days ahead.
CASUSREGIE_PERPETRATOR_AGENDA_DAYS = env_int("PERPETRATOR_AGENDA_DAYS", 14, minimum=1)


# Time limits per step (docs/timeliness.md): each target's limit in "hours" or "days";
# a target set to None (or its variable to 0) is switched off. A missed target is a
# deadline of the coordinator (record why), due this many days after the miss; the scan
# looks back this many days for one-off targets missed unnoticed (never further: no flood of
# old misses on a first run).
def _target(unit: str, name: str, default: int) -> dict | None:
    value = env_int(name, default, minimum=0)
    return {unit: value} if value else None


CASUSREGIE_TARGETS = {
    # a Code Rood case discussed at a conference that took place
    "urgent_discussed": _target("hours", "TARGET_URGENT_DISCUSSED_HOURS", 24),
    # a Code Rood case in immediate safety
    "immediate_safety": _target("days", "TARGET_IMMEDIATE_SAFETY_DAYS", 7),
    # a first plan version adopted
    "plan_adopted": _target("days", "TARGET_PLAN_ADOPTED_DAYS", 14),
    # a case in immediate safety discussed again
    "weekly_review": _target("days", "TARGET_WEEKLY_REVIEW_DAYS", 7),
}
CASUSREGIE_TARGET_REASON_DAYS = env_int("TARGET_REASON_DAYS", 2, minimum=0)

# The manager's dashboard and the factsheet show kept figures (overviews.kept): older than
# FIGURES_FRESH_MINUTES the worker recomputes them while the page shows the kept ones;
# older than FIGURES_MAX_AGE_HOURS (or none kept) the page computes them itself.
CASUSREGIE_FIGURES_FRESH = timedelta(minutes=env_int("FIGURES_FRESH_MINUTES", 15, minimum=1))
CASUSREGIE_FIGURES_MAX_AGE = timedelta(hours=env_int("FIGURES_MAX_AGE_HOURS", 24, minimum=1))
CASUSREGIE_TARGET_SCAN_LOOKBACK_DAYS = env_int("TARGET_SCAN_LOOKBACK_DAYS", 30, minimum=1)


# --- Partner API (docs/api.md) ---------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.OrganisationTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.HasScope"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.LinkedPagination",
    "DEFAULT_SCHEMA_CLASS": "api.schema.ProblemAutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ClientRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"client": env_str("API_RATE_LIMIT", "120/min")},
    "EXCEPTION_HANDLER": "api.problems.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# --- Single sign-on (accounts/oidc.py): providers are configured per organisation in /beheer/.
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"
OIDC_STORE_ID_TOKEN = False  # accounts.oidc keeps it for RP-initiated logout only
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_VERIFY_SSL = True
OIDC_TIMEOUT = 10

SPECTACULAR_SETTINGS = {
    "TITLE": "Casusregie API voor partnersystemen",
    "DESCRIPTION": (
        "Lezen wat uw organisatie in Casusregie mag zien, incidenten registreren, de status "
        "van eigen afspraken bijwerken en planversies voor gezien tekenen. Zie docs/api.md."
    ),
    "VERSION": "1.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_problem_component",
    ],
}

# --- Privacy (WGS/BGS, docs/privacy.md) ------------------------------------------------
# Terms the ZVH's privacy regulation sets; each must be a positive number (checked at start).
# Retention of a closed case's personal data, from the closing date.
CASUSREGIE_RETENTION_DAYS = env_int("RETENTION_DAYS", 5 * 365, minimum=1)
# The huisverbod decision itself (Wet tijdelijk huisverbod art. 10: five years).
CASUSREGIE_HUISVERBOD_RETENTION_DAYS = env_int("HUISVERBOD_RETENTION_DAYS", 5 * 365, minimum=1)
# The access log (NEN 7513: at least five years).
CASUSREGIE_AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 5 * 365, minimum=5 * 365)
# Days after a person is registered within which they are informed (or postponement recorded).
CASUSREGIE_INFORMING_DAYS = env_int("INFORMING_DAYS", 28, minimum=1)
# A data-subject request is answered within one month (AVG art. 12(3)), extendable by two.
CASUSREGIE_REQUEST_EXTENSION_MONTHS = env_int("REQUEST_EXTENSION_MONTHS", 2, minimum=1)
# How far ahead coordinators and log managers see the cases due for anonymisation.
CASUSREGIE_RETENTION_NOTICE_DAYS = env_int("RETENTION_NOTICE_DAYS", 30, minimum=1)
