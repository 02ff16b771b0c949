"""The Compose stack's edge (deploy/compose/nginx/nginx.conf) in front of a real vitrine:
Debian's nginx runs that file with only its ports, paths and upstream rewritten for
loopback, with a certificate from deploy/compose/setup. Checks the HTTP to HTTPS redirect,
TLS against the setup's CA, HSTS, gzip, the rate limit on the sign-in API and that a
client cannot pass another address through X-Forwarded-For."""
from __future__ import annotations

import gzip
import http.client
import json
import pathlib
import re
import shutil
import socket
import ssl
import subprocess
import tempfile

import pytest

from conftest import free_port, tied_to_test_run, wait_until
from paths import ROOT

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CONF = ROOT / "deploy" / "compose" / "nginx" / "nginx.conf"
SETUP = ROOT / "deploy" / "compose" / "setup"
SPOOFED = "203.0.113.9"



def rewrite(conf: str, d: pathlib.Path, http_port: int, https_port: int, upstream: int) -> str:
    """The deployed file with only what differs on loopback replaced; each replacement must
    apply exactly as often as expected, so a change to the file cannot slip past the test."""
    subs = [
        (r"^pid /var/run/nginx\.pid;$", f"pid {d}/nginx.pid;", 1),
        (r"listen 80 default_server;", f"listen 127.0.0.1:{http_port} default_server;", 1),
        (r"listen 443 ssl http2 default_server;",
         f"listen 127.0.0.1:{https_port} ssl http2 default_server;", 1),
        (r"server vitrine:8080 resolve;", f"server 127.0.0.1:{upstream};", 1),
        (r"/etc/nginx/tls/", f"{d}/tls/", 2),
    ]
    for pattern, repl, count in subs:
        conf, n = re.subn(pattern, repl, conf, flags=re.M)
        assert n == count, f"{pattern!r} matched {n} times in {CONF}, expected {count}"
    # Temp files of this instance stay in its directory.
    conf = conf.replace("http {\n", "http {\n" + "".join(
        f"  {k}_temp_path {d}/{k};\n" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")), 1)
    return conf


@pytest.fixture
def edge(start):
    """(vitrine, https port, http port, CA file)."""
    server = start(env={"VITRINE_TRUSTED_PROXIES": "127.0.0.1"})
    with tempfile.TemporaryDirectory(prefix="vitrine-nginx-") as tmp:
        d = pathlib.Path(tmp)
        d.chmod(0o755)  # nginx workers run as nobody
        subprocess.run([str(SETUP), "--tls-only", "--dir", str(d / "tls"), "--domain", "vitrine.test"],
                       check=True, capture_output=True)
        http_port, https_port = free_port(), free_port()
        conf = d / "nginx.conf"
        conf.write_text(rewrite(CONF.read_text(), d, http_port, https_port, server.port))
        check = subprocess.run([NGINX, "-t", "-e", "stderr", "-c", str(conf)], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        proc = subprocess.Popen(
            tied_to_test_run([NGINX, "-e", "stderr", "-c", str(conf), "-g", "daemon off;"]),
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            def listening():
                assert proc.poll() is None, proc.stdout.read()
                with socket.socket() as s:
                    return s.connect_ex(("127.0.0.1", https_port)) == 0
            wait_until(listening, 10, "nginx listening")
            yield server, https_port, http_port, str(d / "tls" / "ca.crt")
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def https(port: int, ca: str, method: str, path: str, headers: dict | None = None,
          body: bytes | None = None, host: str = "vitrine.test"):
    ctx = ssl.create_default_context(cafile=ca)
    conn = http.client.HTTPSConnection("127.0.0.1", port, context=ctx, timeout=10)
    # SNI and certificate check against the name the certificate was made for.
    conn.sock = ctx.wrap_socket(socket.create_connection(("127.0.0.1", port), timeout=10),
                                server_hostname=host)
    try:
        conn.request(method, path, body=body, headers={"Host": host, **(headers or {})})
        resp = conn.getresponse()
        return resp.status, resp.getheaders(), resp.read()
    finally:
        conn.close()


def header(headers, name: str) -> list[str]:
    return [v for k, v in headers if k.lower() == name.lower()]


def test_http_redirects_to_https_keeping_path_and_query(edge):
    _, _, http_port, _ = edge
    conn = http.client.HTTPConnection("127.0.0.1", http_port, timeout=10)
    conn.request("GET", "/p/vitrine?tab=slo", headers={"Host": "vitrine.test"})
    resp = conn.getresponse()
    assert resp.status == 301
    assert resp.getheader("Location") == "https://vitrine.test/p/vitrine?tab=slo"


def test_https_serves_vitrine_with_a_certificate_from_the_setup_ca(edge):
    _, port, _, ca = edge
    status, headers, body = https(port, ca, "GET", "/healthz")
    assert status == 200
    assert json.loads(body)["status"] == "ok"
    assert header(headers, "Server") == ["nginx"]  # no version
    with pytest.raises(ssl.SSLCertVerificationError):
        https(port, ca, "GET", "/healthz", host="other.example")


def test_tls_1_2_and_1_3_are_offered(edge):
    # (TLS 1.1 and older: Debian 12's OpenSSL 3 refuses them at its default security level
    # whatever ssl_protocols says, so no test here could tell the config's choice apart.)
    _, port, _, ca = edge
    for version in (ssl.TLSVersion.TLSv1_2, ssl.TLSVersion.TLSv1_3):
        ctx = ssl.create_default_context(cafile=ca)
        ctx.minimum_version = ctx.maximum_version = version
        with ctx.wrap_socket(socket.create_connection(("127.0.0.1", port)),
                             server_hostname="vitrine.test") as s:
            assert s.version() == version.name.replace("v1_", "v1.")


def test_one_hsts_header_and_vitrines_security_headers_pass_through(edge):
    _, port, _, ca = edge
    status, headers, _ = https(port, ca, "GET", "/api/v1/status")
    assert status == 200
    assert header(headers, "Strict-Transport-Security") == ["max-age=63072000; includeSubDomains"]
    assert header(headers, "X-Content-Type-Options") == ["nosniff"]
    assert header(headers, "Content-Security-Policy")


def test_json_is_gzip_compressed_on_request(edge):
    _, port, _, ca = edge
    status, headers, body = https(port, ca, "GET", "/api/v1/openapi.json",
                                  headers={"Accept-Encoding": "gzip"})
    assert status == 200
    assert header(headers, "Content-Encoding") == ["gzip"]
    assert json.loads(gzip.decompress(body))["openapi"].startswith("3.")
    status, headers, body = https(port, ca, "GET", "/api/v1/openapi.json")
    assert not header(headers, "Content-Encoding")
    assert json.loads(body)["openapi"].startswith("3.")


def test_metrics_are_not_published_at_the_edge(edge):
    server, port, _, ca = edge
    status, _, _ = https(port, ca, "GET", "/metrics")
    assert status == 404
    assert server.request("GET", "/metrics")[0] == 200  # still there for Prometheus


def test_sign_in_is_rate_limited_per_client_with_a_problem_document(edge):
    _, port, _, ca = edge
    login = json.dumps({"email": "nobody@example.com", "password": "wrong password"}).encode()
    statuses = []
    for _ in range(12):
        status, headers, body = https(port, ca, "POST", "/api/v1/auth/login", body=login,
                                      headers={"Content-Type": "application/json"})
        statuses.append(status)
        if status == 429:
            break
    # Burst 5 on top of the first: the 7th request at the latest is refused.
    assert statuses[:6] == [401] * 6, statuses
    assert statuses[-1] == 429, statuses
    assert header(headers, "Content-Type") == ["application/problem+json"]
    assert header(headers, "Retry-After") == ["60"]
    problem = json.loads(body)
    assert problem["type"] == "urn:vitrine:problem:too-many-requests"
    assert problem["status"] == 429
    # Only the sign-in API is limited.
    assert https(port, ca, "GET", "/api/v1/status")[0] == 200


def test_client_cannot_name_another_address_through_x_forwarded_for(edge):
    server, port, _, ca = edge
    status, _, _ = https(port, ca, "GET", "/healthz?probe=xff", headers={"X-Forwarded-For": SPOOFED})
    assert status == 200
    entry = server.wait_log("request", path="/healthz", query="probe=xff")
    assert entry["remote"] == "127.0.0.1"
