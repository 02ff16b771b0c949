"""The Compose stack (deploy/compose/), checked offline: Debian's docker-compose 1.29
validates and resolves the file; the policy every service must meet is asserted on the
resolved model; the secrets it names are exactly those deploy/compose/setup writes. The
monitoring configs it mounts are checked by observability/tests."""
from __future__ import annotations

import json
import pathlib
import re
import subprocess

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
COMPOSE_DIR = ROOT / "deploy" / "compose"
COMPOSE = COMPOSE_DIR / "docker-compose.yml"
ENV_EXAMPLE = COMPOSE_DIR / ".env.example"

CORE = {"migrate", "vitrine", "postgres", "redis"}
ONE_SHOT = {"migrate"}
# Services whose image cannot run any probe (nothing but the binary in it); the reason is
# written next to the service in docker-compose.yml.
NO_PROBE_POSSIBLE = {"otel-collector"}


def compose(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["docker-compose", "--env-file", str(ENV_EXAMPLE), "-f", str(COMPOSE), *args],
                          capture_output=True, text=True, cwd=COMPOSE_DIR)


@pytest.fixture(scope="module")
def raw() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


@pytest.fixture(scope="module")
def resolved(tmp_path_factory) -> dict:
    r = compose("--profile", "full", "config")
    assert r.returncode == 0, r.stderr
    return yaml.safe_load(r.stdout)


def test_docker_compose_validates_the_file():
    r = compose("config", "-q")
    assert r.returncode == 0, r.stderr


def test_a_required_setting_missing_is_named(tmp_path):
    env = tmp_path / "env"
    env.write_text(re.sub(r"^VITRINE_ADMIN_EMAIL=.*$", "", ENV_EXAMPLE.read_text(), flags=re.M))
    r = subprocess.run(["docker-compose", "--env-file", str(env), "-f", str(COMPOSE), "config", "-q"],
                       capture_output=True, text=True, cwd=COMPOSE_DIR)
    assert r.returncode != 0
    assert "set VITRINE_ADMIN_EMAIL in .env" in r.stderr


def test_without_profiles_only_vitrine_postgres_and_redis_start(raw):
    core = {name for name, svc in raw["services"].items() if not svc.get("profiles")}
    assert core == CORE
    for name, svc in raw["services"].items():
        if name not in CORE:
            assert "full" in svc["profiles"], name
        # A core service cannot wait on one that a profile may leave out.
        if name in CORE:
            assert set(svc.get("depends_on", {})) <= CORE, name


def test_every_image_is_pinned_to_an_exact_version(resolved):
    for name, svc in resolved["services"].items():
        image = svc["image"]
        if name in ("vitrine", "migrate"):
            assert image == "vitrine:local", image  # VITRINE_IMAGE from .env.example
            continue
        tag = image.rsplit(":", 1)[1] if ":" in image.split("/")[-1] else ""
        # x.y.z, or x.y where that is a full version (PostgreSQL 10 and later).
        exact = r"\d+\.\d+" if name == "postgres" else r"v?\d+\.\d+\.\d+"
        assert re.fullmatch(exact + r"(-[a-z0-9.]+)?", tag), f"{name}: {image} is not pinned"


def test_every_long_running_service_is_supervised_and_bounded(resolved):
    for name, svc in resolved["services"].items():
        limits = svc.get("deploy", {}).get("resources", {}).get("limits", {})
        if name in ONE_SHOT:
            assert svc["restart"] == "no"
            continue
        assert svc.get("restart") == "unless-stopped", name
        assert limits.get("cpus") and limits.get("memory"), f"{name} has no cpu/memory limit"
        assert svc["logging"]["options"]["max-size"], name
        if name in NO_PROBE_POSSIBLE:
            assert "healthcheck" not in svc
        else:
            test = svc.get("healthcheck", {}).get("test")
            assert test and test[0] in ("CMD", "CMD-SHELL"), f"{name} has no health check"


def test_dependencies_wait_for_health_or_completion(resolved):
    for name, svc in resolved["services"].items():
        for dep, cond in svc.get("depends_on", {}).items():
            expected = "service_completed_successfully" if dep in ONE_SHOT else "service_healthy"
            assert cond["condition"] == expected, f"{name} -> {dep}"
    assert set(resolved["services"]["vitrine"]["depends_on"]) == {"migrate", "postgres", "redis"}


def test_vitrine_runs_two_hardened_replicas_without_migrating_itself(resolved):
    vitrine = resolved["services"]["vitrine"]
    assert vitrine["deploy"]["replicas"] == 2
    assert vitrine["read_only"] is True
    assert vitrine["cap_drop"] == ["ALL"]
    assert "no-new-privileges:true" in vitrine["security_opt"]
    env = vitrine["environment"]
    assert env["VITRINE_AUTO_MIGRATE"] == "false"
    assert resolved["services"]["migrate"]["command"] == ["migrate"]
    assert env["VITRINE_TRUSTED_PROXIES"], "behind nginx the client address needs the proxy trusted"


def test_no_secret_is_inline(resolved):
    secretish = re.compile(r"PASSWORD|SECRET|TOKEN|_KEY|KEYS|DATABASE_URL|DATA_SOURCE_PASS", re.I)
    for name, svc in resolved["services"].items():
        for var, value in (svc.get("environment") or {}).items():
            if secretish.search(var):
                assert var.endswith(("_FILE", "__FILE")), f"{name}: {var} must come from a file"
                assert str(value).startswith("/run/secrets/"), f"{name}: {var}={value}"


def mounts(svc: dict) -> list[tuple[str, str, bool]]:
    """(source, target, read-only) of each volume entry; docker-compose 1.29 resolves them
    to the short form source:target[:mode]."""
    out = []
    for vol in svc.get("volumes", []):
        if isinstance(vol, dict):
            out.append((vol["source"], vol["target"], bool(vol.get("read_only"))))
        else:
            parts = vol.split(":")
            out.append((parts[0], parts[1], len(parts) > 2 and "ro" in parts[2].split(",")))
    return out


def test_volumes_are_named_or_read_only_config(resolved):
    named = set(resolved.get("volumes", {}))
    for name, svc in resolved["services"].items():
        for source, target, read_only in mounts(svc):
            if not source.startswith("/"):
                assert source in named, f"{name}: {source} is not a named volume"
                continue
            assert read_only, f"{name}: {source} is mounted writable"
            if source in ("/", "/var/lib/docker/containers"):
                continue  # node-exporter's view of the host, the collector's log files
            assert source.startswith(str(ROOT)), f"{name} mounts {source}, outside the repository"
            assert pathlib.Path(source).exists(), f"{name} mounts {source}, which does not exist"


def test_databases_are_on_an_internal_network_only(resolved):
    assert resolved["networks"]["backend"].get("internal") is True
    for name in ("postgres", "redis"):
        assert set(resolved["services"][name]["networks"]) == {"backend"}, name
        assert not resolved["services"][name].get("ports"), f"{name} publishes a port"


def test_setup_writes_exactly_the_secrets_compose_reads(tmp_path, raw):
    out = tmp_path / "secrets"
    r = subprocess.run([str(COMPOSE_DIR / "setup"), "--dir", str(out), "--domain", "vitrine.test"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    wanted = {pathlib.Path(s["file"]).name for s in raw["secrets"].values()}
    written = {p.name for p in out.iterdir()}
    assert wanted <= written, f"setup does not write {wanted - written}"
    assert written - wanted == {"ca.crt", "ca.key"}, written - wanted
    # The database URL carries the PostgreSQL password; the exporter file names Redis's.
    password = (out / "postgres_password").read_text()
    assert f"vitrine:{password}@postgres:5432" in (out / "database_url").read_text()
    assert json.loads((out / "redis_exporter_passwords.json").read_text()) == \
        {"redis://redis:6379": (out / "redis_password").read_text()}
    assert oct(out.stat().st_mode & 0o777) == "0o700"
    # A second run keeps every file.
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    subprocess.run([str(COMPOSE_DIR / "setup"), "--dir", str(out)], check=True, capture_output=True)
    assert before == {p.name: p.read_bytes() for p in out.iterdir()}


def test_setup_refuses_a_bad_domain(tmp_path):
    r = subprocess.run([str(COMPOSE_DIR / "setup"), "--dir", str(tmp_path), "--domain", "a b"],
                       capture_output=True, text=True)
    assert r.returncode == 2
    assert "--domain 'a b' is not a host name" in r.stderr


def test_prometheus_scrapes_every_exporter_in_the_stack(resolved):
    prom = yaml.safe_load((ROOT / "observability" / "prometheus" / "prometheus.yml").read_text())
    targets = set()
    for job in prom["scrape_configs"]:
        for sc in job.get("static_configs", []):
            targets |= {t.split(":")[0] for t in sc["targets"]}
        for sd in job.get("dns_sd_configs", []):
            targets |= set(sd["names"])
    services = set(resolved["services"]) - {"migrate", "postgres", "redis", "nginx"}
    assert services <= targets | {"prometheus"}, services - targets
