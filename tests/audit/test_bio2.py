# SPDX-License-Identifier: EUPL-1.2
"""BIO2 log lines: result and origin on every entry, a keyed chain, a daily check that
records an incident and tells the log managers, and the head written outside the DB."""

import pytest
from django.test import Client

from audit.models import KEYED_SCHEME, Action, AuditEntry, Result
from audit.services import GENESIS, audit_chain_breaks, audit_chain_check, audit_record
from audit.tasks import chain_check
from notifications.models import Notification
from tests.access.helpers import case_with_team
from tests.audit.test_chain import tampering
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def head_file(settings, tmp_path):
    settings.AUDIT_HEAD_SINK = f"file:{tmp_path / 'head.log'}"
    return tmp_path / "head.log"


def test_every_entry_records_result_and_origin(settings):
    settings.AUDIT_TRUSTED_PROXIES = ["10.0.0.2"]
    team = case_with_team()
    client = Client(
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.7, 10.0.0.2",
        HTTP_USER_AGENT="Firefox/130 (fictief)",
    )
    client.force_login(team.case.coordinator)
    client.get(f"/cases/{team.case.pk}/")
    client.get(f"/cases/{team.case.pk + 999}/")
    seen = AuditEntry.objects.filter(user_id=team.case.coordinator.pk).order_by("-pk")[:2]
    denied, viewed = list(seen)
    assert viewed.action == Action.VIEW and viewed.result == Result.SUCCESS
    assert denied.action == Action.DENIED and denied.result == Result.REFUSED
    for entry in (viewed, denied):
        assert entry.origin_address == "203.0.113.7"
        assert len(entry.user_agent_digest) == 16
        assert "Firefox" not in entry.user_agent_digest


def test_a_forwarded_header_from_an_untrusted_peer_is_ignored(settings):
    settings.AUDIT_TRUSTED_PROXIES = []
    user = case_with_team().case.coordinator
    client = Client(REMOTE_ADDR="198.51.100.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    client.force_login(user)
    client.get("/cases/99999/")
    assert AuditEntry.objects.filter(user_id=user.pk).latest("pk").origin_address == "198.51.100.1"


def test_a_failed_login_is_a_failed_result_and_an_unknown_username_is_not_stored(client):
    client.post("/accounts/login/", {"username": "Geheim-Wachtwoord-123", "password": "x"})
    entry = AuditEntry.objects.filter(action=Action.FAILED_LOGIN).latest("pk")
    assert entry.result == Result.FAILED
    assert "Geheim" not in entry.username and entry.username.startswith("onbekend:")
    # The same text twice gives the same digest, so repeated attempts stay visible.
    client.post("/accounts/login/", {"username": "Geheim-Wachtwoord-123", "password": "x"})
    assert AuditEntry.objects.filter(username=entry.username).count() == 2


def test_a_known_username_is_kept(client):
    UserFactory(partner=True, username="piet")
    client.post("/accounts/login/", {"username": "piet", "password": "fout"})
    assert AuditEntry.objects.filter(action=Action.FAILED_LOGIN, username="piet").exists()


def test_a_row_appended_without_the_key_is_detected():
    user = UserFactory(coordinator=True)
    last = audit_record(actor=user, action=Action.VIEW)
    assert last.scheme == KEYED_SCHEME
    assert list(audit_chain_breaks()) == []
    # Someone who can write to the database but lacks the key chains a row correctly,
    # with the only hash they can compute.
    import hashlib

    forged = AuditEntry(
        at=last.at,
        username="vervalst",
        action=Action.VIEW,
        previous_hash=last.hash,
        scheme=KEYED_SCHEME,
    )
    forged.hash = hashlib.sha256(forged.canonical().encode()).hexdigest()
    forged.save(force_insert=True)
    assert [b.entry_id for b in audit_chain_breaks()] == [forged.pk]
    # Pretending to be an old, unkeyed entry does not help either.
    legacy = AuditEntry(
        at=last.at, username="oud", action=Action.VIEW, previous_hash=forged.hash, scheme=1
    )
    legacy.hash = legacy.compute_hash()
    legacy.save(force_insert=True)
    assert legacy.pk in [b.entry_id for b in audit_chain_breaks()]


def test_the_daily_check_writes_the_head_and_finds_nothing_on_an_intact_chain(head_file):
    user = UserFactory(coordinator=True)
    entry = audit_record(actor=user, action=Action.VIEW)
    assert chain_check() == 0
    assert f"hash={entry.hash}" in head_file.read_text()
    assert not AuditEntry.objects.filter(action=Action.INCIDENT).exists()


def test_a_broken_chain_records_an_incident_and_tells_the_log_managers(head_file):
    from django.utils import timezone

    log_manager = UserFactory(log_manager=True)
    user = UserFactory(coordinator=True)
    entries = [audit_record(actor=user, action=Action.VIEW, path=f"/{i}/") for i in range(3)]
    with tampering():
        AuditEntry.objects.filter(pk=entries[1].pk).update(path="/anders/")
    breaks = audit_chain_check(now=timezone.now())
    assert breaks and breaks[0].entry_id == entries[1].pk
    incident = AuditEntry.objects.filter(action=Action.INCIDENT).latest("pk")
    assert incident.result == Result.FAILED
    note = Notification.objects.get(recipient=log_manager, kind="audit_incident")
    assert str(entries[1].pk) in note.message


def test_removing_the_newest_entries_is_found_through_the_written_head(head_file):
    from django.utils import timezone

    UserFactory(log_manager=True)
    user = UserFactory(coordinator=True)
    for i in range(3):
        audit_record(actor=user, action=Action.VIEW, path=f"/{i}/")
    assert audit_chain_check(now=timezone.now()) == []
    newest = AuditEntry.objects.order_by("-pk")[:2]
    with tampering():
        AuditEntry.objects.filter(pk__in=[e.pk for e in newest]).delete()
    breaks = audit_chain_check(now=timezone.now())
    assert [b.reason for b in breaks] == ["removed"]
    assert GENESIS not in head_file.read_text().splitlines()[0]
