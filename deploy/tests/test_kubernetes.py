"""The Kubernetes manifests (deploy/k8s/), checked offline: kubectl's kustomize renders the
base and every overlay; each rendered object is validated against the official schemas,
unknown field names included (validate-k8s.mjs); and a policy over the rendered objects
asserts what every workload must have: the restricted Pod Security Standard, probes,
requests and limits, labels, pinned images, spread, and the blue/green wiring."""
from __future__ import annotations

import ipaddress
import pathlib
import re
import shutil
import subprocess

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
TESTS = ROOT / "deploy" / "tests"
OVERLAYS = sorted(p.name for p in (K8S / "overlays").iterdir() if p.is_dir())
TARGETS = ["base", *(f"overlays/{o}" for o in OVERLAYS)]
WORKLOADS = {"Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod"}


def kustomize_version() -> tuple[int, ...]:
    out = subprocess.run(["kubectl", "version", "--client"], capture_output=True, text=True).stdout
    m = re.search(r"Kustomize Version: v(\d+)\.(\d+)", out)
    return tuple(map(int, m.groups())) if m else (0,)


@pytest.fixture(scope="module", params=TARGETS)
def rendered(request, tmp_path_factory) -> tuple[str, list[dict], pathlib.Path]:
    assert kustomize_version() >= (5, 0), (
        "kubectl's kustomize is older than v5 (Debian's kubernetes-client 1.20 ships v2): "
        "install kubectl 1.27 or later")
    r = subprocess.run(["kubectl", "kustomize", str(K8S / request.param)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    path = tmp_path_factory.mktemp("k8s") / "rendered.yaml"
    path.write_text(r.stdout)
    return request.param, [d for d in yaml.safe_load_all(r.stdout) if d], path


def by_kind(objs: list[dict], kind: str) -> dict[str, dict]:
    return {o["metadata"]["name"]: o for o in objs if o["kind"] == kind}


def pod_specs(objs: list[dict]):
    for o in objs:
        if o["kind"] not in WORKLOADS:
            continue
        spec = o["spec"]
        if o["kind"] == "CronJob":
            spec = spec["jobTemplate"]["spec"]
        yield o, spec["template"]["spec"] if "template" in spec else spec


def test_every_object_validates_against_the_kubernetes_schemas(rendered):
    _, _, path = rendered
    r = subprocess.run(["node", str(TESTS / "validate-k8s.mjs"), str(path)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_every_workload_meets_the_restricted_pod_security_standard(rendered):
    _, objs, _ = rendered
    assert list(pod_specs(objs)), "no workload rendered"
    for o, pod in pod_specs(objs):
        name = f"{o['kind']}/{o['metadata']['name']}"
        psc = pod.get("securityContext", {})
        assert psc.get("runAsNonRoot") is True, name
        assert psc.get("seccompProfile", {}).get("type") == "RuntimeDefault", name
        assert pod.get("automountServiceAccountToken") is False, name
        for key in ("hostNetwork", "hostPID", "hostIPC"):
            assert not pod.get(key), f"{name}: {key}"
        assert not any("hostPath" in v for v in pod.get("volumes", [])), f"{name}: hostPath volume"
        for c in pod.get("initContainers", []) + pod["containers"]:
            cname = f"{name} container {c['name']}"
            sc = c.get("securityContext", {})
            assert sc.get("allowPrivilegeEscalation") is False, cname
            assert sc.get("readOnlyRootFilesystem") is True, cname
            assert sc.get("capabilities", {}).get("drop") == ["ALL"], cname
            assert not sc.get("capabilities", {}).get("add"), cname
            assert not sc.get("privileged"), cname
            assert sc.get("runAsNonRoot", psc.get("runAsNonRoot")) is True, cname
            assert sc.get("seccompProfile", psc.get("seccompProfile", {})).get("type") == "RuntimeDefault", cname


def test_every_container_has_requests_limits_and_a_pinned_image(rendered):
    _, objs, _ = rendered
    for o, pod in pod_specs(objs):
        for c in pod.get("initContainers", []) + pod["containers"]:
            cname = f"{o['metadata']['name']}/{c['name']}"
            res = c.get("resources", {})
            for kind in ("requests", "limits"):
                assert {"cpu", "memory"} <= set(res.get(kind, {})), f"{cname}: {kind}"
            image = c["image"]
            assert re.fullmatch(r"[a-z0-9.-]+(:\d+)?/[a-z0-9./-]+(:[A-Za-z0-9_.-]+|@sha256:[0-9a-f]{64})", image), \
                f"{cname}: image {image} names no registry and tag"
            assert not image.endswith(":latest"), cname


def test_the_server_is_probed_on_healthz_and_readyz(rendered):
    _, objs, _ = rendered
    for name, d in by_kind(objs, "Deployment").items():
        c = next(c for c in d["spec"]["template"]["spec"]["containers"] if c["name"] == "vitrine")
        assert c["startupProbe"]["httpGet"]["path"] == "/healthz", name
        assert c["livenessProbe"]["httpGet"]["path"] == "/healthz", name
        assert c["readinessProbe"]["httpGet"]["path"] == "/readyz", name
        port_names = {p["name"] for p in c["ports"]}
        for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
            assert c[probe]["httpGet"]["port"] in port_names, f"{name} {probe}"
        init = {i["name"]: i for i in d["spec"]["template"]["spec"]["initContainers"]}
        assert init["migrate"]["args"] == ["migrate"] and init["migrate"]["image"] == c["image"], name


def test_replicas_spread_autoscaling_and_disruption_budgets(rendered):
    target, objs, _ = rendered
    deployments = by_kind(objs, "Deployment")
    hpas = by_kind(objs, "HorizontalPodAutoscaler")
    pdbs = by_kind(objs, "PodDisruptionBudget")
    assert set(deployments) == {"vitrine-blue", "vitrine-green"}
    for name, d in deployments.items():
        assert d["spec"]["replicas"] >= 2, name
        assert d["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"] == 0, name
        keys = [t["topologyKey"] for t in d["spec"]["template"]["spec"]["topologySpreadConstraints"]]
        assert sorted(keys) == ["kubernetes.io/hostname", "topology.kubernetes.io/zone"], name
        hpa = hpas[name]
        assert hpa["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": name}
        assert 2 <= hpa["spec"]["minReplicas"] <= d["spec"]["replicas"] <= hpa["spec"]["maxReplicas"], name
        labels = d["spec"]["template"]["metadata"]["labels"]
        selector = pdbs[name]["spec"]["selector"]["matchLabels"]
        assert selector.items() <= labels.items(), f"PDB {name} selects no pod of {name}"
        assert pdbs[name]["spec"]["minAvailable"] < d["spec"]["replicas"], f"PDB {name} would block every drain"
    if target == "overlays/prod":
        for d in deployments.values():
            spread = {t["topologyKey"]: t["whenUnsatisfiable"] for t in d["spec"]["template"]["spec"]["topologySpreadConstraints"]}
            assert spread["kubernetes.io/hostname"] == "DoNotSchedule"
            assert d["spec"]["replicas"] >= 3


def test_every_object_is_labelled_and_overlays_set_a_restricted_namespace(rendered):
    target, objs, _ = rendered
    for o in objs:
        labels = o["metadata"].get("labels", {})
        if o["kind"] != "Namespace":
            assert labels.get("app.kubernetes.io/name") == "vitrine", f"{o['kind']}/{o['metadata']['name']}"
            assert labels.get("app.kubernetes.io/part-of") == "vitrine"
    if target.startswith("overlays/"):
        (ns,) = by_kind(objs, "Namespace").values()
        assert ns["metadata"]["labels"]["pod-security.kubernetes.io/enforce"] == "restricted"
        for o in objs:
            if o["kind"] != "Namespace":
                assert o["metadata"]["namespace"] == ns["metadata"]["name"], o["metadata"]["name"]


def test_live_and_preview_services_select_one_colour_each(rendered):
    _, objs, _ = rendered
    services = by_kind(objs, "Service")
    deployments = by_kind(objs, "Deployment")
    live = services["vitrine"]["spec"]["selector"]["vitrine.dev/colour"]
    preview = services["vitrine-preview"]["spec"]["selector"]["vitrine.dev/colour"]
    assert {live, preview} == {"blue", "green"}
    assert services["vitrine"]["metadata"]["annotations"]["vitrine.dev/previous-colour"] == preview
    for svc in ("vitrine", "vitrine-preview"):
        selector = services[svc]["spec"]["selector"]
        matched = [n for n, d in deployments.items()
                   if selector.items() <= d["spec"]["template"]["metadata"]["labels"].items()]
        assert len(matched) == 1, f"service {svc} selects {matched}"
    # The metrics Service reaches both colours.
    metrics = services["vitrine-metrics"]["spec"]["selector"]
    assert all(metrics.items() <= d["spec"]["template"]["metadata"]["labels"].items() for d in deployments.values())


def test_ingress_is_tls_for_its_host_and_routes_to_the_live_service(rendered):
    _, objs, _ = rendered
    services = by_kind(objs, "Service")
    for name, ing in by_kind(objs, "Ingress").items():
        hosts = {r["host"] for r in ing["spec"]["rules"]}
        assert hosts == {h for t in ing["spec"]["tls"] for h in t["hosts"]}, name
        for rule in ing["spec"]["rules"]:
            for p in rule["http"]["paths"]:
                backend = p["backend"]["service"]
                assert backend["name"] == "vitrine", name
                assert backend["port"]["name"] in {pt["name"] for pt in services["vitrine"]["spec"]["ports"]}
    assert by_kind(objs, "Ingress")["vitrine-auth"]["metadata"]["annotations"][
        "nginx.ingress.kubernetes.io/limit-rpm"] == "10"


def test_network_policy_denies_by_default_and_never_lets_checks_reach_metadata(rendered):
    _, objs, _ = rendered
    policies = by_kind(objs, "NetworkPolicy")
    deny = policies["default-deny"]["spec"]
    assert deny["podSelector"] == {} and sorted(deny["policyTypes"]) == ["Egress", "Ingress"]
    assert not deny.get("ingress") and not deny.get("egress")
    server = policies["vitrine"]["spec"]
    metadata = ipaddress.ip_address("169.254.169.254")
    private = [ipaddress.ip_address(a) for a in ("10.1.2.3", "172.20.0.1", "192.168.1.1")]
    for rule in server["egress"]:
        ports = {p["port"] for p in rule.get("ports", [])}
        for peer in rule["to"]:
            block = peer.get("ipBlock")
            if not block:
                continue
            net = ipaddress.ip_network(block["cidr"])
            excluded = [ipaddress.ip_network(e) for e in block.get("except", [])]
            if metadata in net:
                assert any(metadata in e for e in excluded), "the metadata address is reachable"
            if not ports:  # any port: only the public internet
                for a in private:
                    assert a not in net or any(a in e for e in excluded), f"{a} reachable on any port"


def test_traces_go_to_the_collector_the_network_policy_lets_them_reach(rendered):
    _, objs, _ = rendered
    config = by_kind(objs, "ConfigMap")
    (data,) = [c["data"] for c in config.values() if "VITRINE_OTLP_ENDPOINT" in c.get("data", {})]
    m = re.fullmatch(r"http://([a-z0-9-]+)\.([a-z0-9-]+)\.svc:(\d+)", data["VITRINE_OTLP_ENDPOINT"])
    assert m, data["VITRINE_OTLP_ENDPOINT"]
    service, namespace, port = m.group(1), m.group(2), int(m.group(3))
    charts = yaml.safe_load((OBS / "charts.yaml").read_text())
    assert namespace == charts["namespace"]
    assert service in {c["release"] for c in charts["charts"]}  # the chart's Service name
    egress = by_kind(objs, "NetworkPolicy")["vitrine"]["spec"]["egress"]
    assert any({"protocol": "TCP", "port": port} in rule.get("ports", []) and
               {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": namespace}}}
               in rule["to"] for rule in egress)


def test_service_monitor_scrapes_the_metrics_service_as_job_vitrine(rendered):
    _, objs, _ = rendered
    sm = by_kind(objs, "ServiceMonitor")["vitrine"]["spec"]
    metrics = by_kind(objs, "Service")["vitrine-metrics"]
    assert sm["selector"]["matchLabels"].items() <= metrics["metadata"]["labels"].items()
    assert metrics["metadata"]["labels"][sm["jobLabel"]] == "vitrine"
    assert {e["port"] for e in sm["endpoints"]} <= {p["name"] for p in metrics["spec"]["ports"]}


def test_prometheus_rule_carries_every_rules_file():
    """Each alert's content is checked in observability/tests; here, that all arrive."""
    r = subprocess.run(["/usr/bin/python3", str(K8S / "sync"), "--check"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    rule = yaml.safe_load((K8S / "base" / "prometheusrule.yaml").read_text())
    shipped = {g["name"] for g in rule["spec"]["groups"]}
    sources = {g["name"] for p in (ROOT / "observability" / "prometheus" / "rules").glob("*.yml")
               for g in yaml.safe_load(p.read_text())["groups"]}
    assert shipped == sources and len(sources) >= 10


def test_sync_rules_check_notices_a_stale_prometheus_rule(tmp_path):
    copy = tmp_path / "repo"
    for sub in ("deploy/k8s", "deploy/backup/pgbackrest", "observability/prometheus"):
        shutil.copytree(ROOT / sub, copy / sub)
    rules = copy / "observability" / "prometheus" / "rules" / "vitrine.rules.yml"
    rules.write_text(rules.read_text().replace("for: 2m", "for: 3m"))
    r = subprocess.run(["/usr/bin/python3", str(copy / "deploy" / "k8s" / "sync"), "--check"],
                       capture_output=True, text=True)
    assert r.returncode == 1
    assert "is stale" in r.stderr


# --- the observability stack on Kubernetes (deploy/k8s/observability/) ----------------------

OBS = K8S / "observability"


def test_charts_are_pinned_and_install_uses_those_versions():
    charts = yaml.safe_load((OBS / "charts.yaml").read_text())
    assert {c["release"] for c in charts["charts"]} == {
        "kube-prometheus-stack", "loki", "tempo", "opentelemetry-collector"}
    r = subprocess.run([str(OBS / "install"), "--dry-run"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    for c in charts["charts"]:
        assert re.fullmatch(r"\d+\.\d+\.\d+", c["version"]), c
        assert yaml.safe_load((OBS / c["values"]).read_text()), c["values"]
        assert f"{c['chart']} --version {c['version']}" in r.stdout
        assert f"--values {OBS / c['values']}" in r.stdout


def test_prometheus_selects_our_service_monitor_and_rules_and_grafana_our_dashboards(tmp_path):
    values = yaml.safe_load((OBS / "kube-prometheus-stack.values.yaml").read_text())
    spec = values["prometheus"]["prometheusSpec"]
    base = [d for d in yaml.safe_load_all(subprocess.run(
        ["kubectl", "kustomize", str(K8S / "base")], capture_output=True, text=True, check=True).stdout) if d]
    monitor = next(d for d in base if d["kind"] == "ServiceMonitor")
    rule = next(d for d in base if d["kind"] == "PrometheusRule")
    assert spec["serviceMonitorSelector"]["matchLabels"].items() <= monitor["metadata"]["labels"].items()
    assert spec["ruleSelector"]["matchLabels"].items() <= rule["metadata"]["labels"].items()
    assert spec["serviceMonitorNamespaceSelector"] == {} and spec["ruleNamespaceSelector"] == {}
    assert spec["retention"] == "30d"
    assert values["grafana"]["admin"]["existingSecret"], "the Grafana password comes from a Secret"

    r = subprocess.run(["kubectl", "kustomize", "--load-restrictor", "LoadRestrictionsNone", str(OBS)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    rendered = tmp_path / "obs.yaml"
    rendered.write_text(r.stdout)
    v = subprocess.run(["node", str(TESTS / "validate-k8s.mjs"), str(rendered)], capture_output=True, text=True)
    assert v.returncode == 0, v.stderr
    (cm,) = [d for d in yaml.safe_load_all(r.stdout) if d]
    sidecar = values["grafana"]["sidecar"]["dashboards"]
    assert cm["metadata"]["labels"][sidecar["label"]] == sidecar["labelValue"]
    shipped = {p.name for p in (ROOT / "observability" / "grafana" / "dashboards").glob("*.json")}
    assert set(cm["data"]) == shipped


def test_logs_and_traces_are_kept_as_long_as_the_compose_stack_keeps_them():
    loki = yaml.safe_load((OBS / "loki.values.yaml").read_text())["loki"]
    compose_loki = yaml.safe_load((ROOT / "observability" / "loki" / "loki.yml").read_text())
    assert loki["limits_config"]["retention_period"] == compose_loki["limits_config"]["retention_period"] == "720h"
    assert loki["compactor"]["retention_enabled"] is True
    tempo = yaml.safe_load((OBS / "tempo.values.yaml").read_text())["tempo"]
    compose_tempo = yaml.safe_load((ROOT / "observability" / "tempo" / "tempo.yml").read_text())
    assert tempo["retention"] == compose_tempo["compactor"]["compaction"]["block_retention"] == "336h"
    otel = yaml.safe_load((OBS / "opentelemetry-collector.values.yaml").read_text())
    assert otel["image"]["repository"] == "otel/opentelemetry-collector-contrib"
    assert otel["config"]["service"]["pipelines"]["traces"]["exporters"] == ["otlp/tempo"]


def test_alertmanager_routes_with_the_repository_config_and_keys_from_a_secret():
    values = yaml.safe_load((OBS / "kube-prometheus-stack.values.yaml").read_text())
    spec = values["alertmanager"]["alertmanagerSpec"]
    assert spec["useExistingSecret"] is True and "config" not in values["alertmanager"]
    # The operator mounts each Secret at /etc/alertmanager/secrets/<name>/: where
    # alertmanager.yml reads the receivers' keys.
    config = (ROOT / "observability" / "alertmanager" / "alertmanager.yml").read_text()
    (secret,) = spec["secrets"]
    assert f"/etc/alertmanager/secrets/{secret}/pagerduty_routing_key" in config
    r = subprocess.run([str(OBS / "install"), "--dry-run"], capture_output=True, text=True,
                       env={"PATH": "/usr/bin:/bin", "VITRINE_WEBHOOK_URL": "http://v.ns.svc/hook"})
    assert r.returncode == 0, r.stderr
    assert f"create secret generic {spec['configSecret']}" in r.stdout
    assert "alertmanager.yml with http://v.ns.svc/hook" in r.stdout
