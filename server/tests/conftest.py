"""Black-box harness: starts the real `vitrine` binary on a free loopback port.

The binary comes from $VITRINE_BIN (ctest sets it) or build/release/server/vitrine.
Each server runs in its own temporary directory with a clean environment, so no .env or
variable of the developer's leaks in.
"""
from __future__ import annotations

import http.client
import json
import os
import pathlib
import queue
import signal
import socket
import subprocess
import tempfile
import threading
import time

import pytest

ROOT = pathlib.Path(os.environ.get("VITRINE_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
BIN = os.environ.get("VITRINE_BIN", str(ROOT / "build" / "release" / "server" / "vitrine"))
START_TIMEOUT = 10.0


def clean_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
    for key in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS"):
        if key in os.environ:
            env[key] = os.environ[key]
    env.update(extra or {})
    return env


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

    def __init__(self, args: list[str], env: dict[str, str], cwd: str):
        self.proc = subprocess.Popen(
            [BIN, "serve", "--listen", "127.0.0.1:0", *args],
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
                headers: dict[str, str] | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            resp = conn.getresponse()
            data = resp.read()
            return resp.status, {k.lower(): v for k, v in resp.getheaders()}, data
        finally:
            conn.close()

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
    """start(*args, **env) -> Vitrine; every server is stopped at the end of the test."""
    servers: list[Vitrine] = []

    def _start(*args: str, env: dict[str, str] | None = None) -> Vitrine:
        server = Vitrine(list(args), env or {}, workdir)
        servers.append(server)
        return server

    yield _start
    for s in servers:
        s.stop()
        code = s.proc.returncode
        assert code in (0, -signal.SIGKILL), f"vitrine exited with {code}:\n" + "\n".join(s.lines[-200:])


@pytest.fixture
def server(start):
    return start()


def run_cli(*args: str, env: dict[str, str] | None = None, cwd: str | None = None,
            timeout: float = 15.0) -> subprocess.CompletedProcess:
    return subprocess.run([BIN, *args], capture_output=True, text=True, env=clean_env(env),
                          cwd=cwd, timeout=timeout, stdin=subprocess.DEVNULL)


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
