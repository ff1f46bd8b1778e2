# SPDX-License-Identifier: EUPL-1.2
import os

from config.env import ConfigurationError, exit_on_configuration_error

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

try:
    from django.core.asgi import get_asgi_application

    application = get_asgi_application()
except ConfigurationError as error:
    exit_on_configuration_error(error)
