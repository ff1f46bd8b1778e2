# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OverviewsConfig(AppConfig):
    name = "overviews"
    verbose_name = _("Overzichten")
