# SPDX-License-Identifier: EUPL-1.2
"""publiccode.yml against the rules of the publiccode.yml standard (0.7, the current one).

The official parser (publiccode-parser-go) is a Go program that cannot be installed here,
so this test checks the standard's rules itself, taken from docs/standard/schema.core.rst,
categories-list.rst and scope-list.rst of github.com/publiccodeyml/publiccode.yml (v0.7.0).
"""

import datetime
import re
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parents[2]
VERSIONS = {"0.2", "0.3", "0.4", "0.5", "0.6", "0.7"}
CURRENT = "0.7"
CATEGORIES = set(
    """accounting agile-project-management applicant-tracking application-development
    appointment-scheduling backup billing-and-invoicing blog budgeting business-intelligence
    business-process-management cad call-center-management cloud-management collaboration
    communications compliance-management contact-management content-management crm
    customer-service-and-support data-analytics data-collection data-visualization design
    design-system digital-asset-management digital-citizenship document-management
    donor-management e-commerce e-signature educational-content email-management
    email-marketing employee-management enterprise-project-management
    enterprise-social-networking erp event-management facility-management
    feedback-and-reviews-management financial-reporting fleet-management fundraising
    gamification geographic-information-systems grant-management graphic-design help-desk hr
    ide identity-management instant-messaging integrated-library-system inventory-management
    it-asset-management it-development it-management it-security it-service-management
    knowledge-management learning-management-system marketing mind-mapping mobile-marketing
    mobile-payment network-management office online-booking online-community
    payment-gateway payroll predictive-analysis procurement productivity-suite
    project-collaboration project-management property-management real-estate-management
    regulations-and-directives remote-support resource-management sales-management seo
    service-desk social-media-management survey talent-management task-management
    taxes-management test-management time-management time-tracking translation
    video-conferencing video-editing visitor-management voip warehouse-management
    web-collaboration web-conferencing website-builder whistleblowing workflow-management
    other""".split()  # noqa: SIM905 - the list as the standard prints it
)
SCOPES = set(
    """agriculture culture defence education emergency-services employment energy
    environment finance-and-economic-development foreign-affairs government healthcare
    infrastructures justice local-authorities manufacturing research science-and-technology
    security society sport tourism transportation welfare""".split()  # noqa: SIM905
)
PLATFORMS = {"web", "windows", "mac", "linux", "ios", "android"}
STATUSES = {"concept", "development", "beta", "stable", "obsolete"}
SOFTWARE_TYPES = {
    "standalone/mobile", "standalone/iot", "standalone/desktop", "standalone/web",
    "standalone/backend", "standalone/other", "addon", "library", "configurationFiles",
}  # fmt: skip
MAINTENANCE = {"internal", "contract", "community", "none"}
BCP47 = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def _url(value) -> bool:
    parts = urlsplit(str(value))
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def _date(value) -> bool:
    try:
        datetime.date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def publiccode_errors(data: dict, *, root: Path = ROOT) -> list[str]:  # noqa: C901
    errors = []

    def need(condition, message):
        if not condition:
            errors.append(message)

    for key in ("publiccodeYmlVersion", "name", "url", "platforms", "developmentStatus",
                "softwareType", "description", "legal", "maintenance", "localisation"):  # fmt: skip
        need(key in data, f"{key} is mandatory")
    need(str(data.get("publiccodeYmlVersion")) in VERSIONS, "publiccodeYmlVersion unknown")
    need(_url(data.get("url", "")), "url must be a URL")
    if "landingURL" in data:
        need(_url(data["landingURL"]), "landingURL must be a URL")
    if "releaseDate" in data:
        need(_date(data["releaseDate"]), "releaseDate must be YYYY-MM-DD")
    platforms = data.get("platforms") or []
    platforms = [platforms] if isinstance(platforms, str) else platforms
    need(platforms and set(platforms) <= PLATFORMS, f"platforms not allowed: {platforms}")
    for category in data.get("categories", []):
        need(category in CATEGORIES, f"category {category!r} is not in the standard's list")
    need(data.get("developmentStatus") in STATUSES, "developmentStatus not allowed")
    need(data.get("softwareType") in SOFTWARE_TYPES, "softwareType not allowed")
    if "organisation" in data:
        need(bool(data["organisation"].get("uri")), "organisation/uri is mandatory")
    audience = data.get("intendedAudience", {})
    for country in audience.get("countries", []) + audience.get("unsupportedCountries", []):
        need(re.fullmatch(r"[A-Z]{2}", country), f"country {country!r}: ISO 3166-1 alpha-2")
    for scope in audience.get("scope", []):
        need(scope in SCOPES, f"scope {scope!r} is not in the standard's list")

    descriptions = data.get("description") or {}
    need(descriptions, "description needs at least one language")
    long_ok = features_ok = False
    for lang, text in descriptions.items():
        need(BCP47.match(lang), f"description/{lang}: not a BCP 47 tag")
        short = str(text.get("shortDescription", ""))
        need(0 < len(short) <= 150, f"description/{lang}/shortDescription: 1-150 characters")
        long = str(text.get("longDescription", ""))
        if long:
            need(150 <= len(long) <= 10000, f"description/{lang}/longDescription: 150-10000")
            long_ok = True
        features_ok = features_ok or bool(text.get("features"))
        for key in ("documentation", "apiDocumentation"):
            if key in text:
                need(_url(text[key]), f"description/{lang}/{key} must be a URL")
        for shot in text.get("screenshots", []):
            need(str(shot).lower().endswith((".png", ".jpg", ".jpeg")), f"{shot}: PNG or JPG")
            need(_url(shot) or (root / shot).is_file(), f"screenshot {shot} does not exist")
    need(long_ok, "longDescription is mandatory for at least one language")
    need(features_ok, "features are mandatory for at least one language")

    need(bool((data.get("legal") or {}).get("license")), "legal/license is mandatory")
    maintenance = data.get("maintenance") or {}
    kind = maintenance.get("type")
    need(kind in MAINTENANCE, "maintenance/type not allowed")
    if kind == "contract":
        need(bool(maintenance.get("contractors")), "maintenance/contractors is mandatory")
    else:
        need("contractors" not in maintenance, "maintenance/contractors only with contract")
    if kind in {"internal", "community"}:
        contacts = maintenance.get("contacts") or []
        need(contacts and all(c.get("name") for c in contacts), "maintenance/contacts needed")
    localisation = data.get("localisation") or {}
    need(isinstance(localisation.get("localisationReady"), bool), "localisationReady: boolean")
    languages = localisation.get("availableLanguages") or []
    need(languages and all(BCP47.match(lang) for lang in languages), "availableLanguages")
    for kind_of in ("open", "proprietary", "hardware"):
        for dependency in (data.get("dependsOn") or {}).get(kind_of, []):
            need(bool(dependency.get("name")), f"dependsOn/{kind_of}: name is mandatory")
    return errors


def load() -> dict:
    return yaml.safe_load((ROOT / "publiccode.yml").read_text())


def test_publiccode_yml_follows_the_current_standard():
    data = load()
    assert publiccode_errors(data) == []
    assert data["publiccodeYmlVersion"] == CURRENT


def test_publiccode_yml_names_organisation_landing_page_documentation_screenshots_contact():
    data = load()
    assert data["organisation"]["uri"] and data["landingURL"]
    for text in data["description"].values():
        assert text["documentation"] and text["screenshots"]
    assert data["maintenance"]["contacts"]


def test_publiccode_yml_states_the_version_of_pyproject():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert load()["softwareVersion"] == version


def test_the_validator_refuses_what_the_old_file_had_wrong():
    data = load()
    data["categories"] = ["case-management"]
    data["intendedAudience"] = {"countries": ["nl"]}
    data["maintenance"] = {"type": "community"}
    data["description"]["nl"]["shortDescription"] = "x" * 151
    errors = publiccode_errors(data)
    assert "category 'case-management' is not in the standard's list" in errors
    assert "country 'nl': ISO 3166-1 alpha-2" in errors
    assert "maintenance/contacts needed" in errors
    assert "description/nl/shortDescription: 1-150 characters" in errors
