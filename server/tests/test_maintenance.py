"""Maintenance windows end to end: the resource (validation, roles, If-Match), and their
effect on a failing monitor: checks stored and marked, no downtime, no SLO budget spent, no
incident, the status page under maintenance; deleting the window brings it all back at
once. On SQLite and PostgreSQL."""
from __future__ import annotations

import datetime

from conftest import create_token, wait_until

PROBLEM = "urn:vitrine:problem:"
COLLECTION = "/api/v1/maintenance-windows"


def iso(dt: datetime.datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


def create(server, path, **doc):
    status, _, body = server.call("POST", path, doc, admin=True)
    assert status == 201, body
    return body


def test_windows_are_validated_versioned_and_for_editors(start, workdir, db, target):
    env = {"VITRINE_DATABASE_URL": db.url, "VITRINE_MONITOR_MIN_INTERVAL": "1s"}
    server = start(env=env, token=True)
    m = create(server, "/api/v1/monitors", name="api", kind="http", target=target.url())
    first = now() + datetime.timedelta(days=1)
    while first.weekday() != 6:  # a Sunday
        first += datetime.timedelta(days=1)
    w = create(server, COLLECTION, name="Weekly upgrade", monitor_id=m["id"], starts_at=iso(first),
               duration=7200, rrule="FREQ=WEEKLY;BYDAY=SU", description="Kernel updates.")
    assert w["rrule"] == "FREQ=WEEKLY;BYDAY=SU" and w["duration"] == 7200
    assert w["active"] is False and w["next_window"]["starts_at"] == iso(first).replace("Z", ".000Z")
    assert w["version"] == 1

    for bad, field in (({"name": "x", "starts_at": iso(first)}, "monitor_id"),
                       ({"name": "x", "starts_at": iso(first), "monitor_id": m["id"],
                         "project_id": m["id"]}, "project_id"),
                       ({"name": "x", "starts_at": "soon", "monitor_id": m["id"]}, "starts_at"),
                       ({"name": "x", "starts_at": iso(first), "monitor_id": m["id"],
                         "duration": 30}, "duration"),
                       ({"name": "x", "starts_at": iso(first), "monitor_id": m["id"],
                         "rrule": "FREQ=HOURLY"}, "rrule"),
                       ({"name": "x", "starts_at": iso(first), "monitor_id": m["id"],
                         "rrule": "FREQ=WEEKLY;BYDAY=MO"}, "rrule"),
                       ({"name": "x", "starts_at": iso(first),
                         "monitor_id": "0190a0a0-0000-7000-8000-000000000000"}, "monitor_id"),
                       ({"starts_at": iso(first), "monitor_id": m["id"]}, "name"),
                       ({"name": "x", "starts_at": iso(first), "monitor_id": m["id"],
                         "active": True}, "active")):
        status, _, problem = server.call("POST", COLLECTION, bad, admin=True)
        assert status == 422 and problem["type"] == PROBLEM + "validation-failed", (bad, problem)
        assert field in [e["field"] for e in problem["errors"]], (bad, problem)

    reader = {"Authorization": "Bearer " + create_token(env, workdir, scopes=("read",), name="r")}
    status, _, page = server.call("GET", COLLECTION, headers=reader)
    assert status == 200 and [i["id"] for i in page["items"]] == [w["id"]]
    status, _, _ = server.call("POST", COLLECTION, {"name": "x"}, headers=reader)
    assert status == 403
    status, _, _ = server.call("GET", COLLECTION)
    assert status == 401

    item = f"{COLLECTION}/{w['id']}"
    status, headers, _ = server.call("GET", item, admin=True)
    etag = headers["etag"]
    patch = {"rrule": None, "duration": 600}
    status, _, _ = server.call("PATCH", item, patch, admin=True,
                               content_type="application/merge-patch+json")
    assert status == 428
    status, headers, changed = server.call("PATCH", item, patch, headers={"If-Match": etag},
                                           admin=True, content_type="application/merge-patch+json")
    assert status == 200 and changed["rrule"] is None and changed["duration"] == 600
    status, _, _ = server.call("PATCH", item, patch, headers={"If-Match": etag}, admin=True,
                               content_type="application/merge-patch+json")
    assert status == 412
    status, _, _ = server.call("DELETE", item, headers={"If-Match": headers["etag"]}, admin=True)
    assert status == 204
    status, _, _ = server.call("GET", item, admin=True)
    assert status == 404


def test_a_failing_monitor_inside_a_window_costs_nothing_until_the_window_goes(fast_api, target):
    target.behaviour.set(status=503)
    # Disabled until the window covers it: a check between creating the monitor and the
    # window would count (seen under TSan, where these calls take over a second).
    m = create(fast_api, "/api/v1/monitors", name="api", kind="http", target=target.url(),
               interval=1, timeout=0.8, retries=0, public=True, enabled=False)
    slo = create(fast_api, "/api/v1/slos", monitor_id=m["id"], name="availability",
                 objective=99.0, window="7d")
    w = create(fast_api, COLLECTION, name="Database upgrade", description="Back by noon.",
               monitor_id=m["id"], starts_at=iso(now() - datetime.timedelta(minutes=1)),
               duration=3600)
    assert w["active"] is True
    _, headers, _ = fast_api.call("GET", f"/api/v1/monitors/{m['id']}", admin=True)
    status, _, body = fast_api.call("PATCH", f"/api/v1/monitors/{m['id']}", {"enabled": True},
                                    headers={"If-Match": headers["etag"]}, admin=True,
                                    content_type="application/merge-patch+json")
    assert status == 200, body

    def summary():
        status, _, body = fast_api.call("GET", f"/api/v1/monitors/{m['id']}/summary", admin=True)
        assert status == 200
        return body

    wait_until(lambda: summary()["checks_maintenance"] >= 4, 30, "checks inside the window")
    s = summary()
    assert s["downtime_seconds"] == 0 and s["checks_down"] == 0 and s["uptime"] is None
    assert s["maintenance_seconds"] > 0
    status, _, page = fast_api.call("GET", f"/api/v1/monitors/{m['id']}/results", admin=True)
    assert page["items"] and all(r["maintenance"] and r["state"] == "down" for r in page["items"])
    status, _, report = fast_api.call("GET", f"/api/v1/slos/{slo['id']}", admin=True)
    assert report["report"]["error_budget"]["consumed_minutes"] == 0
    status, _, incidents = fast_api.call("GET", f"/api/v1/incidents?monitor_id={m['id']}",
                                         admin=True)
    assert incidents["items"] == []
    _, _, doc = fast_api.get_json("/api/v1/status")
    assert doc["state"] == "under_maintenance" and doc["counts"]["maintenance"] == 1
    assert doc["groups"][0]["monitors"][0]["maintenance"] is True
    assert [(x["id"], x["active"], x["monitors"], x["description"]) for x in doc["maintenance"]] \
        == [(w["id"], True, [m["id"]], "Back by noon.")]

    # The window goes: the outage counts from the next check, and opens an incident.
    status, _, _ = fast_api.call("DELETE", f"{COLLECTION}/{w['id']}", admin=True)
    assert status == 204
    wait_until(lambda: summary()["downtime_seconds"] > 0, 30, "downtime after the window")
    wait_until(lambda: fast_api.call("GET", f"/api/v1/incidents?monitor_id={m['id']}",
                                     admin=True)[2]["items"], 30, "an incident after the window")
    assert summary()["uptime"] == 0
