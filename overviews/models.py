# SPDX-License-Identifier: EUPL-1.2
"""Kept figures (issue 14): the manager's dashboard and the factsheet add up every case a
user may see — eight years, 100,000 cases, about a second of database time — so their
figures are computed once and kept here, per user, page and year, and recomputed by the
worker when they are older than a quarter of an hour (overviews.kept). Only counts,
shares and names of organisations and municipalities: no case, no person."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FiguresPage(models.TextChoices):
    MANAGER = "manager", _("Manageroverzicht")
    FACTSHEET = "factsheet", _("Jaarfactsheet")


class KeptFigures(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    page = models.CharField(max_length=20, choices=FiguresPage.choices)
    year = models.PositiveSmallIntegerField()
    figures = models.JSONField()
    computed_at = models.DateTimeField()
    # When a page asked the worker for new figures; one request per quarter is enough.
    refresh_asked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("bewaarde cijfers")
        verbose_name_plural = _("bewaarde cijfers")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "page", "year"], name="overviews_keptfigures_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_page_display()} {self.year}"
