# SPDX-License-Identifier: EUPL-1.2
"""GNU gettext checks the translations: a broken %(name)s placeholder would be a 500."""

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import IN_CI

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"


def msgfmt_check(po: Path) -> subprocess.CompletedProcess:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        if IN_CI:
            pytest.fail("CI requires GNU gettext (msgfmt)", pytrace=False)
        pytest.skip("needs GNU gettext: apt-get install gettext")
    return subprocess.run(
        [msgfmt, "-c", "--check-format", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
    )


def test_the_translations_pass_msgfmt_check_without_a_warning():
    result = msgfmt_check(PO)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr


def test_msgfmt_catches_a_broken_placeholder(tmp_path):
    broken = tmp_path / "django.po"
    broken.write_text(
        PO.read_text() + '\n#, python-format\nmsgid "Casus %(ref)s is bijgewerkt."\n'
        'msgstr "Case %(reference)s was updated."\n'
    )
    result = msgfmt_check(broken)
    assert result.returncode != 0
    assert "argument 'ref' doesn't exist in 'msgstr'" in result.stderr
