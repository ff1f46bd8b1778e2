# SPDX-License-Identifier: EUPL-1.2
"""Thin, idempotent Celery tasks: take ids, call one service."""

from celery import shared_task

from accounts.models import User
from overviews.kept import recompute
from overviews.models import KeptFigures


@shared_task(name="overviews.refresh_kept_figures", acks_late=True)
def refresh_kept_figures(*, user_id: int, page: str, year: int) -> None:
    """New figures for a page a user looked at (overviews.kept); none for a user who may no
    longer see it."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        KeptFigures.objects.filter(user_id=user_id).delete()
        return
    recompute(user, page, year)
