"""scripts/restore-drill on a throwaway PostgreSQL with the project's pgBackRest files: it
passes within the RPO and RTO limits and reports to a Vitrine push monitor, up with its
figures or down with the reason."""
from __future__ import annotations

import pathlib
import re
import shutil
import subprocess

from conftest import ROOT, last_beat, push_monitor
from harness import BIN, processes_using, wait_until

DRILL = ROOT / "scripts" / "restore-drill"


def test_the_drill_restores_to_the_target_time_within_rpo_and_rto_and_reports_up(start):
    server = start(token=True)
    monitor_id, url = push_monitor(server, "PostgreSQL restore drill", 86400)
    backup_monitor_id, backup_url = push_monitor(server, "PostgreSQL daily backup", 86400)
    out = subprocess.run([str(DRILL), "--vitrine", BIN, "--push-url", url,
                          "--backup-push-url", backup_url],
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout + out.stderr
    assert re.search(r"all 40 projects written before the target, none of the 20 written "
                     r"after it", out.stdout), out.stdout
    m = re.search(r"RPO ([\d.]+) s \(limit 60 s\), RTO ([\d.]+) s \(limit 300 s\): passed",
                  out.stdout)
    assert m and float(m[1]) <= 60 and float(m[2]) <= 300, out.stdout
    assert "reported 'up' to the push monitor" in out.stdout, out.stdout
    result = wait_until(lambda: last_beat(server, monitor_id), 10, "the drill's heartbeat")
    assert result["state"] == "up" and result["message"].startswith("restore drill: RPO "), result
    # The backup job the drill ran (pgbackrest-job daily, then verify) reported too.
    beat = last_beat(server, backup_monitor_id)
    assert beat["state"] == "up" and beat["message"].startswith("pgbackrest verify: done"), beat


def test_a_failing_drill_reports_down_with_the_reason(start):
    server = start(token=True)
    monitor_id, url = push_monitor(server, "PostgreSQL restore drill", 86400)
    # A vitrine that cannot start: the drill fails after PostgreSQL came up.
    out = subprocess.run([str(DRILL), "--vitrine", "/bin/false", "--push-url", url],
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 1
    assert "FAILED: vitrine token create failed" in out.stderr, out.stderr
    assert "reported 'down' to the push monitor" in out.stdout, out.stdout
    result = wait_until(lambda: last_beat(server, monitor_id), 10, "the drill's heartbeat")
    assert result["state"] == "down"
    assert result["message"].startswith("restore drill failed: vitrine token create"), result


def test_the_drill_leaves_no_cluster_or_directory_behind():
    out = subprocess.run([str(DRILL), "--vitrine", "/bin/false"], capture_output=True,
                         text=True, timeout=600)
    assert out.returncode == 1
    directory = re.search(r"archiving to (/tmp/vitrine-drill\.[^/\s]+)/repo", out.stdout)[1]
    assert not pathlib.Path(directory).exists()
    # Its reapers (scripts/services/reap-when-gone, waiting for the drill to end) finish
    # once it has; then nothing names the directory.
    wait_until(lambda: not processes_using(directory), 30, "no process using the drill's directory")


def test_a_killed_drill_leaves_no_cluster_or_server_running():
    drill = subprocess.Popen([str(DRILL), "--vitrine", BIN], stdout=subprocess.PIPE, text=True)
    try:
        directory = None
        assert drill.stdout is not None
        for line in drill.stdout:
            if match := re.search(r"archiving to (/tmp/vitrine-drill\.[^/\s]+)/repo", line):
                directory = match[1]
            if "full backup to repo1" in line:
                break  # the primary cluster and a vitrine on it are running
        assert directory is not None and processes_using(directory)
        drill.kill()  # as ctest does on a timeout: the drill's own clean-up never runs
        drill.wait()
        wait_until(lambda: not processes_using(directory), 60,
                   "the drill's clusters and servers gone")
    finally:
        drill.kill()
        drill.wait()
        if directory:
            shutil.rmtree(directory, ignore_errors=True)  # a killed drill keeps it, for its logs
