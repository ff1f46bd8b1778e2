# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The region generator and the benchmark suite: management commands only, no models,
    no URLs in the application (bench/settings.py adds a bare page for the gunicorn run)."""

    name = "bench"
    verbose_name = "Benchmarks"
