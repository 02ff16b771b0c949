"""Schema migrations on both stores: `vitrine migrate`, auto-migration at start, refusal to
start on a changed or unknown migration, and one application when replicas race."""
import concurrent.futures as cf
import json
import subprocess

from conftest import BIN, clean_env, run_cli
from paths import ROOT

# Every migration this binary carries, in order: "0001_projects", "0002_users", ...
MIGRATIONS = sorted(p.stem for p in (ROOT / "server/src/store/migrations/sqlite").glob("*.sql"))


def cli(db, *args, env=None, cwd=None):
    return run_cli(*args, env={"VITRINE_DATABASE_URL": db.url, **(env or {})}, cwd=cwd)


def test_migrate_applies_once_and_reports_status(db, workdir):
    out = cli(db, "migrate", "--status", cwd=workdir)
    assert out.returncode == 1
    assert all(f"pending {m}" in out.stdout for m in MIGRATIONS), out.stdout
    out = cli(db, "migrate", cwd=workdir)
    assert out.returncode == 0, out.stderr
    assert all(f"applied {m}" in out.stdout for m in MIGRATIONS), out.stdout
    assert f"schema at version {len(MIGRATIONS)}" in out.stdout
    out = cli(db, "migrate", cwd=workdir)
    assert out.returncode == 0 and "(up to date)" in out.stdout
    rows = db.sql("SELECT version, name, length(checksum) FROM schema_migrations ORDER BY version")
    assert rows.splitlines() == [f"{i}|{m}|64" for i, m in enumerate(MIGRATIONS, start=1)]


def test_server_refuses_to_start_with_pending_migrations_when_auto_migrate_is_off(db, workdir):
    proc = subprocess.run([BIN, "serve", "--listen", "127.0.0.1:0"], capture_output=True,
                          text=True, timeout=30, cwd=workdir,
                          env=clean_env({"VITRINE_DATABASE_URL": db.url,
                                         "VITRINE_AUTO_MIGRATE": "false"}))
    assert proc.returncode == 1
    assert "run `vitrine migrate` first" in proc.stdout
    assert cli(db, "migrate", cwd=workdir).returncode == 0


def test_a_changed_released_migration_refuses_to_start(start, db, workdir):
    assert cli(db, "migrate", cwd=workdir).returncode == 0
    db.sql("UPDATE schema_migrations SET checksum = 'deadbeef' WHERE version = 1")
    proc = subprocess.run([BIN, "serve", "--listen", "127.0.0.1:0"], capture_output=True,
                          text=True, timeout=30, cwd=workdir,
                          env=clean_env({"VITRINE_DATABASE_URL": db.url}))
    assert proc.returncode == 1
    line = next(json.loads(l) for l in proc.stdout.splitlines() if "cannot open" in l)
    assert "0001_projects was changed after it was applied" in line["error"]
    assert "deadbeef" in line["error"]


def test_a_database_newer_than_the_binary_refuses_to_start(db, workdir):
    assert cli(db, "migrate", cwd=workdir).returncode == 0
    db.sql("INSERT INTO schema_migrations VALUES (99, '0099_future', 'x', 0)")
    out = cli(db, "migrate", "--status", cwd=workdir)
    assert out.returncode == 1 and "newer than this vitrine knows" in out.stderr


def test_replicas_starting_together_apply_each_migration_once(pg_service, workdir):
    url = pg_service.create_database()

    def serve(_):
        proc = subprocess.Popen([BIN, "serve", "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE,
                                text=True, cwd=workdir, env=clean_env({"VITRINE_DATABASE_URL": url}))
        ready = None
        assert proc.stdout is not None
        for line in proc.stdout:
            entry = json.loads(line)
            if entry["msg"] == "database ready":
                ready = entry
            if entry["msg"] in ("listening", "cannot open the database"):
                break
        proc.terminate()
        proc.communicate(timeout=15)
        return ready

    with cf.ThreadPoolExecutor(6) as pool:
        results = list(pool.map(serve, range(6)))
    assert all(r is not None for r in results), results
    assert sum(r["migrations_applied"] for r in results) == len(MIGRATIONS)
    assert pg_service.psql(url, "SELECT COUNT(*) FROM schema_migrations") == str(len(MIGRATIONS))


def test_bad_database_urls_are_configuration_errors(workdir):
    for url, why in [("mysql://x", "unknown scheme"), ("sqlite://", "empty"),
                     ("sqlite:///tmp/a b.db", "whitespace"),
                     ("postgres://u:p@h:notaport/db", "port"),
                     ("postgres://u:pa%20ss@h/db", "PGPASSWORD")]:
        out = run_cli("config", "check", env={"VITRINE_DATABASE_URL": url}, cwd=workdir)
        assert out.returncode == 2, url
        assert "VITRINE_DATABASE_URL" in out.stderr and why in out.stderr, (url, out.stderr)
    out = run_cli("config", "check", env={"VITRINE_DATABASE_URL": "postgres://u:secret@h/db"},
                  cwd=workdir)
    assert out.returncode == 0 and "secret" not in out.stdout
