# SPDX-License-Identifier: EUPL-1.2
#!/usr/bin/env python
# SPDX-License-Identifier: EUPL-1.2
"""Django's command-line utility for Casusregie."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from config.env import ConfigurationError, exit_on_configuration_error

    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(sys.argv)
    except ConfigurationError as error:
        exit_on_configuration_error(error)


if __name__ == "__main__":
    main()
