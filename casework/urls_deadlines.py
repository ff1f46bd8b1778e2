# SPDX-License-Identifier: EUPL-1.2
"""URLs of huisverboden, deadlines, escalations and notifications (issue 6)."""

from django.urls import path  # noqa: F401

app_name = "deadlines"

urlpatterns: list = []
