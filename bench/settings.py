# SPDX-License-Identifier: EUPL-1.2
"""Settings for the benchmark runs: the application's settings with DEBUG off, mail kept in
memory, and one extra page (bench/urls.py) that renders the base template."""

from config.settings import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "bench.urls"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
