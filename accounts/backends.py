# SPDX-License-Identifier: EUPL-1.2
from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend

from accounts.models import User


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


class UserBackend(ModelBackend):
    """Django's own backend, reading the user of a session together with their
    organisation: every page asks for it (sector, kind), so it costs no query of its own."""

    def get_user(self, user_id):
        try:
            user = User.objects.select_related("organisation").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
