"""Uptime figures end to end: a scripted outage against a steerable target, then the
monitor's summary checked against figures computed here from its raw results; the public
status document; on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime

import pytest

from conftest import wait_until
from targets import closed_port

PROBLEM = "urn:vitrine:problem:"


def create(server, path="/api/v1/monitors", **doc):
    status, _, body = server.call("POST", path, doc, admin=True)
    assert status == 201, body
    return body


def all_results(server, monitor_id):
    status, _, page = server.call("GET", f"/api/v1/monitors/{monitor_id}/results?limit=1000",
                                  admin=True)
    assert status == 200 and page["next_cursor"] is None
    return sorted(page["items"], key=lambda r: r["at"])


def summary(server, monitor_id, window="24h", admin=True):
    status, _, body = server.call("GET", f"/api/v1/monitors/{monitor_id}/summary?window={window}",
                                  admin=admin)
    assert status == 200, body
    return body


def at_ms(result) -> int:
    t = datetime.datetime.fromisoformat(result["at"].replace("Z", "+00:00"))
    return round(t.timestamp() * 1000)


def test_summary_matches_the_figures_of_a_scripted_outage(fast_api, target):
    # retries 0: the monitor's state is each check's own, so every gap between two checks
    # counts (up to interval + timeout) in the state of the check that began it.
    m = create(fast_api, name="api", kind="http", target=target.url(), interval=1, timeout=0.8,
               retries=0, public=True)
    wait_until(lambda: len(all_results(fast_api, m["id"])) >= 3, 30, "three good checks")
    target.behaviour.set(status=503)
    wait_until(lambda: sum(r["state"] == "down" for r in all_results(fast_api, m["id"])) >= 3,
               30, "three failed checks")
    target.behaviour.set(status=200)
    wait_until(lambda: all_results(fast_api, m["id"])[-1]["state"] == "up" and
               all_results(fast_api, m["id"])[-2]["state"] == "up", 30, "two good checks again")
    _, headers, _ = fast_api.call("GET", f"/api/v1/monitors/{m['id']}", admin=True)
    status, _, _ = fast_api.call("PATCH", f"/api/v1/monitors/{m['id']}", {"enabled": False},
                                 headers={"If-Match": headers["etag"]}, admin=True,
                                 content_type="application/merge-patch+json")
    assert status == 200
    # Stopped: every stored result is in the rollups once the writer has flushed.
    wait_until(lambda: summary(fast_api, m["id"])["checks"] == len(all_results(fast_api, m["id"])),
               10, "the rollups to hold every result")

    results = all_results(fast_api, m["id"])
    cap = 1800  # interval + timeout, ms
    observed = down = 0
    for a, b in zip(results, results[1:]):
        gap = min(at_ms(b) - at_ms(a), cap)
        observed += gap
        down += gap if a["state"] == "down" else 0
    s = summary(fast_api, m["id"])
    assert s["window"] == "24h" and s["bucket_seconds"] == 3600 and len(s["buckets"]) == 24
    assert s["checks"] == len(results)
    assert s["checks_down"] == sum(r["state"] == "down" for r in results) >= 3
    assert s["checks_up"] == s["checks"] - s["checks_down"]
    # Results show milliseconds; the server counts microseconds: one ms per gap at most.
    slack = len(results) / 1000
    assert abs(s["observed_seconds"] - observed / 1000) <= slack
    assert abs(s["downtime_seconds"] - down / 1000) <= slack
    assert s["downtime_seconds"] > 0
    assert s["uptime"] == pytest.approx((observed - down) / observed, abs=1e-3)
    latency = s["latency_ms"]
    assert 0 < latency["p50"] <= latency["p95"] <= latency["p99"]
    assert sum(b["checks"] for b in s["buckets"]) == s["checks"]
    assert s["buckets"][-1]["checks"] > 0 or s["buckets"][-2]["checks"] > 0  # this hour's

    quarter = summary(fast_api, m["id"], "90d")
    assert quarter["bucket_seconds"] == 86400 and len(quarter["buckets"]) == 90
    assert (quarter["checks"], quarter["downtime_seconds"]) == (s["checks"], s["downtime_seconds"])
    assert quarter["buckets"][-1]["start"].endswith("T00:00:00.000Z")


def test_summaries_of_private_monitors_are_for_readers_only(fast_api, target):
    public = create(fast_api, name="public", kind="http", target=target.url(), public=True)
    private = create(fast_api, name="private", kind="http", target=target.url())
    assert summary(fast_api, public["id"], admin=False)["checks"] >= 0
    status, _, _ = fast_api.call("GET", f"/api/v1/monitors/{private['id']}/summary")
    assert status == 404
    assert summary(fast_api, private["id"])["uptime"] is None  # nothing observed yet
    for query in ("?window=1y", "?window=24h&x=1"):
        status, _, problem = fast_api.call("GET", f"/api/v1/monitors/{public['id']}/summary{query}")
        assert status == 400 and problem["type"] == PROBLEM + "invalid-parameter", query


def test_status_shows_public_monitors_by_project_with_states_and_uptime(fast_api, target):
    project = create(fast_api, "/api/v1/projects", title="Shop", visibility="published")
    draft = create(fast_api, "/api/v1/projects", title="Secret plan")
    api = create(fast_api, name="api", kind="http", target=target.url(), interval=1, timeout=0.8,
                 retries=0, public=True, project_id=project["id"])
    db = create(fast_api, name="db", kind="tcp", target=f"127.0.0.1:{closed_port()}", interval=1,
                timeout=0.8, retries=0, public=True, project_id=project["id"])
    create(fast_api, name="hidden", kind="http", target=target.url(), public=False,
           project_id=project["id"])
    loose = create(fast_api, name="loose", kind="push", interval=60, public=True,
                   project_id=draft["id"])

    def document():
        status, headers, body = fast_api.call("GET", "/api/v1/status")  # anonymous
        assert status == 200, body
        return headers, body

    def settled():
        _, body = document()
        shop = body["groups"][0]["monitors"]
        return body["counts"] == {"up": 1, "degraded": 0, "down": 1, "pending": 1,
                                  "maintenance": 0} and \
            [m["uptime_24h"] for m in shop] == [1.0, 0.0]

    wait_until(settled, 20, "api up and db down, with uptime, on the status page")
    headers, body = document()
    assert body["state"] == "partial_outage"
    shop, rest = body["groups"]
    assert shop["project"] == {"id": project["id"], "slug": project["slug"], "title": "Shop"}
    assert shop["state"] == "partial_outage"
    assert [(m["id"], m["state"]) for m in shop["monitors"]] == [(api["id"], "up"),
                                                                 (db["id"], "down")]
    # A draft project's name is not public: its public monitors show without a project.
    assert rest["project"] is None and rest["state"] == "unknown"
    assert [(m["id"], m["state"], m["since"]) for m in rest["monitors"]] == \
        [(loose["id"], "pending", None)]
    assert "hidden" not in str(body) and "Secret plan" not in str(body)
    # The down monitor's incident (it opened with the state), public: no error text.
    assert [(i["monitor_id"], i["state"], i["error"]) for i in body["incidents"]] == \
        [(db["id"], "open", None)]
    assert body["maintenance"] == []
    assert headers["cache-control"] == "public, max-age=1"

    status, _, _ = fast_api.request("GET", "/api/v1/status",
                                    headers={"If-None-Match": headers["etag"]})
    assert status in (200, 304)  # 200 only when a new document was built meanwhile
    status, _, problem = fast_api.call("GET", "/api/v1/status?project=x")
    assert status == 400 and problem["type"] == PROBLEM + "invalid-parameter"
