# SPDX-License-Identifier: EUPL-1.2
"""The plan PDF: names in every script a Dutch region writes them in come out intact, the
font is embedded, and the file is tagged as PDF/UA."""

from io import BytesIO

import pytest
from pypdf import PdfReader

from safetyplan import services
from safetyplan.pdf import render_version_pdf
from tests.factories.cases import add_person
from tests.safetyplan.helpers import PlanWorld

pytestmark = pytest.mark.django_db

NAMES = [
    ("Ayşe", "Kılıç"),  # Turkish
    ("Małgorzata", "Wróblewska-Żółć"),  # Polish
    ("فاطمة", "الزهراء"),  # Arabic script
    ("Nguyễn", "Thị Hương"),  # Vietnamese
]


def pdf_text(content: bytes) -> str:
    reader = PdfReader(BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def pdf():
    world = PlanWorld()
    draft = world.draft()
    for rank in (1, 2):
        world.complete_item(draft, rank)
    for first, last in NAMES:
        person = add_person(world.case, first_name=first, last_name=last)
        services.recovery_plan_save(
            actor=world.coordinator, version=draft, person=person, goals=f"Herstel voor {first}"
        )
    version = services.plan_adopt(actor=world.coordinator, version=draft)
    return render_version_pdf(version)


def test_turkish_polish_arabic_and_vietnamese_names_come_out_intact(pdf):
    text = pdf_text(pdf)
    for first, last in NAMES:
        assert first in text and last in text, (first, last, text[-400:])
    assert "■" not in text


def test_the_font_is_embedded_and_the_file_is_tagged_pdf_ua(pdf):
    reader = PdfReader(BytesIO(pdf))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()
            for descendant in descriptor.get("/DescendantFonts", [descriptor]):
                fd = descendant.get_object().get("/FontDescriptor")
                if fd is not None:
                    fd = fd.get_object()
                    assert "/FontFile2" in fd or "/FontFile3" in fd, "font not embedded"
                    fonts.add(str(fd["/FontName"]))
    assert any("DejaVu" in name for name in fonts), fonts
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert "pdfuaid" in root["/Metadata"].get_object().get_data().decode()
    assert reader.metadata.title.startswith("Veiligheidsplan")
