# SPDX-License-Identifier: EUPL-1.2
"""Who may read the access log."""


def can_read_audit_log(user) -> bool:
    """The log manager reads the access log; that role never opens case content."""
    return bool(user.is_authenticated and user.is_active and user.has_perm("audit.view_auditentry"))
