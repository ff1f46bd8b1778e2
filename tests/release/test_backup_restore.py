# SPDX-License-Identifier: EUPL-1.2
"""The nightly backup and the documented restore: a dump made by deploy/backup/backup.sh,
restored by restore.sh into an empty database, holds the same intact access-log chain, and
the documents archive of the same night restores the files; dumps older than the retention
go, the newest stays."""

import os
import re
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.postgres


def test_backup_and_restore_keep_the_access_log_chain_intact(production_database, tmp_path):
    database = production_database
    names = database["names"]
    seed = "from tests.release import prodshape_seed as s; "
    database["shell"](seed + "s.seed_due_huisverbod(); print(s.seed_due_huisverbod())")
    verify = [*database["manage"], "verify_audit_log"]
    before = database["run"](verify)
    match = re.search(r"Access log intact: (\d+) entries, head (\w+)", before)
    assert match and int(match.group(1)) > 0, before

    backups = tmp_path / "backups"
    backups.mkdir()
    old = backups / "casusregie-20260101T020000Z.dump"
    old.write_text("an old dump")
    month_ago = time.time() - 30 * 86400
    os.utime(old, (month_ago, month_ago))
    documents = tmp_path / "documents"
    (documents / "cases" / "1" / "1").mkdir(parents=True)
    (documents / "cases" / "1" / "1" / "key").write_bytes(b"%PDF-1.4 fictief")
    pg = {"PGHOST": database["host"], "PGPORT": database["port"], "PGUSER": names["owner"],
          "PGPASSWORD": "o", "BACKUP_DIR": str(backups), "BACKUP_RETENTION_DAYS": "14",
          "DOCUMENTS_DIR": str(documents)}  # fmt: skip
    result = subprocess.run(
        [str(ROOT / "deploy" / "backup" / "backup.sh"), "--once"],
        env={**os.environ, **pg, "PGDATABASE": names["db"]},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    dumps = sorted(backups.glob("casusregie-*.dump"))
    assert len(dumps) == 1 and dumps[0] != old, "the old dump is pruned, the new one kept"
    assert '"event": "backup"' in result.stdout

    restored = names["db"] + "_restored"
    database.setdefault("drop", []).append(restored)
    database["psql"]("-c", f"CREATE DATABASE {restored} OWNER {names['owner']}")
    result = subprocess.run(
        [str(ROOT / "deploy" / "backup" / "restore.sh"), str(dumps[0])],
        env={**os.environ, **pg, "PGDATABASE": restored},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    database["run"](
        [database["manage"][0], str(ROOT / "deploy" / "db_grants.py"), names["app"]],
        role="owner", database=restored,
    )  # fmt: skip
    after = database["run"](verify, database=restored)
    assert after.strip() == before.strip(), "same entries, same head, chain intact"
    # The documents of the same night come back next to it (tests/release/test_backup_documents.py).
    (archive,) = backups.glob("casusregie-*.documents.tar.gz")
    assert archive.name.removesuffix(".documents.tar.gz") == dumps[0].name.removesuffix(".dump")
    restored_documents = tmp_path / "restored-documents"
    result = subprocess.run(
        [str(ROOT / "deploy" / "backup" / "restore.sh"), "--documents", str(archive)],
        env={**os.environ, "DOCUMENTS_DIR": str(restored_documents)},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (restored_documents / "cases" / "1" / "1" / "key").read_bytes() == b"%PDF-1.4 fictief"


def test_a_tampered_restore_is_caught_by_the_chain_check(production_database):
    database = production_database
    seed = "from tests.release import prodshape_seed as s; "
    database["shell"](seed + "print(s.seed_due_huisverbod())")
    # As the owner (who may disable the trigger, as an attacker with a dump could), change
    # one entry: verify_audit_log, as the restore procedure runs it, refuses the result.
    database["psql"](
        "-c", "ALTER TABLE audit_auditentry DISABLE TRIGGER USER",
        "-c", "UPDATE audit_auditentry SET username = 'iemand anders' WHERE id = "
              "(SELECT min(id) FROM audit_auditentry)",
        database=database["names"]["db"],
    )  # fmt: skip
    result = subprocess.run(
        [*database["manage"], "verify_audit_log"],
        cwd=ROOT,
        env={**database["env"]},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "chain broken" in result.stderr
