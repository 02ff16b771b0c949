"""Tracing end to end: vitrine exports spans over OTLP/HTTP (JSON) to a local receiver that
stands in for the OpenTelemetry Collector. Every payload is checked against the OTLP JSON
schema (otlp_traces.schema.json); the spans against OpenTelemetry's HTTP and database
semantic conventions; sampling follows the caller's traceparent and the ratio; outgoing
checks and notifications carry their span's traceparent; a collector that is away or slow
never fails a request, and what could not be sent is counted."""
from __future__ import annotations

import json
import pathlib
import re
from concurrent.futures import ThreadPoolExecutor

import jsonschema
import pytest

from conftest import FAST, wait_until
from targets import HttpTarget, closed_port
from test_auth import Site, bearer

SCHEMA = json.loads((pathlib.Path(__file__).parent / "otlp_traces.schema.json").read_text())
TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
PARENT = "00f067aa0ba902b7"


class Collector(HttpTarget):
    """The steerable target (targets.py) read as an OTLP/HTTP collector: what was POSTed."""

    @property
    def requests(self) -> list[dict]:
        return [r for r in self.behaviour.received() if r["method"] == "POST"]

    @property
    def payloads(self) -> list[dict]:
        return [json.loads(r["body"]) for r in self.requests]

    def spans(self) -> list[dict]:
        return [dict(s, resource=rs["resource"]) for p in self.payloads
                for rs in p["resourceSpans"] for ss in rs["scopeSpans"] for s in ss["spans"]]


@pytest.fixture
def collector():
    c = Collector()
    yield c
    c.close()


def attrs(span: dict) -> dict:
    out = {}
    for a in span.get("attributes", []):
        (kind, value), = a["value"].items()
        out[a["key"]] = int(value) if kind == "intValue" else value
    return out


def in_trace(collector: Collector, trace_id: str) -> list[dict]:
    return [s for s in collector.spans() if s["traceId"] == trace_id]


def test_requests_become_server_spans_with_database_children(start, collector):
    server = start(env={"VITRINE_OTLP_ENDPOINT": collector.url("")}, token=True)
    assert server.find_log("exporting traces", endpoint=collector.url(""))
    assert server.call("POST", "/api/v1/projects", {"title": "Traced"}, admin=True)[0] == 201
    status, _, _ = server.request("GET", "/api/v1/projects?limit=5", headers={
        "traceparent": f"00-{TRACE}-{PARENT}-01", "User-Agent": "tracing-test"})
    assert status == 200

    spans = wait_until(lambda: len(in_trace(collector, TRACE)) >= 2 and in_trace(collector, TRACE),
                       10, "the request's spans")
    for payload in collector.payloads:
        jsonschema.validate(payload, SCHEMA)
    assert collector.requests[0]["path"] == "/v1/traces"
    assert collector.requests[0]["headers"]["Content-Type"] == "application/json"

    (root,) = [s for s in spans if s.get("parentSpanId") == PARENT]
    assert root["name"] == "GET /api/v1/projects" and root["kind"] == 2  # SERVER
    assert attrs(root) | {
        "http.request.method": "GET", "http.route": "/api/v1/projects",
        "http.response.status_code": 200, "url.path": "/api/v1/projects", "url.scheme": "http",
        "client.address": "127.0.0.1", "user_agent.original": "tracing-test",
        "network.protocol.version": "1.1"} == attrs(root)
    assert "url.query" not in attrs(root)  # queries can carry tokens
    assert root.get("status", {}).get("code", 0) == 0
    assert int(root["endTimeUnixNano"]) >= int(root["startTimeUnixNano"])
    # The log line of the request names the same trace and span (Grafana's Loki → Tempo link).
    line = server.find_log("request", path="/api/v1/projects", trace_id=TRACE)
    assert line and line["span_id"] == root["spanId"]

    db = [s for s in spans if s.get("parentSpanId") == root["spanId"]]
    assert db, "a database read under the request"
    assert all(s["kind"] == 3 and attrs(s)["db.system"] == "sqlite" for s in db)  # CLIENT
    assert {s["name"] for s in db} <= {"read sqlite", "write sqlite"}
    assert all(int(root["startTimeUnixNano"]) <= int(s["startTimeUnixNano"]) and
               int(s["endTimeUnixNano"]) <= int(root["endTimeUnixNano"]) for s in db)

    resource = {a["key"]: a["value"]["stringValue"] for a in root["resource"]["attributes"]}
    assert resource["service.name"] == "vitrine" and resource["service.version"]
    assert resource["service.instance.id"] and resource["host.name"]


def test_client_errors_are_not_error_spans_and_unrouted_requests_are_named_by_method(
        start, collector):
    """(A 5xx marks its span failed: http/middleware/middleware_test.cpp.)"""
    server = start(env={"VITRINE_OTLP_ENDPOINT": collector.url("")})
    ok = "2" * 32
    assert server.request("POST", "/api/v1/projects", body=b"{", headers={
        "traceparent": f"00-{ok}-{PARENT}-01", "Content-Type": "application/json"})[0] == 401
    unmatched = "3" * 32
    assert server.request("GET", "/nope/at/all", headers={
        "traceparent": f"00-{unmatched}-{PARENT}-01"})[0] == 404
    spans = wait_until(lambda: len(in_trace(collector, ok)) and len(in_trace(collector, unmatched))
                       and collector.spans(), 10, "both spans")
    (client_error,) = [s for s in spans if s["traceId"] == ok and s.get("parentSpanId") == PARENT]
    assert client_error.get("status", {}).get("code", 0) == 0
    (lost,) = in_trace(collector, unmatched)
    assert lost["name"] == "GET" and "http.route" not in attrs(lost)  # no route: method only


def test_sampling_follows_the_caller_then_the_ratio(start, collector):
    server = start(env={"VITRINE_OTLP_ENDPOINT": collector.url(""), "VITRINE_TRACE_SAMPLE_RATIO": "0"})
    dropped, kept = "a" * 32, "b" * 32
    assert server.request("GET", "/healthz", headers={
        "traceparent": f"00-{dropped}-{PARENT}-00"})[0] == 200
    for _ in range(20):
        assert server.request("GET", "/healthz")[0] == 200  # new traces: ratio 0 keeps none
    assert server.request("GET", "/healthz", headers={
        "traceparent": f"00-{kept}-{PARENT}-01"})[0] == 200  # the caller sampled it
    wait_until(lambda: in_trace(collector, kept), 10, "the caller-sampled span")
    assert [s["traceId"] for s in collector.spans()] == [kept]


def test_half_of_new_traces_are_kept_at_ratio_one_half(start, collector):
    server = start(env={"VITRINE_OTLP_ENDPOINT": collector.url(""), "VITRINE_TRACE_SAMPLE_RATIO": "0.5"})
    for _ in range(400):
        assert server.request("GET", "/healthz")[0] == 200
    marker = "c" * 32
    server.request("GET", "/healthz", headers={"traceparent": f"00-{marker}-{PARENT}-01"})
    wait_until(lambda: in_trace(collector, marker), 10, "the last span")
    kept = len({s["traceId"] for s in collector.spans()}) - 1
    # Binomial(400, 0.5): mean 200, sd 10; 6 sd either side.
    assert 140 < kept < 260, kept


def test_checks_and_notifications_are_client_spans_that_propagate_their_context(
        start, db, workdir, collector):
    site = Site(start, db, workdir, env={**FAST, "VITRINE_OTLP_ENDPOINT": collector.url("")})
    admin = bearer(site.token("admin"))
    target, hook = HttpTarget(), HttpTarget()
    try:
        status, _, channel = site.server.call("POST", "/api/v1/notification-channels", {
            "name": "ops", "kind": "webhook", "url": hook.url("/hook?key=secret")}, headers=admin)
        assert status == 201, channel
        target.behaviour.set(status=503)
        status, _, monitor = site.server.call("POST", "/api/v1/monitors", {
            "name": "api", "kind": "http", "target": target.url("/health?token=abc"),
            "interval": 1, "timeout": 1, "retries": 0}, admin=True)
        assert status == 201, monitor

        # The target got a traceparent; the check's span has those ids.
        checked = wait_until(lambda: [r for r in target.behaviour.received()
                                      if "traceparent" in {k.lower() for k in r["headers"]}],
                             10, "a check with a traceparent")
        header = {k.lower(): v for k, v in checked[0]["headers"].items()}["traceparent"]
        _, trace_id, span_id, flags = header.split("-")
        assert flags == "01"
        (check,) = wait_until(lambda: [s for s in in_trace(collector, trace_id)
                                       if s["spanId"] == span_id], 10, "the check's span")
        assert check["name"] == "GET" and check["kind"] == 3 and "parentSpanId" not in check
        a = attrs(check)
        assert a["url.full"] == f"http://127.0.0.1:{target.port}/health"  # no query
        assert a["http.response.status_code"] == 503 and a["vitrine.monitor.id"] == monitor["id"]
        assert check["status"]["code"] == 2 and a["error.type"] == "status"

        # The incident's webhook: its own span, its traceparent sent, the URL's path withheld.
        posted = wait_until(lambda: [r for r in hook.behaviour.received() if r["method"] == "POST"],
                            20, "the webhook")
        header = {k.lower(): v for k, v in posted[0]["headers"].items()}["traceparent"]
        _, trace_id, span_id, _ = header.split("-")
        (sent,) = wait_until(lambda: [s for s in in_trace(collector, trace_id)
                                      if s["spanId"] == span_id], 10, "the webhook's span")
        assert sent["name"] == "POST" and sent["kind"] == 3
        assert attrs(sent)["server.address"] == "127.0.0.1"
        assert attrs(sent)["http.response.status_code"] == 200
        assert not any("secret" in json.dumps(s) or "/hook" in json.dumps(s)
                       for s in collector.spans())
        for payload in collector.payloads:
            jsonschema.validate(payload, SCHEMA)
    finally:
        target.close()
        hook.close()


def metric(server, name: str) -> float:
    _, _, body = server.request("GET", "/metrics")
    m = re.search(rf"^{re.escape(name)} (\S+)$", body.decode(), re.M)
    return float(m.group(1)) if m else 0.0


def test_a_collector_that_is_away_fails_no_request_and_the_loss_is_counted(start):
    server = start(env={"VITRINE_OTLP_ENDPOINT": f"http://127.0.0.1:{closed_port()}",
                        "VITRINE_TRACE_QUEUE_SIZE": "64"})
    # More spans than the queue and the batch in flight hold (64 each), while the exporter
    # backs off after failing: one span per request.
    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda _: server.request("GET", "/healthz")[0], range(400)))
    assert statuses == [200] * 400
    wait_until(lambda: metric(server, 'vitrine_trace_spans_dropped_total{reason="queue_full"}') > 0,
               10, "spans dropped at the full queue")
    wait_until(lambda: metric(server, 'vitrine_trace_spans_dropped_total{reason="export_failed"}')
               > 0, 30, "a batch given up after its retries")
    warning = server.wait_log("trace export failed; spans dropped until the collector answers")
    assert warning["url"].endswith("/v1/traces") and warning["level"] == "warn"
    assert metric(server, "vitrine_trace_spans_exported_total") == 0


def test_a_collector_that_refuses_for_a_while_gets_the_batch_again(start):
    collector = Collector()
    collector.behaviour.set(script=[503, 503])
    try:
        server = start(env={"VITRINE_OTLP_ENDPOINT": collector.url("")})
        marker = "d" * 32
        assert server.request("GET", "/healthz", headers={
            "traceparent": f"00-{marker}-{PARENT}-01"})[0] == 200
        # Accepted at the third POST, which carries the same span as the two refused ones.
        wait_until(lambda: metric(server, "vitrine_trace_spans_exported_total") >= 1, 15,
                   "the span accepted after two 503s")
        assert len(collector.requests) >= 3
        assert all(marker in json.dumps(p) for p in collector.payloads[:3])
        assert metric(server, 'vitrine_trace_spans_dropped_total{reason="export_failed"}') == 0
    finally:
        collector.close()


def test_bad_tracing_settings_are_refused_with_what_is_accepted(workdir):
    from conftest import run_cli
    for name, value, accepted in (
            ("VITRINE_TRACE_SAMPLE_RATIO", "1.5", "a decimal number from 0 to 1"),
            ("VITRINE_TRACE_SAMPLE_RATIO", "-0.1", "a decimal number from 0 to 1"),
            ("VITRINE_TRACE_QUEUE_SIZE", "8", "a whole number from 16 to 1000000"),
            ("VITRINE_OTLP_ENDPOINT", "collector:4318", "an absolute http(s) URL")):
        out = run_cli("config", "check", env={name: value}, cwd=workdir)
        assert out.returncode != 0
        assert name in out.stderr and accepted in out.stderr, out.stderr
