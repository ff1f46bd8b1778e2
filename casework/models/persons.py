# SPDX-License-Identifier: EUPL-1.2
from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class PersonRole(models.TextChoices):
    VICTIM = "victim", _("Slachtoffer")
    PERPETRATOR = "perpetrator", _("Pleger")
    CHILD = "child", _("Kind")
    HOUSEHOLD = "household", _("Ander gezinslid")
    NETWORK = "network", _("Netwerk")


ROLE_FIELDS = {
    PersonRole.VICTIM: "is_victim",
    PersonRole.PERPETRATOR: "is_perpetrator",
    PersonRole.CHILD: "is_child",
    PersonRole.HOUSEHOLD: "is_household_member",
    PersonRole.NETWORK: "is_network",
}


class Person(models.Model):
    """A person involved in the case. Only what is needed; never a BSN.

    Roles are flags because one person may hold several (victim and perpetrator at once),
    and "has the case a victim" must be one indexed query.
    """

    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="persons")
    first_name = models.CharField(_("voornaam"), max_length=100)
    last_name = models.CharField(_("achternaam"), max_length=100)
    # Optional: at registration it is often unknown, and data minimisation does not force
    # it. The unique constraint below only bites when it is known (NULLs are distinct).
    date_of_birth = models.DateField(_("geboortedatum"), null=True, blank=True)
    is_victim = models.BooleanField(_("slachtoffer"), default=False)
    is_perpetrator = models.BooleanField(_("pleger"), default=False)
    is_child = models.BooleanField(_("kind"), default=False)
    is_household_member = models.BooleanField(_("ander gezinslid"), default=False)
    is_network = models.BooleanField(_("netwerk"), default=False)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    # The most dangerous datum in the system: only the shelter and the coordinator see it.
    confidential_address = models.CharField(
        _("vertrouwelijk (opvang)adres"), max_length=200, blank=True
    )
    # "first last" folded by casework.text.fold (no diacritics, lower case): what search
    # matches on, the same on PostgreSQL (trigram index) and SQLite. Filled by the services.
    search_name = models.CharField(max_length=201, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Old and new value, who and when, of every change (docs/privacy.md: change history).
    changes = HistoricalRecords()

    class Meta:
        ordering = ["last_name", "first_name", "pk"]
        verbose_name = _("betrokkene")
        verbose_name_plural = _("betrokkenen")
        constraints = [
            models.UniqueConstraint(
                "case",
                Lower("first_name"),
                Lower("last_name"),
                "date_of_birth",
                name="casework_person_unique_in_case",
            ),
            models.CheckConstraint(
                condition=models.Q(is_victim=True)
                | models.Q(is_perpetrator=True)
                | models.Q(is_child=True)
                | models.Q(is_household_member=True)
                | models.Q(is_network=True),
                name="casework_person_has_a_role",
            ),
        ]
        indexes = [
            models.Index(fields=["date_of_birth"], name="casework_person_dob"),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def roles(self) -> list[str]:
        return [role for role, field in ROLE_FIELDS.items() if getattr(self, field)]

    @property
    def role_labels(self) -> list[str]:
        return [PersonRole(role).label for role in self.roles]


class PersonLink(models.Model):
    """A coordinator confirmed that a person on this case is the same as a person on an
    earlier case (the MARAC "repeat"; counted in the factsheet)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="links")
    known_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("koppeling met een eerdere casus")
        verbose_name_plural = _("koppelingen met eerdere casussen")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "known_person"], name="casework_personlink_unique"
            )
        ]
