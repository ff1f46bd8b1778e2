# SPDX-License-Identifier: EUPL-1.2
"""Structured logs: one JSON object per line, request id and trace id on each, carried into
Celery tasks; an access line per request without query string; no personal data."""

import io
import json
import logging
from types import SimpleNamespace

import pytest

from config import celery as celery_module
from config import logs
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"


@pytest.fixture
def log_lines():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.JsonFormatter())
    handler.addFilter(logs.ContextFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    previous = root.level
    root.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)
    root.setLevel(previous)


def test_each_request_gets_one_access_line_without_the_query_string(client, log_lines):
    user = UserFactory(coordinator=True, first_name="Anouk", last_name="Jansen")
    client.force_login(user)
    response = client.get("/cases/?q=Jansen&bsn=123456782")
    access = [e for e in log_lines() if e.get("event") == "request"]
    assert len(access) == 1
    (line,) = access
    assert line["path"] == "/cases/" and line["method"] == "GET"
    assert line["status"] == response.status_code
    assert line["request_id"] == response["X-Request-ID"]
    assert len(line["trace_id"]) == 32
    raw = json.dumps(log_lines())
    assert "Jansen" not in raw and "Anouk" not in raw and "123456782" not in raw


def test_every_line_of_a_request_carries_its_ids(client, log_lines):
    client.get(
        "/healthz/does-not-exist",
        headers={"traceparent": f"00-{TRACE}-00f067aa0ba902b7-01", "X-Request-ID": "lb-1234567"},
    )
    lines = log_lines()
    assert len(lines) >= 2  # django.request's "Not Found" and the access line
    assert {line["request_id"] for line in lines} == {"lb-1234567"}
    assert {line["trace_id"] for line in lines} == {TRACE}


def test_a_forged_request_id_is_replaced(client):
    response = client.get("/healthz", headers={"X-Request-ID": 'x"\n{"admin": true}'})
    assert response["X-Request-ID"] != 'x"\n{"admin": true}'
    assert logs.valid_request_id(response["X-Request-ID"])


def test_only_whitelisted_fields_reach_the_log(log_lines):
    logging.getLogger("casusregie.test").warning(
        "Something happened",
        extra={"request": "<WSGIRequest with cookies>", "email": "a@b.nl", "status": 418},
    )
    (line,) = log_lines()
    assert line["message"] == "Something happened" and line["status"] == 418
    assert "request" not in line and "email" not in line
    assert set(line) >= {"time", "level", "logger", "request_id", "trace_id"}


def test_a_published_task_carries_the_ids_and_the_worker_binds_them():
    tokens = logs.bind(request_id="req-12345678", trace_id=TRACE)
    headers: dict = {}
    try:
        celery_module._send_log_ids(headers=headers)
    finally:
        logs.unbind(tokens)
    assert headers == {logs.REQUEST_ID_HEADER: "req-12345678", logs.TRACE_ID_HEADER: TRACE}
    # in the worker: the headers are attributes of task.request
    task = SimpleNamespace(name="casusregie.ping", request=SimpleNamespace(**headers))
    celery_module._bind_log_ids(task_id="task-1", task=task)
    try:
        assert logs.request_id_var.get() == "req-12345678"
        assert logs.trace_id_var.get() == TRACE
    finally:
        celery_module._unbind_log_ids(task_id="task-1")
    assert logs.trace_id_var.get() == "-"


def test_a_task_without_headers_gets_its_own_ids():
    task = SimpleNamespace(name="casusregie.ping", request=SimpleNamespace())
    celery_module._bind_log_ids(task_id="9c1d4c1e-task", task=task)
    try:
        assert logs.request_id_var.get() == "9c1d4c1e-task"
        assert len(logs.trace_id_var.get()) == 32
    finally:
        celery_module._unbind_log_ids(task_id="9c1d4c1e-task")
