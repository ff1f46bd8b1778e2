# SPDX-License-Identifier: EUPL-1.2
"""Single sign-on on /beheer/: the functional administrator configures each organisation's
provider, and handles link requests of unknown accounts — one proposes, a second approves
(accounts.oidc services; the admin never writes a link itself)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import OIDCLinkRequest, OIDCProvider, Role
from accounts.oidc import link_request_decide, link_request_propose
from audit.models import Action
from audit.services import audit_record


@admin.register(OIDCProvider)
class OIDCProviderAdmin(admin.ModelAdmin):
    list_display = ["organisation", "issuer", "is_active"]
    list_filter = ["is_active"]
    # An address typed without a scheme is https (a provider is never reached over http).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_delete_permission(self, request, obj=None):
        return False  # identities refer to it; deactivate instead

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_record(
            actor=request.user,
            action=Action.UPDATE if change else Action.CREATE,
            obj=obj,
            purpose="OIDC-inlogdienst ingesteld",
            path=request.path,
        )


def _run(modeladmin, request, queryset, call, done):
    for link_request in queryset:
        try:
            call(link_request)
        except (ValidationError, PermissionDenied) as error:
            text = " ".join(getattr(error, "messages", [str(error)])) or str(error)
            modeladmin.message_user(request, text, level=messages.ERROR)
        else:
            modeladmin.message_user(request, done, level=messages.SUCCESS)


def _propose_action(role: str, label):
    def action(modeladmin, request, queryset):
        _run(
            modeladmin,
            request,
            queryset,
            lambda lr: link_request_propose(actor=request.user, link_request=lr, role=role),
            _("Voorgesteld; een tweede beheerder moet goedkeuren."),
        )

    action.__name__ = f"propose_{role}"
    action.short_description = _("Nieuw account voorstellen als %(role)s") % {"role": label}
    return action


@admin.register(OIDCLinkRequest)
class OIDCLinkRequestAdmin(admin.ModelAdmin):
    list_display = ["display_name", "provider", "status", "proposed_role", "requested_at"]
    list_filter = ["status", "provider"]
    readonly_fields = [
        "provider",
        "issuer",
        "subject",
        "display_name",
        "claimed_role",
        "status",
        "proposed_user",
        "proposed_role",
        "proposed_by",
        "decided_by",
        "decided_at",
    ]
    actions = [_propose_action(role.value, role.label) for role in Role] + [
        "approve",
        "refuse",
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Koppeling goedkeuren (tweede beheerder)"))
    def approve(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda lr: link_request_decide(actor=request.user, link_request=lr, approve=True),
            _("Goedgekeurd: het account kan nu inloggen via de organisatie."),
        )

    @admin.action(description=_("Koppeling weigeren"))
    def refuse(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda lr: link_request_decide(actor=request.user, link_request=lr, approve=False),
            _("Geweigerd."),
        )
