# SPDX-License-Identifier: EUPL-1.2
"""The Celery application: a worker consumes, exactly one beat schedules periodic scans."""

import contextlib
import logging
import logging.config
import os

from celery import Celery
from celery.signals import before_task_publish, setup_logging, task_postrun, task_prerun

from config import logs
from config.env import ConfigurationError, exit_on_configuration_error

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

task_logger = logging.getLogger("casusregie.tasks")

app = Celery("casusregie")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="casusregie.ping", ignore_result=False)
def ping() -> str:
    """Answers 'pong': proves a worker consumes from the broker (health and tests)."""
    return "pong"


@setup_logging.connect
def _log_through_django_settings(**kwargs) -> None:
    """Worker and beat log through settings.LOGGING (JSON lines with the ids), not through
    Celery's own handlers and levels."""
    from django.conf import settings  # noqa: PLC0415 - the settings load after the app

    logging.config.dictConfig(settings.LOGGING)


@before_task_publish.connect
def _send_log_ids(headers=None, **kwargs) -> None:
    """A task carries the ids of the request (or task) that enqueued it (config/logs.py)."""
    if headers is not None:
        headers.setdefault(logs.REQUEST_ID_HEADER, logs.request_id_var.get())
        headers.setdefault(logs.TRACE_ID_HEADER, logs.trace_id_var.get())


_bound: dict[str, tuple] = {}


@task_prerun.connect
def _bind_log_ids(task_id=None, task=None, **kwargs) -> None:
    """Before a task runs: the ids from its headers; an eager task keeps its caller's."""
    request = task.request
    current_request_id, current_trace_id = logs.request_id_var.get(), logs.trace_id_var.get()
    request_id = logs.valid_request_id(getattr(request, logs.REQUEST_ID_HEADER, None))
    trace_id = logs.valid_request_id(getattr(request, logs.TRACE_ID_HEADER, None))
    _bound[task_id] = logs.bind(
        request_id=request_id
        or (current_request_id if current_request_id != "-" else None)
        or task_id,
        trace_id=trace_id
        or (current_trace_id if current_trace_id != "-" else None)
        or logs.new_trace_id(),
    )
    task_logger.info(
        "task %s started", task.name, extra={"event": "task", "task": task.name, "task_id": task_id}
    )


@task_postrun.connect
def _unbind_log_ids(task_id=None, **kwargs) -> None:
    tokens = _bound.pop(task_id, None)
    if tokens is not None:
        with contextlib.suppress(ValueError):  # bound in another context: nothing to undo
            logs.unbind(tokens)


def _load_settings_or_exit() -> None:
    """Read the settings now, so a bad variable stops a worker with one sentence."""
    from django.conf import settings  # noqa: PLC0415 — settings are read only when the worker starts

    try:
        settings.INSTALLED_APPS  # noqa: B018 - forces the settings to load
    except ConfigurationError as error:
        exit_on_configuration_error(error)


_load_settings_or_exit()
