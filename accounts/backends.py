# SPDX-License-Identifier: EUPL-1.2
from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import TextField
from django.db.models.expressions import RawSQL

from accounts.models import User
from config.prepared import PreparedQuery


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


# The user's own and their groups' permissions, "app_label.codename" joined by commas, as
# one more value on the user's row of the session ("" for none).
PERMISSION_CODES = "permission_codes"


def permission_codes() -> RawSQL:
    """A UNION of the two index paths (own, through groups), as a subquery of the user's
    row: an OR over both joins read every row, and a query of its own cost a round trip on
    every page (issue 14). PostgreSQL joins with string_agg, SQLite with group_concat."""
    joined = "string_agg" if connection.vendor == "postgresql" else "group_concat"
    own = User.user_permissions.through._meta.db_table
    member = User.groups.through._meta.db_table
    granted = Group.permissions.through._meta.db_table
    user = User._meta.db_table
    sql = (
        f"SELECT COALESCE({joined}(ct.app_label || '.' || p.codename, ','), '')"  # noqa: S608
        f" FROM (SELECT o.permission_id AS id FROM {own} o WHERE o.user_id = {user}.id"
        f" UNION SELECT g.permission_id FROM {granted} g"
        f" JOIN {member} m ON m.group_id = g.group_id WHERE m.user_id = {user}.id) ids"
        f" JOIN {Permission._meta.db_table} p ON p.id = ids.id"
        f" JOIN {ContentType._meta.db_table} ct ON ct.id = p.content_type_id"
    )
    return RawSQL(sql, (), output_field=TextField())  # noqa: S611 - table names only, no values


def _session_user(*, user_id: int):
    annotations = {name: make() for name, make in USER_ANNOTATIONS.items()}
    annotations[PERMISSION_CODES] = permission_codes()
    return User.objects.select_related("organisation").annotate(**annotations).filter(pk=user_id)


# Built and compiled once per process: every request reads its user (config.prepared).
_SESSION_USER = PreparedQuery(_session_user, user_id=int)


class UserBackend(ModelBackend):
    """Django's own backend, reading the user of a session together with their
    organisation and their permissions: every page asks for them (sector, kind, the role's
    right to see cases), so they cost no query of their own; so do the registered
    annotations."""

    def get_user(self, user_id):
        try:
            found = _SESSION_USER(user_id=int(user_id))
        except (TypeError, ValueError):  # not an id, or beyond a database's integers
            return None
        if not found:
            return None
        user = found[0]
        return user if self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj, obj=None):
        """The user's own and their groups' permissions: read with the user of the session
        (PERMISSION_CODES), otherwise in one query (Django's backend reads them in two)."""
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            codes = getattr(user_obj, PERMISSION_CODES, None)
            if codes is not None and not user_obj.is_superuser:
                user_obj._perm_cache = set(codes.split(",")) if codes else set()
                return user_obj._perm_cache
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
