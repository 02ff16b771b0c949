"""`vitrine backup` and `vitrine restore` on SQLite: a backup taken under write load holds
every write acknowledged before it began and none sent after it ended; encrypted backups
open only with their key; a restore never meets a running server, a damaged file or a
file it would overwrite without being asked."""
from __future__ import annotations

import base64
import http.client
import json
import os
import pathlib
import re
import threading
import time

from conftest import check_audit_complete, run_cli, wait_until

P = "/api/v1/projects"


def all_project_ids(server) -> set[str]:
    ids, url = set(), P + "?limit=100"
    while url:
        status, _, page = server.call("GET", url, admin=True)
        assert status == 200
        ids |= {p["id"] for p in page["items"]}
        url = P + "?limit=100&cursor=" + page["next_cursor"] if page["next_cursor"] else None
    return ids


def new_key(workdir: str, name: str = "backup.key") -> str:
    path = os.path.join(workdir, name)
    with open(path, "w", encoding="ascii") as f:
        f.write(base64.urlsafe_b64encode(os.urandom(32)).decode().rstrip("=") + "\n")
    return path


def sqlite_env(workdir: str) -> dict[str, str]:
    return {"VITRINE_DATABASE_URL": f"sqlite://{workdir}/data/vitrine.db"}


def backed_up(start, workdir: str, title: str):
    """A server on a fresh SQLite store with one project, and `backup.db` of that store:
    (env, server, the project)."""
    env = sqlite_env(workdir)
    server = start(env=env, token=True)
    status, _, made = server.call("POST", P, {"title": title}, admin=True)
    assert status == 201
    assert run_cli("backup", "--to", f"{workdir}/backup.db", env=env, cwd=workdir).returncode == 0
    return env, server, made


def retire(server):
    """Stops a server whose writes a restore is about to roll back: its audit records are
    checked now, against the database they went to."""
    server.stop()
    check_audit_complete(server)
    server.writes.clear()


class Writers:
    """Threads creating projects as fast as the server answers; each acknowledged create
    is kept with the monotonic times it was sent and answered."""

    def __init__(self, server, threads: int = 4):
        self.server, self.acks, self.lock = server, [], threading.Lock()
        self.stop_event = threading.Event()
        self.threads = [threading.Thread(target=self._run, args=(n,)) for n in range(threads)]
        for t in self.threads:
            t.start()

    def _run(self, n: int):
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        k = 0
        while not self.stop_event.is_set():
            k += 1
            sent = time.monotonic()
            conn.request("POST", P, body=json.dumps({"title": f"w{n}-{k}"}),
                         headers={**self.server.admin, "Content-Type": "application/json"})
            resp = conn.getresponse()
            data = resp.read()
            assert resp.status == 201, data
            with self.lock:
                self.acks.append((json.loads(data)["id"], sent, time.monotonic()))

    def count_since(self, t: float) -> int:
        with self.lock:
            return sum(1 for _, sent, _ in self.acks if sent > t)

    def stop(self):
        self.stop_event.set()
        for t in self.threads:
            t.join(timeout=15)


def test_backup_under_write_load_restores_every_write_acknowledged_before_it_began(
        start, workdir):
    env = sqlite_env(workdir)
    server = start(env=env, token=True)
    writers = Writers(server)
    try:
        wait_until(lambda: writers.count_since(0) >= 50, 30, "50 creates before the backup")
        began = time.monotonic()
        out = run_cli("backup", "--to", f"{workdir}/backup.db", env=env, cwd=workdir)
        ended = time.monotonic()
        assert out.returncode == 0, out.stderr
        assert re.search(r"backed up .*vitrine\.db to .*backup\.db: \d+ pages of 4096 bytes, "
                         r"schema version \d+, integrity ok", out.stdout), out.stdout
        wait_until(lambda: writers.count_since(ended) >= 50, 30, "50 creates after the backup")
    finally:
        writers.stop()
    before = {i for i, _, acked in writers.acks if acked < began}
    after = {i for i, sent, _ in writers.acks if sent > ended}
    assert len(before) >= 50 and len(after) >= 50
    retire(server)
    assert oct(os.stat(f"{workdir}/backup.db").st_mode & 0o777) == "0o600"

    out = run_cli("restore", "--from", f"{workdir}/backup.db", env=env, cwd=workdir)
    assert out.returncode == 0, out.stderr
    kept = re.search(r"the previous database is kept as (\S+)", out.stdout).group(1)
    assert pathlib.Path(kept).is_file()

    restored = start(env=env, token=server.admin["Authorization"][7:])
    present = all_project_ids(restored)
    assert not before - present, f"{len(before - present)} acknowledged creates are missing"
    assert not after & present, f"{len(after & present)} creates sent after the backup are in it"


def test_an_encrypted_backup_opens_only_with_its_key(start, workdir):
    env = sqlite_env(workdir)
    server = start(env=env, token=True)
    status, _, made = server.call("POST", P, {"title": "Kept"}, admin=True)
    assert status == 201
    key = new_key(workdir)
    out = run_cli("backup", "--to", f"{workdir}/backup.enc", "--key-file", key, env=env,
                  cwd=workdir)
    assert out.returncode == 0 and "(encrypted)" in out.stdout, out.stderr
    sealed = pathlib.Path(f"{workdir}/backup.enc").read_bytes()
    assert sealed.startswith(b"VTRNBAK1") and b"SQLite format 3" not in sealed
    assert b"Kept" not in sealed
    # The plain copy was made next to the database and is gone.
    assert not [n for n in os.listdir(f"{workdir}/data") if n.startswith(".")]
    status, _, _ = server.call("DELETE", f"{P}/{made['id']}", admin=True)
    assert status == 204
    retire(server)

    out = run_cli("restore", "--from", f"{workdir}/backup.enc", env=env, cwd=workdir)
    assert out.returncode == 2 and "is encrypted: pass --key-file" in out.stderr
    out = run_cli("restore", "--from", f"{workdir}/backup.enc", "--key-file",
                  new_key(workdir, "other.key"), env=env, cwd=workdir)
    assert out.returncode == 1 and "not encrypted with this key" in out.stderr, out.stderr
    assert not [n for n in os.listdir(f"{workdir}/data") if "pre-restore" in n]

    out = run_cli("restore", "--from", f"{workdir}/backup.enc", "--key-file", key, env=env,
                  cwd=workdir)
    assert out.returncode == 0, out.stderr
    restored = start(env=env, token=server.admin["Authorization"][7:])
    assert made["id"] in all_project_ids(restored)


def test_backup_replaces_an_existing_file_only_with_force(start, workdir):
    env = sqlite_env(workdir)
    server = start(env=env, token=True)
    target = pathlib.Path(workdir, "backup.db")
    target.write_text("an older backup")
    out = run_cli("backup", "--to", str(target), env=env, cwd=workdir)
    assert out.returncode == 2 and "exists: pass --force to replace it" in out.stderr
    assert target.read_text() == "an older backup"
    out = run_cli("backup", "--to", str(target), "--force", env=env, cwd=workdir)
    assert out.returncode == 0, out.stderr
    assert target.read_bytes().startswith(b"SQLite format 3\0")
    out = run_cli("backup", "--to", workdir, env=env, cwd=workdir)
    assert out.returncode == 2 and "is a directory" in out.stderr
    server.stop()


def test_restore_refuses_while_a_server_uses_the_database(start, workdir):
    env, server, _ = backed_up(start, workdir, "In the backup")
    status, _, made = server.call("POST", P, {"title": "After the backup"}, admin=True)
    assert status == 201
    out = run_cli("restore", "--from", f"{workdir}/backup.db", env=env, cwd=workdir)
    assert out.returncode == 1 and "in use by a running vitrine" in out.stderr, out.stderr
    assert server.call("GET", f"{P}/{made['id']}", admin=True)[0] == 200
    assert not [n for n in os.listdir(f"{workdir}/data") if "pre-restore" in n]


def test_restore_refuses_a_damaged_or_foreign_file_and_keeps_the_database(start, workdir):
    env, server, made = backed_up(start, workdir, "Still here")
    server.stop()
    good = pathlib.Path(workdir, "backup.db").read_bytes()
    cases = {
        "cut.db": (good[: len(good) // 2], "integrity check|is damaged"),
        "noise.db": (good[:4096] + os.urandom(len(good) - 4096), "integrity check|is damaged"),
        "text.db": (b"not a database at all\n" * 400, "is not a SQLite database"),
    }
    for name, (content, message) in cases.items():
        pathlib.Path(workdir, name).write_bytes(content)
        out = run_cli("restore", "--from", f"{workdir}/{name}", env=env, cwd=workdir)
        assert out.returncode == 1 and re.search(message, out.stderr), (name, out.stderr)
    out = run_cli("restore", "--from", f"{workdir}/absent.db", env=env, cwd=workdir)
    assert out.returncode == 1 and "there is no backup file" in out.stderr
    # Nothing was set aside and no temporary file is left.
    assert not [n for n in os.listdir(f"{workdir}/data") if "pre-restore" in n or n[0] == "."]
    again = start(env=env, token=server.admin["Authorization"][7:])
    assert again.call("GET", f"{P}/{made['id']}", admin=True)[0] == 200


def test_restore_replaces_a_damaged_database_and_keeps_it_as_it_was(start, workdir):
    env, server, made = backed_up(start, workdir, "In the backup")
    server.stop()
    database = pathlib.Path(workdir, "data", "vitrine.db")
    damaged = b"not a database any more " * 200
    database.write_bytes(damaged)  # what a failing disk or a stray write leaves

    out = run_cli("restore", "--from", f"{workdir}/backup.db", env=env, cwd=workdir)
    assert out.returncode == 0, out.stderr
    assert "cannot be checkpointed" in out.stdout and "is not a SQLite database" in out.stdout
    kept = re.search(r"the previous database is kept as (\S+)", out.stdout).group(1)
    assert pathlib.Path(kept).read_bytes() == damaged
    again = start(env=env, token=server.admin["Authorization"][7:])
    assert again.call("GET", f"{P}/{made['id']}", admin=True)[0] == 200


def test_bad_arguments_name_the_input_and_what_is_accepted(workdir):
    env = sqlite_env(workdir)
    bad_key = pathlib.Path(workdir, "bad.key")
    bad_key.write_text("short\n")
    out = run_cli("backup", "--to", f"{workdir}/b.db", "--key-file", str(bad_key), env=env,
                  cwd=workdir)
    assert out.returncode == 2
    assert "--key-file" in out.stderr and "base64url of 32 random bytes" in out.stderr
    assert "short" not in out.stderr  # a key is never echoed
    out = run_cli("backup", "--to", f"{workdir}/b.db", env=env, cwd=workdir)
    assert out.returncode == 1 and "there is no database at" in out.stderr
    pg = {"VITRINE_DATABASE_URL": "postgres://vitrine@127.0.0.1:1/vitrine"}
    for args in (["backup", "--to", "b.db"], ["restore", "--from", "b.db"]):
        out = run_cli(*args, env=pg, cwd=workdir)
        assert out.returncode == 2 and "pgBackRest" in out.stderr, out.stderr
    out = run_cli("backup", env=env, cwd=workdir)
    assert out.returncode == 2 and "--to is required" in out.stderr
