# SPDX-License-Identifier: EUPL-1.2
"""Casusregie settings, read from environment variables (see .env.example and README)."""

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
)

BASE_DIR = Path(__file__).resolve().parent.parent
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
    "overviews",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
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
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "accounts.backends.LoginAttemptBackend",  # django-axes lock-out, must be first
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
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

# Idle sessions end: every request renews the cookie, silence lets it expire.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30, minimum=1) * 60
SESSION_SAVE_EVERY_REQUEST = True
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

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise expects it, even before collectstatic
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
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
    "deadline-scan": {"task": "casework.deadline_scan", "schedule": 60.0},
    # Retention: anonymise closed cases whose retention date has passed (docs/privacy.md).
    "retention-anonymise": {"task": "privacy.retention_anonymise_due", "schedule": 86400.0},
}

# --- Mail -----------------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "casusregie@localhost")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

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
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_COOKIE_HTTPONLY = True

# --- Logging: no personal data; request paths carry only opaque ids. ------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # axes logs every login at INFO with request details; lock-outs stay visible.
        "axes": {"level": "WARNING"},
    },
}

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
# A reminder dispatched this long after its planned instant is marked late.
CASUSREGIE_REMINDER_LATE_AFTER = timedelta(minutes=5)
# A delivery not done this long after it was enqueued is enqueued again by the scan.
CASUSREGIE_REMINDER_REQUEUE_AFTER = timedelta(minutes=15)

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
