"""Processes the observability tests start on 127.0.0.1 and stop: Debian's exporters and
Redis, each on a free port; and reading the metric names of a /metrics page."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import tempfile
import urllib.request

from harness import free_port, tied_to_test_run, wait_until


def fetch(url: str, timeout: float = 5.0) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as resp:  # noqa: S310 (loopback only)
        return resp.read().decode()


def metric_names(text: str) -> set[str]:
    """Every series name on an exposition page, with a histogram's or summary's derived
    names for families that have no sample yet."""
    names = set()
    for line in text.splitlines():
        if line.startswith("# TYPE "):
            _, _, name, kind = line.split()[:4]
            names.add(name)
            if kind == "histogram":
                names |= {f"{name}_bucket", f"{name}_sum", f"{name}_count"}
            elif kind == "summary":
                names |= {f"{name}_sum", f"{name}_count"}
        elif line and not line.startswith("#"):
            names.add(re.match(r"[a-zA-Z_:][a-zA-Z0-9_:]*", line).group(0))
    return names


class Process:
    """One long-running process; stopped (SIGTERM, then SIGKILL) by stop()."""

    def __init__(self, args: list[str], env: dict[str, str] | None = None, cwd: str | None = None):
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(tied_to_test_run(args), stdout=self.log,
                                     stderr=subprocess.STDOUT, cwd=cwd,
                                     env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                                          **(env or {})})

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class Exporter(Process):
    """An exporter serving /metrics on a free loopback port, ready when it answers."""

    def __init__(self, args: list[str], env: dict[str, str] | None = None):
        self.port = free_port()
        super().__init__([*args, f"--web.listen-address=127.0.0.1:{self.port}"], env)
        self.url = f"http://127.0.0.1:{self.port}/metrics"

        def ready():
            assert self.alive(), f"{args[0]} exited:\n{self.output()}"
            try:
                return fetch(self.url)
            except OSError:
                return None
        wait_until(ready, 15, f"{args[0]} on port {self.port}", interval=0.05)

    def scrape(self) -> str:
        return fetch(self.url)


class Redis(Process):
    def __init__(self, directory: str):
        self.port = free_port()
        super().__init__(["redis-server", "--bind", "127.0.0.1", "--port", str(self.port),
                          "--save", "", "--appendonly", "no", "--dir", directory])

        def ready():
            assert self.alive(), f"redis-server exited:\n{self.output()}"
            return "Ready to accept connections" in self.output()
        wait_until(ready, 15, "redis-server", interval=0.05)
