# SPDX-License-Identifier: EUPL-1.2
import os

from config.env import ConfigurationError, exit_on_configuration_error

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

try:
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
except ConfigurationError as error:
    exit_on_configuration_error(error)
