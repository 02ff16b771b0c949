"""Checks of the monitoring configs in observability/ (ctest `observability`).

Real parts where they run here: promtool and amtool from Debian check and unit-test the
Prometheus and Alertmanager configs; the dashboards' metrics are compared with what a
running vitrine and Debian's node, postgres and redis exporters really expose; a real
Prometheus and Alertmanager run the rules end to end (test_stack.py). Grafana, Loki, Tempo
and the OpenTelemetry Collector are not in Debian 12: their files are checked by structure.
The server harness (server/tests/conftest.py) starts vitrine and PostgreSQL.
"""
from __future__ import annotations

import importlib.util
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "server" / "tests"))

OBS = ROOT / "observability"
RULES = sorted((OBS / "prometheus" / "rules").glob("*.yml"))

# The server's black-box harness (Vitrine, run_cli, PostgresService, ...), loaded under its
# own name: this directory's conftest would shadow it.
_spec = importlib.util.spec_from_file_location("harness", ROOT / "server" / "tests" / "conftest.py")
harness = importlib.util.module_from_spec(_spec)
sys.modules["harness"] = harness
_spec.loader.exec_module(harness)


# --- what really exists: metric names from real scrapes --------------------------------------

import json  # noqa: E402
import tempfile  # noqa: E402

import pytest  # noqa: E402

# The line docs/runbooks/alerts.md#maintenance tells operators to write.
MAINTENANCE_LINE = 'maintenance_mode{service="vitrine"} 1\n'


@pytest.fixture(scope="session")
def vitrine_with_data():
    """A running vitrine whose monitor has been checked and whose SLOs were evaluated, so
    every metric family it can expose has series; yields the server."""
    from targets import HttpTarget
    target = HttpTarget()
    with tempfile.TemporaryDirectory(prefix="vitrine-obs-") as workdir:
        env = {"VITRINE_DATABASE_URL": f"sqlite://{workdir}/v.db", **harness.FAST}
        server = harness.Vitrine([], env, workdir, harness.create_token(env, workdir))
        try:
            status, _, monitor = server.call("POST", "/api/v1/monitors", {
                "name": "api", "kind": "http", "target": target.url(), "interval": 1,
                "timeout": 1}, admin=True)
            assert status == 201, monitor
            for slo in ({"name": "up", "objective": 99.5},
                        {"name": "fast", "kind": "latency", "objective": 99, "threshold_ms": 250}):
                status, _, body = server.call("POST", "/api/v1/slos",
                                              {"monitor_id": monitor["id"], **slo}, admin=True)
                assert status == 201, body

            def complete():
                text = services.fetch(f"http://127.0.0.1:{server.port}/metrics")
                names = services.metric_names(text)
                wanted = {"vitrine_monitor_up", "vitrine_slo_checks_total",
                          "vitrine_slo_error_budget_remaining_ratio"}
                return wanted <= names and 'vitrine_slo_checks_total{' in text
            harness.wait_until(complete, 20, "monitor and SLO series on /metrics", interval=0.2)
            yield server
        finally:
            server.stop()
            target.close()


@pytest.fixture(scope="session")
def scraped_metrics(vitrine_with_data, tmp_path_factory):
    """Metric names from real scrapes: vitrine, node_exporter (with the maintenance
    textfile), postgres_exporter on a real PostgreSQL, redis_exporter on a real Redis."""
    names = services.metric_names(
        services.fetch(f"http://127.0.0.1:{vitrine_with_data.port}/metrics"))
    textfiles = tmp_path_factory.mktemp("textfile")
    (textfiles / "maintenance.prom").write_text(MAINTENANCE_LINE)
    pg = harness.PostgresService()
    redis = services.Redis(str(tmp_path_factory.mktemp("redis")))
    running = []
    try:
        running.append(services.Exporter(["prometheus-node-exporter",
                                          f"--collector.textfile.directory={textfiles}"]))
        running.append(services.Exporter(["prometheus-postgres-exporter"],
                                         env={"DATA_SOURCE_NAME": pg.url + "?sslmode=disable"}))
        running.append(services.Exporter(["prometheus-redis-exporter",
                                          f"--redis.addr=redis://127.0.0.1:{redis.port}"]))
        pages = [exporter.scrape() for exporter in running]
        for page in pages:
            names |= services.metric_names(page)
    finally:
        for p in running + [redis]:
            p.stop()
        pg.destroy()
    # Each exporter reached what it watches.
    assert "\npg_up 1\n" in pages[1] and "\nredis_up 1\n" in pages[2]
    assert {"node_cpu_seconds_total", "maintenance_mode"} <= names
    return names


@pytest.fixture(scope="session")
def vitrine_log_line(vitrine_with_data) -> str:
    """A request log line of the real server, as Loki stores it (one JSON object)."""
    server = vitrine_with_data
    server.request("GET", "/healthz", headers={
        "traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"})
    entry = harness.wait_until(lambda: next(
        (line for line in server.lines
         if "4bf92f3577b34da6a3ce929d0e0e4736" in line and '"path":"/healthz"' in line), None),
        5, "the request's log line")
    json.loads(entry)
    return entry


import services  # noqa: E402  (needs `harness` in sys.modules)
