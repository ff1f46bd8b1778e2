# SPDX-License-Identifier: EUPL-1.2
"""What a file is, read from its first bytes (magic numbers), not from its name.

Pure Python, no libmagic: the accepted set is small (PDF, office formats, images) and each
has a fixed signature. Office Open XML and OpenDocument files are ZIP archives; which one
is decided by the archive's members. The extension must belong to the detected type, so a
PDF renamed to .docx, or an .exe renamed to .pdf, is refused.
"""

import zipfile
from dataclasses import dataclass


@dataclass(frozen=True)
class FileType:
    name: str
    content_type: str
    extensions: tuple[str, ...]


PDF = FileType("pdf", "application/pdf", ("pdf",))
PNG = FileType("png", "image/png", ("png",))
JPEG = FileType("jpeg", "image/jpeg", ("jpg", "jpeg"))
GIF = FileType("gif", "image/gif", ("gif",))
TIFF = FileType("tiff", "image/tiff", ("tif", "tiff"))
WEBP = FileType("webp", "image/webp", ("webp",))
OLE = FileType("ole", "application/octet-stream", ("doc", "xls", "ppt", "msg"))
DOCX = FileType(
    "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ("docx",)
)
XLSX = FileType(
    "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ("xlsx",)
)
PPTX = FileType(
    "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", ("pptx",)
)
ODF = {
    "application/vnd.oasis.opendocument.text": FileType(
        "odt", "application/vnd.oasis.opendocument.text", ("odt",)
    ),
    "application/vnd.oasis.opendocument.spreadsheet": FileType(
        "ods", "application/vnd.oasis.opendocument.spreadsheet", ("ods",)
    ),
    "application/vnd.oasis.opendocument.presentation": FileType(
        "odp", "application/vnd.oasis.opendocument.presentation", ("odp",)
    ),
}
OOXML = {"word/": DOCX, "xl/": XLSX, "ppt/": PPTX}


def _zip_type(fileobj) -> FileType | None:
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                return ODF.get(archive.read("mimetype").decode("ascii", "replace").strip())
            if "[Content_Types].xml" in names:
                for prefix, kind in OOXML.items():
                    if any(n.startswith(prefix) for n in names):
                        return kind
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return None
    return None


def detect(fileobj) -> FileType | None:
    """The accepted type of this file's content, or None. Leaves the file at its start."""
    fileobj.seek(0)
    head = fileobj.read(16)
    fileobj.seek(0)
    kind = None
    if head.startswith(b"%PDF-"):
        kind = PDF
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = PNG
    elif head.startswith(b"\xff\xd8\xff"):
        kind = JPEG
    elif head[:6] in (b"GIF87a", b"GIF89a"):
        kind = GIF
    elif head[:4] in (b"II*\x00", b"MM\x00*"):
        kind = TIFF
    elif head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        kind = WEBP
    elif head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        kind = OLE
    elif head.startswith(b"PK\x03\x04"):
        kind = _zip_type(fileobj)
    fileobj.seek(0)
    return kind


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""
