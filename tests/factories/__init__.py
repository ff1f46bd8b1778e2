# SPDX-License-Identifier: EUPL-1.2
"""Factories with traits; all data is fake."""

import factory

from accounts.models import Organisation, OrganisationKind, Role, User
from accounts.services import user_sync_groups

PASSWORD = "Test-wachtwoord-2026"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = OrganisationKind.SOCIAL_TEAM

    class Params:
        zvh = factory.Trait(kind=OrganisationKind.ZVH)
        police = factory.Trait(kind=OrganisationKind.POLICE)
        prosecutor = factory.Trait(kind=OrganisationKind.PROSECUTOR)
        veilig_thuis = factory.Trait(kind=OrganisationKind.VEILIG_THUIS)
        shelter = factory.Trait(kind=OrganisationKind.SHELTER)
        municipality = factory.Trait(kind=OrganisationKind.MUNICIPALITY)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda u: f"{u.username}@test.casusregie.invalid")
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.PARTNER
    password = factory.django.Password(PASSWORD)

    class Params:
        coordinator = factory.Trait(
            role=Role.COORDINATOR, organisation=factory.SubFactory(OrganisationFactory, zvh=True)
        )
        manager = factory.Trait(role=Role.MANAGER)
        zvh_manager = factory.Trait(
            role=Role.MANAGER, organisation=factory.SubFactory(OrganisationFactory, zvh=True)
        )
        partner = factory.Trait(role=Role.PARTNER)
        municipality_official = factory.Trait(
            role=Role.MUNICIPALITY_OFFICIAL,
            organisation=factory.SubFactory(OrganisationFactory, municipality=True),
        )
        functional_admin = factory.Trait(
            role=Role.FUNCTIONAL_ADMIN,
            organisation=factory.SubFactory(OrganisationFactory, zvh=True),
        )
        log_manager = factory.Trait(
            role=Role.LOG_MANAGER, organisation=factory.SubFactory(OrganisationFactory, zvh=True)
        )

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create:
            user_sync_groups(user=self)
