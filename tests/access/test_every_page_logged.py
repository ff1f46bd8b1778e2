# SPDX-License-Identifier: EUPL-1.2
"""Every page that shows case data records it. The URLs come from the resolver (as in the
authorisation matrix): a page that shows the case's reference, or anything of its team,
without an access-log entry naming the case fails this test."""

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from audit.models import AuditEntry
from conferences.services import conference_schedule
from notifications.services import notifications_create
from tests.access.helpers import case_urls, case_with_team, member_in_role

pytestmark = pytest.mark.django_db

SKIP = ("admin:", "accounts:logout", "set_language")


def _all_urls(known: dict) -> list[str]:
    """Every named URL of the project, filled with the ids we know (1 otherwise)."""
    found = {}

    def walk(patterns, namespace, converters):
        for entry in patterns:
            pattern = entry.pattern
            here = {**converters, **dict(getattr(pattern, "converters", {}))}
            if isinstance(entry, URLResolver):
                ns = namespace
                if entry.namespace:
                    ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                walk(entry.url_patterns, ns, here)
            elif isinstance(entry, URLPattern) and entry.name:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                if name.startswith(SKIP):
                    continue
                kwargs = {}
                for arg, converter in here.items():
                    kind = type(converter).__name__
                    if arg in known:
                        kwargs[arg] = known[arg]
                    elif kind == "SlugConverter":
                        kwargs[arg] = "start"
                    elif kind in ("StringConverter", "PathConverter"):
                        kwargs[arg] = "x"
                    else:
                        kwargs[arg] = 1
                try:
                    found[name] = reverse(name, kwargs=kwargs)
                except Exception:  # noqa: BLE001 — a pattern we cannot fill is not a page
                    continue

    walk(get_resolver().url_patterns, "", {})
    return sorted(set(found.values()))


def test_the_walk_covers_the_case_pages():
    team = case_with_team()
    paths = _all_urls({"case_pk": team.case.pk})
    for url in case_urls():
        assert any(p.startswith(f"/cases/{team.case.pk}") for p in paths), url


@pytest.mark.parametrize("role", ["coordinator", "partner", "zvh_manager", "municipality_official"])
def test_every_page_showing_case_data_names_the_case_in_the_log(client, role):
    team = case_with_team()
    case = team.case
    member = case.coordinator if role == "coordinator" else member_in_role(team, role)
    conference = conference_schedule(
        actor=case.coordinator,
        kind="code_rood",
        starts_at=timezone.now() + datetime.timedelta(days=3),
        location="Zaal (fictief)",
        cases=[case],
        organisations=[team.zvh, team.partner_org, team.municipality_org],
    )
    notifications_create(
        recipient_ids=[member.pk],
        kind="test",
        message=f"Casus {case.reference} is gewijzigd.",
        event_key="test:1",
        case_id=case.pk,
    )
    known = {
        "case_pk": case.pk,
        "person_pk": team.person.pk,
        "membership_pk": team.membership.pk,
        "pk": conference.pk,
    }
    client.force_login(member)
    silent = []
    for path in _all_urls(known):
        last = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        response = client.get(path)
        if response.status_code != 200 or response.get("Content-Type", "").startswith(
            "application/pdf"
        ):
            continue
        shown = case.reference in response.content.decode(errors="ignore")
        named = AuditEntry.objects.filter(pk__gt=last, case_id=case.pk).exists()
        if shown and not named:
            silent.append(path)
    assert silent == [], "\n".join(silent)
