# SPDX-License-Identifier: EUPL-1.2
"""DOCUMENTS_STORAGE=s3 puts documents in a private S3-compatible bucket through
django-storages; without it they stay on the filesystem, outside any public path."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import django; django.setup()\n"
    "from documents.storage import documents_storage\n"
    "s = documents_storage()\n"
    "from django.conf import settings\n"
    "print(type(s).__name__, getattr(s, 'bucket_name', '-'), getattr(s, 'default_acl', '-'),"
    " getattr(s, 'location', '-') if type(s).__name__ == 'FileSystemStorage' else '-',"
    " settings.STATIC_ROOT)\n"
)


def _probe(**env) -> str:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": "sqlite:///:memory:",
        **env,
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout.strip().splitlines()[-1]


def test_s3_setting_gives_a_private_bucket():
    answer = _probe(DOCUMENTS_STORAGE="s3", DOCUMENTS_S3_BUCKET="zvh-documenten")
    assert answer.startswith("S3Storage zvh-documenten private - ")


def test_default_is_the_filesystem_outside_the_static_files(tmp_path):
    answer = _probe(DOCUMENTS_STORAGE="", DOCUMENTS_DIR=str(tmp_path / "docs"))
    kind, bucket, acl, location, static_root = answer.split(" ")
    assert (kind, bucket, acl) == ("FileSystemStorage", "-", "-")
    assert location == str(tmp_path / "docs")
    assert not Path(location).is_relative_to(static_root)
