"""Health, readiness, version, the landing page and the HTTP error contract."""
import json
import re
import shutil
import subprocess

from conftest import read_response


def assert_problem(status, headers, body, expected_status, slug):
    assert status == expected_status
    assert headers["content-type"] == "application/problem+json"
    doc = json.loads(body)
    assert doc["type"] == f"urn:vitrine:problem:{slug}"
    assert doc["status"] == expected_status
    assert doc["title"] and doc["detail"]
    assert doc["request_id"] == headers["x-request-id"]
    return doc


def test_healthz_is_ok(server):
    status, headers, body = server.get_json("/healthz")
    assert status == 200
    assert body == {"status": "ok"}
    assert headers["content-type"] == "application/json"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert "default-src 'none'" in headers["content-security-policy"]
    assert "strict-transport-security" not in headers


def test_readyz_lists_checks(server):
    status, _, body = server.get_json("/readyz")
    assert status == 200
    assert body["status"] == "ok"
    assert isinstance(body["checks"], list)


def test_version_reports_build(server):
    status, _, body = server.get_json("/api/v1/version")
    assert status == 200
    assert re.fullmatch(r"\d+\.\d+\.\d+", body["version"])
    assert body["commit"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", body["build_time"])


def test_home_page_is_html_with_page_csp(server):
    status, headers, body = server.request("GET", "/")
    assert status == 200
    assert headers["content-type"].startswith("text/html")
    assert b'<div id="root">' in body  # the dashboard's shell (test_web.py covers it)
    assert "script-src 'self'" in headers["content-security-policy"]


def test_unknown_path_is_404_problem(server):
    status, headers, body = server.request("GET", "/no/such/thing?x=1")
    doc = assert_problem(status, headers, body, 404, "not-found")
    assert doc["instance"] == "/no/such/thing"


def test_wrong_method_is_405_with_allow(server):
    status, headers, body = server.request("DELETE", "/healthz")
    assert_problem(status, headers, body, 405, "method-not-allowed")
    assert headers["allow"] == "GET, HEAD, OPTIONS"


def test_head_has_headers_and_no_body(server):
    with server.connect() as s:
        s.sendall(b"HEAD /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        data = read_response(s)
    head, _, rest = data.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200")
    assert b"Content-Length: 15" in head
    assert rest == b""


def test_options_answers_allow(server):
    status, headers, _ = server.request("OPTIONS", "/api/v1/version")
    assert status == 204
    assert headers["allow"] == "GET, HEAD, OPTIONS"


def test_body_over_limit_is_413_before_the_body_is_sent(start):
    server = start("--max-body-bytes", "1024")
    with server.connect() as s:
        # Only the headers: the server must answer from Content-Length without waiting.
        s.sendall(b"POST /api/v1/version HTTP/1.1\r\nHost: x\r\nContent-Length: 1048577\r\n\r\n")
        data = read_response(s)
    assert data.startswith(b"HTTP/1.1 413")
    doc = json.loads(data.partition(b"\r\n\r\n")[2])
    assert doc["type"] == "urn:vitrine:problem:payload-too-large"
    assert "1024" in doc["detail"]


def test_chunked_body_over_limit_is_413(start):
    server = start("--max-body-bytes", "1024")
    with server.connect() as s:
        s.sendall(b"POST /api/v1/version HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
        for _ in range(3):
            s.sendall(b"200\r\n" + b"a" * 0x200 + b"\r\n")
        data = read_response(s)
    assert data.startswith(b"HTTP/1.1 413")


def test_header_block_over_8k_is_431(server):
    with server.connect() as s:
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 9000 + b"\r\n\r\n")
        data = read_response(s)
    assert data.startswith(b"HTTP/1.1 431")
    assert b"header-fields-too-large" in data


def test_malformed_request_is_400_problem(server):
    with server.connect() as s:
        s.sendall(b"GET /healthz HTTP/1.1\r\nBad Header Line\r\n\r\n")
        data = read_response(s)
    assert data.startswith(b"HTTP/1.1 400")
    assert b"urn:vitrine:problem:bad-request" in data


def test_request_id_is_echoed_or_generated(server):
    _, headers, _ = server.request("GET", "/healthz", headers={"X-Request-Id": "ci-run-42.step:1"})
    assert headers["x-request-id"] == "ci-run-42.step:1"
    _, headers, _ = server.request("GET", "/healthz", headers={"X-Request-Id": "no spaces <allowed>"})
    assert re.fullmatch(r"[0-9a-f]{32}", headers["x-request-id"])
    _, headers, _ = server.request("GET", "/healthz")
    assert re.fullmatch(r"[0-9a-f]{32}", headers["x-request-id"])


def test_metrics_pass_promtool_and_use_route_templates(server):
    server.request("GET", "/healthz")
    server.request("GET", "/does/not/exist/12345")
    status, headers, body = server.request("GET", "/metrics")
    assert status == 200
    assert headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8"
    text = body.decode()
    assert 'http_requests_total{method="GET",route="/healthz",status="200"} 1' in text
    assert 'route="unmatched",status="404"' in text
    assert "/does/not/exist" not in text
    for name in ("http_request_duration_seconds_bucket", "http_requests_in_flight",
                 "process_resident_memory_bytes", "process_cpu_seconds_total",
                 "process_open_fds", "process_start_time_seconds", "vitrine_build_info{"):
        assert name in text, name
    promtool = shutil.which("promtool")
    assert promtool, "promtool missing: run scripts/bootstrap"
    check = subprocess.run([promtool, "check", "metrics"], input=body, capture_output=True,
                           timeout=30)
    assert check.returncode == 0, check.stdout + check.stderr


def test_refused_requests_are_counted(server):
    with server.connect() as s:
        s.sendall(b"GET / HTTP/1.1\r\nX-Big: " + b"a" * 9000 + b"\r\n\r\n")
        read_response(s)
    _, _, body = server.request("GET", "/metrics")
    assert 'http_requests_total{method="OTHER",route="unmatched",status="431"} 1' in body.decode()
