"""Monitors end to end: the API, real checks against steerable targets on 127.0.0.1, the
scheduler's state changes and stored results, on SQLite and PostgreSQL."""
from __future__ import annotations

import pathlib

from conftest import FAST, create_token, wait_until
from targets import HttpTarget, closed_port, tls_target


def create(server, **doc):
    status, headers, body = server.call("POST", "/api/v1/monitors", doc, admin=True)
    assert status == 201, body
    assert headers["location"] == f"/api/v1/monitors/{body['id']}"
    return body


def run_test(server, monitor_id):
    status, _, body = server.call("POST", f"/api/v1/monitors/{monitor_id}/test", admin=True)
    assert status == 200, body
    return body


def results(server, monitor_id, query=""):
    status, _, body = server.call("GET", f"/api/v1/monitors/{monitor_id}/results{query}",
                                  admin=True)
    assert status == 200, body
    return body


def state(server, monitor_id):
    status, _, body = server.call("GET", f"/api/v1/monitors/{monitor_id}", admin=True)
    assert status == 200, body
    return body["status"]["state"]


def test_create_read_patch_delete_with_defaults_and_validation(fast_api, target):
    status, _, body = fast_api.call("POST", "/api/v1/monitors",
                                    {"name": "", "target": "ftp://x", "interval": 0,
                                     "timeout": "5", "color": "red"}, admin=True)
    assert status == 422
    fields = {(e["field"], e["code"]) for e in body["errors"]}
    assert {("kind", "required"), ("name", "required"), ("timeout", "invalid_type"),
            ("color", "unknown_field")} <= fields

    m = create(fast_api, name="api", kind="http", target=target.url("/healthz"))
    assert (m["interval"], m["timeout"], m["retries"], m["enabled"], m["public"]) == \
        (60, 10.0, 1, True, False)
    assert m["http"]["accepted_status"] == ["200-399"]
    assert m["status"]["state"] == "pending"

    status, headers, got = fast_api.call("GET", f"/api/v1/monitors/{m['id']}", admin=True)
    assert status == 200 and got["name"] == "api"
    status, _, _ = fast_api.call("PATCH", f"/api/v1/monitors/{m['id']}", {"name": "x"},
                                 admin=True, content_type="application/merge-patch+json")
    assert status == 428
    status, _, patched = fast_api.call(
        "PATCH", f"/api/v1/monitors/{m['id']}",
        {"name": "api v2", "http": {"accepted_status": [200, "204-299"]}},
        headers={"If-Match": headers["etag"]}, admin=True,
        content_type="application/merge-patch+json")
    assert status == 200, patched
    assert patched["version"] == 2 and patched["http"]["accepted_status"] == ["200", "204-299"]
    status, _, _ = fast_api.call(
        "PATCH", f"/api/v1/monitors/{m['id']}", {"name": "stale"},
        headers={"If-Match": headers["etag"]}, admin=True,
        content_type="application/merge-patch+json")
    assert status == 412

    status, _, _ = fast_api.call("DELETE", f"/api/v1/monitors/{m['id']}", admin=True)
    assert status == 204
    status, _, _ = fast_api.call("GET", f"/api/v1/monitors/{m['id']}", admin=True)
    assert status == 404


def test_viewers_read_and_only_editors_write(start, workdir, db, target):
    env = {"VITRINE_DATABASE_URL": db.url}
    server = start(env=env, token=True)
    m = create(server, name="api", kind="http", target=target.url())
    reader = {"Authorization": "Bearer " + create_token(env, workdir, scopes=("read",), name="r")}
    status, _, page = server.call("GET", "/api/v1/monitors", headers=reader)
    assert status == 200 and [i["id"] for i in page["items"]] == [m["id"]]
    status, _, _ = server.call("POST", "/api/v1/monitors", {"name": "x", "kind": "push"},
                               headers=reader)
    assert status == 403
    status, _, _ = server.call("GET", "/api/v1/monitors")
    assert status == 401


def test_credential_headers_are_write_only_and_kept_when_sent_back(fast_api, target):
    m = create(fast_api, name="api", kind="http", target=target.url(),
               http={"headers": {"Authorization": "Bearer s3cret", "X-Trace": "1"}})
    assert m["http"]["headers"] == {"Authorization": "<redacted>", "X-Trace": "1"}
    _, headers, _ = fast_api.call("GET", f"/api/v1/monitors/{m['id']}", admin=True)
    # The client sends back what it read, changing another header.
    status, _, _ = fast_api.call(
        "PATCH", f"/api/v1/monitors/{m['id']}",
        {"http": {"headers": {"Authorization": "<redacted>", "X-Trace": "2"}}},
        headers={"If-Match": headers["etag"]}, admin=True,
        content_type="application/merge-patch+json")
    assert status == 200
    assert run_test(fast_api, m["id"])["state"] == "up"
    sent = [r for r in target.behaviour.received() if r["headers"].get("X-Trace") == "2"]
    assert sent and sent[-1]["headers"]["Authorization"] == "Bearer s3cret"


def test_test_runs_each_kind_and_classifies_failures(start, target, workdir):
    server = start(env=FAST, token=True)
    up = create(server, name="up", kind="http", target=target.url(),
                http={"body_contains": '"ok"', "json_pointer": "/db/ok", "json_equals": True})
    result = run_test(server, up["id"])
    assert result["state"] == "up" and result["status_code"] == 200
    assert result["timings"]["connect_ms"] is not None and result["timings"]["tls_ms"] is None

    target.behaviour.set(status=503)
    result = run_test(server, up["id"])
    assert (result["state"], result["error"], result["status_code"]) == ("down", "status", 503)
    target.behaviour.set(status=200, body=b'{"status":"ok","db":{"ok":false}}')
    result = run_test(server, up["id"])
    assert (result["error"], result["message"]) == ("json", "at /db/ok: expected true, got false")
    target.behaviour.set(body=b"maintenance")
    assert run_test(server, up["id"])["error"] == "body"

    target.behaviour.set(body=b"{}", delay=3.0)
    slow = create(server, name="slow", kind="http", target=target.url(), timeout=0.5, interval=60)
    result = run_test(server, slow["id"])
    assert (result["state"], result["error"]) == ("down", "timeout")
    assert 400 <= result["timings"]["total_ms"] < 2900

    tcp = create(server, name="tcp", kind="tcp", target=f"127.0.0.1:{target.port}")
    assert run_test(server, tcp["id"])["state"] == "up"
    refused = create(server, name="refused", kind="tcp", target=f"127.0.0.1:{closed_port()}")
    result = run_test(server, refused["id"])
    assert (result["state"], result["error"]) == ("down", "connect")

    push = create(server, name="cron", kind="push")
    status, _, problem = server.call("POST", f"/api/v1/monitors/{push['id']}/test", admin=True)
    assert status == 409 and problem["type"] == "urn:vitrine:problem:conflict"


def test_tls_expiry_and_chain_verification(start, workdir):
    tls, cert = tls_target(pathlib.Path(workdir), days=5)
    try:
        # Trusted through VITRINE_CHECK_CA_FILE: the chain holds, the expiry degrades.
        server = start(env={**FAST, "VITRINE_CHECK_CA_FILE": str(cert)}, token=True)
        m = create(server, name="cert", kind="tls", target=f"127.0.0.1:{tls.port}")
        result = run_test(server, m["id"])
        assert (result["state"], result["error"], result["tls_days_left"]) == \
            ("degraded", "certificate", 4)
        assert result["timings"]["tls_ms"] is not None
        https = create(server, name="https", kind="http", target=f"https://127.0.0.1:{tls.port}/")
        assert run_test(server, https["id"])["state"] == "degraded"
        server.stop()

        # Without the CA the self-signed chain fails, unless verification is off.
        server = start(env=FAST, token=True)
        m = create(server, name="cert", kind="tls", target=f"127.0.0.1:{tls.port}")
        result = run_test(server, m["id"])
        assert (result["state"], result["error"]) == ("down", "tls")
        unverified = create(server, name="nv", kind="tls", target=f"127.0.0.1:{tls.port}",
                            tls={"verify": False})
        assert run_test(server, unverified["id"])["tls_days_left"] == 4
    finally:
        tls.close()


def test_scheduler_moves_state_after_retries_and_stores_results(fast_api, target):
    m = create(fast_api, name="api", kind="http", target=target.url(), interval=1, timeout=0.8,
               retries=1)
    wait_until(lambda: state(fast_api, m["id"]) == "up", 10, "the monitor up")

    target.behaviour.set(status=500)
    wait_until(lambda: state(fast_api, m["id"]) == "down", 10, "the monitor down")
    page = results(fast_api, m["id"])
    failures = [r for r in page["items"] if r["state"] == "down"]
    assert len(failures) >= 2 and failures[0]["error"] == "status"
    _, _, got = fast_api.call("GET", f"/api/v1/monitors/{m['id']}", admin=True)
    # Down since the first failure of the streak, not the one that confirmed it.
    assert got["status"]["since"] == failures[-1]["at"]

    target.behaviour.set(status=200)
    wait_until(lambda: state(fast_api, m["id"]) == "up", 10, "the monitor up again")

    # Cursor pages walk every result once, newest first.
    seen, query = [], "?limit=2"
    while True:
        page = results(fast_api, m["id"], query)
        seen += [r["at"] for r in page["items"]]
        if page["next_cursor"] is None:
            break
        query = f"?limit=2&cursor={page['next_cursor']}"
    assert seen == sorted(seen, reverse=True) and len(seen) == len(set(seen)) >= 4


def test_a_hanging_target_does_not_delay_other_monitors(start, target):
    hang = HttpTarget()
    hang.behaviour.set(delay=30.0)
    try:
        server = start(env=FAST, token=True)
        create(server, name="hang", kind="http", target=hang.url(), interval=2, timeout=2)
        quick = create(server, name="quick", kind="http", target=target.url(), interval=1,
                       timeout=0.5)
        # Four results of the quick monitor while the hanging check is still in flight.
        wait_until(lambda: len(results(server, quick["id"])["items"]) >= 4, 8,
                   "four results of the quick monitor")
        assert len(hang.behaviour.received()) >= 1
    finally:
        hang.close()


def test_bad_queries_and_unknown_monitors_get_problems(fast_api, target):
    m = create(fast_api, name="api", kind="http", target=target.url())
    for query in ("?limit=0", "?cursor=nope", "?from=yesterday", "?color=red"):
        status, _, problem = fast_api.call("GET", f"/api/v1/monitors/{m['id']}/results{query}",
                                           admin=True)
        assert status == 400 and problem["type"] == "urn:vitrine:problem:invalid-parameter", query
    for path in ("/api/v1/monitors/not-a-uuid", "/api/v1/monitors/" + "0" * 8 + "-0000-7000-8000-" + "0" * 12):
        status, _, _ = fast_api.call("GET", path, admin=True)
        assert status == 404
    status, _, problem = fast_api.call("POST", "/api/v1/monitors",
                                       {"name": "p", "kind": "http", "target": target.url(),
                                        "project_id": "0" * 8 + "-0000-7000-8000-" + "0" * 12},
                                       admin=True)
    assert status == 422 and problem["errors"][0]["field"] == "project_id"


def test_push_heartbeats_keep_a_monitor_up_and_missing_ones_take_it_down(start, workdir, db):
    env = {"VITRINE_DATABASE_URL": db.url, **FAST}
    server = start(env=env, token=True)
    m = create(server, name="nightly backup", kind="push", interval=1, timeout=0.5, retries=0)
    assert m["push_url"].startswith("/api/v1/push/vtp_")
    _, _, read = server.call("GET", f"/api/v1/monitors/{m['id']}", admin=True)
    assert "push_url" not in read  # shown once

    status, _, _ = server.call("POST", m["push_url"])
    assert status == 204
    wait_until(lambda: state(server, m["id"]) == "up", 5, "the push monitor up")
    # No beat for interval + grace (1.5 s): down, with the heartbeat error.
    wait_until(lambda: state(server, m["id"]) == "down", 8, "the push monitor down")
    missed = results(server, m["id"])["items"][0]
    assert (missed["state"], missed["error"]) == ("down", "heartbeat")

    # A job can report its own failure, and a token with monitors:push can beat by id.
    status, _, _ = server.call("POST", m["push_url"], {"state": "down", "message": "disk full"})
    assert status == 204
    wait_until(lambda: results(server, m["id"])["items"][0]["message"] == "disk full", 5,
               "the reported failure stored")
    pusher = {"Authorization": "Bearer " + create_token(env, workdir, scopes=("monitors:push",),
                                                         name="ci")}
    status, _, _ = server.call("POST", f"/api/v1/monitors/{m['id']}/push",
                               {"duration_ms": 1234}, headers=pusher)
    assert status == 204
    wait_until(lambda: state(server, m["id"]) == "up", 5, "the push monitor up again")
    status, _, _ = server.call("GET", "/api/v1/monitors", headers=pusher)
    assert status == 403  # the push scope opens heartbeats only

    # Rotating the secret retires the old URL; bad input gets problems, never a beat.
    status, _, rotated = server.call("POST", f"/api/v1/monitors/{m['id']}/push-token", admin=True)
    assert status == 200 and rotated["push_url"] != m["push_url"]
    status, _, _ = server.call("POST", m["push_url"])
    assert status == 404
    status, _, problem = server.call("POST", rotated["push_url"], {"state": "sideways"})
    assert status == 422 and problem["errors"][0]["field"] == "state"
    status, _, _ = server.call("POST", "/api/v1/push/not-a-secret")
    assert status == 404
