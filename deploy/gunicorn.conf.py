# SPDX-License-Identifier: EUPL-1.2
"""gunicorn in production: its own lines in the same JSON shape as the application's.

The per-request access line comes from config.middleware (without query strings), so
gunicorn's access log stays off.
"""

import os

from config.logs import logging_config

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
accesslog = None
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
logconfig_dict = logging_config(
    level=os.environ.get("LOG_LEVEL", "INFO"),
    json_format=os.environ.get("LOG_FORMAT", "json") == "json",
)
# gunicorn gives its error logger a handler of its own; this one replaces it.
logconfig_dict["loggers"]["gunicorn.error"] = {
    "handlers": ["console"],
    "level": os.environ.get("LOG_LEVEL", "INFO"),
    "propagate": False,
}
