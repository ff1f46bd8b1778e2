# SPDX-License-Identifier: EUPL-1.2
"""Every user-facing string has an English translation.

Strings are extracted without GNU gettext (a fresh machine has none): Python through its
syntax tree, templates through Django's own templatize(). The compiled catalogue that the
application loads (locale/en/LC_MESSAGES/django.mo) must translate each of them.
"""

import ast
import gettext
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = [
    "accounts",
    "api",
    "audit",
    "casework",
    "conferences",
    "config",
    "documents",
    "outcomes",
    "perpetrator",
    "privacy",
    "safetyplan",
    "timeliness",
]
GETTEXT_FUNCS = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
}
CONTEXT_FUNCS = {"pgettext", "pgettext_lazy"}
TEMPLATE_CALL = re.compile(r"\b(?:n?gettext|_)\(u?'((?:[^'\\]|\\.)*)'", re.S)
TEMPLATE_PCALL = re.compile(r"\bn?pgettext\(u?'(?:[^'\\]|\\.)*',\s*u?'((?:[^'\\]|\\.)*)'", re.S)


def _python_msgids(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        index = 0 if name in GETTEXT_FUNCS else 1 if name in CONTEXT_FUNCS else None
        if index is None or len(node.args) <= index:
            continue
        arg = node.args[index]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value:
            found.add(arg.value)
    return found


def _template_msgids(path: Path) -> set[str]:
    from django.utils.translation.template import templatize

    code = templatize(path.read_text(), origin=str(path))
    found = set()
    for pattern in (TEMPLATE_CALL, TEMPLATE_PCALL):
        for raw in pattern.findall(code):
            found.add(ast.literal_eval("'" + raw.replace("\n", "\\n") + "'"))
    return found


def user_facing_msgids() -> dict[str, str]:
    msgids = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for msgid in _python_msgids(path):
                msgids.setdefault(msgid, str(path.relative_to(ROOT)))
    for path in (ROOT / "templates").rglob("*.html"):
        for msgid in _template_msgids(path):
            msgids.setdefault(msgid, str(path.relative_to(ROOT)))
    return msgids


@pytest.fixture(scope="module")
def english():
    with (ROOT / "locale" / "en" / "LC_MESSAGES" / "django.mo").open("rb") as mo:
        return gettext.GNUTranslations(mo)._catalog


def test_the_extractor_finds_strings():
    found = user_facing_msgids()
    assert "Inloggen bij Casusregie" in found
    assert "Er is nog geen slachtoffer geregistreerd." in found


def test_every_user_facing_string_has_an_english_translation(english):
    missing = {
        msgid: where
        for msgid, where in user_facing_msgids().items()
        if not english.get(msgid)
        and not any(
            isinstance(key, tuple) and key[0] == msgid and value for key, value in english.items()
        )
    }
    listing = "\n".join(
        f"{where}: {msgid!r}" for msgid, where in sorted(missing.items(), key=lambda i: i[1])
    )
    assert not missing, (
        f"{len(missing)} strings lack an English translation (make messages):\n{listing}"
    )
