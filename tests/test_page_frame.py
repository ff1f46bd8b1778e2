# SPDX-License-Identifier: EUPL-1.2
"""The frame around every page: the login form's button comes first, a favicon is served,
the help link leads to a guide per role."""

import re

import pytest
from django.contrib.staticfiles import finders

from accounts.models import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_first_submit_button_of_the_login_page_is_inloggen(client):
    html = client.get("/accounts/login/").content.decode()
    buttons = re.findall(r'<button type="submit"[^>]*>([^<]*)</button>', html)
    assert buttons[0] == "Inloggen", buttons


def test_a_favicon_is_served(client):
    html = client.get("/accounts/login/").content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"] == "/static/favicon.svg"
    assert finders.find("favicon.svg")


@pytest.mark.parametrize("role", Role.values)
def test_every_role_has_a_dutch_guide(client, role):
    response = client.get(f"/help/{role}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Handleiding voor de {Role(role).label}" in html
    for image in re.findall(r'<img src="/static/([^"]+)"', html):
        assert finders.find(image), f"the guide of {role} shows a missing screenshot {image}"


def test_an_unknown_guide_is_not_found(client):
    assert client.get("/help/stranger/").status_code == 404


def test_the_help_link_points_a_logged_in_user_to_their_role(client):
    client.force_login(UserFactory(coordinator=True))
    html = client.get("/").content.decode()
    assert '<a class="help-link" href="/help/coordinator/">Help</a>' in html
