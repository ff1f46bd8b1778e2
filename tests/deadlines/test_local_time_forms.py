# SPDX-License-Identifier: EUPL-1.2
"""Issue 12: local time is exact or refused, everywhere. The hour that occurs twice (the
night the clocks go back) is entered with a choice of its first or second occurrence, shown
as CEST/CET; a proposal the system pre-fills is accepted unchanged; the skipped spring hour
is refused on the page with the services' message."""

import datetime
import re
from unittest import mock

import pytest
from django.urls import reverse

from config.forms import Form, LocalDateTimeField
from huisverbod.models import Huisverbod
from tests.deadlines.conftest import AMS, impose, local

pytestmark = pytest.mark.django_db

# 31-10-2027 is the last Sunday of October: 02:00-03:00 happens twice.
IMPOSED = local(2027, 10, 3, 2, 30)  # CEST; 28 days later is 31-10-2027 02:30, the first time
NOW = local(2027, 10, 8, 12, 0)


def _frozen():
    return mock.patch("django.utils.timezone.now", return_value=NOW.astimezone(datetime.UTC))


def _extend_url(world, hv):
    return reverse("huisverbod:huisverbod_extend", args=[world.case.pk, hv.pk])


def _filled(page: str) -> dict:
    """What the page pre-fills, as a browser would send it back."""
    data = {}
    for tag in re.findall(r"<input[^>]*>", page):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if not name or name.group(1) == "csrfmiddlewaretoken":
            continue
        if 'type="radio"' in tag and "checked" not in tag:
            continue
        data[name.group(1)] = value.group(1) if value else ""
    return data


def test_the_extension_page_proposes_the_legal_maximum_and_accepts_it_unchanged(client, world):
    hv = impose(world, IMPOSED, now=IMPOSED + datetime.timedelta(minutes=5))
    with _frozen():
        client.force_login(world.official)
        page = client.get(_extend_url(world, hv)).content.decode()
        assert 'value="2027-10-31T02:30"' in page
        assert "CEST, zomertijd" in page and "CET, wintertijd" in page
        data = _filled(page)
        assert data["new_end_occurrence"] == "first"
        data["reason"] = "Advies Veilig Thuis: de dreiging houdt aan."
        response = client.post(_extend_url(world, hv), data)
    assert response.status_code == 302, response.content.decode()
    hv.refresh_from_db()
    assert hv.status == "extended"
    # The first 02:30 (CEST) is 00:30 UTC. (An ambiguous local time never compares equal
    # across zones, PEP 495, so the comparison is in UTC.)
    assert hv.ends_at == datetime.datetime(2027, 10, 31, 0, 30, tzinfo=datetime.UTC)


def test_a_time_of_the_double_hour_without_a_choice_asks_which_one_and_keeps_the_text(
    client, world
):
    hv = impose(world, IMPOSED, now=IMPOSED + datetime.timedelta(minutes=5))
    reason = "Besluit van de burgemeester — Ayşe Kılıç is gehoord."
    with _frozen():
        client.force_login(world.official)
        response = client.post(
            _extend_url(world, hv), {"new_end": "2027-10-31T02:30", "reason": reason}
        )
    page = response.content.decode()
    assert response.status_code == 200
    assert "komt die nacht twee keer voor" in page
    assert 'type="radio"' in page and "CEST, zomertijd" in page
    assert reason in page and 'value="2027-10-31T02:30"' in page
    hv.refresh_from_db()
    assert hv.status == "imposed"


def test_the_second_occurrence_is_an_hour_later_and_past_the_legal_maximum(client, world):
    hv = impose(world, IMPOSED, now=IMPOSED + datetime.timedelta(minutes=5))
    with _frozen():
        client.force_login(world.official)
        response = client.post(
            _extend_url(world, hv),
            {"new_end": "2027-10-31T02:30", "new_end_occurrence": "second", "reason": "x"},
        )
    assert "uiterlijk 28 dagen na het opleggen" in response.content.decode()
    hv.refresh_from_db()
    assert hv.status == "imposed"


def test_the_skipped_spring_hour_is_refused_on_the_page_with_the_services_message(client, world):
    url = reverse("huisverbod:huisverbod_create", args=[world.case.pk])
    spring_now = local(2027, 3, 28, 5, 0).astimezone(datetime.UTC)
    with mock.patch("django.utils.timezone.now", return_value=spring_now):
        client.force_login(world.police)
        response = client.post(
            url,
            {
                "person": world.perpetrator.pk,
                "imposed_at": "2027-03-28T02:30",
                "imposed_by": "assistant_prosecutor",
                "contact_ban_persons": [world.victim.pk],
            },
        )
    page = response.content.decode()
    assert response.status_code == 200
    assert "bestaat niet: die nacht gaat de klok een uur vooruit" in page
    assert 'value="2027-03-28T02:30"' in page
    assert not Huisverbod.objects.exists()


class _When(Form):
    at = LocalDateTimeField()


@pytest.mark.parametrize(("occurrence", "utc_hour"), [("first", 0), ("second", 1)])
def test_each_occurrence_is_a_different_instant(occurrence, utc_hour):
    form = _When({"at": "2027-10-31T02:30", "at_occurrence": occurrence})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["at"].astimezone(datetime.UTC).hour == utc_hour
    assert form.cleaned_data["at"].astimezone(AMS).strftime("%H:%M") == "02:30"


def test_an_ordinary_time_needs_no_choice_and_shows_none():
    form = _When({"at": "2027-10-30T02:30"})
    assert form.is_valid(), form.errors
    assert "radio" not in str(form)
    unbound = _When(initial={"at": local(2027, 10, 31, 2, 30).replace(fold=1)})
    assert re.search(r'value="second"[^>]*checked', str(unbound))
