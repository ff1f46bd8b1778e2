# SPDX-License-Identifier: EUPL-1.2
from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

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


# Values every page shows about the logged-in user, read with the user itself: rooms above
# accounts register an expression (name -> a function returning it), e.g. the bell's count.
USER_ANNOTATIONS: dict = {}


def register_user_annotation(name: str, expression) -> None:
    USER_ANNOTATIONS[name] = expression


class UserBackend(ModelBackend):
    """Django's own backend, reading the user of a session together with their
    organisation: every page asks for it (sector, kind), so it costs no query of its own;
    so do the registered annotations."""

    def get_user(self, user_id):
        annotations = {name: make() for name, make in USER_ANNOTATIONS.items()}
        try:
            user = (
                User.objects.select_related("organisation").annotate(**annotations).get(pk=user_id)
            )
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj, obj=None):
        """The user's own and their groups' permissions in one query (Django's backend
        reads them in two); every page asks once, for the role's right to see cases."""
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            fields = ("content_type__app_label", "codename")
            if user_obj.is_superuser:
                rows = Permission.objects.values_list(*fields)
            else:
                # A UNION of the two index paths (an OR over both joins read every row).
                own = Permission.objects.filter(user=user_obj).order_by().values_list(*fields)
                via_groups = Permission.objects.filter(group__user=user_obj).order_by()
                rows = own.union(via_groups.values_list(*fields))
            user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in rows}
        return user_obj._perm_cache
