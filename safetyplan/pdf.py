# SPDX-License-Identifier: EUPL-1.2
"""The PDF of an adopted plan version: a Django template rendered by WeasyPrint.

The font is embedded in every file and comes from a package on the server (Debian's
fonts-dejavu-core, see settings.PDF_FONT_DIR), never fetched: DejaVu Sans carries the Latin,
Turkish, Polish, Vietnamese and Arabic letters that names in a Dutch region are written in.
The document is tagged as PDF/UA-1, so screen readers read it in order.

It carries what the version says, never persons' addresses: a shelter address can
therefore never end up in a downloaded file.
"""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from weasyprint import HTML

from safetyplan.selectors import acknowledgement_overview, version_content

TEMPLATE = "safetyplan/pdf/version.html"


def _font(name: str) -> str:
    return (Path(settings.PDF_FONT_DIR) / name).as_uri()


def render_version_html(version) -> str:
    """The document as HTML (also what the tests read)."""
    case = version.plan.case
    return render_to_string(
        TEMPLATE,
        {
            "LANGUAGE_CODE": get_language() or settings.LANGUAGE_CODE,
            "case": case,
            "version": version,
            "content": version_content(version, with_scores=True),
            "acknowledgements": acknowledgement_overview(case, version),
            "marking": _("VERTROUWELIJK — veiligheidsplan %(ref)s, versie %(number)s")
            % {"ref": case.reference, "number": version.number},
            "font_regular": _font("DejaVuSans.ttf"),
            "font_bold": _font("DejaVuSans-Bold.ttf"),
        },
    )


def render_version_pdf(version) -> bytes:
    # No base_url: the template links to nothing but the two local font files.
    return HTML(string=render_version_html(version)).write_pdf(pdf_variant="pdf/ua-1")
