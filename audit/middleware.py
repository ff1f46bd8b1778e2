# SPDX-License-Identifier: EUPL-1.2
"""Refused attempts on case URLs end up in the access log, whichever view refused them;
so does every page under a case that a view showed without recording it itself.

Every URL with a `case_pk` is case data. When such a request ends in 404 (a case the user
may not see, a guessed id, another case's object id) or in PermissionDenied, and the view
did not record anything itself, one "denied" entry is written. PermissionDenied on a case
URL is answered with the same 404 as a case that does not exist, and so is a wrong
HTTP method (405) on a case the user may not see.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.views.defaults import page_not_found

from audit.models import Action
from audit.services import audit_record, begin_request, end_request, request_entries
from config.ids import id_in_range

# (user, case_pk) -> bool, registered by casework (the audit app never imports it).
CASE_VISIBILITY: list = []


def register_case_visibility(check) -> None:
    CASE_VISIBILITY[:] = [check]


def _case_pk(request) -> int | None:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    value = match.kwargs.get("case_pk")
    try:
        pk = int(value) if value is not None else None
    except (TypeError, ValueError):
        return None
    return pk if pk is None or id_in_range(pk) else None


def _out_of_range(request) -> bool:
    """An id in the URL that no row can have (0, negative, beyond 64 bits)."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return False
    return any(isinstance(value, int) and not id_in_range(value) for value in match.kwargs.values())


class AuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = begin_request(request)
        try:
            response = self.get_response(request)
            if response.status_code == 405 and not self._may_see_case(request):
                # A wrong method must not tell a stranger more than a missing case does.
                response = page_not_found(request, Http404())
            if (
                response.status_code == 200
                and request.method in ("GET", "HEAD")
                and _case_pk(request) is not None
                and not request_entries()
                and getattr(request, "user", None) is not None
                and request.user.is_authenticated
            ):
                # Every page under a case shows case data (at least the case and what the
                # form is about): a view that recorded nothing itself is recorded here.
                audit_record(
                    actor=request.user,
                    action=Action.VIEW,
                    case_id=_case_pk(request),
                    path=request.path,
                )
            if response.status_code in (403, 404) and not request_entries():
                case_pk = _case_pk(request)
                user = getattr(request, "user", None)
                if (case_pk is not None or response.status_code == 403) and (
                    user is not None and user.is_authenticated
                ):
                    audit_record(
                        actor=user, action=Action.DENIED, case_id=case_pk, path=request.path
                    )
            return response
        finally:
            end_request(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """An id out of range is answered like a missing object before any view or query
        runs, and recorded as a refused attempt. The API answers (and records) its own 404s,
        in problem+json."""
        if _out_of_range(request) and not request.path.startswith("/api/"):
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                audit_record(
                    actor=user, action=Action.DENIED, case_id=_case_pk(request), path=request.path
                )
            return page_not_found(request, Http404())
        return None

    @staticmethod
    def _may_see_case(request) -> bool:
        case_pk = _case_pk(request)
        user = getattr(request, "user", None)
        if case_pk is None or user is None or not user.is_authenticated:
            return True
        return all(check(user, case_pk) for check in CASE_VISIBILITY)

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied) and _case_pk(request) is not None:
            return page_not_found(request, Http404())
        return None
