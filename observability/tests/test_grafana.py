"""Grafana (observability/grafana/): the dashboards are what build-dashboards makes, pick their
data sources through variables, every PromQL expression in them parses (promtool, through a
rules file) and every metric they query is one that exists: exposed by a running vitrine or
by Debian's node, postgres and redis exporters scraped here, or recorded by our rules."""
from __future__ import annotations

import json
import re
import subprocess

import pytest
import yaml

from conftest import OBS, RULES
from promql import expand_grafana, metric_names

GRAFANA = OBS / "grafana"
DASHBOARDS = sorted((GRAFANA / "dashboards").glob("*.json"))
# Series Prometheus itself makes: alert state and the scrape's own.
PROMETHEUS_SERIES = {"up", "ALERTS", "ALERTS_FOR_STATE", "scrape_duration_seconds",
                     "scrape_samples_scraped"}


def panels(dash: dict):
    for panel in dash["panels"]:
        yield panel
        yield from panel.get("panels", [])


def prometheus_queries() -> list[tuple[str, str]]:
    """(where, expression) of every PromQL query: panel targets and query variables."""
    out = []
    for path in DASHBOARDS:
        dash = json.loads(path.read_text())
        for panel in panels(dash):
            for target in panel.get("targets", []):
                if target["datasource"]["type"] == "prometheus":
                    out.append((f"{path.name}: {panel['title']}", target["expr"]))
        for var in dash["templating"]["list"]:
            if var["type"] == "query":
                m = re.fullmatch(r"label_values\((.+), \w+\)", var["query"]["query"])
                assert m, f"{path.name}: variable {var['name']}"
                out.append((f"{path.name}: ${var['name']}", m.group(1)))
    return out


def known_series(scraped: set[str]) -> set[str]:
    """What a query may read: scraped names, our recording rules, Prometheus' own series."""
    recorded = {r["record"] for path in RULES for g in yaml.safe_load(path.read_text())["groups"]
                for r in g["rules"] if "record" in r}
    return scraped | recorded | PROMETHEUS_SERIES


def test_dashboards_are_what_the_generator_makes():
    r = subprocess.run([str(GRAFANA / "build-dashboards"), "--check"], capture_output=True,
                       text=True)
    assert r.returncode == 0, r.stderr
    assert {p.stem for p in DASHBOARDS} == {
        "vitrine-service", "vitrine-hosts", "vitrine-slos", "vitrine-monitors",
        "vitrine-database", "vitrine-logs"}


def test_every_panel_picks_its_data_source_through_a_variable():
    for path in DASHBOARDS:
        dash = json.loads(path.read_text())
        variables = {v["name"]: v for v in dash["templating"]["list"]}
        uids = set()
        for panel in panels(dash):
            if panel["type"] == "row":
                continue
            for ds in [panel["datasource"]] + [t["datasource"] for t in panel["targets"]]:
                name = re.fullmatch(r"\$\{(\w+)\}", ds["uid"])
                assert name, f"{path.name}: {panel['title']} names data source {ds['uid']}"
                assert variables[name.group(1)]["type"] == "datasource"
                assert variables[name.group(1)]["query"] == ds["type"]
                uids.add(ds["uid"])
        assert dash["uid"].startswith("vitrine-") and dash["title"]
        # Panels do not overlap.
        cells = set()
        for panel in panels(dash):
            g = panel["gridPos"]
            mine = {(x, y) for x in range(g["x"], g["x"] + g["w"]) for y in range(g["y"], g["y"] + g["h"])}
            assert not mine & cells, f"{path.name}: {panel['title']} overlaps"
            assert g["x"] + g["w"] <= 24
            cells |= mine


def test_every_promql_expression_parses(tmp_path):
    queries = prometheus_queries()
    assert len(queries) > 50
    rules = {"groups": [{"name": "dashboards", "rules": [
        {"record": f"dashboard:query:{i}", "expr": expand_grafana(expr)}
        for i, (_, expr) in enumerate(queries)]}]}
    path = tmp_path / "dashboards.rules.yml"
    path.write_text(yaml.safe_dump(rules))
    r = subprocess.run(["promtool", "check", "rules", str(path)], capture_output=True, text=True)
    if r.returncode != 0:  # name the panel, not the rule number
        bad = {int(n) for n in re.findall(r"dashboard:query:(\d+)", r.stdout + r.stderr)}
        pytest.fail(f"{r.stdout}{r.stderr}\n" + "\n".join(queries[i][0] for i in sorted(bad)))


def test_every_metric_queried_exists(scraped_metrics):
    known = known_series(scraped_metrics)
    missing = {}
    for where, expr in prometheus_queries():
        for name in metric_names(expr) - known:
            missing.setdefault(name, []).append(where)
    assert not missing, missing


def test_every_metric_the_rules_read_exists(scraped_metrics):
    known = known_series(scraped_metrics)
    missing = {}
    for path in RULES:
        for g in yaml.safe_load(path.read_text())["groups"]:
            for r in g["rules"]:
                for name in metric_names(r["expr"]) - known:
                    missing.setdefault(name, []).append(r.get("alert") or r["record"])
    assert not missing, missing


def test_loki_links_a_real_log_line_to_its_trace_and_tempo_links_back(vitrine_log_line):
    sources = {d["name"]: d for d in yaml.safe_load(
        (GRAFANA / "provisioning" / "datasources" / "datasources.yml").read_text())["datasources"]}
    assert {d["type"] for d in sources.values()} == {"prometheus", "loki", "tempo"}
    (field,) = sources["Loki"]["jsonData"]["derivedFields"]
    assert field["datasourceUid"] == sources["Tempo"]["uid"]
    # The regex finds the trace id in a line the real server wrote.
    m = re.search(field["matcherRegex"], vitrine_log_line)
    assert m and m.group(1) == json.loads(vitrine_log_line)["trace_id"]
    tempo = sources["Tempo"]["jsonData"]
    assert tempo["tracesToLogsV2"]["datasourceUid"] == sources["Loki"]["uid"]
    assert tempo["tracesToMetrics"]["datasourceUid"] == sources["Prometheus"]["uid"]
    # `$$` is Grafana's escape for a literal `$` in provisioning files.
    assert "$${__value.raw}" == field["url"]


def test_logs_dashboard_queries_loki_by_service_and_level():
    dash = json.loads((GRAFANA / "dashboards" / "vitrine-logs.json").read_text())
    loki = [t["expr"] for p in panels(dash) for t in p.get("targets", [])
            if t["datasource"]["type"] == "loki"]
    assert loki and all(e.startswith('{service_name=~"$service"}') or "count_over_time(" in e
                        for e in loki)
    assert all("| json" in e for e in loki)
