# SPDX-License-Identifier: EUPL-1.2
"""Request id, trace id and one access-log line per request (config/logs.py); and no
cache of anything a logged-in user was shown.

The access line holds method, path, status and duration: never the query string (search
pages carry names in it), never a user, a cookie or a form field.
"""

import logging
import time

from django.core.signals import request_finished
from django.dispatch import receiver
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control

from config import logs

access_logger = logging.getLogger("casusregie.access")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = logs.valid_request_id(request.headers.get("X-Request-ID"))
        trace_id = logs.trace_id_from_traceparent(request.headers.get("traceparent"))
        # Bound until the response is finished, not only while the middleware runs: Django
        # logs a 4xx/5xx ("Not Found: ...") after the middleware chain has returned.
        logs.bind(
            request_id=request_id or logs.new_request_id(),
            trace_id=trace_id or logs.new_trace_id(),
        )
        request.request_id = logs.request_id_var.get()
        started = time.monotonic()
        status = 500
        try:
            response = self.get_response(request)
            status = response.status_code
            response["X-Request-ID"] = request.request_id
            return response
        finally:
            access_logger.info(
                "%s %s %s",
                request.method,
                request.path,
                status,
                extra={
                    "event": "request",
                    "method": request.method,
                    "path": request.path,
                    "status": status,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                },
            )


@receiver(request_finished)
def _forget_ids(**kwargs) -> None:
    """Lines between requests (server start-up, shutdown) carry no stale request id."""
    logs.request_id_var.set("-")
    logs.trace_id_var.set("-")


class NoStoreMiddleware:
    """Cache-Control: no-store (with no-cache, must-revalidate, private, max-age=0) on every
    response to an authenticated request: case pages, plans, calendar files, recovery
    codes, exports. Static files are served by WhiteNoise before this runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response


# How often an active session's idle clock is restarted (one session write). Saving the
# session on every request cost three queries per page; an idle session still ends
# SESSION_COOKIE_AGE after the last request, give or take this much.
SESSION_RENEW_SECONDS = 60
RENEWED_KEY = "_renewed_at"


class SessionRenewMiddleware:
    """Restarts a logged-in session's idle clock at most once a minute (after
    SessionMiddleware, which then writes the session and renews the cookie)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.get("_auth_user_id"):
            now = int(timezone.now().timestamp())
            if now - int(session.get(RENEWED_KEY, 0)) >= SESSION_RENEW_SECONDS:
                session[RENEWED_KEY] = now
        return self.get_response(request)
