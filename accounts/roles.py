# SPDX-License-Identifier: EUPL-1.2
"""The model permissions each role carries, kept in one declarative table.

Object-level access (which cases) comes from case membership, not from these groups:
a model permission says what kind of thing a role may do at all.
"""

from accounts.models import Role, User

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.COORDINATOR: [
        "safetyplan.view_safetyplan",
        "safetyplan.change_safetyplan",
        "safetyplan.change_agreementprogress",
        "safetyplan.add_scalescore",
        "safetyplan.add_planacknowledgement",
        "casework.manage_case",
        "casework.record_incident",
        "casework.add_case",
        "casework.change_case",
        "casework.view_case",
        "casework.add_person",
        "casework.change_person",
        "casework.view_person",
        "casework.add_casemembership",
        "casework.change_casemembership",
        "casework.add_incident",
        "casework.view_incident",
        "huisverbod.add_toetsing",
        "huisverbod.view_toetsing",
        "huisverbod.add_huisverbod",
        "huisverbod.view_huisverbod",
        "deadlines.view_escalation",
    ],
    Role.PARTNER: [
        "safetyplan.view_safetyplan",
        "safetyplan.change_agreementprogress",
        "safetyplan.add_scalescore",
        "safetyplan.add_planacknowledgement",
        "casework.record_incident",
        "casework.view_case",
        "casework.view_person",
        "casework.add_incident",
        "casework.view_incident",
        "huisverbod.add_toetsing",
        "huisverbod.view_toetsing",
        "huisverbod.add_huisverbod",
        "huisverbod.view_huisverbod",
    ],
    Role.MANAGER: [
        "safetyplan.view_safetyplan",
        "casework.view_case",
        "casework.view_person",
        "casework.view_incident",
        "huisverbod.view_huisverbod",
        "deadlines.view_escalation",
        "deadlines.change_escalation",
    ],
    Role.MUNICIPALITY_OFFICIAL: [
        "safetyplan.view_safetyplan",
        "casework.view_case",
        "huisverbod.view_huisverbod",
        "huisverbod.change_huisverbod",
    ],
    Role.FUNCTIONAL_ADMIN: [
        "accounts.add_user",
        "accounts.change_user",
        "accounts.view_user",
        "accounts.add_organisation",
        "accounts.change_organisation",
        "accounts.view_organisation",
        "accounts.view_accessgrantrequest",
        "accounts.change_accessgrantrequest",
        "casework.add_municipality",
        "casework.change_municipality",
        "casework.view_municipality",
        # single sign-on per organisation and partner-system tokens (issue 19)
        "accounts.add_oidcprovider",
        "accounts.change_oidcprovider",
        "accounts.view_oidcprovider",
        "accounts.change_oidclinkrequest",
        "accounts.view_oidclinkrequest",
        "api.add_apitoken",
        "api.change_apitoken",
        "api.view_apitoken",
        # unlock an account locked after failed logins (django-axes)
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
    ],
    Role.LOG_MANAGER: [
        "audit.view_auditentry",
    ],
}


def group_name(role: str) -> str:
    return f"role:{role}"


def sync_role_groups(*, group_model, permission_model) -> None:
    """Create the role groups and give each exactly the permissions of its role."""
    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=group_name(role))
        wanted = []
        for dotted in perms:
            app_label, codename = dotted.split(".")
            wanted.extend(
                permission_model.objects.filter(
                    content_type__app_label=app_label, codename=codename
                )
            )
        group.permissions.set(wanted)


# The roles of people who work on cases: they may own an agreement or action and be named
# on a case. The functional administrator and the log manager never do.
CASEWORK_ROLES = (Role.COORDINATOR, Role.PARTNER, Role.MANAGER, Role.MUNICIPALITY_OFFICIAL)


def case_workers(organisation_ids):
    """Active people of these organisations who work on cases, grouped for choosing."""
    return (
        User.objects.filter(
            organisation_id__in=organisation_ids, is_active=True, role__in=CASEWORK_ROLES
        )
        .select_related("organisation")
        .order_by("organisation__name", "first_name", "last_name", "pk")
    )
