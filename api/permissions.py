# SPDX-License-Identifier: EUPL-1.2
"""The token's scopes say what kind of call a partner system may make at all; which
cases and objects it reaches is decided by the same predicates as for professionals."""

from rest_framework import permissions


class HasScope(permissions.BasePermission):
    """The token carries the scope the view asks for this method."""

    def has_permission(self, request, view):
        token = getattr(request, "auth", None)
        if token is None or not request.user.is_authenticated:
            return False
        safe = request.method in permissions.SAFE_METHODS
        needed = view.read_scope if safe else view.write_scope
        return bool(needed) and needed in token.scopes
