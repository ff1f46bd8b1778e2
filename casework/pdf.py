# SPDX-License-Identifier: EUPL-1.2
"""PDFs from Django templates with WeasyPrint (the case summary, conference minutes).

The template decides nothing: it shows what the view's selector already filtered for the
user (shelter addresses, confidential incidents and notes are left out before rendering).
Fonts are embedded from the DejaVu files on the machine (templates/pdf/_base_pdf.html).
"""

from django.http import HttpResponse
from django.template.loader import render_to_string
from weasyprint import HTML


def pdf_response(*, template: str, context: dict, filename: str, request=None) -> HttpResponse:
    html = render_to_string(template, context, request=request)
    document = HTML(string=html, base_url="file:///usr/share/fonts/truetype/dejavu/")
    response = HttpResponse(document.write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
