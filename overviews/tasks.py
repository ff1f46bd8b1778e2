# SPDX-License-Identifier: EUPL-1.2
"""Thin, idempotent Celery tasks: take ids, call one service."""

from celery import shared_task

from accounts.models import User
from overviews.kept import recompute
from overviews.models import KeptFigures
from overviews.permissions import can_view_figures


@shared_task(name="overviews.refresh_kept_figures", acks_late=True)
def refresh_kept_figures(*, user_id: int, page: str, year: int) -> None:
    """New figures for a page a user looked at (overviews.kept); none for a user who may no
    longer see it (deactivated, or another role since the refresh was asked)."""
    user = User.objects.filter(pk=user_id).first()
    if user is None or not can_view_figures(user, page):
        KeptFigures.objects.filter(user_id=user_id, page=page).delete()
        return
    recompute(user, page, year)
