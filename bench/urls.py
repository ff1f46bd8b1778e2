# SPDX-License-Identifier: EUPL-1.2
"""The application's URLs plus /bench/base/: the base template for a logged-in user, the
yardstick of the gunicorn throughput run. Only used by bench/settings.py."""

from django.shortcuts import render
from django.urls import include, path


def base_template_view(request):
    return render(request, "base.html")


urlpatterns = [
    path("bench/base/", base_template_view, name="bench_base"),
    path("", include("config.urls")),
]
