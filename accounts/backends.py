# SPDX-License-Identifier: EUPL-1.2
from axes.backends import AxesStandaloneBackend


class LoginAttemptBackend(AxesStandaloneBackend):
    """django-axes' lock-out check, first in AUTHENTICATION_BACKENDS.

    Every login through the web passes the request, so lock-out applies there. Code that
    authenticates without a request (Django's test client `login()`, management commands)
    is not a login attempt from outside; axes would refuse it with an error, this lets the
    next backend decide instead.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
