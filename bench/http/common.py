"""Helpers shared by the benchmark drivers: ports, readiness, wrk, nginx, machine facts.
Only 127.0.0.1 is ever contacted."""
from __future__ import annotations

import os
import pathlib
import platform
import re
import signal
import socket
import subprocess
import time


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_ok(port: int, path: str = "/healthz") -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2) as s:
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: b\r\nConnection: close\r\n\r\n".encode())
            return s.recv(64).startswith(b"HTTP/1.1 200")
    except OSError:
        return False


def wait_ok(port: int, timeout: float = 10.0, path: str = "/healthz") -> None:
    deadline = time.monotonic() + timeout
    while not http_ok(port, path):
        if time.monotonic() > deadline:
            raise SystemExit(f"bench: nothing answered on 127.0.0.1:{port}")
        time.sleep(0.001)


def rss_kib(pid: int) -> int:
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def wrk(url: str, connections: int, duration: int) -> dict:
    out = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", url],
                         capture_output=True, text=True, check=True).stdout
    return parse_wrk(out)


def parse_wrk(out: str) -> dict:
    """requests/s, p50/p99 (ms) and error counts from `wrk --latency` output."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def ms(label: str) -> float:
        m = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sock_err = re.search(r"Socket errors: (.*)", out)
    return {"rps": rps, "p50": ms("50"), "p99": ms("99"),
            "non2xx": int(errors.group(1)) if errors else 0,
            "socket_errors": sock_err.group(1) if sock_err else ""}


def start_nginx_serving(tmp: pathlib.Path, name: str, body: bytes
                        ) -> tuple[subprocess.Popen, int]:
    """nginx on a free port serving `body` as the static file /<name> (application/json)."""
    port = free_port()
    tmp.mkdir(exist_ok=True)
    www = tmp / "www"
    www.mkdir()
    (www / name).write_bytes(body)
    os.chmod(tmp, 0o755)
    os.chmod(www, 0o755)
    conf = tmp / "nginx.conf"
    conf.write_text(f"""
worker_processes auto;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path {tmp}/body;
  proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi;
  scgi_temp_path {tmp}/scgi;
  server {{
    listen 127.0.0.1:{port};
    location / {{ root {www}; default_type application/json; }}
  }}
}}
""")
    proc = subprocess.Popen(["nginx", "-c", str(conf), "-p", str(tmp), "-g", "daemon off;"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_ok(port, path=f"/{name}")
    return proc, port


def stop(proc: subprocess.Popen, timeout: float = 15) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def machine() -> str:
    cpu = "unknown CPU"
    for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = int(pathlib.Path("/proc/meminfo").read_text().split()[1])
    nginx = subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr.strip()
    wrk_v = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split("Copyright")[0]
    # Two lines (the second indented under a "- Machine:" bullet): Markdown at 100 columns.
    return (f"{os.cpu_count()} cores ({cpu}), {mem_kb // 1024 // 1024} GiB RAM, "
            f"Linux {platform.release()};\n  {wrk_v.strip()}; {nginx}")


