"""Incidents end to end: a scripted flapping outage against a steerable target opens one
incident that recovery resolves, updates by editors, what the public sees (the incident
list and the status document), and deletion of the monitor; on SQLite and PostgreSQL."""
from __future__ import annotations

from conftest import create_token, wait_until

PROBLEM = "urn:vitrine:problem:"


def create_monitor(server, **doc):
    status, _, body = server.call("POST", "/api/v1/monitors", doc, admin=True)
    assert status == 201, body
    return body


def incidents(server, query="", **call):
    status, _, page = server.call("GET", "/api/v1/incidents" + query, **call)
    assert status == 200, page
    return page["items"]


def results(server, monitor_id):
    status, _, page = server.call("GET", f"/api/v1/monitors/{monitor_id}/results?limit=1000",
                                  admin=True)
    assert status == 200
    return sorted(page["items"], key=lambda r: r["at"])


def test_a_flapping_outage_is_one_incident_resolved_after_enough_good_checks(fast_api, target):
    # retries 0: each check's state is the monitor's. The script: up, down (opens), up, down
    # (joins: one good answer of the three recovery needs), then up for good.
    target.behaviour.set(script=[200, 503, 200, 503, 200, 200, 200])
    m = create_monitor(fast_api, name="api", kind="http", target=target.url(), interval=1,
                       timeout=0.8, retries=0, recovery_checks=3, public=True)
    assert m["recovery_checks"] == 3
    query = f"?monitor_id={m['id']}"
    wait_until(lambda: [i["state"] for i in incidents(fast_api, query, admin=True)] ==
               ["resolved"], 60, "the incident to open and resolve")

    checks = results(fast_api, m["id"])[:7]
    assert [r["state"] for r in checks] == ["up", "down", "up", "down", "up", "up", "up"]
    (incident,) = incidents(fast_api, query, admin=True)
    assert incident["monitor_id"] == m["id"] and incident["monitor_name"] == "api"
    assert incident["started_at"] == checks[1]["at"]  # the first failed check
    assert incident["resolved_at"] == checks[4]["at"]  # the first of the good ones in a row
    assert incident["error"] == {"class": "status", "message": checks[1]["message"]}
    assert [(e["kind"], e["at"]) for e in incident["timeline"]] == [
        ("down", checks[1]["at"]), ("up", checks[2]["at"]), ("down", checks[3]["at"]),
        ("up", checks[4]["at"]), ("resolved", checks[6]["at"])]
    assert incident["timeline"][0]["error"]["class"] == "status"
    status, _, one = fast_api.call("GET", f"/api/v1/incidents/{incident['id']}", admin=True)
    assert status == 200 and one == incident

    # The next outage is a new incident.
    target.behaviour.set(status=503)
    wait_until(lambda: len(incidents(fast_api, query + "&state=open", admin=True)) == 1, 30,
               "a second incident")
    assert len(incidents(fast_api, query, admin=True)) == 2


def test_editors_post_updates_the_public_reads_them_and_deletion_resolves(start, workdir, db,
                                                                          target):
    env = {"VITRINE_DATABASE_URL": db.url, "VITRINE_MONITOR_MIN_INTERVAL": "1s",
           "VITRINE_STATUS_REFRESH": "1s"}
    server = start(env=env, token=True)
    reader = {"Authorization": "Bearer " + create_token(env, workdir, scopes=("read",), name="r")}
    target.behaviour.set(status=503)
    shown = create_monitor(server, name="shown", kind="http", target=target.url(), interval=1,
                           timeout=0.8, retries=0, public=True)
    hidden = create_monitor(server, name="hidden", kind="http", target=target.url(), interval=1,
                            timeout=0.8, retries=0, public=False)
    wait_until(lambda: len(incidents(server, "?state=open", admin=True)) == 2, 30,
               "both monitors' incidents")
    (incident,) = incidents(server, f"?monitor_id={shown['id']}", admin=True)
    path = f"/api/v1/incidents/{incident['id']}"

    # Editors post; readers and the public may not.
    update = {"status": "identified", "body": "The database is out of connections."}
    status, headers, body = server.call("POST", path + "/updates", update, admin=True)
    assert status == 201, body
    assert headers["location"] == path
    assert [(u["status"], u["body"]) for u in body["updates"]] == [
        ("identified", "The database is out of connections.")]
    assert body["updates"][0]["author_id"]
    status, _, _ = server.call("POST", path + "/updates", update, headers=reader)
    assert status == 403
    status, _, _ = server.call("POST", path + "/updates", update)
    assert status == 401
    for bad, field in (({"status": "fixed", "body": "x"}, "status"),
                       ({"status": "monitoring"}, "body"),
                       ({"status": "monitoring", "body": ""}, "body"),
                       ({"status": "monitoring", "body": "x", "at": "now"}, "at")):
        status, _, problem = server.call("POST", path + "/updates", bad, admin=True)
        assert status == 422 and problem["type"] == PROBLEM + "validation-failed", problem
        assert field in [e["field"] for e in problem["errors"]], problem
    status, _, problem = server.call("POST", "/api/v1/incidents/0190a0a0-0000-7000-8000-000000000000"
                                     "/updates", update, admin=True)
    assert status == 404 and problem["type"] == PROBLEM + "not-found"

    # The public sees the public monitor's incident, its updates, and no error text.
    (public,) = incidents(server)
    assert public["id"] == incident["id"] and public["error"] is None
    assert all("error" not in e for e in public["timeline"])
    assert "author_id" not in public["updates"][0]
    assert public["updates"][0]["body"] == update["body"]
    status, _, _ = server.call("GET", f"/api/v1/incidents/{public['id']}")
    assert status == 200
    (hidden_incident,) = incidents(server, f"?monitor_id={hidden['id']}", headers=reader)
    status, _, _ = server.call("GET", f"/api/v1/incidents/{hidden_incident['id']}")
    assert status == 404  # the same answer as for no incident
    wait_until(lambda: [i["id"] for i in server.get_json("/api/v1/status")[2]["incidents"]] ==
               [incident["id"]], 10, "the open incident on the status page")
    doc = server.get_json("/api/v1/status")[2]
    assert doc["incidents"][0]["updates"][0]["status"] == "identified"

    # Bad queries get problems.
    for query, name in (("?state=closed", "state"), ("?from=yesterday", "from"),
                        ("?project_id=x", "project_id"), ("?cursor=nope", "cursor"),
                        ("?order=new", "order")):
        status, _, problem = server.call("GET", "/api/v1/incidents" + query)
        assert status == 400 and problem["type"] == PROBLEM + "invalid-parameter", (query, problem)

    # Deleting the monitor resolves its incident, which stays without it.
    status, _, _ = server.call("DELETE", f"/api/v1/monitors/{shown['id']}", admin=True)
    assert status == 204
    status, _, gone = server.call("GET", path, admin=True)
    assert status == 200 and gone["state"] == "resolved" and gone["monitor_id"] is None
    assert gone["timeline"][-1]["kind"] == "monitor_deleted"
    assert gone["duration_seconds"] >= 0
    assert incidents(server) == []  # no longer a public monitor's
    # Pausing the other resolves its incident too.
    _, headers, _ = server.call("GET", f"/api/v1/monitors/{hidden['id']}", admin=True)
    status, _, _ = server.call("PATCH", f"/api/v1/monitors/{hidden['id']}", {"enabled": False},
                               headers={"If-Match": headers["etag"]}, admin=True,
                               content_type="application/merge-patch+json")
    assert status == 200
    assert incidents(server, "?state=open", admin=True) == []


def test_recovery_checks_are_validated(fast_api, target):
    for bad in (0, 21, "2"):
        status, _, problem = fast_api.call("POST", "/api/v1/monitors",
                                           {"name": "x", "kind": "http", "target": target.url(),
                                            "recovery_checks": bad}, admin=True)
        assert status == 422 and problem["errors"][0]["field"] == "recovery_checks", problem
