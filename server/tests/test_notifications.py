"""Notifications end to end on SQLite and PostgreSQL: an outage against a steerable target
sends a signed webhook (retried through the receiver's failures, the same bytes and delivery
id every time) and a Slack-compatible message, the delivery log shows every try, recovery
sends the resolved event; a receiver that hangs is given up on without delaying the checks;
channels are admin-only, need VITRINE_DATA_KEY, keep their URL and secret write-only, and
can be tested on demand."""
from __future__ import annotations

import hashlib
import hmac
import json

import pytest

from conftest import FAST, wait_until
from targets import HttpTarget
from test_auth import Site, bearer

C = "/api/v1/notification-channels"
D = "/api/v1/notification-deliveries"
PROBLEM = "urn:vitrine:problem:"
SECRET = "s3cret-s3cret-s3cret"
QUICK_RETRIES = {**FAST, "VITRINE_NOTIFY_RETRY_BASE": "200ms", "VITRINE_NOTIFY_RETRY_MAX": "1s"}


@pytest.fixture
def receivers():
    made = []

    def make():
        made.append(HttpTarget())
        return made[-1]

    yield make
    for r in made:
        r.close()


def signed(request, secret: str) -> bool:
    expected = "sha256=" + hmac.new(secret.encode(), request["body"], hashlib.sha256).hexdigest()
    return hmac.compare_digest(request["headers"].get("X-Vitrine-Signature", ""), expected)


def posts(receiver, event: str | None = None):
    return [r for r in receiver.behaviour.received()
            if r["method"] == "POST" and (event is None or
                                          r["headers"].get("X-Vitrine-Event") == event)]


def create_monitor(site, target, **doc):
    status, _, body = site.server.call("POST", "/api/v1/monitors", {
        "name": "checkout", "kind": "http", "target": target.url(), "interval": 1,
        "timeout": 0.8, "retries": 0, "recovery_checks": 1, **doc}, admin=True)
    assert status == 201, body
    return body


def test_an_outage_is_told_to_a_signed_webhook_through_its_failures_and_to_slack(
        start, db, workdir, receivers):
    site = Site(start, db, workdir, env=QUICK_RETRIES)
    admin = bearer(site.token("admin"))
    hook, slack, target = receivers(), receivers(), receivers()
    hook.behaviour.set(script=[500, 503])  # the first two tries fail
    status, headers, channel = site.server.call("POST", C, {
        "name": "ops webhook", "kind": "webhook", "url": hook.url("/vitrine?key=abc"),
        "secret": SECRET}, headers=admin)
    assert status == 201, channel
    assert headers["location"] == f"{C}/{channel['id']}"
    assert channel["url_origin"] == f"http://127.0.0.1:{hook.port}"
    assert channel["has_secret"] and "url" not in channel and "secret" not in channel
    assert channel["events"] == ["incident.opened", "incident.resolved"]
    status, _, slack_channel = site.server.call("POST", C, {
        "name": "#ops", "kind": "slack", "url": slack.url("/services/T0/B0/XYZ"),
        "events": ["incident.opened"]}, headers=admin)
    assert status == 201, slack_channel
    assert not slack_channel["has_secret"]

    target.behaviour.set(status=503)
    monitor = create_monitor(site, target)
    wait_until(lambda: len(posts(hook, "incident.opened")) == 3, 30,
               "the opened event delivered at the third try")
    tries = posts(hook, "incident.opened")
    assert all(signed(t, SECRET) for t in tries)
    assert len({t["body"] for t in tries}) == 1  # the same bytes every time
    assert len({t["headers"]["X-Vitrine-Delivery"] for t in tries}) == 1
    assert tries[0]["path"] == "/vitrine?key=abc"
    assert tries[0]["headers"]["Content-Type"] == "application/json"
    event = json.loads(tries[0]["body"])
    assert event["id"] == tries[0]["headers"]["X-Vitrine-Delivery"]
    assert event["event"] == "incident.opened"
    incident = event["incident"]
    assert incident["monitor_id"] == monitor["id"] and incident["monitor_name"] == "checkout"
    assert incident["state"] == "open" and incident["error"]["class"] == "status"

    wait_until(lambda: posts(slack), 10, "the Slack message")
    (message,) = posts(slack)
    assert "X-Vitrine-Signature" not in message["headers"]
    text = json.loads(message["body"])["text"]
    assert "*checkout* is down" in text and "status" in text

    # The delivery log: one delivery per channel, every try of the webhook's.
    wait_until(lambda: site.server.call("GET", f"{D}?channel_id={channel['id']}",
                                        headers=admin)[2]["items"][0]["state"] == "delivered",
               10, "the delivery recorded as delivered")
    status, _, page = site.server.call("GET", f"{D}?channel_id={channel['id']}", headers=admin)
    (delivery,) = page["items"]
    assert delivery["id"] == event["id"] and delivery["incident_id"] == incident["id"]
    assert delivery["attempts"] == 3 and delivery["last_error"] is None
    assert delivery["next_attempt_at"] is None and delivery["delivered_at"]
    status, _, details = site.server.call("GET", f"{D}/{delivery['id']}", headers=admin)
    assert status == 200
    assert details["body"].encode() == tries[0]["body"]
    assert [(t["attempt"], t["status_code"]) for t in details["log"]] == [
        (1, 500), (2, 503), (3, 200)]
    assert details["log"][0]["error"].startswith("HTTP 500: {") and details["log"][2]["error"] is None
    status, _, page = site.server.call("GET", f"{D}?incident_id={incident['id']}&state=delivered",
                                       headers=admin)
    assert {d["channel_id"] for d in page["items"]} == {channel["id"], slack_channel["id"]}

    # Recovery: the webhook hears of it, the Slack channel (opened only) does not.
    target.behaviour.set(status=200)
    wait_until(lambda: posts(hook, "incident.resolved"), 30, "the resolved event")
    (resolved,) = posts(hook, "incident.resolved")
    assert signed(resolved, SECRET)
    body = json.loads(resolved["body"])
    assert body["incident"]["id"] == incident["id"] and body["incident"]["state"] == "resolved"
    assert body["incident"]["duration_seconds"] >= 0
    assert len(posts(slack)) == 1


def test_a_hanging_receiver_is_given_up_on_and_never_delays_the_checks(start, db, workdir,
                                                                       receivers):
    site = Site(start, db, workdir, env={**QUICK_RETRIES, "VITRINE_NOTIFY_TIMEOUT": "1s",
                                         "VITRINE_NOTIFY_MAX_ATTEMPTS": "3"})
    admin = bearer(site.token("admin"))
    hook, target = receivers(), receivers()
    hook.behaviour.set(delay=5.0)  # longer than the timeout: every try times out
    status, _, channel = site.server.call("POST", C, {"name": "slow", "kind": "webhook",
                                                      "url": hook.url()}, headers=admin)
    assert status == 201, channel
    target.behaviour.set(status=503)
    monitor = create_monitor(site, target)

    def failed():
        page = site.server.call("GET", f"{D}?state=failed", headers=admin)[2]
        return page["items"]

    (delivery,) = wait_until(failed, 60, "the delivery given up after three tries")
    assert delivery["attempts"] == 3 and "timed out" in delivery["last_error"].lower()
    details = site.server.call("GET", f"{D}/{delivery['id']}", headers=admin)[2]
    assert [t["status_code"] for t in details["log"]] == [None, None, None]
    first_try, last_try = details["log"][0]["at"], details["log"][-1]["at"]

    # The checks went on every second while the dispatcher waited on the receiver.
    status, _, page = site.server.call(
        "GET", f"/api/v1/monitors/{monitor['id']}/results?from={first_try}&to={last_try}"
        "&limit=1000", admin=True)
    assert status == 200
    assert len(page["items"]) >= 2, page["items"]
    assert len(posts(hook)) == 3


def test_channels_are_admin_only_write_only_and_checked(start, db, workdir, receivers):
    site = Site(start, db, workdir)
    admin = bearer(site.token("admin"))
    hook = receivers()

    # No secret given: one is generated and shown once.
    status, headers, channel = site.server.call("POST", C, {"name": "hook", "kind": "webhook",
                                                            "url": hook.url()}, headers=admin)
    assert status == 201, channel
    secret = channel["secret"]
    assert len(secret) >= 32 and headers["cache-control"] == "no-store"
    status, headers, again = site.server.call("GET", f"{C}/{channel['id']}", headers=admin)
    assert status == 200 and "secret" not in again and again["has_secret"]

    # The test message is signed with it.
    status, _, outcome = site.server.call("POST", f"{C}/{channel['id']}/test", headers=admin)
    assert status == 200, outcome
    assert outcome["delivered"] and outcome["status_code"] == 200 and outcome["error"] is None
    (test_message,) = posts(hook)
    assert signed(test_message, secret)
    assert json.loads(test_message["body"])["event"] == "test"
    assert site.server.call("GET", D, headers=admin)[2]["items"] == []  # not in the log
    hook.behaviour.set(status=410)
    _, _, outcome = site.server.call("POST", f"{C}/{channel['id']}/test", headers=admin)
    assert not outcome["delivered"] and outcome["status_code"] == 410
    assert outcome["error"].startswith("HTTP 410")

    # Replacing the URL is audited as replaced, its value never written down.
    etag = headers["etag"]
    status, _, patched = site.server.call(
        "PATCH", f"{C}/{channel['id']}", {"url": hook.url("/new-path?token=hidden"),
                                          "enabled": False},
        headers={**admin, "If-Match": etag}, content_type="application/merge-patch+json")
    assert status == 200, patched
    assert not patched["enabled"] and patched["version"] == 2
    hook.behaviour.set(status=200)
    site.server.call("POST", f"{C}/{channel['id']}/test", headers=admin)
    assert posts(hook)[-1]["path"] == "/new-path?token=hidden"
    assert signed(posts(hook)[-1], secret)  # the secret was kept
    status, _, audit = site.server.call(
        "GET", "/api/v1/audit?action=notification_channel.update", headers=admin)
    assert status == 200, audit
    record = audit["items"][0]
    assert record["details"]["replaced"] == ["url"]
    assert "hidden" not in json.dumps(record)
    status, _, problem = site.server.call(
        "PATCH", f"{C}/{channel['id']}", {"name": "x"}, headers={**admin, "If-Match": etag},
        content_type="application/merge-patch+json")
    assert status == 412 and problem["type"] == PROBLEM + "precondition-failed"

    # Bad input names its field.
    for doc, field in (({"name": "x", "kind": "webhook", "url": "ftp://x/"}, "url"),
                       ({"name": "x", "kind": "webhook", "url": hook.url(), "secret": "short"},
                        "secret"),
                       ({"name": "x", "kind": "slack", "url": hook.url(), "secret": SECRET},
                        "secret"),
                       ({"name": "x", "kind": "email", "url": hook.url()}, "kind"),
                       ({"name": "x", "kind": "slack", "url": hook.url(), "events": ["boom"]},
                        "events"),
                       ({"name": "x", "kind": "slack", "url": hook.url(), "events": []},
                        "events"),
                       ({"kind": "slack", "url": hook.url()}, "name"),
                       ({"name": "x", "kind": "slack", "url": hook.url(),
                         "project_id": "0190a0a0-0000-7000-8000-000000000000"}, "project_id"),
                       ({"name": "x", "kind": "slack", "url": hook.url(), "id": "mine"}, "id")):
        status, _, problem = site.server.call("POST", C, doc, headers=admin)
        assert status == 422 and problem["type"] == PROBLEM + "validation-failed", (doc, problem)
        assert field in [e["field"] for e in problem["errors"]], (doc, problem)
    status, _, problem = site.server.call(
        "PATCH", f"{C}/{channel['id']}", {"kind": "slack"},
        headers={**admin, "If-Match": f'"{channel["id"]}-2"'},
        content_type="application/merge-patch+json")
    assert status in (412, 422), problem
    for query, name in (("?state=sent", "state"), ("?channel_id=x", "channel_id"),
                        ("?cursor=nope", "cursor")):
        status, _, problem = site.server.call("GET", D + query, headers=admin)
        assert status == 400 and problem["type"] == PROBLEM + "invalid-parameter", problem
        assert name in problem["detail"]

    # Editors and readers may not touch channels or read the log; nobody signed out may.
    editor = bearer(site.token("editor"))
    for method, path in (("GET", C), ("POST", C), ("GET", D), ("GET", f"{C}/{channel['id']}"),
                         ("POST", f"{C}/{channel['id']}/test")):
        status, _, _ = site.server.call(method, path, {"name": "x"} if method == "POST" else None,
                                        headers=editor)
        assert status == 403, (method, path)
        status, _, _ = site.server.call(method, path, {"name": "x"} if method == "POST" else None)
        assert status == 401, (method, path)

    status, _, _ = site.server.call("DELETE", f"{C}/{channel['id']}", headers=admin)
    assert status == 204
    status, _, problem = site.server.call("GET", f"{C}/{channel['id']}", headers=admin)
    assert status == 404 and problem["type"] == PROBLEM + "not-found"

