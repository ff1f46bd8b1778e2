# SPDX-License-Identifier: EUPL-1.2
"""The nightly backup covers the documents: deploy/backup/backup.sh archives DOCUMENTS_DIR
next to each database dump (a fake pg_dump on PATH stands in for the database; the real
dump and restore are tests/release/test_backup_restore.py), with the same retention, and
restore.sh --documents puts the files back into an empty directory."""

import os
import subprocess
import tarfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BACKUP = ROOT / "deploy" / "backup" / "backup.sh"
RESTORE = ROOT / "deploy" / "backup" / "restore.sh"
FAKE_PG_DUMP = """#!/bin/sh
for arg in "$@"; do
  case "$arg" in --file=*) printf 'PGDMP fake dump of %s' "$PGDATABASE" > "${arg#--file=}";; esac
done
"""


@pytest.fixture
def world(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "pg_dump").write_text(FAKE_PG_DUMP)
    (bin_dir / "pg_dump").chmod(0o755)
    documents = tmp_path / "documents"
    stored = documents / "cases" / "7" / "12" / "3f2a-key"
    stored.parent.mkdir(parents=True)
    stored.write_bytes(b"%PDF-1.4 fictief")
    (documents / "cases" / "7" / "12" / "9b1c-key").write_bytes(b"%PDF-1.4 versie 2")
    backups = tmp_path / "backups"
    backups.mkdir()
    env = {
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "PGDATABASE": "casusregie",
        "BACKUP_DIR": str(backups),
        "BACKUP_RETENTION_DAYS": "14",
        "DOCUMENTS_DIR": str(documents),
    }
    return {"env": env, "backups": backups, "documents": documents, "tmp": tmp_path}


def _run(script, *args, env):
    return subprocess.run([str(script), *args], env=env, capture_output=True, text=True)


def _aged(path: Path, days: int) -> Path:
    path.write_text("old")
    then = time.time() - days * 86400
    os.utime(path, (then, then))
    return path


def test_each_dump_has_a_documents_archive_of_the_same_night_with_the_same_retention(world):
    backups = world["backups"]
    old_dump = _aged(backups / "casusregie-20260101T020000Z.dump", 30)
    old_archive = _aged(backups / "casusregie-20260101T020000Z.documents.tar.gz", 30)
    recent_archive = _aged(backups / "casusregie-20261125T020000Z.documents.tar.gz", 3)

    result = _run(BACKUP, "--once", env=world["env"])
    assert result.returncode == 0, result.stderr
    assert '"event": "backup-documents"' in result.stdout
    dumps = sorted(backups.glob("casusregie-*.dump"))
    archives = sorted(backups.glob("casusregie-*.documents.tar.gz"))
    assert len(dumps) == 1 and dumps[0] != old_dump
    assert not old_archive.exists(), "an archive older than the retention goes, as a dump does"
    assert recent_archive in archives and len(archives) == 2
    (new,) = [a for a in archives if a != recent_archive]
    assert new.name.removesuffix(".documents.tar.gz") == dumps[0].name.removesuffix(".dump")
    with tarfile.open(new) as archive:
        names = {Path(name).as_posix().lstrip("./") for name in archive.getnames()}
        content = archive.extractfile("./cases/7/12/3f2a-key").read()
    assert {"cases/7/12/3f2a-key", "cases/7/12/9b1c-key"} <= names
    assert content == b"%PDF-1.4 fictief"
    assert not list(backups.glob("*.partial"))


def test_restore_puts_the_documents_back_into_an_empty_directory_only(world):
    assert _run(BACKUP, "--once", env=world["env"]).returncode == 0
    (archive,) = world["backups"].glob("*.documents.tar.gz")
    target = world["tmp"] / "restored"
    env = {**world["env"], "DOCUMENTS_DIR": str(target)}
    result = _run(RESTORE, "--documents", str(archive), env=env)
    assert result.returncode == 0, result.stderr
    assert '"files": 2' in result.stdout
    assert (target / "cases" / "7" / "12" / "9b1c-key").read_bytes() == b"%PDF-1.4 versie 2"
    again = _run(RESTORE, "--documents", str(archive), env=env)
    assert again.returncode != 0 and "DOCUMENTS_DIR is not empty" in again.stderr


def test_without_the_documents_directory_the_backup_refuses_to_run(world):
    env = {**world["env"], "DOCUMENTS_DIR": str(world["tmp"] / "missing")}
    result = _run(BACKUP, "--once", env=env)
    assert result.returncode == 2
    assert "DOCUMENTS_DIR is not a directory" in result.stderr
    assert list(world["backups"].iterdir()) == []
    unset = {k: v for k, v in world["env"].items() if k != "DOCUMENTS_DIR"}
    assert _run(BACKUP, "--once", env=unset).returncode == 2


def test_with_s3_only_the_database_is_dumped_and_the_log_says_why(world):
    env = {k: v for k, v in world["env"].items() if k != "DOCUMENTS_DIR"}
    result = _run(BACKUP, "--once", env={**env, "DOCUMENTS_STORAGE": "s3"})
    assert result.returncode == 0, result.stderr
    assert '"event": "backup-documents-skipped"' in result.stdout
    assert len(list(world["backups"].glob("*.dump"))) == 1
    assert not list(world["backups"].glob("*.documents.tar.gz"))
