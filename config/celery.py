# SPDX-License-Identifier: EUPL-1.2
"""The Celery application: a worker consumes, exactly one beat schedules periodic scans."""

import os

from celery import Celery

from config.env import ConfigurationError, exit_on_configuration_error

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("casusregie")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="casusregie.ping", ignore_result=False)
def ping() -> str:
    """Answers 'pong': proves a worker consumes from the broker (health and tests)."""
    return "pong"


def _load_settings_or_exit() -> None:
    """Read the settings now, so a bad variable stops a worker with one sentence."""
    from django.conf import settings  # noqa: PLC0415 — settings are read only when the worker starts

    try:
        settings.INSTALLED_APPS  # noqa: B018 - forces the settings to load
    except ConfigurationError as error:
        exit_on_configuration_error(error)


_load_settings_or_exit()
