"""The monitoring stack end to end, on loopback: Debian's Prometheus and Alertmanager run the
project's own configs (ports, paths and timings rewritten for a test, each rewrite asserted)
around a running vitrine on a real PostgreSQL. Healthy traffic must show in the recording
rules; then PostgreSQL stops, writes fail with 503, and the error-ratio page must reach
Alertmanager and, through its routing, both PagerDuty's and Vitrine's receivers (a local
catcher stands in for both: nothing leaves 127.0.0.1)."""
from __future__ import annotations

import json
import urllib.parse

import pytest
import yaml

from conftest import OBS, RULES
from harness import PostgresService, Vitrine, create_token, free_port, wait_until
from services import Process, fetch
from targets import HttpTarget

ALERTMANAGER_SECRETS = "/etc/alertmanager/secrets/alertmanager-receivers/"
ROUTING_KEY = "test-routing-key-0123456789abcdef"


class Catcher(HttpTarget):
    """The steerable target of the server tests (targets.py) standing in for PagerDuty and
    Vitrine's webhook: what was POSTed to a path, as (headers, parsed JSON body)."""

    def posts(self, path: str) -> list[tuple[dict, dict]]:
        return [(r["headers"], json.loads(r["body"])) for r in self.behaviour.received()
                if r["method"] == "POST" and r["path"] == path]


def rewrite(text: str, old: str, new: str, count: int | None = None) -> str:
    """Replaces `old` and fails when the project's file no longer has it."""
    found = text.count(old)
    assert found and (count is None or found == count), f"{old!r} found {found} times"
    return text.replace(old, new)


def prometheus_config(tmp, vitrine_port: int, alertmanager_port: int) -> str:
    """The Compose stack's prometheus.yml and rules, rewritten: one-second scrapes and
    evaluations, vitrine and Alertmanager on their loopback ports, the error-ratio page held
    2 s instead of 5 minutes."""
    rules_dir = tmp / "rules"
    rules_dir.mkdir()
    for path in RULES:
        doc = yaml.safe_load(path.read_text())
        for group in doc["groups"]:
            group["interval"] = "1s"
            for rule in group["rules"]:
                if rule.get("alert") == "VitrineHighErrorRatio":
                    assert rule["for"] == "5m"
                    rule["for"] = "2s"
        (rules_dir / path.name).write_text(yaml.safe_dump(doc))
    config = yaml.safe_load((OBS / "prometheus" / "prometheus.yml").read_text())
    config["global"] |= {"scrape_interval": "1s", "evaluation_interval": "1s"}
    assert config["rule_files"] == ["/etc/prometheus/rules/*.yml"]
    config["rule_files"] = [str(rules_dir / "*.yml")]
    (am,) = config["alerting"]["alertmanagers"]
    assert am["static_configs"] == [{"targets": ["alertmanager:9093"]}]
    am["static_configs"] = [{"targets": [f"127.0.0.1:{alertmanager_port}"]}]
    (job,) = [j for j in config["scrape_configs"] if j["job_name"] == "vitrine"]
    assert job.pop("dns_sd_configs")[0]["names"] == ["vitrine"]
    job["static_configs"] = [{"targets": [f"127.0.0.1:{vitrine_port}"]}]
    config["scrape_configs"] = [job]  # the exporters are not running here
    path = tmp / "prometheus.yml"
    path.write_text(yaml.safe_dump(config))
    return str(path)


def alertmanager_config(tmp, catcher: Catcher) -> str:
    """The project's alertmanager.yml: receivers pointed at the catcher, keys in files here,
    waits of seconds, and the weekly maintenance window moved to a year long past (else a
    run on Tuesday morning would be muted)."""
    text = (OBS / "alertmanager" / "alertmanager.yml").read_text()
    secrets = tmp / "secrets"
    secrets.mkdir()
    (secrets / "pagerduty_routing_key").write_text(ROUTING_KEY)
    (secrets / "slack_webhook_url").write_text(f"{catcher.url('')}/slack")
    (secrets / "vitrine_webhook_token").write_text("vtr_test-webhook-token")
    text = rewrite(text, ALERTMANAGER_SECRETS, f"{secrets}/", count=4)  # 3 + the header
    text = rewrite(text, "http://vitrine:8080/api/v1/webhooks/alertmanager",
                   f"{catcher.url('')}/api/v1/webhooks/alertmanager", count=1)
    text = rewrite(text, "      - routing_key_file:",
                   f"      - url: {catcher.url('')}/pagerduty\n        routing_key_file:", count=1)
    text = rewrite(text, "group_wait: 30s", "group_wait: 1s", count=1)
    text = rewrite(text, "group_wait: 10s", "group_wait: 1s", count=2)
    text = rewrite(text, "      - weekdays: [tuesday]\n",
                   "      - weekdays: [tuesday]\n        years: ['2000']\n", count=1)
    path = tmp / "alertmanager.yml"
    path.write_text(text)
    return str(path)


def query(prometheus: str, expr: str) -> list[dict]:
    url = f"{prometheus}/api/v1/query?query={urllib.parse.quote(expr)}"
    doc = json.loads(fetch(url))
    assert doc["status"] == "success", doc
    return doc["data"]["result"]


@pytest.fixture
def catcher():
    c = Catcher()
    yield c
    c.close()


@pytest.fixture
def own_pg():
    service = PostgresService()  # stopped by the test: its own server
    yield service
    service.destroy()


def test_rules_record_and_an_error_page_reaches_pagerduty_and_vitrine(tmp_path, catcher, own_pg):
    workdir = tmp_path / "vitrine"
    workdir.mkdir()
    env = {"VITRINE_DATABASE_URL": own_pg.url, "VITRINE_DB_ACQUIRE_TIMEOUT": "200ms"}
    server = Vitrine([], env, str(workdir), create_token(env, str(workdir)))
    processes = []
    try:
        am_port, prom_port = free_port(), free_port()
        alertmanager = Process([
            "prometheus-alertmanager", f"--config.file={alertmanager_config(tmp_path, catcher)}",
            f"--storage.path={tmp_path / 'am-data'}", f"--web.listen-address=127.0.0.1:{am_port}",
            "--cluster.listen-address="])
        processes.append(alertmanager)
        prometheus = Process([
            "prometheus", f"--config.file={prometheus_config(tmp_path, server.port, am_port)}",
            f"--storage.tsdb.path={tmp_path / 'prom-data'}",
            f"--web.listen-address=127.0.0.1:{prom_port}"])
        processes.append(prometheus)
        prom = f"http://127.0.0.1:{prom_port}"

        def up():
            assert prometheus.alive(), prometheus.output()
            assert alertmanager.alive(), alertmanager.output()
            try:
                return query(prom, 'up{job="vitrine"} == 1')
            except OSError:
                return None
        wait_until(up, 30, 'up{job="vitrine"} == 1', interval=0.25)

        # Healthy traffic, kept flowing while waiting (a counter's rate needs it to grow
        # between two scrapes): the RED and SLO recording rules produce values.
        titles = iter(range(10**6))

        def healthy_traffic_and(expr: str):
            status, _, body = server.call("POST", "/api/v1/projects",
                                          {"title": f"p{next(titles)}"}, admin=True)
            assert status == 201, body
            assert server.request("GET", "/api/v1/projects")[0] == 200
            return query(prom, expr)
        recorded = wait_until(lambda: healthy_traffic_and(
            'job_route:http_requests:rate5m{route="/api/v1/projects"} > 0'), 30,
            "the per-route request rate", interval=0.1)
        assert recorded[0]["metric"] == {"__name__": "job_route:http_requests:rate5m",
                                         "job": "vitrine", "route": "/api/v1/projects"}
        wait_until(lambda: healthy_traffic_and('job_route:http_request_duration_seconds:p99_5m'
                                               '{route="/api/v1/projects"} > 0'), 30,
                   "the p99 latency", interval=0.1)
        sli = wait_until(lambda: healthy_traffic_and(
            'slo:sli_error:ratio_rate5m{slo_id="vitrine-api-availability"}'), 30,
            "the availability SLI", interval=0.1)
        assert float(sli[0]["value"][1]) == 0.0
        assert not query(prom, 'ALERTS{alertname="VitrineHighErrorRatio"}')

        # PostgreSQL stops: every write now fails with 503.
        own_pg.stop()
        def failing_traffic_and(expr: str):
            for _ in range(5):
                assert server.call("POST", "/api/v1/projects", {"title": "x"}, admin=True)[0] == 503
            return query(prom, expr)
        wait_until(lambda: failing_traffic_and(
            'job:http_request_errors:ratio_rate5m{job="vitrine"} > 0.05'), 30,
            "the error ratio over 5 %", interval=0.1)
        wait_until(lambda: failing_traffic_and(
            'ALERTS{alertname="VitrineHighErrorRatio",alertstate="firing"}'), 30,
            "the alert firing", interval=0.1)

        # Routed as a page: to PagerDuty (Events API v2) and to Vitrine's webhook. (The
        # outage burns the availability SLO too: its page arrives as a group of its own.)
        def pagerduty_event():
            return next((e for _, e in catcher.posts("/pagerduty")
                         if "server errors" in e["payload"]["summary"]), None)
        event = wait_until(pagerduty_event, 30, "PagerDuty's event for the error ratio")
        assert event["routing_key"] == ROUTING_KEY and event["event_action"] == "trigger"
        assert event["payload"]["severity"] == "critical"
        assert event["payload"]["custom_details"]["runbook"] == \
            "docs/runbooks/alerts.md#vitrinehigherrorratio"

        def webhook_post():
            return next(((h, b, a) for h, b in catcher.posts("/api/v1/webhooks/alertmanager")
                         for a in b["alerts"]
                         if a["labels"]["alertname"] == "VitrineHighErrorRatio"), None)
        headers, hook, alert = wait_until(webhook_post, 30, "Vitrine's webhook")
        assert headers["Authorization"] == "Bearer vtr_test-webhook-token"
        assert hook["status"] == "firing" and hook["receiver"] == "vitrine-incidents"
        assert alert["labels"] | {"severity": "page", "service": "vitrine",
                                  "environment": "homelab"} == alert["labels"]
        wait_until(lambda: [e for _, e in catcher.posts("/pagerduty")
                            if "availability SLO" in e["payload"]["summary"]], 30,
                   "the availability SLO's fast-burn page")
        # A page is not a ticket: Slack heard nothing.
        assert not catcher.posts("/slack")
    finally:
        for p in processes:
            p.stop()
        server.stop()
