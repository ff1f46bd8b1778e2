# SPDX-License-Identifier: EUPL-1.2
"""The processing register (verwerkingsregister, AVG art. 30): the processing activities
Casusregie performs. Their ids are the `activity_id` of the Logboek Dataverwerkingen lines
and are derived from the access-log entries (action and kind of datum)."""

from dataclasses import asdict, dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Activity:
    id: str
    name: str
    purpose: str
    legal_basis: str
    categories: str
    recipients: str
    retention: str

    def as_dict(self) -> dict:
        return {key: str(value) for key, value in asdict(self).items()}


_CASE_RETENTION = _("Tot de bewaartermijn na afsluiten (standaard 5 jaar), daarna geanonimiseerd")

ACTIVITIES = [
    Activity(
        "cr-casus-registratie",
        _("Aanmelden en bijhouden van een casus"),
        _("Gezamenlijke aanpak van huiselijk geweld (Code Rood / MDA++)"),
        _("WGS art. 2.3 jo. BGS; AVG art. 6 lid 1 sub e"),
        _("Naam, geboortedatum, rol, contactgegevens, adres, incidenten"),
        _("Partners in de casus (per deelname: doel en grondslag)"),
        _CASE_RETENTION,
    ),
    Activity(
        "cr-casus-inzage",
        _("Inzien van casusgegevens"),
        _("Uitvoeren van het plan van aanpak"),
        _("WGS art. 2.3 jo. BGS"),
        _("Alle casusgegevens binnen het vertrouwelijkheidsniveau"),
        _("Deelnemende partners"),
        _CASE_RETENTION,
    ),
    Activity(
        "cr-veiligheidsplan",
        _("Opstellen en uitvoeren van het veiligheidsplan"),
        _("Veiligheid van slachtoffer en kinderen"),
        _("WGS art. 2.3 jo. BGS"),
        _("Risico's, afspraken, voorwaarden"),
        _("Deelnemende partners"),
        _CASE_RETENTION,
    ),
    Activity(
        "cr-huisverbod",
        _("Toetsing en tijdelijk huisverbod"),
        _("Uitvoering Wet tijdelijk huisverbod"),
        _("Wet tijdelijk huisverbod; AVG art. 6 lid 1 sub c"),
        _("Beschikking, betrokkenen, termijnen"),
        _("Burgemeester, politie, Veilig Thuis, hulpverlening"),
        _("Beschikking 5 jaar (Wth art. 10)"),
    ),
    Activity(
        "cr-overleg",
        _("Casusoverleg"),
        _("Afstemming in het casusoverleg"),
        _("WGS art. 2.3 jo. BGS"),
        _("Agenda, verslag, acties"),
        _("Deelnemers aan het overleg"),
        _CASE_RETENTION,
    ),
    Activity(
        "cr-rechten-betrokkene",
        _("Behandelen van verzoeken van betrokkenen"),
        _("Inzage, rectificatie en beperking voor alle casussen tegelijk"),
        _("AVG art. 15-18; WGS (één aanspreekpunt)"),
        _("Alle gegevens over de verzoeker"),
        _("De verzoeker"),
        _("Zolang de casussen bewaard worden"),
    ),
    Activity(
        "cr-bewaartermijn",
        _("Bewaren en anonimiseren"),
        _("Verwijderen na afloop van de bewaartermijn"),
        _("AVG art. 5 lid 1 sub e; WGS"),
        _("Alle casusgegevens"),
        _("Geen"),
        _("Het besluit tot anonimiseren: zolang het toegangslog"),
    ),
]

ACTIVITY_IDS = {activity.id for activity in ACTIVITIES}

_BY_APP = {
    "safetyplan": "cr-veiligheidsplan",
    "huisverbod": "cr-huisverbod",
    "conferences": "cr-overleg",
    "privacy": "cr-rechten-betrokkene",
}


def activity_for(*, action: str, object_type: str) -> str:
    """The processing activity of one access-log entry."""
    app = object_type.split(".", 1)[0] if object_type else ""
    if app in _BY_APP:
        return _BY_APP[app]
    if action in ("view", "export"):
        return "cr-casus-inzage"
    return "cr-casus-registratie"
