"""SLOs end to end: the API's rules and the report of an availability and a latency
objective on a monitor taken through a scripted outage, checked against the monitor's own
figures; on SQLite and PostgreSQL."""
from __future__ import annotations

import pathlib
import subprocess

import pytest
import yaml

from conftest import run_cli, wait_until

P = "/api/v1/slos"


def create(server, path, **doc):
    status, _, body = server.call("POST", path, doc, admin=True)
    assert status == 201, body
    return body


def get(server, path):
    status, headers, body = server.call("GET", path, admin=True)
    assert status == 200, body
    return headers, body


def test_slo_rules_and_lifecycle(fast_api, target):
    m = create(fast_api, "/api/v1/monitors", name="api", kind="http", target=target.url())
    status, _, problem = fast_api.call("POST", P, {"kind": "latency", "window": "14d",
                                                   "objective": 101, "color": 1}, admin=True)
    assert status == 422
    fields = {(e["field"], e["code"]) for e in problem["errors"]}
    assert {("monitor_id", "required"), ("name", "required"), ("window", "invalid_value"),
            ("objective", "out_of_range"), ("threshold_ms", "required"),
            ("color", "unknown_field")} <= fields
    status, _, problem = fast_api.call("POST", P, {
        "monitor_id": m["id"], "name": "fast", "kind": "latency", "objective": 95,
        "threshold_ms": 301}, admin=True)
    assert status == 422 and problem["errors"][0]["field"] == "threshold_ms"
    status, _, problem = fast_api.call("POST", P, {
        "monitor_id": "0" * 8 + "-0000-7000-8000-" + "0" * 12, "name": "x", "objective": 99},
        admin=True)
    assert status == 422 and problem["errors"] == [
        {"field": "monitor_id", "code": "not_found", "message": "no monitor has this id"}]

    slo = create(fast_api, P, monitor_id=m["id"], name="API available", objective=99.5)
    assert (slo["kind"], slo["window"], slo["objective"], slo["threshold_ms"]) == \
        ("availability", "30d", 99.5, None)
    report = slo["report"]
    assert report["state"] == "ok" and report["sli"] is None
    assert report["error_budget"]["total_minutes"] == pytest.approx(216.0)  # 0.5 % of 30 days
    assert [(b["long_window"], b["short_window"], b["threshold"], b["severity"])
            for b in report["burn_rates"]] == [("1h", "5m", 14.4, "page"),
                                               ("6h", "30m", 6, "page"),
                                               ("1d", "2h", 3, "ticket"),
                                               ("3d", "6h", 1, "ticket")]

    headers, _ = get(fast_api, f"{P}/{slo['id']}")
    status, _, changed = fast_api.call("PATCH", f"{P}/{slo['id']}", {"objective": 99, "window": "7d"},
                                       headers={"If-Match": headers["etag"]}, admin=True,
                                       content_type="application/merge-patch+json")
    assert status == 200 and changed["version"] == 2
    assert changed["report"]["error_budget"]["total_minutes"] == pytest.approx(100.8)
    status, _, _ = fast_api.call("PATCH", f"{P}/{slo['id']}", {"name": "stale"},
                                 headers={"If-Match": headers["etag"]}, admin=True,
                                 content_type="application/merge-patch+json")
    assert status == 412
    # To latency and back: null clears the threshold (a merge patch's null removes).
    for patch, threshold in (({"kind": "latency", "threshold_ms": 300}, 300),
                             ({"kind": "availability", "threshold_ms": None}, None)):
        headers, _ = get(fast_api, f"{P}/{slo['id']}")
        status, _, changed = fast_api.call("PATCH", f"{P}/{slo['id']}", patch,
                                           headers={"If-Match": headers["etag"]}, admin=True,
                                           content_type="application/merge-patch+json")
        assert status == 200 and changed["threshold_ms"] == threshold, changed
    assert changed["name"] == "API available" and changed["objective"] == 99
    headers, _ = get(fast_api, f"{P}/{slo['id']}")
    status, _, problem = fast_api.call("PATCH", f"{P}/{slo['id']}", {"version": 9},
                                       headers={"If-Match": headers["etag"]}, admin=True,
                                       content_type="application/merge-patch+json")
    assert status == 422 and problem["errors"][0]["code"] == "read_only"

    _, page = get(fast_api, f"{P}?monitor_id={m['id']}")
    assert [i["id"] for i in page["items"]] == [slo["id"]] and "report" not in page["items"][0]
    # Deleting the monitor deletes its SLOs.
    assert fast_api.call("DELETE", f"/api/v1/monitors/{m['id']}", admin=True)[0] == 204
    assert fast_api.call("GET", f"{P}/{slo['id']}", admin=True)[0] == 404
    assert fast_api.call("GET", P)[0] == 401


def test_reports_of_a_scripted_outage_match_the_monitors_figures(fast_api, target):
    m = create(fast_api, "/api/v1/monitors", name="api", kind="http", target=target.url(),
               interval=1, timeout=0.8, retries=0)
    available = create(fast_api, P, monitor_id=m["id"], name="up", objective=99, window="7d")
    quick = create(fast_api, P, monitor_id=m["id"], name="quick", kind="latency", objective=90,
                   threshold_ms=1000, window="7d")

    def results():
        status, _, page = fast_api.call("GET", f"/api/v1/monitors/{m['id']}/results?limit=1000",
                                        admin=True)
        assert status == 200
        return sorted(page["items"], key=lambda r: r["at"])

    wait_until(lambda: len(results()) >= 3, 30, "three good checks")
    target.behaviour.set(status=503)
    wait_until(lambda: sum(r["state"] == "down" for r in results()) >= 3, 15, "three failures")
    target.behaviour.set(status=200)
    wait_until(lambda: [r["state"] for r in results()[-2:]] == ["up", "up"], 15, "recovery")
    _, headers, _ = fast_api.call("GET", f"/api/v1/monitors/{m['id']}", admin=True)
    assert fast_api.call("PATCH", f"/api/v1/monitors/{m['id']}", {"enabled": False},
                         headers={"If-Match": headers["etag"]}, admin=True,
                         content_type="application/merge-patch+json")[0] == 200

    def summary():
        return get(fast_api, f"/api/v1/monitors/{m['id']}/summary")[1]

    wait_until(lambda: summary()["checks"] == len(results()), 10, "every result rolled up")
    s = summary()
    bad = s["downtime_seconds"] / s["observed_seconds"]
    # Everything happened within the last five minutes: every window sees the same share.
    r = get(fast_api, f"{P}/{available['id']}")[1]["report"]
    assert r["sli"] == pytest.approx(1 - bad, abs=1e-5)
    assert r["error_budget"]["consumed_ratio"] == pytest.approx(bad / 0.01, rel=1e-4)
    assert r["error_budget"]["consumed_minutes"] == pytest.approx(bad / 0.01 * 100.8, rel=1e-4)
    assert r["error_budget"]["remaining_minutes"] < 0 and r["state"] == "exhausted"
    fast, *_ = r["burn_rates"]
    assert fast["long_rate"] == pytest.approx(bad / 0.01, rel=1e-3)
    assert fast["short_rate"] == pytest.approx(bad / 0.01, rel=1e-3)
    assert fast["firing"] is (bad / 0.01 > 14.4)

    # Latency: the good checks all answered within a second; the failed ones are bad.
    r = get(fast_api, f"{P}/{quick['id']}")[1]["report"]
    assert r["sli"] == pytest.approx(s["checks_up"] / s["checks"], abs=1e-6)


def test_prometheus_rules_pass_promtool_fire_on_a_fast_burn_and_stay_quiet(fast_api, target,
                                                                          db, workdir):
    m = create(fast_api, "/api/v1/monitors", name="api", kind="http", target=target.url())
    up = create(fast_api, P, monitor_id=m["id"], name='API "up"', objective=99.5)
    quick = create(fast_api, P, monitor_id=m["id"], name="quick", kind="latency", objective=95,
                   threshold_ms=300)
    status, headers, body = fast_api.request("GET", f"{P}/{up['id']}/prometheus-rules",
                                             headers=fast_api.admin)
    assert status == 200 and headers["content-type"] == "application/yaml"
    one = pathlib.Path(workdir) / "one.yml"
    one.write_bytes(body)
    check = subprocess.run(["promtool", "check", "rules", str(one)], capture_output=True,
                           text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "SUCCESS: 14 rules found" in check.stdout  # 8 error ratios, 4 meta, 2 alerts

    # `vitrine slo rules` prints every SLO's; the test below runs on them.
    cli = run_cli("slo", "rules", env={"VITRINE_DATABASE_URL": db.url}, cwd=workdir)
    assert cli.returncode == 0, cli.stderr
    rules = pathlib.Path(workdir) / "rules.yml"
    rules.write_text(cli.stdout)
    doc = yaml.safe_load(cli.stdout)
    annotations = {(r["alert"], r["labels"]["severity"], g["name"].split("-slo-")[1][:36]):
                   r["annotations"] for g in doc["groups"] for r in g["rules"] if "alert" in r}

    def expected(alert, severity):
        return [{"exp_labels": {"severity": severity, "slo_id": s["id"], "slo_name": s["name"],
                                "monitor": m["id"]},
                 "exp_annotations": annotations[(alert, severity, s["id"])]}
                for s in sorted((up, quick), key=lambda s: s["id"])]

    def scenario(up_values, good_values, bad_values, alerts):
        return {"interval": "1m",
                "input_series": [
                    {"series": f'vitrine_monitor_up{{monitor="{m["id"]}"}}', "values": up_values},
                    {"series": f'vitrine_slo_checks_total{{slo="{quick["id"]}",outcome="good"}}',
                     "values": good_values},
                    {"series": f'vitrine_slo_checks_total{{slo="{quick["id"]}",outcome="bad"}}',
                     "values": bad_values}],
                "alert_rule_test": alerts}

    # Two good hours, then 50 minutes down (and every check bad): both alerts fire for
    # both SLOs; before the outage, and all along in a good run, neither does.
    outage = scenario("1x120 0x60", "0+10x120 1200x60", "0x120 0+10x60", [
        {"eval_time": "100m", "alertname": "VitrineSLOFastBurn", "exp_alerts": []},
        {"eval_time": "170m", "alertname": "VitrineSLOFastBurn",
         "exp_alerts": expected("VitrineSLOFastBurn", "page")},
        {"eval_time": "170m", "alertname": "VitrineSLOSlowBurn",
         "exp_alerts": expected("VitrineSLOSlowBurn", "ticket")}])
    quiet = scenario("1x180", "0+10x180", "0x180", [
        {"eval_time": "170m", "alertname": "VitrineSLOFastBurn", "exp_alerts": []},
        {"eval_time": "170m", "alertname": "VitrineSLOSlowBurn", "exp_alerts": []}])
    tests = pathlib.Path(workdir) / "rules_test.yml"
    tests.write_text(yaml.safe_dump({"rule_files": [str(rules)], "evaluation_interval": "1m",
                                     "tests": [outage, quiet]}))
    result = subprocess.run(["promtool", "test", "rules", str(tests)], capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr

    bad = run_cli("slo", "rules", "--slo", "nope", env={"VITRINE_DATABASE_URL": db.url},
                  cwd=workdir)
    assert bad.returncode == 2 and "--slo 'nope' names no SLO" in bad.stderr


def test_the_public_sees_the_slos_of_public_monitors_with_their_burn_down(fast_api, target):
    public = create(fast_api, "/api/v1/monitors", name="shown", kind="http", target=target.url(),
                    interval=1, timeout=0.8, public=True)
    private = create(fast_api, "/api/v1/monitors", name="hidden", kind="http",
                     target=target.url(), interval=1, timeout=0.8)
    shown = create(fast_api, P, monitor_id=public["id"], name="available", objective=99.9,
                   window="7d")
    hidden = create(fast_api, P, monitor_id=private["id"], name="internal", objective=99)

    # The public reads the SLO of a public monitor, its report and the daily budget series.
    status, _, slo = fast_api.call("GET", f"{P}/{shown['id']}")
    assert status == 200, slo
    series = slo["report"]["budget_series"]
    assert len(series) == 7
    assert series[-1]["remaining_ratio"] == slo["report"]["error_budget"]["remaining_ratio"]
    assert [p["at"] for p in series] == sorted(p["at"] for p in series)
    # Not one of a private monitor (the same 404 as for no SLO), nor the list.
    status, _, problem = fast_api.call("GET", f"{P}/{hidden['id']}")
    assert status == 404 and problem["type"].endswith("not-found"), problem
    assert fast_api.call("GET", f"{P}/{hidden['id']}", admin=True)[0] == 200
    assert fast_api.call("GET", P)[0] == 401

    # The status document carries each public monitor's SLOs from the last evaluation.
    def badges():
        _, _, doc = fast_api.call("GET", "/api/v1/status")
        monitors = [m for g in doc["groups"] for m in g["monitors"]]
        assert [m["name"] for m in monitors] == ["shown"]
        return monitors[0]["slos"]

    wait_until(lambda: len(badges()) == 1, 15, "the SLO badge on the status document")
    badge = badges()[0]
    assert (badge["id"], badge["name"], badge["objective"], badge["window"], badge["kind"]) == \
        (shown["id"], "available", 99.9, "7d", "availability")
    assert badge["state"] in ("ok", "warning", "exhausted")
    assert badge["remaining_ratio"] <= 1
