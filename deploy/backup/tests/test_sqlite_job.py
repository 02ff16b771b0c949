"""The SQLite deployment's scheduled backup (deploy/backup/sqlite/vitrine-backup-job)
against a running vitrine: it writes an encrypted backup that restores, prunes old ones by
the hourly/daily/weekly/monthly policy, touches nothing that is not its own, and reports
to a push monitor; a failed backup reports down and prunes nothing."""
from __future__ import annotations

import base64
import datetime as dt
import os
import pathlib
import subprocess

from conftest import BACKUP, last_beat, push_monitor
from harness import BIN, run_cli, wait_until

JOB = BACKUP / "sqlite" / "vitrine-backup-job"
NOW = dt.datetime.now(dt.timezone.utc)


def old_backups(directory: pathlib.Path) -> set[str]:
    """Backups every 6 hours over the last 120 days, as earlier runs left them."""
    names = set()
    for hours in range(6, 120 * 24, 6):
        t = NOW - dt.timedelta(hours=hours, minutes=7)
        name = f"vitrine-{t:%Y%m%dT%H%M%S}Z.db.enc"
        (directory / name).write_text("an earlier backup")
        names.add(name)
    return names


def stamp(name: str) -> dt.datetime:
    return dt.datetime.strptime(name.split("-", 1)[1][:15], "%Y%m%dT%H%M%S")


def policy(names: set[str], hourly=24, daily=7, weekly=4, monthly=3) -> set[str]:
    """What the documented policy keeps: per tier, the newest backup of each of the most
    recent N hours, days, ISO weeks and months that have backups."""
    keep = set()
    for count, key in ((hourly, lambda t: (t.date(), t.hour)), (daily, lambda t: t.date()),
                       (weekly, lambda t: t.isocalendar()[:2]), (monthly, lambda t: (t.year, t.month))):
        newest: dict = {}
        for name in names:
            k = key(stamp(name))
            if k not in newest or stamp(name) > stamp(newest[k]):
                newest[k] = name
        keep |= {newest[k] for k in sorted(newest, reverse=True)[:count]}
    return keep


def job_env(workdir: str, extra: dict[str, str]) -> dict[str, str]:
    return {"PATH": os.environ["PATH"], "VITRINE_BIN": BIN,
            "VITRINE_DATABASE_URL": f"sqlite://{workdir}/data/vitrine.db", **extra}


def test_the_job_backs_up_encrypted_prunes_by_policy_and_reports_up(start, workdir):
    server = start(env={"VITRINE_DATABASE_URL": f"sqlite://{workdir}/data/vitrine.db"},
                   token=True)
    monitor_id, url = push_monitor(server, "SQLite backup", 3600)
    status, _, project = server.call("POST", "/api/v1/projects", {"title": "Backed up"},
                                     admin=True)
    assert status == 201
    backups = pathlib.Path(workdir, "backups")
    backups.mkdir()
    earlier = old_backups(backups)
    (backups / "notes.txt").write_text("not a backup")
    (backups / "vitrine-manual-copy.db").write_text("a name the job did not make")
    key = pathlib.Path(workdir, "backup.key")
    key.write_text(base64.urlsafe_b64encode(os.urandom(32)).decode() + "\n")

    out = subprocess.run([str(JOB)], capture_output=True, text=True, timeout=120,
                         env=job_env(workdir, {"VITRINE_BACKUP_DIR": str(backups),
                                               "VITRINE_BACKUP_KEY_FILE": str(key),
                                               "VITRINE_BACKUP_PUSH_URL": url}))
    assert out.returncode == 0, out.stderr
    new = {n for n in os.listdir(backups) if n.startswith("vitrine-2")} - earlier
    assert len(new) == 1, new
    made = new.pop()
    assert (backups / made).read_bytes().startswith(b"VTRNBAK1")
    expected = policy(earlier | {made})
    assert set(os.listdir(backups)) == expected | {"notes.txt", "vitrine-manual-copy.db"}
    assert f"{len(expected)} backups kept, {len(earlier) + 1 - len(expected)} removed" in out.stdout
    beat = wait_until(lambda: last_beat(server, monitor_id), 10, "the job's heartbeat")
    assert beat["state"] == "up" and beat["message"].startswith(f"backup {made} ("), beat

    # What it wrote restores, with the project in it.
    server.stop()
    restored = run_cli("restore", "--from", str(backups / made), "--key-file", str(key),
                       env={"VITRINE_DATABASE_URL": f"sqlite://{workdir}/data/vitrine.db"},
                       cwd=workdir)
    assert restored.returncode == 0, restored.stderr
    again = start(env={"VITRINE_DATABASE_URL": f"sqlite://{workdir}/data/vitrine.db"},
                  token=server.admin["Authorization"][7:])
    assert again.call("GET", f"/api/v1/projects/{project['id']}", admin=True)[0] == 200


def test_a_failed_backup_reports_down_and_prunes_nothing(start, workdir):
    server = start(token=True)
    monitor_id, url = push_monitor(server, "SQLite backup", 3600)
    backups = pathlib.Path(workdir, "backups")
    backups.mkdir()
    earlier = old_backups(backups)
    out = subprocess.run([str(JOB)], capture_output=True, text=True, timeout=60,
                         env=job_env(workdir, {
                             "VITRINE_DATABASE_URL": f"sqlite://{workdir}/absent/vitrine.db",
                             "VITRINE_BACKUP_DIR": str(backups), "VITRINE_BACKUP_PUSH_URL": url}))
    assert out.returncode == 1 and "there is no database at" in out.stderr, out.stderr
    assert set(os.listdir(backups)) == earlier
    beat = wait_until(lambda: last_beat(server, monitor_id), 10, "the job's heartbeat")
    assert beat["state"] == "down"
    assert beat["message"].startswith("vitrine backup failed: vitrine backup: there is no "), beat


def test_bad_settings_name_the_variable_and_what_is_accepted(workdir):
    out = subprocess.run([str(JOB)], capture_output=True, text=True, timeout=30,
                         env=job_env(workdir, {}))
    assert out.returncode == 2 and "set VITRINE_BACKUP_DIR" in out.stderr
    out = subprocess.run([str(JOB)], capture_output=True, text=True, timeout=30,
                         env=job_env(workdir, {"VITRINE_BACKUP_DIR": workdir,
                                               "VITRINE_BACKUP_KEEP": "7 days"}))
    assert out.returncode == 2
    assert "VITRINE_BACKUP_KEEP='7 days' is not four counts" in out.stderr
    assert not [n for n in os.listdir(workdir) if n.startswith("vitrine-")]
