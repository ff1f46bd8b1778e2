# SPDX-License-Identifier: EUPL-1.2
"""Django's database sessions, read with a query compiled once per process (issue 14).

Every request reads its session row first; Django builds and compiles that query each time
again. Here it is a PreparedQuery (config.prepared): the same row, the same rule (a key
that exists and has not expired), the key and the moment sent as parameters.
SESSION_ENGINE = "config.sessions".
"""

from datetime import datetime

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from config.prepared import PreparedQuery


def _live_session(*, key: str, now: datetime):
    return Session.objects.filter(session_key=key, expire_date__gt=now)


_LIVE_SESSION = PreparedQuery(_live_session, key=str, now=datetime)


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self):
        key = self.session_key  # None or a valid key (SessionBase checks the cookie's text)
        found = _LIVE_SESSION(key=key, now=timezone.now()) if key else []
        if found:
            return found[0]
        self._session_key = None
        return None
