"""deploy/k8s/bluegreen.sh: its colour switching checked on the manifests kubectl renders
from a copy of deploy/k8s after each step, and its guards (a rollout that never gets
ready, a failed smoke test, bad arguments) checked with a stand-in kubectl (fake-kubectl:
no cluster runs here), whose port-forward leads to a real vitrine for the smoke test."""
from __future__ import annotations

import os
import pathlib
import shutil
import socket
import subprocess
import time
import urllib.request

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCRIPT = "deploy/k8s/bluegreen.sh"
FAKE = ROOT / "deploy" / "tests" / "fake-kubectl"
BIN = os.environ.get("VITRINE_BIN", str(ROOT / "build" / "release" / "server" / "vitrine"))
NEW = "registry.example.com/vitrine:sha-0123456789ab"
NEWER = "registry.example.com/vitrine:sha-ba9876543210"


@pytest.fixture
def repo(tmp_path) -> pathlib.Path:
    """A copy of deploy/k8s, so that the script's writes stay out of the checkout."""
    shutil.copytree(ROOT / "deploy" / "k8s", tmp_path / "deploy" / "k8s")
    return tmp_path


def run(repo: pathlib.Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(repo / SCRIPT), *args], capture_output=True, text=True, cwd=repo,
                          env={**os.environ, **(env or {})})


def state(repo: pathlib.Path, overlay: str = "staging") -> dict:
    """What the overlay renders to: live and preview colours, each colour's image."""
    out = subprocess.run(["kubectl", "kustomize", str(repo / "deploy/k8s/overlays" / overlay)],
                         capture_output=True, text=True, check=True).stdout
    objs = {(o["kind"], o["metadata"]["name"]): o for o in yaml.safe_load_all(out) if o}
    images = {}
    for colour in ("blue", "green"):
        pod = objs[("Deployment", f"vitrine-{colour}")]["spec"]["template"]["spec"]
        found = {c["image"] for c in pod["containers"] + pod["initContainers"]}
        assert len(found) == 1, f"{colour} runs {found}"
        images[colour] = found.pop()
    live = objs[("Service", "vitrine")]
    return {
        "live": live["spec"]["selector"]["vitrine.dev/colour"],
        "previous": live["metadata"]["annotations"]["vitrine.dev/previous-colour"],
        "preview": objs[("Service", "vitrine-preview")]["spec"]["selector"]["vitrine.dev/colour"],
        **images,
    }


def test_bluegreen_is_shellcheck_clean():
    r = subprocess.run(["shellcheck", str(ROOT / SCRIPT)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout


def test_deploy_promote_rollback_switch_only_the_selectors_they_should(repo):
    start = state(repo)
    assert start["live"] == "blue" and start["preview"] == "green"

    r = run(repo, "--dry-run", "deploy", "deploy/k8s/overlays/staging", NEW)
    assert r.returncode == 0, r.stderr
    after_deploy = state(repo)
    assert after_deploy == {**start, "green": NEW}, "deploy must only change the idle colour's image"
    assert "rollout status deployment/vitrine-green" in r.stdout
    assert "port-forward service/vitrine-preview" in r.stdout

    r = run(repo, "--dry-run", "promote", "deploy/k8s/overlays/staging")
    assert r.returncode == 0, r.stderr
    assert state(repo) == {**after_deploy, "live": "green", "previous": "blue", "preview": "blue"}

    # The next release goes to the now idle blue; green stays live until promoted.
    r = run(repo, "--dry-run", "deploy", "deploy/k8s/overlays/staging", NEWER)
    assert r.returncode == 0, r.stderr
    assert state(repo) == {"live": "green", "previous": "blue", "preview": "blue", "blue": NEWER, "green": NEW}

    r = run(repo, "--dry-run", "rollback", "deploy/k8s/overlays/staging")
    assert r.returncode == 0, r.stderr
    assert state(repo) == {"live": "blue", "previous": "green", "preview": "green", "blue": NEWER, "green": NEW}


def test_overlays_are_independent(repo):
    prod = state(repo, "prod")
    run(repo, "--dry-run", "deploy", "deploy/k8s/overlays/staging", NEW)
    run(repo, "--dry-run", "promote", "deploy/k8s/overlays/staging")
    assert state(repo, "prod") == prod


def test_status_prints_the_declared_state_without_a_cluster(repo, tmp_path):
    r = run(repo, "status", "deploy/k8s/overlays/prod",
            env={"KUBECTL": str(FAKE), "FAKE_KUBECTL_LOG": str(tmp_path / "log")})
    assert r.returncode == 0, r.stderr
    assert "declared" in r.stdout and "live=blue" in r.stdout
    assert "cluster: not reachable" in r.stdout


@pytest.mark.parametrize("image, message", [
    ("registry.example.com/vitrine:latest", "not latest"),
    ("registry.example.com/vitrine", "with a tag or digest"),
    ("Registry/Vitrine:1", "with a tag or digest"),
    ("registry.example.com/vitrine:1 ; rm -rf /", "with a tag or digest"),
])
def test_deploy_refuses_an_image_that_is_not_an_immutable_reference(repo, image, message):
    before = (repo / "deploy/k8s/overlays/staging/bluegreen.yaml").read_text()
    r = run(repo, "--dry-run", "deploy", "deploy/k8s/overlays/staging", image)
    assert r.returncode == 1
    assert message in r.stderr
    assert (repo / "deploy/k8s/overlays/staging/bluegreen.yaml").read_text() == before


def test_usage_errors_name_what_is_accepted(repo):
    r = run(repo, "switch", "deploy/k8s/overlays/staging")
    assert r.returncode == 2 and "accepted: status, deploy, promote, rollback" in r.stderr
    r = run(repo, "deploy", "deploy/k8s/overlays/staging")
    assert r.returncode == 2 and "Usage:" in r.stderr
    r = run(repo, "status", "deploy/k8s/base")
    assert r.returncode == 1 and "bluegreen.yaml is missing" in r.stderr
    r = run(repo, "status", "deploy/k8s/nowhere")
    assert r.returncode == 1 and "not a kustomize overlay" in r.stderr
    state_file = repo / "deploy/k8s/overlays/staging/bluegreen.yaml"
    state_file.write_text("# bluegreen: live=red\n" + state_file.read_text().split("\n", 1)[1])
    r = run(repo, "status", "deploy/k8s/overlays/staging")
    assert r.returncode == 1 and "does not start with its state line" in r.stderr


# --- with the stand-in kubectl: what the cluster says decides -----------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def upstream(tmp_path):
    """A real vitrine on loopback: what port-forward to vitrine-preview reaches."""
    port = free_port()
    proc = subprocess.Popen([BIN, "serve"], cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={"PATH": os.environ["PATH"], "VITRINE_LISTEN": f"127.0.0.1:{port}",
                                 "VITRINE_DATABASE_URL": f"sqlite://{tmp_path}/v.db"})
    deadline = time.monotonic() + 10
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1)
            break
        except OSError:
            assert proc.poll() is None and time.monotonic() < deadline, "vitrine did not start"
            time.sleep(0.05)
    yield port
    proc.terminate()
    proc.wait(timeout=10)


def cluster_env(tmp_path, port: int, fail: str = "") -> dict:
    return {"KUBECTL": str(FAKE), "FAKE_KUBECTL_LOG": str(tmp_path / "kubectl.log"),
            "FAKE_UPSTREAM_PORT": str(port), "FAKE_ROLLOUT_FAIL": fail}


def test_deploy_and_promote_smoke_test_the_idle_colour_through_the_preview_service(repo, tmp_path, upstream):
    env = cluster_env(tmp_path, upstream)
    r = run(repo, "deploy", "deploy/k8s/overlays/staging", NEW, env=env)
    assert r.returncode == 0, r.stderr
    assert "GET /readyz -> 200" in r.stdout
    r = run(repo, "promote", "deploy/k8s/overlays/staging", env=env)
    assert r.returncode == 0, r.stderr
    assert state(repo)["live"] == "green"
    calls = (tmp_path / "kubectl.log").read_text().splitlines()
    applies = [i for i, c in enumerate(calls) if c.startswith("apply -k")]
    checks = [i for i, c in enumerate(calls) if "rollout status deployment/vitrine-green" in c]
    # promote: the rollout check and the smoke test come before the apply that switches.
    assert checks[-1] < applies[-1]
    assert all("-n vitrine-staging" in c for c in calls if not c.startswith("apply"))


def test_a_rollout_that_never_gets_ready_leaves_the_live_colour(repo, tmp_path, upstream):
    env = cluster_env(tmp_path, upstream, fail="vitrine-green")
    r = run(repo, "deploy", "deploy/k8s/overlays/staging", NEW, env=env)
    assert r.returncode == 1
    assert "vitrine-green did not become ready; the live colour is unchanged (blue)" in r.stderr
    before = (repo / "deploy/k8s/overlays/staging/bluegreen.yaml").read_text()
    r = run(repo, "promote", "deploy/k8s/overlays/staging", env=env)
    assert r.returncode == 1
    assert (repo / "deploy/k8s/overlays/staging/bluegreen.yaml").read_text() == before
    assert state(repo)["live"] == "blue"


def test_a_failed_smoke_test_refuses_the_promotion(repo, tmp_path):
    env = cluster_env(tmp_path, free_port())  # nothing listens there
    before = (repo / "deploy/k8s/overlays/staging/bluegreen.yaml").read_text()
    r = run(repo, "promote", "deploy/k8s/overlays/staging", env=env)
    assert r.returncode == 1
    assert "smoke test failed: GET /healthz on green got no answer" in r.stderr
    assert (repo / "deploy/k8s/overlays/staging/bluegreen.yaml").read_text() == before


def test_rollback_waits_for_the_previous_colour(repo, tmp_path, upstream):
    env = cluster_env(tmp_path, upstream, fail="vitrine-green")
    r = run(repo, "rollback", "deploy/k8s/overlays/staging", env=env)  # previous is green
    assert r.returncode == 1
    assert "vitrine-green did not become ready" in r.stderr
    assert state(repo)["live"] == "blue"
