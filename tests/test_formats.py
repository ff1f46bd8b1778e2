# SPDX-License-Identifier: EUPL-1.2
"""Local time and one date format per kind; numbers in SVG never localised."""

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from config.formats import local_date, local_datetime
from huisverbod.forms import HuisverbodForm
from huisverbod.models import Toetsing
from overviews.selectors import bar_chart
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory

ROOT = Path(__file__).resolve().parents[1]
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NAMED = {"DATE_FORMAT", "DATETIME_FORMAT", "c"}


@pytest.mark.django_db
def test_the_toetsing_dropdown_shows_the_time_as_entered_in_amsterdam():
    case = CaseFactory()
    Toetsing.objects.create(
        case=case,
        assessed_at=datetime.datetime(2026, 3, 10, 5, 32, tzinfo=AMSTERDAM),
        participants="HOvJ, Veilig Thuis",
        outcome="huisverbod",
        recorded_by=UserFactory(coordinator=True),
    )
    form = HuisverbodForm(case=case)
    labels = [label for _value, label in form.fields["toetsing"].choices if _value]
    assert labels == ["10 maart 2026 05:32"]


def test_every_template_date_uses_a_named_format():
    odd = []
    for template in (ROOT / "templates").rglob("*.html"):
        for fmt in re.findall(r"\|date:[\"']([^\"']*)[\"']", template.read_text()):
            if fmt not in NAMED and fmt != "j F Y H:i:s":  # the access log keeps seconds
                odd.append(f"{template.relative_to(ROOT)}: {fmt}")
    assert not odd, odd


def test_python_code_formats_shown_moments_through_config_formats():
    odd = []
    for source in ROOT.glob("*/**/*.py"):
        parts = source.relative_to(ROOT).parts
        if parts[0] in {"tests", ".venv", "var", "bench", "scripts"} or "migrations" in parts:
            continue
        for line in source.read_text().splitlines():
            if re.search(r"strftime\(\"%d|date_format\([^)]*\"j", line):
                odd.append(f"{source.relative_to(ROOT)}: {line.strip()}")
    assert not odd, odd


@pytest.mark.parametrize(("language", "month"), [("nl", "maart"), ("en", "March")])
def test_local_helpers_show_amsterdam_wall_clock(language, month):
    moment = datetime.datetime(2026, 3, 29, 0, 30, tzinfo=datetime.UTC)  # 01:30 / clocks move
    with translation.override(language):
        assert local_datetime(moment) == f"29 {month} 2026 01:30"
        assert local_date(datetime.datetime(2026, 3, 28, 23, 30, tzinfo=datetime.UTC)) == (
            f"29 {month} 2026"
        )


@pytest.mark.parametrize("language", ["nl", "en"])
def test_bar_chart_numbers_are_never_written_with_a_decimal_comma(language):
    chart = bar_chart([("Enschede", 3), ("Hengelo", 1)])
    with translation.override(language):
        svg = render_to_string(
            "overviews/partials/_bar_chart.html", {"chart": chart, "caption": "x"}
        )
    widths = re.findall(r'<rect[^>]*width="([^"]*)"', svg)
    assert widths == ["360.0", "120.0"]
