"""Loki, Tempo and the OpenTelemetry Collector are not packaged in Debian 12, so their configs
are checked by structure: each setting the design relies on is asserted, and the collector's
scrubbing patterns run against sample lines (with Python's `re`, after checking they use
only syntax RE2 shares with it)."""
from __future__ import annotations

import re

import pytest
import yaml

from conftest import OBS, ROOT

K8S_OBS = ROOT / "deploy" / "k8s" / "observability"


def load(path):
    return yaml.safe_load(path.read_text())


def collector() -> dict:
    return load(OBS / "otel" / "collector.yml")


def test_loki_keeps_logs_30_days_and_deletes_older_ones():
    loki = load(OBS / "loki" / "loki.yml")
    assert loki["limits_config"]["retention_period"] == "720h"
    assert loki["compactor"]["retention_enabled"] is True
    assert loki["compactor"]["delete_request_store"] == "filesystem"
    assert loki["schema_config"]["configs"][-1]["store"] == "tsdb"
    assert loki["auth_enabled"] is False  # one tenant; Loki listens on the internal network only
    assert loki["analytics"]["reporting_enabled"] is False


def test_tempo_keeps_traces_14_days_locally_and_in_s3_on_aws():
    tempo = load(OBS / "tempo" / "tempo.yml")
    assert tempo["storage"]["trace"]["backend"] == "local"
    assert tempo["compactor"]["compaction"]["block_retention"] == "336h"
    assert set(tempo["distributor"]["receivers"]["otlp"]["protocols"]) == {"grpc", "http"}
    aws = load(K8S_OBS / "tempo.values.yaml")["tempo"]
    s3 = aws["storage"]["trace"]["s3"]
    assert aws["storage"]["trace"]["backend"] == "s3" and s3["bucket"] and s3["region"]
    # Credentials come from the pod's IAM role, never from a key in the values.
    assert not {"access_key", "secret_key"} & set(s3)
    assert aws["retention"] == "336h"


def test_collector_pipelines():
    c = collector()
    pipelines = c["service"]["pipelines"]
    assert pipelines["traces"] == {"receivers": ["otlp"],
                                   "processors": ["memory_limiter", "tail_sampling", "batch"],
                                   "exporters": ["otlp/tempo"]}
    assert pipelines["logs"] == {"receivers": ["filelog"],
                                 "processors": ["memory_limiter", "transform/scrub", "batch"],
                                 "exporters": ["otlphttp/loki"]}
    # Vitrine's exporter speaks OTLP/HTTP: the receiver listens for it on 4318.
    assert c["receivers"]["otlp"]["protocols"]["http"]["endpoint"].endswith(":4318")
    assert c["exporters"]["otlphttp/loki"]["endpoint"] == "http://loki:3100/otlp"
    # Everything a pipeline names is defined.
    for p in pipelines.values():
        for kind in ("receivers", "processors", "exporters"):
            assert set(p[kind]) <= set(c[kind]), (kind, p[kind])


def test_tail_sampling_keeps_errors_slow_traces_and_a_tenth_of_the_rest():
    policies = {p["type"]: p for p in collector()["processors"]["tail_sampling"]["policies"]}
    assert policies["status_code"]["status_code"]["status_codes"] == ["ERROR"]
    # "Slow" is the latency SLO's threshold (vitrine-slo.rules.yml: le="0.25").
    assert policies["latency"]["latency"]["threshold_ms"] == 250
    slo = (OBS / "prometheus" / "rules" / "vitrine-slo.rules.yml").read_text()
    assert 'le="0.25"' in slo
    assert policies["probabilistic"]["probabilistic"]["sampling_percentage"] == 10
    k8s = load(K8S_OBS / "opentelemetry-collector.values.yaml")
    assert k8s["config"]["processors"]["tail_sampling"] == collector()["processors"]["tail_sampling"]
    assert k8s["replicaCount"] == 1  # a trace's spans must all reach the same collector


def test_container_logs_are_named_by_their_compose_service():
    compose = load(ROOT / "deploy" / "compose" / "docker-compose.yml")
    assert compose["x-logging"]["logging"]["options"]["labels"] == "com.docker.compose.service"
    moves = [op for op in collector()["receivers"]["filelog"]["operators"] if op["type"] == "move"]
    assert {"from": 'attributes.attrs["com.docker.compose.service"]',
            "to": 'resource["service.name"]'}.items() <= moves[-1].items()


# --- the scrubbing pipeline ----------------------------------------------------------------

def scrub_statements() -> list[tuple[str, str]]:
    """(regex, replacement) of each replace_pattern, as the collector sees them: OTTL string
    escapes undone and the config's `$$` (a literal `$`) resolved."""
    (block,) = collector()["processors"]["transform/scrub"]["log_statements"]
    out = []
    for statement in block["statements"]:
        m = re.fullmatch(r'replace_pattern\(body, "((?:[^"\\]|\\.)*)", "((?:[^"\\]|\\.)*)"\)', statement)
        assert m, statement
        pattern, replacement = (re.sub(r"\\(.)", r"\1", s).replace("$$", "$") for s in m.groups())
        out.append((pattern, replacement))
    return out


def scrub(line: str) -> str:
    for pattern, replacement in scrub_statements():
        # Go's ${1}/$1 in the replacement is Python's \g<1>.
        line = re.sub(pattern, re.sub(r"\$\{?(\d+)\}?", r"\\g<\1>", replacement), line)
    return line


def test_scrub_patterns_use_only_re2_syntax():
    for pattern, _ in scrub_statements():
        assert not re.search(r"\(\?[=!<]|\\[1-9]", pattern), f"RE2 has no look-around or backreference: {pattern}"


@pytest.mark.parametrize("line, secret", [
    ('{"msg":"login","email":"ada@example.org"}', "ada@example.org"),
    ("GET /x Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln", "eyJhbGciOiJIUzI1NiJ9"),
    ("curl -H 'Authorization: Basic YWRhOmh1bnRlcjI='", "YWRhOmh1bnRlcjI="),
    ("token vtr_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789 used", "vtr_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789"),
    ("push vtp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", "vtp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789"),
    ('{"password":"hunter2hunter2","user":"ada"}', "hunter2hunter2"),
    ("connecting with password=s3cr3t-pw&user=x", "s3cr3t-pw"),
    ("dsn postgres://vitrine:pgpass123@db:5432/vitrine", "pgpass123"),
    ('level=warn msg="bad" cookie: session=abcdef0123456789', "abcdef0123456789"),
    ("jwt eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0.sig_part-1 expired", "eyJzdWIiOiJhIn0"),
])
def test_scrubbing_removes_credentials_and_personal_data(line, secret):
    cleaned = scrub(line)
    assert secret not in cleaned, cleaned
    assert "[REDACTED]" in cleaned or "[EMAIL]" in cleaned


@pytest.mark.parametrize("line", [
    '{"ts":"2026-11-27T10:00:00Z","level":"info","msg":"request","method":"GET","path":"/api/v1/projects","status":200,"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736"}',
    "LOG:  checkpoint complete: wrote 3 buffers (0.0%)",
    "nginx: 127.0.0.1 - - [27/Nov/2026:10:00:00 +0000] \"GET /healthz HTTP/1.1\" 200 15",
])
def test_scrubbing_leaves_ordinary_lines_alone(line):
    assert scrub(line) == line
