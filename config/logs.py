# SPDX-License-Identifier: EUPL-1.2
"""Structured logs: one JSON object per line, each with the request id and the trace id.

The ids live in context variables. A web request sets them in `RequestIdMiddleware`
(taking a valid incoming `X-Request-ID` / W3C `traceparent`, or making new ones); a task
published while they are set carries them in its message headers, and the worker sets them
again before the task runs, so every line one user action causes, in any process, shares
one trace id. Only whitelisted fields are written: a stray `extra={"request": ...}` (as
Django's own loggers pass) never puts a request, its cookies or its form data in a log.
"""

import contextvars
import json
import logging
import re
import secrets
from datetime import UTC, datetime

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
trace_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("trace_id", default="-")

REQUEST_ID_HEADER = "casusregie_request_id"
TRACE_ID_HEADER = "casusregie_trace_id"
_REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_TRACEPARENT_RE = re.compile(r"^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$")
# Fields a caller may add with extra={...}; anything else is dropped.
EXTRA_FIELDS = (
    "method", "path", "status", "duration_ms", "task", "task_id", "event", "view",
)  # fmt: skip


def new_request_id() -> str:
    return secrets.token_hex(16)


def new_trace_id() -> str:
    return secrets.token_hex(16)


def valid_request_id(value: str | None) -> str | None:
    return value if value and _REQUEST_ID_RE.match(value) else None


def trace_id_from_traceparent(value: str | None) -> str | None:
    match = _TRACEPARENT_RE.match(value or "")
    if match is None or match.group(1) == "0" * 32:
        return None
    return match.group(1)


def bind(*, request_id: str, trace_id: str) -> tuple[contextvars.Token, contextvars.Token]:
    return request_id_var.set(request_id), trace_id_var.set(trace_id)


def unbind(tokens: tuple[contextvars.Token, contextvars.Token]) -> None:
    request_id_var.reset(tokens[0])
    trace_id_var.reset(tokens[1])


class ContextFilter(logging.Filter):
    """Puts the current request id and trace id on every record (attach to the handler)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        record.trace_id = trace_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """One line of JSON per record: time, level, logger, message, ids, whitelisted extras."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id_var.get()),
            "trace_id": getattr(record, "trace_id", trace_id_var.get()),
            "process": record.process,
        }
        for name in EXTRA_FIELDS:
            if name in record.__dict__:
                entry[name] = record.__dict__[name]
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def logging_config(*, level: str, json_format: bool) -> dict:
    """The LOGGING dict of settings.py (also used by gunicorn's deploy/gunicorn.conf.py)."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"context": {"()": "config.logs.ContextFilter"}},
        "formatters": {
            "json": {"()": "config.logs.JsonFormatter"},
            "plain": {
                "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s %(trace_id)s] "
                "%(message)s"
            },
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json" if json_format else "plain",
                "filters": ["context"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "WARNING"},
            # The access line below replaces runserver's and gunicorn's own (with query strings).
            "django.server": {"level": "WARNING"},
            "gunicorn.access": {"level": "WARNING"},
            # axes logs every login at INFO with request details; lock-outs stay visible.
            "axes": {"level": "WARNING"},
        },
    }
