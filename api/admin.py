# SPDX-License-Identifier: EUPL-1.2
"""API tokens on /beheer/: issue (the token is shown once, on the page after saving),
approve (a second administrator), revoke. Every write goes through api.services."""

import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from api.models import ApiToken, Scope
from api.services import token_approve, token_issue, token_revoke


class TokenIssueForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("rechten"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ApiToken
        fields = ["organisation", "name", "scopes", "expires_at"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    form = TokenIssueForm
    list_display = ["name", "organisation", "prefix", "expires_at", "approved_at", "revoked_at"]
    list_filter = ["organisation"]
    actions = ["approve", "revoke"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # revoked, never deleted (the access log refers to it)

    def save_model(self, request, obj, form, change):
        issued = token_issue(
            actor=request.user,
            organisation=form.cleaned_data["organisation"],
            name=form.cleaned_data["name"],
            scopes=form.cleaned_data["scopes"],
            expires_at=form.cleaned_data["expires_at"],
        )
        obj.pk = issued.token.pk
        request._issued_token = issued  # shown once by response_add, never stored

    def response_add(self, request, obj, post_url_continue=None):
        issued = request._issued_token
        return TemplateResponse(
            request,
            "api/token_issued.html",
            {**self.admin_site.each_context(request), "issued": issued, "title": _("API-token")},
        )

    def _each(self, request, queryset, call, done):
        for token in queryset:
            try:
                call(token)
            except (ValidationError, PermissionDenied) as error:
                text = " ".join(getattr(error, "messages", [])) or str(error)
                self.message_user(request, text, level=messages.ERROR)
            else:
                self.message_user(request, done, level=messages.SUCCESS)

    @admin.action(description=_("Goedkeuren (tweede beheerder)"))
    def approve(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda t: token_approve(actor=request.user, token=t),
            _("Token goedgekeurd."),
        )

    @admin.action(description=_("Intrekken"))
    def revoke(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda t: token_revoke(actor=request.user, token=t),
            _("Token ingetrokken."),
        )

    def get_changeform_initial_data(self, request):
        return {"expires_at": timezone.now() + datetime.timedelta(days=90)}
