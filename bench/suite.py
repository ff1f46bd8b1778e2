# SPDX-License-Identifier: EUPL-1.2
"""The benchmark suite: every page for the three perf users, measured in-process.

Each page is requested `rounds` times, the pages interleaved (page A, B, C, …, A, B, …) so
a noisy neighbour on the machine hits all of them alike; the median server time is the
time of the whole request through the middleware stack (Django test client, DEBUG off),
the query count comes from one extra request. For the case list and the case page the
floor is hand-written SQL fetching the same rows plus rendering the same template with the
context the view produced; the ratio is median / floor."""

import http.client
import os
import statistics
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from unittest import mock
from urllib.parse import urlsplit
from urllib.request import urlopen

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db import connection, transaction
from django.db.models import Q
from django.template import Template
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import (
    CaptureQueriesContext,
    _TestState,
    setup_test_environment,
    teardown_test_environment,
)
from django.urls import reverse
from django.utils import timezone

from accounts.models import OrganisationKind, User
from accounts.twofactor import EXEMPT
from accounts.twofactor import SESSION_KEY as TWO_FACTOR_KEY
from audit import services as audit_services
from bench.region import PERF_COORDINATOR, PERF_MANAGER, PERF_PARTNER
from casework.models import Case, Person
from casework.selectors import case_qs_visible_to
from casework.text import fold
from conferences.models import CaseConference
from deadlines.models import Deadline, Reminder, ReminderDelivery

USERS = {"partner": PERF_PARTNER, "coordinator": PERF_COORDINATOR, "manager": PERF_MANAGER}


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    session = client.session
    session[TWO_FACTOR_KEY] = EXEMPT
    session.save()
    return client


def case_for(user) -> Case:
    """An active case the user sees, the same one every run."""
    qs = case_qs_visible_to(user).exclude(phase__in=["closed", "registered"])
    if user.role == "coordinator":
        qs = qs.filter(coordinator=user)
    return qs.order_by("-registered_at", "-pk").first()


def pages_for(user) -> dict[str, str]:
    conference = CaseConference.objects.filter(held_at__isnull=True).order_by("-starts_at").first()
    pages = {
        "case list": reverse("casework:case_list"),
        "case page": reverse("casework:case_detail", args=[case_for(user).pk]),
        "notifications": reverse("notifications:notification_list"),
        "huisverbod overview": reverse("huisverbod:huisverbod_overview"),
        "conference list": reverse("conferences:conference_list"),
        "conference page": reverse("conferences:conference_detail", args=[conference.pk])
        if conference
        else None,
    }
    if user.role == "manager":
        pages["manager's dashboard"] = reverse("overviews:manager")
        pages["escalation queue"] = reverse("deadlines:escalation_queue")
    if user.role == "coordinator":
        pages["coordinator's overview"] = reverse("overviews:coordinator")
    if user.role in ("manager", "coordinator"):
        pages["factsheet"] = reverse("overviews:factsheet")
    return {name: url for name, url in pages.items() if url}


def _time(client, url) -> tuple[float, int]:
    started = time.perf_counter()
    response = client.get(url)
    return (time.perf_counter() - started) * 1000, response.status_code


def measure_pages(*, rounds: int = 10) -> list[dict]:
    targets = []
    for label, username in USERS.items():
        user = User.objects.get(username=username)
        client = client_for(user)
        for page, url in pages_for(user).items():
            targets.append({"page": page, "user": label, "url": url, "client": client})
    for target in targets:  # warm up, and count queries once
        _time(target["client"], target["url"])
        with CaptureQueriesContext(connection) as queries:
            _ms, target["status"] = _time(target["client"], target["url"])
        target["queries"] = len(queries)
        target["times"] = []
    for _round in range(rounds):
        for target in targets:
            target["times"].append(_time(target["client"], target["url"])[0])
    results = []
    for target in targets:
        results.append(
            {
                "page": target["page"],
                "user": target["user"],
                "status": target["status"],
                "median_ms": round(statistics.median(target["times"]), 1),
                "queries": target["queries"],
            }
        )
    return results


# --- the header search (issue 16: <= 100 ms at 100,000 cases) ----------------------------
def search_queries() -> dict[str, str]:
    """What a coordinator types, taken from the region so every size has matches: a full
    surname, a partial one, a name without its diacritics, a date of birth, a municipality
    and a reference."""
    person = Person.objects.exclude(date_of_birth=None).order_by("pk").first()
    case = Case.objects.order_by("-pk").first()
    return {
        "surname": person.last_name,
        "partial name": person.last_name[:4],
        "folded name": fold(f"{person.first_name} {person.last_name}"),
        "date of birth": person.date_of_birth.strftime("%d-%m-%Y"),
        "municipality": case.municipality.name,
        "reference": case.reference,
    }


def measure_search(*, rounds: int = 10) -> list[dict]:
    url = reverse("casework:case_search")
    targets = []
    for label, username in USERS.items():
        client = client_for(User.objects.get(username=username))
        for kind, text in search_queries().items():
            targets.append({"kind": kind, "user": label, "client": client, "q": text})

    def post(target) -> tuple[float, int]:
        started = time.perf_counter()
        response = target["client"].post(url, {"q": target["q"]})
        return (time.perf_counter() - started) * 1000, response.status_code

    for target in targets:
        post(target)
        with CaptureQueriesContext(connection) as queries:
            _ms, target["status"] = post(target)
        target["queries"], target["times"] = len(queries), []
    for _round in range(rounds):
        for target in targets:
            target["times"].append(post(target)[0])
    return [
        {
            "search": t["kind"],
            "user": t["user"],
            "status": t["status"],
            "median_ms": round(statistics.median(t["times"]), 1),
            "queries": t["queries"],
        }
        for t in targets
    ]


# --- floors -----------------------------------------------------------------------------
# The case list's 26 rows (one more than a page), as its template shows them.
_LIST_ROWS = """
    SELECT c.id, c.reference, c.phase, c.track, c.registered_at, c.phase_entered_at,
           m.name, u.first_name, u.last_name
    FROM casework_case c
    JOIN casework_municipality m ON m.id = c.municipality_id
    LEFT JOIN accounts_user u ON u.id = c.coordinator_id
"""
_LIST_ORDER = """
    ORDER BY c.registered_at DESC, c.id DESC LIMIT 26
"""


def _list_sql(where: str) -> str:
    return _LIST_ROWS + where + _LIST_ORDER  # noqa: S608 (the module's own constants)


VISIBLE_SQL = _list_sql(
    """
    WHERE c.coordinating_organisation_id IN (
        SELECT o.id FROM accounts_organisation o
        JOIN accounts_user_groups ug ON ug.group_id = o.group_id AND ug.user_id = %(user)s)
    OR c.id IN (
        SELECT g.content_object_id FROM casework_casegroupobjectpermission g
        JOIN auth_permission p ON p.id = g.permission_id AND p.codename = 'view_case'
        JOIN accounts_user_groups ug ON ug.group_id = g.group_id AND ug.user_id = %(user)s)
    OR c.id IN (
        SELECT o.content_object_id FROM casework_caseuserobjectpermission o
        JOIN auth_permission p ON p.id = o.permission_id AND p.codename = 'view_case'
        WHERE o.user_id = %(user)s)
"""
)
# A reader outside a ZVH: their cases read by key from their grants (the list's own way,
# casework.selectors.FEW_CASES, in one statement), not by walking the list's order. On
# PostgreSQL as an array, which it probes by key; SQLite has no arrays.
_GRANTS = """
        SELECT g.content_object_id FROM casework_casegroupobjectpermission g
        JOIN auth_permission p ON p.id = g.permission_id AND p.codename = 'view_case'
        JOIN accounts_user_groups ug ON ug.group_id = g.group_id AND ug.user_id = %(user)s
        UNION ALL
        SELECT o.content_object_id FROM casework_caseuserobjectpermission o
        JOIN auth_permission p ON p.id = o.permission_id AND p.codename = 'view_case'
        WHERE o.user_id = %(user)s"""
GRANTED_SQL = {
    "postgresql": _list_sql(f"    WHERE c.id = ANY(ARRAY({_GRANTS}))"),
    "sqlite": _list_sql(f"    WHERE c.id IN ({_GRANTS})"),
}
CASE_SQL = [
    "SELECT * FROM casework_case c JOIN casework_municipality m ON m.id = c.municipality_id"
    " WHERE c.id = %(case)s",
    "SELECT * FROM casework_casemembership cm JOIN accounts_organisation o"
    " ON o.id = cm.organisation_id LEFT JOIN accounts_user u ON u.id = cm.user_id"
    " WHERE cm.case_id = %(case)s",
    "SELECT * FROM casework_person WHERE case_id = %(case)s",
    "SELECT * FROM casework_incident WHERE case_id = %(case)s ORDER BY occurred_at DESC",
    "SELECT * FROM casework_phasechange WHERE case_id = %(case)s ORDER BY at DESC",
    "SELECT * FROM casework_deadline WHERE case_id = %(case)s AND status = 'open'",
    "SELECT * FROM casework_huisverbod WHERE case_id = %(case)s",
    "SELECT * FROM casework_toetsing WHERE case_id = %(case)s",
    "SELECT * FROM safetyplan_safetyplan WHERE case_id = %(case)s",
    # and every other table the page shows rows of (the floor fetches the same rows)
    "SELECT * FROM casework_closurerequest WHERE case_id = %(case)s",
    "SELECT * FROM safetyplan_planversion v JOIN safetyplan_safetyplan p ON p.id = v.plan_id"
    " WHERE p.case_id = %(case)s ORDER BY v.number DESC",
    "SELECT * FROM safetyplan_riskitem r JOIN safetyplan_planversion v ON v.id = r.version_id"
    " JOIN safetyplan_safetyplan p ON p.id = v.plan_id WHERE p.case_id = %(case)s",
    "SELECT * FROM safetyplan_safetyagreement a JOIN safetyplan_planversion v"
    " ON v.id = a.version_id JOIN safetyplan_safetyplan p ON p.id = v.plan_id"
    " WHERE p.case_id = %(case)s",
    "SELECT * FROM safetyplan_safetycondition c JOIN safetyplan_planversion v"
    " ON v.id = c.version_id JOIN safetyplan_safetyplan p ON p.id = v.plan_id"
    " WHERE p.case_id = %(case)s",
    "SELECT * FROM safetyplan_planacknowledgement k JOIN safetyplan_planversion v"
    " ON v.id = k.version_id JOIN safetyplan_safetyplan p ON p.id = v.plan_id"
    " WHERE p.case_id = %(case)s",
    "SELECT * FROM casework_casenote WHERE case_id = %(case)s ORDER BY id DESC",
    "SELECT * FROM privacy_personinforming i JOIN casework_person p ON p.id = i.person_id"
    " WHERE p.case_id = %(case)s",
    "SELECT * FROM casework_timelineevent WHERE case_id = %(case)s"
    " ORDER BY at DESC, id DESC LIMIT 16",
]


def _flat_context(response) -> tuple[str, dict]:
    template = response.templates[0].name
    context = {}
    for part in (
        response.context[0].dicts if isinstance(response.context, list) else response.context.dicts
    ):
        context.update(part)
    return template, context


def measure_floors(results: list[dict], *, rounds: int = 10) -> None:
    """The floor of the case list and the case page, for each user."""
    if hasattr(_TestState, "saved_data"):  # already set up (the suite's own test)
        _floors(results, rounds=rounds)
        return
    setup_test_environment()  # the test client then keeps each response's template context
    try:
        _floors(results, rounds=rounds)
    finally:
        teardown_test_environment()


@contextmanager
def served_rendering():
    """Templates rendered as a server renders them, not through the test environment's
    instrumented render (which sends each template's context to the test client)."""
    instrumented = Template._render
    Template._render = _TestState.saved_data.template_render
    try:
        yield
    finally:
        Template._render = instrumented


def _floor_once(page: str, user, case, template: str, context: dict, request) -> float:
    """One run of the floor: the hand-written SQL and the template, in ms."""
    started = time.perf_counter()
    with connection.cursor() as cursor:
        if page == "case list":
            zvh = user.organisation.kind == OrganisationKind.ZVH
            sql = VISIBLE_SQL if zvh else GRANTED_SQL[connection.vendor]
            cursor.execute(sql, {"user": user.pk})
            cursor.fetchall()
        else:
            for sql in CASE_SQL:
                cursor.execute(sql, {"case": case.pk})
                cursor.fetchall()
    render_to_string(template, context, request=request)
    return (time.perf_counter() - started) * 1000


def _floors(results: list[dict], *, rounds: int) -> None:
    for row in results:
        if row["page"] not in ("case list", "case page"):
            continue
        user = User.objects.get(username=USERS[row["user"]])
        client = client_for(user)
        case = case_for(user)
        url = (
            reverse("casework:case_list")
            if row["page"] == "case list"
            else reverse("casework:case_detail", args=[case.pk])
        )
        response = client.get(url)
        template, context = _flat_context(response)
        # The page and its floor alternate, so both run with the same caches: the page's
        # median among all pages (median_ms) is colder than a floor run on its own. Both
        # render with Django's own render: the test environment's, which kept the context
        # above, copies the context at every template the page renders (1–2.5 ms on the
        # case list at 100,000 cases) and no server does that.
        paired, floors = [], []
        with served_rendering():
            for _round in range(rounds):
                paired.append(_time(client, url)[0])
                floors.append(
                    _floor_once(row["page"], user, case, template, context, response.wsgi_request)
                )
        row["paired_ms"] = round(statistics.median(paired), 1)
        row["floor_ms"] = round(statistics.median(floors), 1)
        row["ratio"] = round(row["paired_ms"] / row["floor_ms"], 2)


# --- the kept figures (overviews.kept) ------------------------------------------------------
def measure_figures(*, rounds: int = 3) -> list[dict]:
    """What computing the dashboard's and the factsheet's figures costs the worker (or the
    first view, or "Nu bijwerken"): the pages themselves read the kept row."""
    from overviews.kept import compute

    now, year = timezone.now(), timezone.localdate().year
    out = []
    for label, page in (
        ("manager", "manager"),
        ("manager", "factsheet"),
        ("coordinator", "factsheet"),
    ):
        user = User.objects.get(username=USERS[label])
        compute(user, page, year, now=now)  # warm
        times = []
        for _round in range(rounds):
            started = time.perf_counter()
            compute(user, page, year, now=now)
            times.append((time.perf_counter() - started) * 1000)
        out.append(
            {"figures": page, "user": label, "median_ms": round(statistics.median(times), 1)}
        )
    return out


# --- the access log's cost ----------------------------------------------------------------
@contextmanager
def audit_off():
    """The access log switched off: entries are built but not written."""
    with mock.patch.object(audit_services, "_append", side_effect=lambda entries: entries):
        yield


def measure_audit_cost(*, rounds: int = 10) -> list[dict]:
    user = User.objects.get(username=PERF_COORDINATOR)
    client = client_for(user)
    out = []
    for page, url in (
        ("case list", reverse("casework:case_list")),
        ("case page", reverse("casework:case_detail", args=[case_for(user).pk])),
    ):
        with_log, without = [], []
        _time(client, url)
        for _round in range(rounds):
            with_log.append(_time(client, url)[0])
            with audit_off():
                without.append(_time(client, url)[0])
        on, off = statistics.median(with_log), statistics.median(without)
        out.append(
            {
                "page": page,
                "with_ms": round(on, 1),
                "without_ms": round(off, 1),
                "cost_pct": round(100 * (on - off) / off, 1),
            }
        )
    return out


# --- reminder throughput -------------------------------------------------------------------
class _Rollback(Exception):
    pass


def measure_reminders(*, count: int = 300) -> dict:
    """Plan `count` due deadline reminders, dispatch them and deliver every delivery, as
    the beat and the workers would; all inside a transaction that is rolled back."""
    from deadlines.services.reminders import reminder_deliver, reminders_dispatch_due

    now = timezone.now()
    result = {}
    try:
        with transaction.atomic():
            deadlines = list(
                Deadline.objects.filter(status="open")
                .order_by("pk")
                .values_list("pk", "case_id")[:count]
            )
            Reminder.objects.bulk_create(
                [
                    Reminder(
                        case_id=case_id,
                        deadline_id=pk,
                        kind="deadline_due",
                        about="bench",
                        due_at=now - timedelta(minutes=1),
                    )
                    for pk, case_id in deadlines
                ],
                ignore_conflicts=True,
            )
            started = time.perf_counter()
            dispatched = reminders_dispatch_due(now=now)
            dispatch_s = time.perf_counter() - started
            ids = list(
                ReminderDelivery.objects.filter(notified_at__isnull=True, enqueued_at=now)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            started = time.perf_counter()
            for delivery_id in ids:
                reminder_deliver(delivery_id=delivery_id, now=now)
            deliver_s = time.perf_counter() - started
            result = {
                "reminders": len(deadlines),
                "deliveries": dispatched,
                "dispatch_per_s": round(len(deadlines) / dispatch_s, 1),
                "deliveries_per_s": round(len(ids) / deliver_s, 1) if ids else None,
            }
            raise _Rollback
    except _Rollback:
        pass
    return result


# --- gunicorn throughput ---------------------------------------------------------------
def _session_cookie(user) -> str:
    from importlib import import_module

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    # The backend that logs users in (Django accepts only one listed in the settings; a
    # stale name here made every request anonymous and the measured rate 0).
    store[BACKEND_SESSION_KEY] = "accounts.backends.UserBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store[TWO_FACTOR_KEY] = EXEMPT
    store.create()
    return store.session_key


def _hammer(url: str, cookie: str, *, seconds: float, threads: int) -> float:
    """Requests per second answered 200 by `threads` keep-alive clients (standard library)."""
    parts = urlsplit(url)
    done, stop = [0] * threads, time.monotonic() + seconds
    headers = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}"}

    def run(i):
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        while time.monotonic() < stop:
            conn.request("GET", parts.path, headers=headers)
            response = conn.getresponse()
            response.read()
            if response.status == 200:
                done[i] += 1
        conn.close()

    workers = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return sum(done) / seconds


def measure_gunicorn(*, workers: int = 2, seconds: float = 15, port: int = 8714) -> dict:
    """Requests per second of the case page and of the bare base-template page, the same
    gunicorn (sync workers), the same settings, one after the other."""
    user = User.objects.get(username=PERF_COORDINATOR)
    cookie = _session_cookie(user)
    root = Path(__file__).resolve().parent.parent
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--workers", str(workers),
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=root, env={**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"},
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        for _attempt in range(100):
            try:
                urlopen(base + "/healthz", timeout=1).read()  # noqa: S310 (our own server)
                break
            except OSError:
                time.sleep(0.2)
        case_url = base + reverse("casework:case_detail", args=[case_for(user).pk])
        base_url = base + "/bench/base/"
        _hammer(base_url, cookie, seconds=2, threads=workers * 2)
        bare = _hammer(base_url, cookie, seconds=seconds, threads=workers * 2)
        page = _hammer(case_url, cookie, seconds=seconds, threads=workers * 2)
        if not bare or not page:
            raise RuntimeError("gunicorn answered no request with 200: is the session valid?")
        return {
            "workers": workers,
            "base_rps": round(bare, 1),
            "case_page_rps": round(page, 1),
            "share_pct": round(100 * page / bare, 1) if bare else None,
        }
    finally:
        server.terminate()
        server.wait(timeout=30)


def database_facts() -> dict:
    facts = {"cases": Case.objects.count(), "vendor": connection.vendor}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for name in ("server_version", "jit", "autovacuum", "shared_buffers", "work_mem"):
                cursor.execute(f"SHOW {name}")
                facts[name] = cursor.fetchone()[0]
    facts["active_cases"] = Case.objects.filter(~Q(phase="closed")).count()
    return facts
