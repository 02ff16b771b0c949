"""Black-box harness: starts the real `vitrine` binary on a free loopback port.

The binary comes from $VITRINE_BIN (ctest sets it) or build/release/server/vitrine.
Each server runs in its own temporary directory with a clean environment, so no .env or
variable of the developer's leaks in. Tests that take the `db` fixture run twice: on an
SQLite file and on a real PostgreSQL 15 that scripts/services/postgres starts on
127.0.0.1 for the session (a fresh database per test). Every response received through
Vitrine.request is checked against api/openapi.yaml (contract.py), and every
state-changing request sent through it must have its audit record when the test ends
(check_audit_complete).
"""
from __future__ import annotations

import http.client
import json
import os
import pathlib
import re
import signal
import socket
import sqlite3
import subprocess
import tempfile
import threading
import time

import uuid

import pytest

import contract
from paths import BIN, ROOT

START_TIMEOUT = 10.0
# The scopes of the API token that `start(token=True)` creates for a test server's writes.
TOKEN_SCOPES = ("read", "content:write")
PG_SERVICE = str(ROOT / "scripts" / "services" / "postgres")
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def clean_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
    for key in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS"):
        if key in os.environ:
            env[key] = os.environ[key]
    env.update(extra or {})
    return env


def tied_to_test_run(args: list[str]) -> list[str]:
    """`args` run so that the kernel kills the process when the thread that starts it ends
    (PR_SET_PDEATHSIG through util-linux's setpriv): a test run that is killed or timed out,
    whose teardown never runs, leaves no server behind. Start it from the main thread: a
    pool thread ends before the test does."""
    assert threading.current_thread() is threading.main_thread(), "start servers on the main thread"
    return ["setpriv", "--pdeathsig", "KILL", "--", *args]


def processes_using(text: str) -> list[str]:
    """The processes (pid: command line) whose command line contains `text` or whose working
    directory starts with it: what a test started that is still around."""
    found = []
    for entry in pathlib.Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                cwd = os.readlink(entry / "cwd")
            except OSError:
                continue  # ended meanwhile, or not ours to read
            if text in cmdline or cwd.startswith(text):
                found.append(f"{entry.name}: {cmdline}")
    return found


def free_port() -> int:
    """A loopback port nothing listens on (now)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(predicate, timeout: float, what: str, interval: float = 0.01):
    """Polls `predicate` until it returns a truthy value; fails naming `what`."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


class Vitrine:
    """One running `vitrine serve` process and its log lines."""

    def __init__(self, args: list[str], env: dict[str, str], cwd: str, token: str | None = None):
        self.env, self.cwd = dict(env), cwd
        # Authorization for call(admin=True): an API token with TOKEN_SCOPES.
        self.admin = {"Authorization": f"Bearer {token}"} if token else {}
        # (method, path, status, request id) of every write sent through request().
        self.writes: list[tuple[str, str, int, str | None]] = []
        self.proc = subprocess.Popen(
            tied_to_test_run([BIN, "serve", "--listen", "127.0.0.1:0", *args]),
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=clean_env(env), cwd=cwd,
            text=True, bufsize=1)
        self.lines: list[str] = []
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        listening = wait_until(lambda: self.find_log("listening") or self._dead(),
                               START_TIMEOUT, "the 'listening' log line")
        if listening is True:
            raise AssertionError("vitrine exited before listening:\n" + "\n".join(self.lines))
        self.port = int(listening["port"])

    def _dead(self):
        return self.proc.poll() is not None and not self._reader.is_alive()

    def _read(self):
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            with self._lock:
                self.lines.append(line.rstrip("\n"))

    def logs(self) -> list[dict]:
        with self._lock:
            lines = list(self.lines)
        out = []
        for line in lines:
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError:
                out.append({"_raw": line})
        return out

    def find_log(self, msg: str, **fields):
        for entry in self.logs():
            if entry.get("msg") == msg and all(entry.get(k) == v for k, v in fields.items()):
                return entry
        return None

    def wait_log(self, msg: str, timeout: float = 5.0, **fields):
        return wait_until(lambda: self.find_log(msg, **fields), timeout, f"log '{msg}' {fields}")

    def connect(self, timeout: float = 5.0) -> socket.socket:
        return socket.create_connection(("127.0.0.1", self.port), timeout=timeout)

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None, timeout: float = 10):
        """One request on a new connection; the response is checked against the contract."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            resp = conn.getresponse()
            data = resp.read()
            hdrs = {k.lower(): v for k, v in resp.getheaders()}
        finally:
            conn.close()
        contract.check(method, path, resp.status, hdrs, data)
        if method in WRITE_METHODS:
            self.writes.append((method, path, resp.status, hdrs.get("x-request-id")))
        return resp.status, hdrs, data

    def call(self, method: str, path: str, doc=None, headers: dict[str, str] | None = None,
             admin: bool = False, content_type: str = "application/json", raw: bytes | None = None):
        """A JSON API call: returns (status, headers, parsed body or None)."""
        h = dict(headers or {})
        if admin:
            assert self.admin, "start the server with token=True to call it with admin=True"
            h.update(self.admin)
        body = raw
        if doc is not None:
            body = json.dumps(doc).encode()
        if body is not None:
            h.setdefault("Content-Type", content_type)
        status, hdrs, data = self.request(method, path, body=body, headers=h)
        return status, hdrs, (json.loads(data) if data else None)

    def get_json(self, path: str, headers: dict[str, str] | None = None):
        status, hdrs, body = self.request("GET", path, headers=headers)
        return status, hdrs, json.loads(body)

    def signal(self, signo=signal.SIGTERM):
        self.proc.send_signal(signo)

    def wait_exit(self, timeout: float = 15.0) -> int:
        code = self.proc.wait(timeout=timeout)
        self._reader.join(timeout=5)
        return code

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._reader.join(timeout=5)


@pytest.fixture
def workdir():
    with tempfile.TemporaryDirectory(prefix="vitrine-bb-") as d:
        yield d


@pytest.fixture
def start(workdir):
    """start(*args, env=..., token=...) -> Vitrine; every server is stopped at the end of the
    test. token=True first creates an API token with TOKEN_SCOPES in the server's database
    (`vitrine token create`) for call(admin=True); a string reuses that token."""
    servers: list[Vitrine] = []

    def _start(*args: str, env: dict[str, str] | None = None,
               token: bool | str = False) -> Vitrine:
        secret = token if isinstance(token, str) else (
            create_token(env or {}, workdir) if token else None)
        server = Vitrine(list(args), env or {}, workdir, secret)
        servers.append(server)
        return server

    yield _start
    for s in servers:
        s.stop()
        code = s.proc.returncode
        assert code in (0, -signal.SIGKILL), f"vitrine exited with {code}:\n" + "\n".join(s.lines[-200:])
    for s in servers:
        check_audit_complete(s)


_audited_routes: list[tuple[str, re.Pattern, bool]] | None = None


def audited_routes() -> list[tuple[str, re.Pattern, bool]]:
    """(method, path regex, whether an accepted request is audited too) of every route the
    permission table gives an audit action. Accepted measurements (a push monitor's
    heartbeat) are not audited; refused ones are."""
    global _audited_routes
    if _audited_routes is None:
        out = subprocess.run([BIN, "routes"], capture_output=True, text=True, check=True,
                             env=clean_env())
        _audited_routes = []
        for line in out.stdout.splitlines():
            rule = json.loads(line)
            if "action" in rule:
                regex = re.sub(r"\\{[a-z_]+\\}", "[^/]+", re.escape(rule["route"]))
                _audited_routes.append((rule["method"], re.compile(regex + "$"),
                                        rule.get("audit_success", True)))
    return _audited_routes


def audit_request_ids(database_url: str) -> set[str] | None:
    """The request ids in a server's audit log; None when its database is gone."""
    if database_url.startswith("sqlite://"):
        path = database_url[len("sqlite://"):]
        if not os.path.exists(path):
            return None
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            return {row[0] for row in conn.execute("SELECT request_id FROM audit_log")}
    out = subprocess.run(["psql", "-X", "-A", "-t", database_url, "-c",
                          "SELECT request_id FROM audit_log"],
                         capture_output=True, text=True, timeout=30)
    return set(out.stdout.split()) if out.returncode == 0 else None


def check_audit_complete(server: Vitrine):
    """Every write the test sent to an audited route has its audit record, whatever its
    outcome. Not expected: 503 (the database was down, so was the audit log) and the
    refusals of the HTTP layer below the pipeline (413, 431)."""
    expected = []
    for method, path, status, request_id in server.writes:
        route_path = path.split("?", 1)[0]
        if request_id is None or status in (413, 431, 503):
            continue
        if any(m == method and r.match(route_path) and (success or status >= 400)
               for m, r, success in audited_routes()):
            expected.append((method, path, status, request_id))
    if not expected:
        return
    url = server.env.get("VITRINE_DATABASE_URL", "sqlite://data/vitrine.db")
    if url.startswith("sqlite://") and not url.startswith("sqlite:///"):
        url = "sqlite://" + os.path.join(server.cwd, url[len("sqlite://"):])
    recorded = audit_request_ids(url)
    if recorded is None:
        return  # the test removed its database (restore, outage)
    missing = [w for w in expected if w[3] not in recorded]
    assert not missing, f"writes without an audit record: {missing}"


@pytest.fixture
def server(start):
    return start()


class PostgresService:
    """A PostgreSQL server from scripts/services/postgres; stopped and removed at the end."""

    def __init__(self, *start_args: str):
        out = subprocess.run([PG_SERVICE, "start", *start_args], capture_output=True, text=True,
                             timeout=120)
        if out.returncode != 0:
            raise RuntimeError("cannot start PostgreSQL:\n" + out.stdout + out.stderr)
        self._adopt(out.stdout)

    @classmethod
    def started_elsewhere(cls, output: str) -> PostgresService:
        """The server another process started, from what its `start` printed."""
        service = cls.__new__(cls)
        service._adopt(output)
        return service

    def _adopt(self, output: str):
        fields = dict(line.split("=", 1) for line in output.split())  # the DIR and URL lines
        self.dir, self.url = fields["DIR"], fields["URL"]
        self.port = int(self.url.rsplit(":", 1)[1].split("/")[0])

    def create_database(self) -> str:
        name = "t_" + uuid.uuid4().hex[:12]
        subprocess.run(["psql", "-q", "-X", self.url, "-c", f"CREATE DATABASE {name}"],
                       check=True, capture_output=True, timeout=30)
        return self.url.rsplit("/", 1)[0] + "/" + name

    def psql(self, url: str, sql: str) -> str:
        out = subprocess.run(["psql", "-X", "-A", "-t", url, "-c", sql], check=True,
                             capture_output=True, text=True, timeout=30)
        return out.stdout.strip()

    def stop(self):
        subprocess.run([PG_SERVICE, "stop", self.dir], check=True, capture_output=True, timeout=60)

    def resume(self):
        subprocess.run([PG_SERVICE, "resume", self.dir], check=True, capture_output=True,
                       timeout=60)

    def destroy(self):
        subprocess.run([PG_SERVICE, "destroy", self.dir], capture_output=True, timeout=60)


@pytest.fixture(scope="session")
def pg_service():
    service = PostgresService()
    yield service
    service.destroy()


class Db:
    """The database one test's servers use."""

    def __init__(self, backend: str, url: str, pg: PostgresService | None):
        self.backend, self.url, self.pg = backend, url, pg

    def sql(self, query: str) -> str:
        """Runs one query with the backend's own client; rows as text."""
        if self.pg is not None:
            return self.pg.psql(self.url, query)
        path = self.url[len("sqlite://"):]
        out = subprocess.run(["/usr/bin/python3", "-c",
                              "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]);"
                              "rows=list(c.execute(sys.argv[2])); c.commit();"
                              "print('\\n'.join('|'.join(map(str,r)) for r in rows))",
                              path, query], check=True, capture_output=True, text=True)
        return out.stdout.strip()


@pytest.fixture(params=["sqlite", "postgres"])
def db(request, workdir):
    if request.param == "sqlite":
        return Db("sqlite", f"sqlite://{workdir}/vitrine.db", None)
    pg = request.getfixturevalue("pg_service")
    return Db("postgres", pg.create_database(), pg)


@pytest.fixture
def api(start, db):
    """A server on the test's database; call(admin=True) writes with an API token."""
    return start(env={"VITRINE_DATABASE_URL": db.url}, token=True)


# Monitors in tests check every second, and the status document is rebuilt as often.
FAST = {"VITRINE_MONITOR_MIN_INTERVAL": "1s", "VITRINE_STATUS_REFRESH": "1s",
        "VITRINE_SLO_EVALUATION": "1s"}


@pytest.fixture
def fast_api(start, db):
    """A server on the test's database that accepts 1-second monitor intervals."""
    return start(env={"VITRINE_DATABASE_URL": db.url, **FAST}, token=True)


@pytest.fixture
def target():
    """An HTTP check target on 127.0.0.1 the test steers (targets.py)."""
    from targets import HttpTarget
    t = HttpTarget()
    yield t
    t.close()


def create_token(env: dict[str, str], cwd: str, scopes=TOKEN_SCOPES, name: str = "tests") -> str:
    """A new API token in the database `env` names (creating the schema): its secret."""
    args = ["token", "create", "--name", name, "--expires-in", "1d"]
    for scope in scopes:
        args += ["--scope", scope]
    out = run_cli(*args, env={k: v for k, v in env.items() if k == "VITRINE_DATABASE_URL"},
                  cwd=cwd)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def read_until_listening(proc: subprocess.Popen) -> dict:
    """Reads JSON log lines from a server's stdout up to `listening`; returns that entry."""
    assert proc.stdout is not None
    for line in proc.stdout:
        entry = json.loads(line)
        if entry["msg"] == "listening":
            return entry
    raise AssertionError(f"vitrine exited ({proc.wait()}) before listening")


def run_cli(*args: str, env: dict[str, str] | None = None, cwd: str | None = None,
            timeout: float = 15.0, stdin: str | None = None) -> subprocess.CompletedProcess:
    """Runs the binary to completion; `stdin` is its input (none: an empty stdin)."""
    if stdin is None:
        return subprocess.run([BIN, *args], capture_output=True, text=True, env=clean_env(env),
                              cwd=cwd, timeout=timeout, stdin=subprocess.DEVNULL)
    return subprocess.run([BIN, *args], capture_output=True, text=True, env=clean_env(env),
                          cwd=cwd, timeout=timeout, input=stdin)


def read_response(sock: socket.socket, timeout: float = 5.0) -> bytes:
    """Reads until the peer closes, or one complete response (by Content-Length) arrived."""
    sock.settimeout(timeout)
    data = b""
    while True:
        head_end = data.find(b"\r\n\r\n")
        if head_end >= 0:
            head = data[:head_end].decode("latin-1").lower()
            length = 0
            for line in head.split("\r\n")[1:]:
                name, _, value = line.partition(":")
                if name.strip() == "content-length":
                    length = int(value.strip())
            if len(data) >= head_end + 4 + length:
                return data
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk
