# SPDX-License-Identifier: EUPL-1.2
from django.db import models
from django.utils.translation import gettext_lazy as _


class Municipality(models.Model):
    """A reference list the functional administrator keeps (the 14 Twente municipalities)."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self) -> str:
        return self.name
