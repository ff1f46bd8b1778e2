# SPDX-License-Identifier: EUPL-1.2
"""Read settings from environment variables, failing with one clear sentence.

A misconfigured deployment must stop before it serves anything, and say which variable
is wrong, without a traceback that might end up in a ticket or a chat.
"""

import os
import sys
from pathlib import Path

import dj_database_url


class ConfigurationError(Exception):
    """A missing or malformed environment variable."""


def read_env_file(path) -> None:
    """Take the `NAME=value` lines of a `.env` file (when there is one) as environment
    variables. A variable that is really set in the environment wins; empty values, blank
    lines and `#` comments mean nothing, so a copy of `.env.example` starts with the defaults."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, value = line.removeprefix("export ").partition("=")
        name, value = name.strip(), value.strip()
        if not sep or not name.isidentifier():
            raise ConfigurationError(f"Line {number} of {path} is not of the form NAME=value.")
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        if value:
            os.environ.setdefault(name, value)


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None or value == "":
        if default is None:
            raise ConfigurationError(f"The environment variable {name} is required but not set.")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(
        f"The environment variable {name} must be true or false, not {value!r}."
    )


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ConfigurationError(
            f"The environment variable {name} must be a whole number, not {value!r}."
        ) from None
    if number < minimum:
        raise ConfigurationError(f"The environment variable {name} must be at least {minimum}.")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_database(name: str, default: str) -> dict:
    value = env_str(name, default)
    try:
        config = dj_database_url.parse(value, conn_max_age=60, conn_health_checks=True)
    except Exception:
        raise ConfigurationError(
            f"The environment variable {name} is not a valid database URL "
            "(expected e.g. postgres://user@host:5432/name or sqlite:///path)."
        ) from None
    if not config.get("ENGINE"):
        raise ConfigurationError(f"The environment variable {name} names an unknown database.")
    return config


def env_broker_url(name: str, default: str) -> str:
    value = env_str(name, default)
    if "://" not in value:
        raise ConfigurationError(
            f"The environment variable {name} is not a valid broker URL "
            "(expected e.g. redis://127.0.0.1:6379/0)."
        )
    return value


def exit_on_configuration_error(error: ConfigurationError) -> None:
    """Print the one sentence and stop; used by manage.py, wsgi and celery."""
    sys.stderr.write(f"Casusregie cannot start: {error}\n")
    sys.exit(2)
