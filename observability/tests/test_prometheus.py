"""The Prometheus configs and rules: promtool checks them, runs their unit tests, and every
alert is tested both ways, routed by severity, explained and linked to its runbook."""
from __future__ import annotations

import copy
import re
import subprocess

import pytest
import yaml

from conftest import OBS, ROOT, RULES
from harness import run_cli

PROM = OBS / "prometheus"
TESTS = sorted((PROM / "tests").glob("*.test.yml"))


def promtool(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["promtool", *args], capture_output=True, text=True, timeout=120)


def rules() -> list[dict]:
    return [r for path in RULES for g in yaml.safe_load(path.read_text())["groups"]
            for r in g["rules"]]


def alerts() -> list[dict]:
    return [r for r in rules() if "alert" in r]


@pytest.mark.parametrize("name", ["prometheus.yml", "prometheus-file-sd.yml"])
def test_scrape_configs_pass_promtool(name, tmp_path):
    # promtool resolves rule and target files by absolute path: point them here.
    text = (PROM / name).read_text().replace("/etc/prometheus/", f"{PROM}/")
    config = tmp_path / name
    config.write_text(text)
    r = promtool("check", "config", str(config))
    assert r.returncode == 0, r.stdout + r.stderr
    assert f"SUCCESS: {len(RULES)} rule files found" in r.stdout + r.stderr


def test_the_kubernetes_scrape_config_passes_promtool_but_for_its_discovery(tmp_path):
    # Debian builds Prometheus without Kubernetes discovery: everything else (relabelling
    # regexes, jobs, alerting) is checked with each discovery block as an empty static list.
    doc = yaml.safe_load((PROM / "prometheus-kubernetes.yml").read_text())
    roles = []
    stripped = copy.deepcopy(doc)
    for section in stripped["scrape_configs"] + stripped["alerting"]["alertmanagers"]:
        for sd in section.pop("kubernetes_sd_configs"):
            roles.append(sd["role"])
        section["static_configs"] = [{"targets": []}]
    assert set(roles) <= {"pod", "endpoints", "service", "node"}, roles
    stripped["rule_files"] = [str(PROM / "rules" / "*.yml")]
    config = tmp_path / "k8s.yml"
    config.write_text(yaml.safe_dump(stripped))
    r = promtool("check", "config", str(config))
    assert r.returncode == 0, r.stdout + r.stderr


def test_every_target_gets_a_host_label_for_inhibition():
    """Alertmanager's "host down inhibits its services" matches on `host`."""
    compose = yaml.safe_load((PROM / "prometheus.yml").read_text())
    assert compose["global"]["external_labels"]["host"]
    file_sd = yaml.safe_load((PROM / "prometheus-file-sd.yml").read_text())
    for job in file_sd["scrape_configs"]:
        if job["job_name"] == "prometheus":
            continue
        (relabel,) = job["relabel_configs"]
        assert relabel["target_label"] == "host", job["job_name"]
        pattern = re.compile(relabel["regex"])
        # Prometheus anchors the regex and joins the sources with the separator.
        assert pattern.fullmatch(";db-1.lab.internal:9187").group(1) == "db-1.lab.internal"
        assert pattern.fullmatch(";[::1]:9100").group(1) == "::1"
        assert pattern.fullmatch("given;db-1:9187") is None  # a host from the file wins
    k8s = yaml.safe_load((PROM / "prometheus-kubernetes.yml").read_text())
    for job in k8s["scrape_configs"]:
        assert {"source_labels": ["__meta_kubernetes_pod_node_name"], "target_label": "host"} \
            in job["relabel_configs"], job["job_name"]
    for path in (PROM / "targets").glob("*.yml"):
        groups = yaml.safe_load(path.read_text())
        assert groups and all(g["targets"] for g in groups), path


def test_rules_pass_promtool_check():
    r = promtool("check", "rules", *map(str, RULES))
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.parametrize("path", TESTS, ids=lambda p: p.name)
def test_rule_unit_tests_pass(path):
    r = promtool("test", "rules", str(path))
    assert r.returncode == 0, r.stdout + r.stderr


def test_every_alert_is_tested_firing_and_quiet():
    firing, quiet = set(), set()
    for path in TESTS:
        for case in yaml.safe_load(path.read_text())["tests"]:
            for check in case.get("alert_rule_test", []):
                (firing if check["exp_alerts"] else quiet).add(check["alertname"])
    names = {a["alert"] for a in alerts()}
    assert names - firing == set(), "alerts never tested firing"
    assert names - quiet == set(), "alerts never tested quiet"


def test_every_recording_rule_is_evaluated_in_a_unit_test():
    tested = " ".join(t["expr"] for path in TESTS for case in yaml.safe_load(path.read_text())["tests"]
                      for t in case.get("promql_expr_test", []))
    # One name per family is enough: the windows of an SLO differ only by their range.
    families = {re.sub(r"rate\d+[mhd]$", "rate", r["record"]) for r in rules() if "record" in r}
    untested = {f for f in families
                if not re.search(re.escape(f).replace("rate", r"rate\w*"), tested)}
    assert untested <= {"slo:objective:ratio", "slo:error_budget:ratio"}, untested


def test_every_alert_says_who_acts_what_is_wrong_and_where_to_start():
    for a in alerts():
        labels, notes = a["labels"], a["annotations"]
        if a["alert"] == "Maintenance":
            assert labels["severity"] == "info"
            continue
        assert labels["severity"] in {"page", "ticket"}, a["alert"]
        assert labels["service"], a["alert"]
        assert len(notes["summary"]) > 20 and len(notes["description"]) > 60, a["alert"]
        assert notes["runbook_url"].startswith("docs/runbooks/"), a["alert"]
        if labels["severity"] == "page":
            # A page wakes someone: it must have lasted, or be a burn rate (two windows).
            assert a.get("for") or " and " in a["expr"], a["alert"]


# That each runbook_url names an existing heading is scripts/check-docs's job (ctest docs).


def test_the_kubernetes_prometheusrule_carries_the_same_rules():
    r = subprocess.run([str(ROOT / "deploy" / "k8s" / "sync"), "--check"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_service_slo_alerts_burn_like_the_ones_vitrine_generates(tmp_path):
    """vitrine-slo.rules.yml uses the windows, factors, severities and recording names of
    `vitrine slo rules` (server/src/domain/slo_rules.cpp): compare with its real output."""
    env = {"VITRINE_DATABASE_URL": f"sqlite://{tmp_path}/v.db"}
    assert run_cli("seed", "--demo", "--self", "http://127.0.0.1:9", env=env,
                   cwd=str(tmp_path)).returncode == 0
    out = run_cli("slo", "rules", env=env, cwd=str(tmp_path))
    assert out.returncode == 0, out.stderr
    generated = yaml.safe_load(out.stdout)["groups"]
    assert generated, "the demo portfolio has SLOs"

    def shape(groups: list[dict], slo_id: str) -> tuple:
        records = sorted({r["record"] for g in groups for r in g["rules"]
                          if "record" in r and r["labels"]["slo_id"] == slo_id} - {
            "slo:sli_error:ratio_rate7d", "slo:sli_error:ratio_rate30d"})
        burns = []
        for g in groups:
            for r in g["rules"]:
                if "alert" in r and f'slo_id="{slo_id}"' in r["expr"]:
                    windows = re.findall(r"ratio_rate(\w+)\{[^}]*\} > ([\d.e-]+)", r["expr"])
                    burns.append((r["labels"]["severity"], [w for w, _ in windows]))
        return records, sorted(burns)

    ours = yaml.safe_load((PROM / "rules" / "vitrine-slo.rules.yml").read_text())["groups"]
    theirs_id = generated[0]["rules"][0]["labels"]["slo_id"]
    for slo_id in ("vitrine-api-availability", "vitrine-api-latency"):
        assert shape(ours, slo_id) == shape(generated, theirs_id)
    # Same factors: threshold / allowed error ratio is 14.4, 6, 3, 1 in both.
    def factors(groups, slo_id, allowed):
        return sorted(round(float(t) / allowed, 6) for g in groups for r in g["rules"]
                      if "alert" in r and f'slo_id="{slo_id}"' in r["expr"]
                      for t in re.findall(r"> ([\d.e-]+)\)", r["expr"]))
    theirs_objective = next(r for g in generated for r in g["rules"]
                            if r.get("record") == "slo:error_budget:ratio")
    allowed = float(re.search(r"vector\(([\d.e-]+)\)", theirs_objective["expr"]).group(1))
    assert factors(ours, "vitrine-api-availability", 0.005) == \
        factors(generated, theirs_id, allowed) == sorted([14.4, 14.4, 6, 6, 3, 3, 1, 1])
