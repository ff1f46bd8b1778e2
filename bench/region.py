# SPDX-License-Identifier: EUPL-1.2
"""A deterministic fake region: eight years of a Zorg- en Veiligheidshuis.

`generate_region(cases=N, seed=S)` writes, per 100,000 cases, about 60 organisations,
2,000 users, 520k memberships with 1.1M object permissions, 300k persons, 1.5M safety
agreements, 1M deadlines, 2.5M notifications and 1M access-log entries, through COPY
(PostgreSQL) or multi-row inserts (SQLite, for the tests). Everything derives from one
`random.Random(seed)` and the anchor date, so the same arguments give the same region.

Object permissions follow casework.services.access exactly: an organisation taking part
gets view_case and record_incident on the case through its group (a ZVH also
manage_case), a named professional gets view_case and record_incident as a user, and a
membership that was removed leaves no permission behind. tests/bench/test_region.py
replays the services over a small region and compares."""

import hashlib
import json
import random
import time
import uuid
from array import array
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.db import DatabaseError, connection, transaction

from accounts.models import Organisation, OrganisationKind, Role, User
from accounts.roles import group_name
from audit.models import AuditEntry
from audit.services import GENESIS, _person_ids
from bench.bulk import Table, next_id, reset_sequences
from casework.models import (
    Case,
    CaseGroupObjectPermission,
    CaseMembership,
    CaseNumberSequence,
    CaseUserObjectPermission,
    ClosureRequest,
    Incident,
    Municipality,
    Person,
    PhaseChange,
)
from casework.services.access import COORDINATING_PERMS, MEMBER_PERMS
from casework.text import fold
from conferences.models import CaseConference, ConferenceCase
from deadlines.models import Deadline, Escalation
from huisverbod.models import Huisverbod, Toetsing
from notifications.models import Notification
from privacy.models import LdvRecord, LdvStatus
from privacy.register import activity_for
from safetyplan.models import (
    AgreementProgress,
    PlanVersion,
    Risk,
    RiskItem,
    SafetyAgreement,
    SafetyCondition,
    SafetyPlan,
)

PASSWORD = "casusregie-perf"  # every generated user; fake data on a benchmark database only
PERF_PARTNER, PERF_COORDINATOR, PERF_MANAGER = "perf-partner", "perf-coordinator", "perf-manager"
PERF_PARTNER_CASES = 200

MUNICIPALITIES = [
    "Almelo", "Borne", "Dinkelland", "Enschede", "Haaksbergen", "Hellendoorn", "Hengelo",
    "Hof van Twente", "Losser", "Oldenzaal", "Rijssen-Holten", "Tubbergen", "Twenterand",
    "Wierden",
]  # fmt: skip
FIRST = ["Anna", "Bram", "Cor", "Daan", "Eva", "Fleur", "Gijs", "Hanna", "Ilse", "Jan", "Kees",
         "Lotte", "Mila", "Noah", "Olga", "Piet", "Ruben", "Sara", "Tim", "Vera"]  # fmt: skip
LAST = ["Jansen", "de Vries", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "de Boer",
        "Bos", "Vos", "Peters", "Hendriks", "Dekker", "Brouwer", "Dijkstra", "Kok"]  # fmt: skip
CRITERIA = ["acute_danger", "intimate_terror", "threat_to_life", "weapons", "recent_escalation"]
YEARS = 8


@dataclass
class Org:
    pk: int
    group_id: int
    kind: str
    users: list[int] = field(default_factory=list)  # partner professionals
    manager: int | None = None


@dataclass
class Summary:
    counts: dict[str, int]
    seconds: float
    users: dict[str, str]


def _organisation_plan() -> list[tuple[str, str]]:
    """60 organisations: the ZVH, a gemeente and a wijkteam per municipality, and the
    region's partners."""
    plan = [("Zorg- en Veiligheidshuis Twente", OrganisationKind.ZVH)]
    plan += [(f"Gemeente {m}", OrganisationKind.MUNICIPALITY) for m in MUNICIPALITIES]
    plan += [(f"Wijkteam {m}", OrganisationKind.SOCIAL_TEAM) for m in MUNICIPALITIES]
    plan += [(f"Politie Twente, basisteam {i}", OrganisationKind.POLICE) for i in range(1, 6)]
    plan += [("Openbaar Ministerie Oost-Nederland", OrganisationKind.PROSECUTOR)]
    plan += [
        (f"Reclassering {n}", OrganisationKind.PROBATION)
        for n in ("Nederland", "Tactus", "Leger des Heils")
    ]
    plan += [("Veilig Thuis Twente", OrganisationKind.VEILIG_THUIS)]
    plan += [("Raad voor de Kinderbescherming Oost", OrganisationKind.CHILD_PROTECTION_BOARD)]
    plan += [
        (f"Gecertificeerde Instelling {i}", OrganisationKind.YOUTH_PROTECTION) for i in range(1, 5)
    ]
    plan += [(f"GGZ Twente, team {i}", OrganisationKind.MENTAL_HEALTH) for i in range(1, 10)]
    plan += [(f"Verslavingszorg {i}", OrganisationKind.ADDICTION_CARE) for i in range(1, 4)]
    plan += [(f"Vrouwenopvang {i}", OrganisationKind.SHELTER) for i in range(1, 4)]
    plan += [("GGZ Twente, team perf", OrganisationKind.MENTAL_HEALTH)]  # perf-partner's own
    return plan  # fmt: skip


class _Ids:
    def __init__(self):
        self.next: dict[type, int] = {}

    def __call__(self, model) -> int:
        if model not in self.next:
            self.next[model] = next_id(model)
        value = self.next[model]
        self.next[model] = value + 1
        return value


def _flush(tables: dict, counts: dict) -> None:
    for name, table in tables.items():
        counts[name] = counts.get(name, 0) + table.flush()


def generate_region(
    *,
    cases: int,
    seed: int,
    users: int = 2000,
    anchor: date | None = None,
    log=lambda message: None,
    batch: int = 5000,
) -> Summary:
    """Fill the (migrated, case-free) database with a region of `cases` cases."""
    if Case.objects.exists():
        raise ValueError("De database bevat al casussen; genereer een regio in een lege database.")
    if User.objects.filter(username__in=[PERF_PARTNER, PERF_COORDINATOR, PERF_MANAGER]).exists():
        raise ValueError("De perf-gebruikers bestaan al.")
    started = time.monotonic()
    rng = random.Random(seed)  # noqa: S311 (fake data that must repeat exactly)
    anchor = anchor or datetime.now(UTC).date()
    end = datetime(anchor.year, anchor.month, anchor.day, tzinfo=UTC)
    begin = end - timedelta(days=365 * YEARS)
    counts: dict[str, int] = {}
    ids = _Ids()
    with transaction.atomic():
        _skip_foreign_key_checks()
        municipalities = [Municipality.objects.get_or_create(name=m)[0].pk for m in MUNICIPALITIES]
        orgs, zvh, perf_org = _organisations()
        people = _users(rng, ids, orgs, zvh, perf_org, users=users, now=end, counts=counts)
        log(f"{len(orgs)} organisaties, {counts['users']} gebruikers")
        perms = {
            p.codename: p.pk
            for p in Permission.objects.filter(
                content_type__app_label="casework", codename__in=MEMBER_PERMS + COORDINATING_PERMS
            )
        }
        writer = _CaseWriter(rng, ids, orgs, zvh, perf_org, people, perms, municipalities, end)
        perf_cases = set(rng.sample(range(cases), min(PERF_PARTNER_CASES, cases)))
        # Registration times in order, so numbers per year follow the calendar.
        offsets = sorted(rng.random() for _ in range(cases))
        for index, offset in enumerate(offsets):
            registered_at = begin + timedelta(seconds=int(offset * (end - begin).total_seconds()))
            registered_at = min(registered_at, end - timedelta(hours=2))
            writer.case(registered_at, with_perf_partner=index in perf_cases)
            if (index + 1) % batch == 0:
                writer.flush(counts)
                log(f"{index + 1} casussen ({time.monotonic() - started:.0f} s)")
        writer.flush(counts)
        _flush(_conferences(rng, ids, writer, end), counts)
        log(f"overleggen klaar ({time.monotonic() - started:.0f} s)")
        counts["audit_auditentry"], counts["privacy_ldvrecord"] = _audit_log(rng, writer)
        sequence = Table(CaseNumberSequence, ["year", "last_number"], now=end)
        for year, number in sorted(writer.numbers.items()):
            sequence.add(year, number)
        counts["casework_casenumbersequence"] = sequence.flush()
        reset_sequences(
            [
                User, Case, CaseMembership, CaseGroupObjectPermission, CaseUserObjectPermission,
                Person, PhaseChange, Incident, ClosureRequest, SafetyPlan, PlanVersion, Risk,
                RiskItem, SafetyCondition, AgreementProgress, SafetyAgreement, Deadline,
                Toetsing, Huisverbod, Escalation, Notification, CaseConference, ConferenceCase,
                AuditEntry, LdvRecord, User.groups.through,
                CaseConference.invited_organisations.through,
            ]
        )  # fmt: skip
    if connection.vendor == "postgresql":
        # What autovacuum does after a load, so the benchmark meets a database as it runs:
        # the statistics, and the visibility map, without which no index-only scan skips
        # the table (the partners' case list read the grants' heap: 10.7 ms, then 2.4 ms).
        # VACUUM cannot run inside a transaction (the tests): there only ANALYZE.
        statement = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        log(statement)
        with connection.cursor() as cursor:
            cursor.execute(statement)
    return Summary(
        counts=counts,
        seconds=time.monotonic() - started,
        users={name: PASSWORD for name in (PERF_PARTNER, PERF_COORDINATOR, PERF_MANAGER)},
    )


def _skip_foreign_key_checks() -> None:
    """On PostgreSQL, as a superuser, leave out the per-row foreign-key and freeze triggers
    for this transaction: Django's deferred FK checks ran ~10M lookups at COMMIT and took
    longer than the whole load. The ids are consistent by construction, and the tests
    generate a small region on SQLite, which checks every foreign key."""
    if connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
    except DatabaseError:
        pass  # not a superuser: the triggers stay on, the load is slower


def _organisations() -> tuple[list[Org], Org, Org]:
    created = []
    for name, kind in _organisation_plan():
        organisation, _new = Organisation.objects.get_or_create(name=name, defaults={"kind": kind})
        if organisation.group_id is None:
            organisation.group = Group.objects.get_or_create(
                name=f"organisation:{organisation.pk}"
            )[0]
            organisation.save(update_fields=["group"])
        created.append(Org(organisation.pk, organisation.group_id, organisation.kind))
    return created, created[0], created[-1]


@dataclass
class People:
    coordinators: list[int]
    managers: list[int]
    officials: dict[int, int]  # municipality index -> official
    perf_partner: int
    perf_coordinator: int
    perf_manager: int
    org_of: dict[int, Org]


def _users(rng, ids, orgs, zvh, perf_org, *, users, now, counts) -> People:
    password = make_password(PASSWORD)
    role_group = {r: Group.objects.get(name=group_name(r)).pk for r in Role.values}
    table = Table(
        User, ["id", "password", "username", "first_name", "last_name", "organisation_id", "role"],
        now=now,
    )  # fmt: skip
    member = Table(User.groups.through, ["id", "user_id", "group_id"], now=now)
    org_of: dict[int, Org] = {}

    def add(username, org: Org, role) -> int:
        pk = ids(User)
        table.add(pk, password, username, rng.choice(FIRST), rng.choice(LAST), org.pk, role)
        member.add(ids(User.groups.through), pk, role_group[role])
        member.add(ids(User.groups.through), pk, org.group_id)
        org_of[pk] = org
        return pk

    perf_coordinator = add(PERF_COORDINATOR, zvh, Role.COORDINATOR)
    perf_manager = add(PERF_MANAGER, zvh, Role.MANAGER)
    perf_partner = add(PERF_PARTNER, perf_org, Role.PARTNER)
    perf_org.users.append(perf_partner)
    scale = max(users, 200) / 2000
    coordinators = [perf_coordinator] + [
        add(f"regisseur-{i:03d}", zvh, Role.COORDINATOR) for i in range(1, int(40 * scale))
    ]
    managers = [perf_manager] + [add(f"zvh-manager-{i}", zvh, Role.MANAGER) for i in range(1, 4)]
    add("zvh-beheer", zvh, Role.FUNCTIONAL_ADMIN)
    add("zvh-logbeheer", zvh, Role.LOG_MANAGER)
    officials = {}
    partners = [o for o in orgs if o is not zvh]
    remaining = users - len(table.rows)
    for i, org in enumerate(partners):
        if org.kind == OrganisationKind.MUNICIPALITY:
            officials[i] = add(f"ambtenaar-{org.pk}", org, Role.MUNICIPALITY_OFFICIAL)
        org.manager = add(f"manager-{org.pk}", org, Role.MANAGER)
    remaining = max(users - len(table.rows), len(partners))
    for n in range(remaining):
        org = partners[n % len(partners)]
        if org is perf_org and n >= len(partners):
            continue  # perf-partner's team stays small
        org.users.append(add(f"prof-{org.pk}-{n:04d}", org, Role.PARTNER))
    counts["users"] = table.flush()
    counts["accounts_user_groups"] = member.flush()
    return People(
        coordinators, managers, officials, perf_partner, perf_coordinator, perf_manager, org_of
    )


def _t(model, columns, now):
    return Table(model, columns, now=now)


class _CaseWriter:
    """Writes one case and everything on it into the pending tables."""

    def __init__(self, rng, ids, orgs, zvh, perf_org, people, perms, municipalities, end):
        self.rng, self.ids, self.end = rng, ids, end
        self.zvh, self.perf_org, self.people, self.perms = zvh, perf_org, people, perms
        self.municipalities = municipalities
        self.gemeenten = [o for o in orgs if o.kind == OrganisationKind.MUNICIPALITY]
        self.partners = [
            o
            for o in orgs
            if o is not zvh and o is not perf_org and o.kind != OrganisationKind.MUNICIPALITY
        ]
        self.numbers: dict[int, int] = {}
        self.adopted: list[int] = []
        self.active_cases: list[tuple[int, datetime, list[int]]] = []  # for conferences
        self.case_refs = array("q")  # case index -> id (ids are consecutive anyway)
        self.refs: list[str] = []
        self.case_persons: list[str] = []  # case index -> its persons as "|12|13|"
        self.views: list[int] = []  # packed (second << 32 | n) for the access log
        self.view_case = array("i")
        self.view_user = array("q")
        self.view_kind = array("b")
        now = end
        self.tables = {
            "casework_case": _t(Case, ["id", "reference", "year", "number", "track", "phase", "phase_entered_at", "municipality_id", "registering_organisation_id", "escalation_criteria", "escalation_reason", "coordinator_id", "registered_by_id", "registered_at", "coordinating_organisation_id"], now),
            "casework_casemembership": _t(CaseMembership, ["id", "case_id", "organisation_id", "user_id", "added_by_id", "added_at", "removed_by_id", "removed_at"], now),
            "casework_casegroupobjectpermission": _t(CaseGroupObjectPermission, ["id", "group_id", "permission_id", "content_object_id"], now),
            "casework_caseuserobjectpermission": _t(CaseUserObjectPermission, ["id", "user_id", "permission_id", "content_object_id"], now),
            "casework_person": _t(Person, ["id", "case_id", "first_name", "last_name", "search_name", "date_of_birth", "is_victim", "is_perpetrator", "is_child", "address", "created_at", "updated_at"], now),
            "casework_phasechange": _t(PhaseChange, ["id", "case_id", "field", "transition", "from_state", "to_state", "actor_id", "reason", "at"], now),
            "casework_incident": _t(Incident, ["id", "case_id", "occurred_at", "description", "reported_by_organisation_id", "confidentiality", "sector", "recorded_by_id", "recorded_at"], now),
            "casework_closurerequest": _t(ClosureRequest, ["id", "case_id", "reason", "summary", "requested_by_id", "requested_at", "status", "decided_by_id", "decided_at", "decision_reason"], now),
            "safetyplan_safetyplan": _t(SafetyPlan, ["id", "case_id", "created_at", "created_by_id"], now),
            "safetyplan_planversion": _t(PlanVersion, ["id", "plan_id", "number", "status", "based_on_id", "created_at", "created_by_id"], now),
            "safetyplan_risk": _t(Risk, ["id", "plan_id", "created_at"], now),
            "safetyplan_riskitem": _t(RiskItem, ["id", "version_id", "risk_id", "rank", "title", "facts_who", "facts_what", "facts_to_whom", "facts_when", "facts_impact", "danger_statement", "safety_goal", "consequences", "next_evaluation"], now),
            "safetyplan_safetycondition": _t(SafetyCondition, ["id", "version_id", "risk_item_id", "key", "text", "is_met"], now),
            "safetyplan_agreementprogress": _t(AgreementProgress, ["id", "plan_id", "status", "status_changed_at", "status_changed_by_id"], now),
            "safetyplan_safetyagreement": _t(SafetyAgreement, ["id", "version_id", "risk_item_id", "progress_id", "part", "description", "owner_organisation_id", "owner_user_id", "due_date"], now),
            "casework_deadline": _t(Deadline, ["id", "case_id", "kind", "source_type", "source_id", "title", "owner_organisation_id", "owner_user_id", "due_date", "status", "completed_at"], now),
            "casework_toetsing": _t(Toetsing, ["id", "case_id", "assessed_at", "participants", "veilig_thuis_took_part", "outcome", "recorded_by_id", "recorded_at"], now),
            "casework_huisverbod": _t(Huisverbod, ["id", "case_id", "toetsing_id", "person_id", "status", "imposed_at", "imposed_by", "child_abuse", "veilig_thuis_consulted", "reachable_address", "ends_at", "recorded_by_id", "recorded_at", "extended_at", "extended_by_id", "closed_at", "closed_by_id"], now),
            "casework_escalation": _t(Escalation, ["id", "case_id", "deadline_id", "level", "due_date", "owner_organisation_id", "raised_at", "response_due_at", "status"], now),
            "casework_notification": _t(Notification, ["id", "recipient_id", "case_id", "kind", "message", "event_key", "created_at", "read_at"], now),
        }  # fmt: skip
        # A plan has at most one draft: version 1 is adopted before version 2 is written.
        versioned = ["safetyplan_planversion", "safetyplan_riskitem", "safetyplan_safetycondition", "safetyplan_safetyagreement"]  # fmt: skip
        self.second = {
            name: _t(self.tables[name].model, self.tables[name].columns, now) for name in versioned
        }
        self.adopted_second: list[int] = []

    def flush(self, counts) -> None:
        _flush(self.tables, counts)
        _adopt_versions(self.adopted)
        _flush(self.second, counts)
        _adopt_versions(self.adopted_second)
        self.adopted, self.adopted_second = [], []

    # --- one case ---------------------------------------------------------------------
    def case(self, registered_at: datetime, *, with_perf_partner: bool) -> None:
        rng, ids, t, people = self.rng, self.ids, self.tables, self.people
        pk = ids(Case)
        age = (self.end - registered_at).days
        year = registered_at.year
        number = self.numbers[year] = self.numbers.get(year, 0) + 1
        reference = f"ZVH-{year}-{number:04d}"
        track = "code_rood" if rng.random() < 0.6 else "mda"
        criteria = sorted(rng.sample(CRITERIA, rng.randint(1, 3))) if track == "code_rood" else []
        coordinator = rng.choice(people.coordinators)
        m_index = rng.randrange(len(self.municipalities))
        registering = rng.choice(self.partners)
        # the phase path: when each transition happened
        path = self._path(registered_at, age)
        phase = path[-1][1] if path else "registered"
        entered = path[-1][0] if path else registered_at
        t["casework_case"].add(
            pk, reference, year, number, track, phase, entered, self.municipalities[m_index],
            registering.pk, criteria, "Zorgen over acute onveiligheid in het gezin.", coordinator,
            coordinator, registered_at, self.zvh.pk,
        )  # fmt: skip
        closed_at = path[-1][0] if phase == "closed" else None
        last = closed_at or self.end
        # memberships and the permissions they grant
        members = [self.zvh, registering]
        others = [o for o in rng.sample(self.partners, 4) if o is not registering]
        members += others[: rng.randint(1, 3)]
        members.append(self.gemeenten[m_index])
        if with_perf_partner:
            members.append(self.perf_org)
        member_users: list[int] = [coordinator]
        for org in members:
            added = (
                registered_at + timedelta(hours=rng.randint(0, 48))
                if org is not self.zvh
                else registered_at
            )
            removed = (
                org is not self.zvh
                and org is not self.perf_org
                and rng.random() < 0.04
                and phase != "registered"
            )
            removed_at = added + timedelta(days=rng.randint(5, 60)) if removed else None
            if removed_at is not None and removed_at >= last:
                removed_at, removed = None, False
            t["casework_casemembership"].add(
                ids(CaseMembership), pk, org.pk, None, coordinator, added,
                coordinator if removed else None, removed_at,
            )  # fmt: skip
            named = []
            if org is self.perf_org:
                named = [people.perf_partner]
            elif org.users and org is not self.zvh and rng.random() < 0.35:
                named = [rng.choice(org.users)]
            for user in named:
                t["casework_casemembership"].add(
                    ids(CaseMembership), pk, org.pk, user, coordinator, added,
                    coordinator if removed else None, removed_at,
                )  # fmt: skip
                if not removed:
                    for perm in MEMBER_PERMS:
                        t["casework_caseuserobjectpermission"].add(
                            ids(CaseUserObjectPermission), user, self.perms[perm], pk
                        )
            if not removed:
                granted = MEMBER_PERMS + (
                    COORDINATING_PERMS if org.kind == OrganisationKind.ZVH else []
                )
                for perm in granted:
                    t["casework_casegroupobjectpermission"].add(
                        ids(CaseGroupObjectPermission), org.group_id, self.perms[perm], pk
                    )
                member_users += named or (org.users[:1] if org.users else [])
        # persons
        persons = []
        household = [(True, False, False), (False, True, False)] + [
            (False, False, True)
        ] * rng.randint(0, 2)
        last_name = rng.choice(LAST)
        for n, (victim, perpetrator, child) in enumerate(household):
            person = ids(Person)
            born = date(1960 + rng.randrange(40), 1 + rng.randrange(12), 1 + rng.randrange(28))
            if child:
                born = date(
                    max(year - 1 - rng.randrange(16), 1990),
                    1 + rng.randrange(12),
                    1 + rng.randrange(28),
                )
            first_name = f"{FIRST[(n * 7 + pk) % len(FIRST)]}{n}"
            t["casework_person"].add(
                person, pk, first_name, last_name, fold(f"{first_name} {last_name}"), born,
                victim, perpetrator, child, "Dorpsstraat 1", registered_at, registered_at,
            )  # fmt: skip
            persons.append((person, perpetrator))
        # phase history and closure
        previous = "registered"
        for at, target, transition in path:
            actor = (
                people.managers[pk % len(people.managers)] if transition == "close" else coordinator
            )
            t["casework_phasechange"].add(
                ids(PhaseChange), pk, "phase", transition, previous, target, actor,
                "Volgens plan.", at,
            )  # fmt: skip
            previous = target
        if closed_at is not None:
            t["casework_closurerequest"].add(
                ids(ClosureRequest), pk, "goals_reached", "Doelen bereikt.", coordinator,
                closed_at - timedelta(days=2), "approved",
                people.managers[pk % len(people.managers)], closed_at, "Akkoord.",
            )  # fmt: skip
        for _n in range(rng.randint(1, 3)):
            at = registered_at + timedelta(
                hours=rng.randint(1, max(2, int((last - registered_at).total_seconds() // 3600)))
            )
            reporter = rng.choice(members)
            t["casework_incident"].add(
                ids(Incident), pk, min(at, last), "Melding van een incident.", reporter.pk,
                "team", "", coordinator, min(at, last),
            )  # fmt: skip
        if phase != "registered":
            self._plan(pk, registered_at, last, coordinator, members, phase)
        if rng.random() < 0.15:
            self._huisverbod(pk, registered_at, last, coordinator, persons, phase)
        self._notifications(pk, registered_at, last, member_users)
        # access-log entries: views by the case team over the case's life
        span = max(int((last - registered_at).total_seconds()), 1)
        for kind in range(10):
            who = member_users[rng.randrange(len(member_users))] if kind else coordinator
            second = int(registered_at.timestamp()) + (rng.randrange(span) if kind else 0)
            self.views.append((second << 32) | len(self.view_case))
            self.view_case.append(len(self.refs))
            self.view_user.append(who)
            self.view_kind.append(0 if kind else 1)
        self.case_persons.append(_person_ids(p for p, _perpetrator in persons))
        self.refs.append(reference)
        self.case_refs.append(pk)
        if phase != "closed" and phase != "registered":
            self.active_cases.append((pk, registered_at, [m.pk for m in members]))

    def _path(self, registered_at, age):
        rng = self.rng
        closes = age > 330 or rng.random() < 0.01 * age / 30
        steps = []
        at = registered_at + timedelta(days=rng.randint(1, 14), hours=rng.randint(0, 23))
        if at >= self.end - timedelta(hours=1):
            return steps
        if age < 14 and rng.random() < 0.5:
            return steps
        steps.append((at, "immediate_safety", "start"))
        for target, transition, days in (
            ("stable_safety", "stabilise", (20, 90)),
            ("recovery", "recover", (40, 140)),
        ):
            nxt = at + timedelta(days=rng.randint(*days))
            if nxt >= self.end or (not closes and rng.random() < 0.35):
                break
            at = nxt
            steps.append((at, target, transition))
        if closes:
            close_at = at + timedelta(days=rng.randint(10, 120))
            if close_at < self.end:
                steps.append((close_at, "closed", "close"))
        return steps

    def _plan(self, case, registered_at, last, coordinator, members, phase):
        rng, ids, t = self.rng, self.ids, self.tables
        plan = ids(SafetyPlan)
        created = registered_at + timedelta(days=1)
        t["safetyplan_safetyplan"].add(plan, case, created, coordinator)
        risks = [ids(Risk) for _ in range(rng.randint(2, 3))]
        for risk in risks:
            t["safetyplan_risk"].add(risk, plan, created)
        versions = 2 if rng.random() < 0.8 else 1
        draft_last = phase != "closed" and rng.random() < 0.2
        slots = {}  # (risk, n) -> progress id
        based_on = None
        for number in range(1, versions + 1):
            t = self.tables if number == 1 else {**self.tables, **self.second}
            version = ids(PlanVersion)
            at = created + timedelta(days=(number - 1) * 30)
            t["safetyplan_planversion"].add(
                version, plan, number, "draft", based_on, min(at, last), coordinator
            )
            if not (draft_last and number == versions):
                (self.adopted if number == 1 else self.adopted_second).append(version)
            based_on = version
            for rank, risk in enumerate(risks, start=1):
                item = ids(RiskItem)
                evaluation = (at + timedelta(days=42)).date()
                t["safetyplan_riskitem"].add(
                    item, version, risk, rank, f"Onveilige situatie {rank}", "De pleger",
                    "Dreigen en slaan", "Slachtoffer en kinderen", "Sinds een jaar",
                    "Angst", "Het geweld stopt niet vanzelf.", "Iedereen is veilig thuis.",
                    "", evaluation,
                )  # fmt: skip
                t["safetyplan_safetycondition"].add(
                    ids(SafetyCondition), version, item, uuid.UUID(int=rng.getrandbits(128)),
                    "Geen contact zonder toezicht.", phase != "immediate_safety",
                )  # fmt: skip
                for n in range(rng.randint(2, 3)):
                    owner = rng.choice(members)
                    due = (at + timedelta(days=rng.randint(7, 60))).date()
                    if (risk, n) not in slots:
                        progress = ids(AgreementProgress)
                        slots[(risk, n)] = (progress, owner, due)
                        done = (
                            phase == "closed"
                            or due < (self.end - timedelta(days=20)).date()
                            and rng.random() < 0.9
                        )
                        t["safetyplan_agreementprogress"].add(
                            progress, plan, "done" if done else "open",
                            min(last, at + timedelta(days=5)) if done else None,
                            coordinator if done else None,
                        )  # fmt: skip
                        deadline = ids(Deadline)
                        t["casework_deadline"].add(
                            deadline, case, "agreement", "safetyplan.agreementprogress", progress,
                            "Afspraak nakomen", owner.pk, None, due, "done" if done else "open",
                            min(last, at + timedelta(days=5)) if done else None,
                        )  # fmt: skip
                        if not done and due < self.end.date() and rng.random() < 0.3:
                            raised = datetime(
                                due.year, due.month, due.day, 9, tzinfo=UTC
                            ) + timedelta(days=1)
                            t["casework_escalation"].add(
                                ids(Escalation), case, deadline, 1, due, owner.pk, raised,
                                raised + timedelta(days=3), "open",
                            )  # fmt: skip
                    progress, owner, due = slots[(risk, n)]
                    t["safetyplan_safetyagreement"].add(
                        ids(SafetyAgreement), version, item, progress,
                        "safety" if n == 0 else "care", "Afspraak", owner.pk, None, due,
                    )  # fmt: skip
        for risk in risks:
            t["casework_deadline"].add(
                ids(Deadline), case, "evaluation", "safetyplan.risk", risk, "Evaluatie",
                self.zvh.pk, coordinator, (created + timedelta(days=42)).date(),
                "done" if phase == "closed" else "open", last if phase == "closed" else None,
            )  # fmt: skip

    def _huisverbod(self, case, registered_at, last, coordinator, persons, phase):
        rng, ids, t = self.rng, self.ids, self.tables
        toetsing = ids(Toetsing)
        assessed = registered_at - timedelta(hours=rng.randint(1, 12))
        outcome = (
            "huisverbod" if rng.random() < 0.6 else rng.choice(["no_huisverbod", "crisis_case"])
        )
        t["casework_toetsing"].add(
            toetsing, case, assessed, "HOvJ en Veilig Thuis", True, outcome, coordinator, assessed
        )
        if outcome != "huisverbod":
            return
        imposed = assessed + timedelta(hours=1)
        perpetrator = next(p for p, is_perpetrator in persons if is_perpetrator)
        extended = rng.random() < 0.55
        ends = imposed + timedelta(days=28 if extended else 10)
        running = ends > self.end and phase != "closed"
        status = ("extended" if extended else "imposed") if running else "ended"
        t["casework_huisverbod"].add(
            ids(Huisverbod), case, toetsing, perpetrator, status, imposed, "assistant_prosecutor",
            False, True, "Bij familie", ends, coordinator, imposed,
            imposed + timedelta(days=8) if extended else None, coordinator if extended else None,
            None if running else min(ends, self.end), None if running else coordinator,
        )  # fmt: skip

    def _notifications(self, case, registered_at, last, member_users):
        rng, t = self.rng, self.tables
        table = t["casework_notification"]
        span = max(int((last - registered_at).total_seconds()), 1)
        recipients = member_users + [self.people.perf_manager] * (1 if rng.random() < 0.05 else 0)
        for n in range(25):
            at = registered_at + timedelta(seconds=rng.randrange(span))
            read = at + timedelta(hours=3) if at < self.end - timedelta(days=3) else None
            table.add(
                self.ids(Notification), recipients[n % len(recipients)], case, "deadline",
                "Er is iets veranderd in een casus.", f"gen:{case}:{n}", at, read,
            )  # fmt: skip


def _adopt_versions(adopted: list[int]) -> None:
    """Versions were written as drafts (the freeze triggers refuse content on an adopted
    version); adopt them now that their content is in."""
    table = PlanVersion._meta.db_table
    with connection.cursor() as cursor:
        for start in range(0, len(adopted), 5000):
            chunk = adopted[start : start + 5000]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"UPDATE {table} SET status = 'adopted', adopted_at = created_at, "  # noqa: S608
                f"adopted_by_id = created_by_id WHERE id IN ({marks})",
                chunk,
            )


def _conferences(rng, ids, writer: _CaseWriter, end: datetime) -> dict:
    """A weekly Code Rood table over the last years; the coming one discusses 20 cases."""
    conference = _t(CaseConference, ["id", "kind", "starts_at", "location", "created_by_id", "held_at", "minutes_adopted_at", "minutes_adopted_by_id"], end)  # fmt: skip
    parts = _t(ConferenceCase, ["id", "conference_id", "case_id", "position"], end)
    invited = _t(CaseConference.invited_organisations.through, ["id", "caseconference_id", "organisation_id"], end)  # fmt: skip
    coordinator = writer.people.perf_coordinator
    active = writer.active_cases
    weeks = min(52 * YEARS, max(len(active) // 5, 4))
    for week in range(weeks, -1, -1):
        starts = end - timedelta(weeks=week) + timedelta(days=2, hours=9)
        pk = ids(CaseConference)
        held = starts if starts < end else None
        conference.add(
            pk,
            "code_rood",
            starts,
            "ZVH, zaal 1",
            coordinator,
            held,
            held,
            coordinator if held else None,
        )
        chosen = rng.sample(active, min(20 if held is None else 8, len(active)))
        if held is None:  # the coming one: two of perf-partner's cases, so its page shows
            ours = [c for c in active if writer.perf_org.pk in c[2] and c not in chosen]
            chosen[: min(2, len(ours))] = ours[:2]
        orgs = set()
        for position, (case, _registered_at, members) in enumerate(chosen):
            parts.add(ids(ConferenceCase), pk, case, position)
            orgs.update(members)
        for org in sorted(orgs):
            invited.add(ids(CaseConference.invited_organisations.through), pk, org)
    return {"conferences_caseconference": conference, "conferences_conferencecase": parts, "conferences_caseconference_invited_organisations": invited}  # fmt: skip


def _audit_log(rng, writer: _CaseWriter) -> tuple[int, int]:
    """The access log in time order, each entry chained to the one before it. A view of a
    case names its persons, as the case page does, with a Logboek Dataverwerkingen line per
    person (privacy.services.ldv_record_entries); the registration names none."""
    last = AuditEntry.objects.order_by("-pk").values_list("hash", flat=True).first() or GENESIS
    names = dict(User.objects.values_list("pk", "username"))
    orgs = dict(User.objects.values_list("pk", "organisation__name"))
    roles = dict(User.objects.values_list("pk", "role"))
    table = Table(AuditEntry, ["id", "at", "user_id", "username", "organisation", "role", "action", "case_id", "case_reference", "object_type", "object_id", "person_ids", "path", "previous_hash", "hash"], now=writer.end)  # fmt: skip
    lines = Table(LdvRecord, ["id", "trace_id", "span_id", "name", "activity_id", "status_code", "start_time", "end_time", "data_subject_id"], now=writer.end)  # fmt: skip
    activity = activity_for(action="view", object_type="casework.Case")
    written = lined = 0
    writer.views.sort()
    for packed in writer.views:
        n = packed & 0xFFFFFFFF
        at = datetime.fromtimestamp(packed >> 32, tz=UTC)
        index, user = writer.view_case[n], writer.view_user[n]
        case_id, reference = writer.case_refs[index], writer.refs[index]
        action = "create" if writer.view_kind[n] else "view"
        path = f"/cases/{case_id}/"
        persons = writer.case_persons[index] if action == "view" else ""
        canonical = json.dumps(
            [at.isoformat(), user, names[user], orgs[user] or "", roles[user], action, case_id,
             reference, "casework.Case", str(case_id), persons, "", path, last],
            separators=(",", ":"),
        )  # fmt: skip
        digest = hashlib.sha256(canonical.encode()).hexdigest()
        table.add(
            writer.ids(AuditEntry), at, user, names[user], orgs[user] or "", roles[user], action,
            case_id, reference, "casework.Case", str(case_id), persons, path, last, digest,
        )  # fmt: skip
        if persons:
            trace = f"{rng.getrandbits(128):032x}"
            for person in persons.strip("|").split("|"):
                lines.add(
                    writer.ids(LdvRecord), trace, f"{rng.getrandbits(64):016x}",
                    "view:casework.Case", activity, LdvStatus.OK, at, at, person,
                )  # fmt: skip
        last = digest
        if len(table.rows) >= 20000:
            written += table.flush()
            lined += lines.flush()
    return written + table.flush(), lined + lines.flush()
