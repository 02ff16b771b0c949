"""The backup configuration, checked offline: both pgBackRest variants use only options
pgBackRest 2.45 knows, keep the retention, encryption and checksum settings of the policy
and differ only in where the repositories are; no secret is in any file; the PostgreSQL
settings bound the RPO; the systemd units pass `systemd-analyze verify` and schedule every
job the job script runs; the cron entry is well formed."""
from __future__ import annotations

import configparser
import datetime as dt
import re
import shutil
import subprocess

import pytest
import yaml

from conftest import BACKUP, ROOT

PGBR = BACKUP / "pgbackrest"
SYSTEMD = BACKUP / "systemd"
REPO_LOCATION = re.compile(r"^repo\d+-(type|path|s3-.*)$")


def ini(name: str) -> dict[str, dict[str, str]]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive option names
    parser.read(PGBR / name)
    return {s: dict(parser[s]) for s in parser.sections()}


def known_options() -> set[str]:
    """Every option name in pgBackRest's own help for the commands the files serve."""
    names = set()
    for command in ("archive-push", "archive-get", "backup", "check", "expire", "info",
                    "restore", "stanza-create", "verify"):
        out = subprocess.run(["pgbackrest", "help", command], capture_output=True, text=True,
                             check=True).stdout
        names |= set(re.findall(r"^\s+--([a-z0-9-]+)", out, re.M))
    return names


@pytest.mark.parametrize("name", ["pgbackrest.conf", "pgbackrest-s3.conf"])
def test_every_option_is_one_pgbackrest_knows(name):
    known = known_options()
    for section, options in ini(name).items():
        for key in options:
            generic = re.sub(r"^(repo|pg)\d+-", r"\1-", key)
            assert generic in known, f"{name} [{section}] {key}: pgBackRest 2.45 has no '{generic}'"


@pytest.mark.parametrize("name", ["pgbackrest.conf", "pgbackrest-s3.conf"])
def test_the_policy_is_in_both_variants(name):
    g = ini(name)["global"]
    assert [g[f"repo{n}-retention-full"] for n in (1, 2, 3)] == ["7", "4", "3"]
    for n in (1, 2, 3):
        assert g[f"repo{n}-cipher-type"] == "aes-256-cbc"
        assert f"repo{n}-cipher-pass" not in g  # from conf.d, never the repository
    for n in (2, 3):  # the weekly and monthly tiers keep only the WAL their backups need
        assert g[f"repo{n}-retention-archive-type"] == "full"
    assert g["compress-type"] == "zst" and g["checksum-page"] == "y"
    assert g["archive-async"] == "y" and "archive-push-queue-max" in g
    assert ini(name)["vitrine"]["pg1-path"] == "/var/lib/postgresql/15/main"


def test_the_variants_differ_only_in_where_the_repositories_are():
    local, s3 = ini("pgbackrest.conf"), ini("pgbackrest-s3.conf")
    assert local.keys() == s3.keys()
    for section in local:
        same_l = {k: v for k, v in local[section].items() if not REPO_LOCATION.match(k)}
        same_s = {k: v for k, v in s3[section].items() if not REPO_LOCATION.match(k)}
        assert same_l == same_s, section
    g = s3["global"]
    for n in (1, 2, 3):
        assert g[f"repo{n}-type"] == "s3" and g[f"repo{n}-s3-key-type"] == "auto"
        assert f"repo{n}-s3-key" not in g and f"repo{n}-s3-key-secret" not in g
    assert [local["global"][f"repo{n}-path"].rsplit("/", 1)[1] for n in (1, 2, 3)] == \
        [g[f"repo{n}-path"].rsplit("/", 1)[1] for n in (1, 2, 3)] == ["daily", "weekly", "monthly"]


def test_postgresql_archives_at_least_every_minute():
    settings = dict(re.findall(r"^(\w+) = (.+)$", (PGBR / "postgresql.conf").read_text(), re.M))
    assert settings["archive_mode"] == "on" and settings["wal_level"] == "replica"
    assert int(settings["archive_timeout"]) <= 60
    assert settings["archive_command"] == "'pgbackrest --stanza=vitrine archive-push %p'"


def job_names() -> list[str]:
    """The jobs pgbackrest-job accepts, from its case statement."""
    text = (PGBR / "pgbackrest-job").read_text()
    return re.findall(r"^  ([a-z]+)\) args=", text, re.M)


def test_every_job_has_a_timer_and_every_timer_a_job():
    timers = {p.name[len("pgbackrest-"):-len(".timer")]: p
              for p in SYSTEMD.glob("pgbackrest-*.timer")}
    assert sorted(timers) == sorted(job_names()) == ["daily", "diff", "monthly", "verify", "weekly"]
    for job, path in timers.items():
        assert f"Unit=pgbackrest@{job}.service" in path.read_text()
    out = subprocess.run([str(PGBR / "pgbackrest-job"), "hourly"], capture_output=True, text=True)
    assert out.returncode == 2 and "unknown job 'hourly'" in out.stderr


def test_the_timers_fire_when_the_policy_says():
    def calendar(unit: str) -> str:
        return re.search(r"^OnCalendar=(.+)$", (SYSTEMD / unit).read_text(), re.M)[1]

    def normalized(expr: str) -> str:
        out = subprocess.run(["systemd-analyze", "calendar", expr], capture_output=True,
                             text=True, check=True).stdout
        return re.search(r"Normalized form: (.+)", out)[1]
    assert normalized(calendar("pgbackrest-daily.timer")) == "*-*-* 01:30:00 UTC"
    assert normalized(calendar("pgbackrest-diff.timer")) == "*-*-* 07,13,19:30:00 UTC"
    assert normalized(calendar("pgbackrest-weekly.timer")) == "Sun *-*-* 02:30:00 UTC"
    assert normalized(calendar("pgbackrest-monthly.timer")) == "*-*-01 03:30:00 UTC"
    assert normalized(calendar("pgbackrest-verify.timer")) == "*-*-* 05:30:00 UTC"
    assert normalized(calendar("vitrine-backup.timer")) == "*-*-* *:00:00"


def test_the_units_pass_systemd_analyze_verify(tmp_path):
    # The units name their installed paths; point them at this checkout's scripts.
    installed = {"/usr/local/lib/vitrine/pgbackrest-job": PGBR / "pgbackrest-job",
                 "/usr/local/lib/vitrine/vitrine-backup-job": BACKUP / "sqlite" / "vitrine-backup-job"}
    for unit in SYSTEMD.iterdir():
        text = unit.read_text()
        for path, script in installed.items():
            text = text.replace(path, str(script))
        assert "/usr/local/lib/vitrine" not in text, unit.name
        target = tmp_path / unit.name
        target.write_text(text)
    for job in job_names():
        shutil.copy(tmp_path / "pgbackrest@.service", tmp_path / f"pgbackrest@{job}.service")
    units = sorted(str(p) for p in tmp_path.iterdir() if p.name != "pgbackrest@.service")
    out = subprocess.run(["systemd-analyze", "verify", "--man=no", *units], capture_output=True,
                         text=True, cwd=tmp_path)
    # Environment files do not exist here; anything else systemd says is a finding.
    findings = [line for line in (out.stdout + out.stderr).splitlines()
                if line and "EnvironmentFile" not in line and "/etc/" not in line]
    assert out.returncode == 0 and not findings, out.stdout + out.stderr


def test_the_cron_entry_runs_the_job_hourly_as_the_service_user():
    lines = [line for line in (BACKUP / "cron" / "vitrine-backup").read_text().splitlines()
             if line and not line.startswith("#") and "=" not in line.split()[0]]
    assert len(lines) == 1
    minute, hour, dom, month, dow, user, *command = lines[0].split()
    assert 0 <= int(minute) <= 59 and (hour, dom, month, dow) == ("*", "*", "*", "*")
    assert user == "vitrine"
    assert "/usr/local/lib/vitrine/vitrine-backup-job" in " ".join(command)


# --- the same schedules on Kubernetes (deploy/k8s/components/pgbackrest/) --------------------

def timer_fire_times(unit: str, count: int) -> list[dt.datetime]:
    expr = re.search(r"^OnCalendar=(.+)$", (SYSTEMD / unit).read_text(), re.M)[1]
    out = subprocess.run(["systemd-analyze", "calendar", f"--iterations={count}", expr],
                         capture_output=True, text=True, check=True).stdout
    return [dt.datetime.strptime(s, "%Y-%m-%d %H:%M:%S")
            for s in re.findall(r"(?:Next elapse|Iter\. #\d+): \w+ (\S+ \S+) UTC", out)]


def cron_fire_times(schedule: str, count: int) -> list[dt.datetime]:
    """The next `count` times a five-field cron schedule (numbers, lists, *) fires, UTC."""
    fields = schedule.split()

    def matches(value: int, field: str) -> bool:
        return field == "*" or value in {int(v) for v in field.split(",")}
    t = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, second=0, microsecond=0)
    times = []
    while len(times) < count:
        t += dt.timedelta(minutes=1)
        if (matches(t.minute, fields[0]) and matches(t.hour, fields[1])
                and matches(t.day, fields[2]) and matches(t.month, fields[3])
                and matches(t.isoweekday() % 7, fields[4])):
            times.append(t)
    return times


def test_the_cronjobs_run_every_job_when_its_timer_would():
    out = subprocess.run(["kubectl", "kustomize", str(ROOT / "deploy" / "k8s" / "overlays" / "prod")],
                         capture_output=True, text=True, check=True).stdout
    objs = [o for o in yaml.safe_load_all(out) if o]
    cronjobs = {o["metadata"]["name"]: o for o in objs if o["kind"] == "CronJob"}
    assert sorted(cronjobs) == sorted(f"pgbackrest-{job}" for job in job_names())
    for job in job_names():
        spec = cronjobs[f"pgbackrest-{job}"]["spec"]
        assert spec["timeZone"] == "Etc/UTC" and spec["concurrencyPolicy"] == "Forbid"
        assert cron_fire_times(spec["schedule"], 4) == timer_fire_times(f"pgbackrest-{job}.timer", 4), job
        pod = spec["jobTemplate"]["spec"]["template"]["spec"]
        (container,) = pod["containers"]
        assert container["command"][-2:] == ["/etc/pgbackrest/job/pgbackrest-job", job]
        push = next(e for e in container["env"] if e["name"] == "VITRINE_BACKUP_PUSH_URL")
        assert push["valueFrom"]["secretKeyRef"] == {"name": "pgbackrest-push", "key": job,
                                                     "optional": True}
    # The configuration is the repository's S3 variant (deploy/k8s/sync keeps the copy).
    files = next(o for o in objs if o["kind"] == "ConfigMap" and o["metadata"]["name"] == "pgbackrest-files")
    assert files["data"]["pgbackrest.conf"] == (PGBR / "pgbackrest-s3.conf").read_text()
    assert files["data"]["pgbackrest-job"] == (PGBR / "pgbackrest-job").read_text()
    # The secrets are the operator's: none is in the manifests.
    assert not [o for o in objs if o["kind"] == "Secret"]
