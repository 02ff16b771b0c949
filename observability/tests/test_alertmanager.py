"""Alertmanager's routing (observability/alertmanager/alertmanager.yml): amtool checks the file
and says where each kind of alert goes; the inhibition rules and time intervals are asserted
on the parsed file (amtool 0.25 cannot evaluate them offline; test_stack.py runs the real
Alertmanager)."""
from __future__ import annotations

import re
import subprocess

import pytest
import yaml

from conftest import OBS, RULES

CONFIG = OBS / "alertmanager" / "alertmanager.yml"
SECRETS = "/etc/alertmanager/secrets/alertmanager-receivers/"


def config() -> dict:
    return yaml.safe_load(CONFIG.read_text())


def amtool(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["amtool", *args], capture_output=True, text=True, timeout=60)


def test_the_config_passes_amtool():
    r = amtool("check-config", str(CONFIG))
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.parametrize("labels, receivers", [
    # A page reaches PagerDuty, and Vitrine's incident webhook too.
    ({"alertname": "VitrineDown", "severity": "page", "service": "vitrine"},
     ["vitrine-incidents", "pagerduty"]),
    ({"alertname": "HostDown", "severity": "page", "service": "host"},
     ["vitrine-incidents", "pagerduty"]),
    # A ticket reaches Slack and the webhook.
    ({"alertname": "VitrineSlowRoute", "severity": "ticket", "service": "vitrine"},
     ["vitrine-incidents", "slack"]),
    ({"alertname": "PostgresDeadlocks", "severity": "ticket", "service": "postgres"},
     ["vitrine-incidents", "slack"]),
    # The monitors' SLO alerts (`vitrine slo rules`) carry no service label: routed alike.
    ({"alertname": "VitrineSLOFastBurn", "severity": "page", "slo_id": "x"},
     ["vitrine-incidents", "pagerduty"]),
    ({"alertname": "VitrineSLOSlowBurn", "severity": "ticket", "slo_id": "x"},
     ["vitrine-incidents", "slack"]),
    # Maintenance only inhibits; it is never sent, whatever its severity says.
    ({"alertname": "Maintenance", "severity": "info", "service": "vitrine"}, ["blackhole"]),
    ({"alertname": "Maintenance", "severity": "page"}, ["blackhole"]),
    # Anything else (no or an unknown severity) lands on the default receiver.
    ({"alertname": "Watchdog"}, ["default"]),
    ({"alertname": "Something", "severity": "warning"}, ["default"]),
])
def test_alerts_are_routed_by_severity(labels, receivers):
    """`receivers` in the order amtool resolves them: the routes' order."""
    args = [f"{k}={v}" for k, v in labels.items()]
    r = amtool("config", "routes", "test", "--config.file", str(CONFIG),
               "--verify.receivers", ",".join(receivers), *args)
    assert r.returncode == 0, r.stdout + r.stderr


def test_every_alert_of_the_rules_reaches_a_person_or_is_maintenance():
    expected = {"page": "vitrine-incidents,pagerduty", "ticket": "vitrine-incidents,slack",
                "info": "blackhole"}
    for path in RULES:
        for group in yaml.safe_load(path.read_text())["groups"]:
            for rule in (r for r in group["rules"] if "alert" in r):
                labels = {"alertname": rule["alert"], **rule["labels"]}
                r = amtool("config", "routes", "test", "--config.file", str(CONFIG),
                           *[f"{k}={v}" for k, v in labels.items()])
                assert r.stdout.strip() == expected[labels["severity"]], (labels, r.stdout)


def test_receivers_read_their_keys_from_files_and_report_resolution():
    receivers = {r["name"]: r for r in config()["receivers"]}
    (pd,) = receivers["pagerduty"]["pagerduty_configs"]
    assert pd["routing_key_file"].startswith(SECRETS) and "routing_key" not in pd
    (slack,) = receivers["slack"]["slack_configs"]
    assert slack["api_url_file"].startswith(SECRETS) and "api_url" not in slack
    (hook,) = receivers["vitrine-incidents"]["webhook_configs"]
    assert hook["url"].endswith("/api/v1/webhooks/alertmanager")
    assert hook["http_config"]["authorization"]["credentials_file"].startswith(SECRETS)
    assert all(c["send_resolved"] for c in (pd, slack, hook))
    # No inline secret anywhere in the file.
    text = CONFIG.read_text()
    assert not re.search(r"hooks\.slack\.com/services/|routing_key:\s|credentials:\s", text)


def test_grouping_and_timing():
    route = config()["route"]
    assert route["group_by"] == ["alertname", "service"]
    by_receiver = {r["receiver"]: r for r in route["routes"]}
    assert by_receiver["vitrine-incidents"]["continue"] is True
    assert by_receiver["pagerduty"]["group_wait"] == "10s"  # a page goes out fast


def test_inhibition_rules():
    rules = config()["inhibit_rules"]
    # A page holds back the ticket of the same alert and service.
    assert {"source_matchers": ['severity="page"'], "target_matchers": ['severity="ticket"'],
            "equal": ["alertname", "service"]} in rules
    # A host down holds back the services on that host.
    host = next(r for r in rules if r["source_matchers"] == ['alertname="HostDown"'])
    assert host["equal"] == ["host"] and 'alertname!="HostDown"' in host["target_matchers"]
    # Maintenance holds back everything else of its environment.
    maint = next(r for r in rules if r["source_matchers"] == ['alertname="Maintenance"'])
    assert maint["equal"] == ["environment"]
    assert maint["target_matchers"] == ['alertname!="Maintenance"']


def test_time_intervals_mute_the_change_window_and_keep_tickets_to_business_hours():
    intervals = {i["name"]: i["time_intervals"] for i in config()["time_intervals"]}
    assert set(intervals) == {"maintenance-window", "business-hours"}
    (hours,) = intervals["business-hours"]
    assert hours["weekdays"] == ["monday:friday"]
    by_receiver = {r["receiver"]: r for r in config()["route"]["routes"]}
    assert by_receiver["slack"]["active_time_intervals"] == ["business-hours"]
    assert "active_time_intervals" not in by_receiver["pagerduty"]  # pages at any hour
    for name in ("pagerduty", "slack", "vitrine-incidents"):
        assert by_receiver[name]["mute_time_intervals"] == ["maintenance-window"], name
