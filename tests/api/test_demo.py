# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.core.management import call_command

from accounts.models import OIDCLinkRequest, OIDCProvider
from api.models import ApiToken

pytestmark = pytest.mark.django_db


def test_demo_data_shows_sso_and_a_pending_token_and_can_be_loaded_twice():
    call_command("load_demo_data")
    call_command("load_demo_data")
    assert OIDCProvider.objects.count() == 1
    assert OIDCLinkRequest.objects.filter(status="pending").count() == 1
    token = ApiToken.objects.get()
    assert token.approved_at is None  # four-eyes: waits for a second administrator
