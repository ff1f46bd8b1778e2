# SPDX-License-Identifier: EUPL-1.2
"""PDFs from Django templates with WeasyPrint (the case summary, conference minutes), made
like the plan PDF (safetyplan/pdf.py): the font comes from settings.PDF_FONT_DIR and is
embedded, nothing is fetched, and the document is tagged as PDF/UA-1.

The template decides nothing: it shows what the view's selector already filtered for the
user (shelter addresses, confidential incidents and notes are left out before rendering).
"""

from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language
from weasyprint import HTML


def _font(name: str) -> str:
    return (Path(settings.PDF_FONT_DIR) / name).as_uri()


def pdf_render_html(*, template: str, context: dict, request=None) -> str:
    """The document as HTML (also what the tests can read)."""
    context = {
        "LANGUAGE_CODE": get_language() or settings.LANGUAGE_CODE,
        "font_regular": _font("DejaVuSans.ttf"),
        "font_bold": _font("DejaVuSans-Bold.ttf"),
        **context,
    }
    return render_to_string(template, context, request=request)


def pdf_response(*, template: str, context: dict, filename: str, request=None) -> HttpResponse:
    html = pdf_render_html(template=template, context=context, request=request)
    # No base_url: the template links to nothing but the two local font files.
    document = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
