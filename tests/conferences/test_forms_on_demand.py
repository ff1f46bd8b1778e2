# SPDX-License-Identifier: EUPL-1.2
"""The conference page loads each case's decision and action form on demand (issue 14):
the page holds a link per form, htmx swaps the form in, without JavaScript the link opens
the form on its own page; the forms post to the operations' URLs as before. Opening a form
is checked and recorded like the page itself."""

import pytest
from django.urls import reverse

from audit.models import Action as AuditAction
from audit.models import AuditEntry
from conferences.models import Decision
from tests.conferences.test_conferences import schedule, schedule_held
from tests.factories import OrganisationFactory, UserFactory
from tests.factories.cases import CaseFactory, add_partner, ready_to_start

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def world():
    coordinator = UserFactory(coordinator=True)
    case = ready_to_start(CaseFactory(coordinator=coordinator))
    partner = UserFactory(organisation=add_partner(case), partner=True)
    conference = schedule(coordinator, [case])
    return coordinator, partner, case, conference, conference.parts.get()


def form_url(conference, part, name):
    return reverse("conferences:part_form", args=[conference.pk, part.pk, name])


def test_the_page_links_to_the_forms_instead_of_rendering_them(client, world):
    coordinator, _partner, _case, conference, part = world
    client.force_login(coordinator)
    html = client.get(reverse("conferences:conference_detail", args=[conference.pk])).content
    html = html.decode()
    for name, label in (("decision", "Nieuw besluit"), ("action", "Nieuwe actie")):
        url = form_url(conference, part, name)
        assert f'href="{url}"' in html and f'hx-get="{url}"' in html and label in html
    # No owner list, no transition list, no Top-3 on the page itself.
    assert "-action-owner_user" not in html and "-decision-proposed_transition" not in html
    # The notes and the new agenda point stay on the page.
    assert f"p{part.pk}-notes-notes" in html and f"p{part.pk}-agenda-text" in html


@pytest.mark.parametrize(
    ("name", "field", "post"),
    [("decision", "proposed_transition", "decision"), ("action", "owner_user", "action")],
)
def test_the_coordinator_opens_a_form_with_and_without_javascript(client, world, name, field, post):
    coordinator, _partner, case, conference, part = world
    client.force_login(coordinator)
    before = AuditEntry.objects.filter(case_id=case.pk, action=AuditAction.VIEW).count()
    partial = client.get(form_url(conference, part, name), headers=HTMX)
    assert partial.status_code == 200
    html = partial.content.decode()
    assert "<html" not in html  # only the form, swapped into the page
    assert f'name="p{part.pk}-{name}-{field}"' in html
    assert f'action="{reverse(f"conferences:{post}", args=[conference.pk, part.pk])}"' in html
    assert "HX-Request" in partial["Vary"]
    assert html.count("autofocus") == 1  # the first field takes the focus
    page = client.get(form_url(conference, part, name))
    assert page.status_code == 200
    html = page.content.decode()
    assert (
        "<html" in html and case.reference in html and f'name="p{part.pk}-{name}-{field}"' in html
    )
    assert reverse("conferences:conference_detail", args=[conference.pk]) in html  # the way back
    # Each opening reads the case, and is in the access log.
    after = AuditEntry.objects.filter(case_id=case.pk, action=AuditAction.VIEW).count()
    assert after == before + 2


def test_the_form_opened_on_its_own_page_records_the_decision(client, world):
    coordinator, _partner, _case, conference, part = world
    client.force_login(coordinator)
    assert client.get(form_url(conference, part, "decision")).status_code == 200
    response = client.post(
        reverse("conferences:decision", args=[conference.pk, part.pk]),
        {f"p{part.pk}-decision-text": "Handhaven", f"p{part.pk}-decision-proposal": "none"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#part-{part.pk}")
    assert Decision.objects.get(part=part).text == "Handhaven"


def test_partners_strangers_and_other_coordinators_get_404_and_are_logged(client, world):
    _coordinator, partner, _case, conference, part = world
    other_coordinator = UserFactory(coordinator=True)
    stranger = UserFactory(organisation=OrganisationFactory(police=True), partner=True)
    for user in (partner, other_coordinator, stranger):
        client.force_login(user)
        for name in ("decision", "action"):
            for headers in (HTMX, {}):
                denied = AuditEntry.objects.filter(
                    user_id=user.pk, action=AuditAction.DENIED
                ).count()
                response = client.get(form_url(conference, part, name), headers=headers)
                assert response.status_code == 404, (user, name)
                assert f"p{part.pk}-{name}" not in response.content.decode()
                if user is partner:  # sees the conference, may not run it: refusal logged
                    assert (
                        AuditEntry.objects.filter(
                            user_id=user.pk, action=AuditAction.DENIED
                        ).count()
                        == denied + 1
                    )


def test_what_is_not_there_is_404(client, world):
    coordinator, _partner, _case, conference, part = world
    other = schedule(coordinator, [ready_to_start(CaseFactory(coordinator=coordinator))])
    client.force_login(coordinator)
    assert client.get(form_url(conference, part, "notes")).status_code == 404  # not on demand
    assert client.get(form_url(conference, part, "x" * 40)).status_code == 404
    assert client.get(form_url(other, part, "action")).status_code == 404  # another's part
    missing = reverse("conferences:part_form", args=[conference.pk, part.pk + 999, "action"])
    assert client.get(missing).status_code == 404
    no_conference = reverse("conferences:part_form", args=[conference.pk + 999, part.pk, "action"])
    assert client.get(no_conference).status_code == 404
    assert client.post(form_url(conference, part, "action"), {}).status_code == 405


def test_no_form_once_the_minutes_are_adopted(client):
    coordinator = UserFactory(coordinator=True)
    case = ready_to_start(CaseFactory(coordinator=coordinator))
    conference = schedule_held(coordinator, [case])
    part = conference.parts.get()
    client.force_login(coordinator)
    client.post(reverse("conferences:minutes_adopt", args=[conference.pk]), {"confirm": "yes"})
    conference.refresh_from_db()
    assert conference.is_frozen
    html = client.get(reverse("conferences:conference_detail", args=[conference.pk])).content
    assert form_url(conference, part, "action") not in html.decode()
    assert client.get(form_url(conference, part, "action")).status_code == 404


@pytest.mark.parametrize("name", ["decision", "action"])
def test_a_form_reads_a_fixed_number_of_queries_however_many_cases(
    client, django_assert_max_num_queries, name
):
    coordinator = UserFactory(coordinator=True)
    client.force_login(coordinator)
    counts = []
    for n in (1, 6):
        cases = [ready_to_start(CaseFactory(coordinator=coordinator)) for _ in range(n)]
        conference = schedule(coordinator, cases)
        part = conference.parts.first()
        client.get(form_url(conference, part, name), headers=HTMX)
        with django_assert_max_num_queries(20) as captured:
            assert client.get(form_url(conference, part, name), headers=HTMX).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
