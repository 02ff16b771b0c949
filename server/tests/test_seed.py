"""`vitrine seed --demo`: a realistic portfolio on an empty database, idempotent."""
from conftest import run_cli, wait_until


def test_seed_demo_fills_an_empty_database_once(start, db, workdir):
    env = {"VITRINE_DATABASE_URL": db.url}
    out = run_cli("seed", "--demo", "--if-empty", env=env, cwd=workdir)
    assert out.returncode == 0, out.stderr
    assert "created 11 demo projects" in out.stdout
    assert "set the demo profile" in out.stdout
    out = run_cli("seed", "--demo", "--if-empty", env=env, cwd=workdir)
    assert "nothing to do" in out.stdout
    assert "profile" not in out.stdout  # set once; an owner's edits are never replaced
    out = run_cli("seed", "--demo", env=env, cwd=workdir)
    assert "created 0 demo projects, skipped 11 existing" in out.stdout

    server = start(env=env)
    status, _, page = server.call("GET", "/api/v1/projects?limit=100")
    assert status == 200
    titles = [p["title"] for p in page["items"]]
    assert len(titles) == 10  # one demo project is a draft
    assert any("Homelab" in t for t in titles) and any("Vitrine" in t for t in titles)
    featured = server.call("GET", "/api/v1/projects?featured=true")[2]["items"]
    assert len(featured) >= 3
    profile = server.call("GET", "/api/v1/settings")[2]
    assert profile["name"] and profile["headline"] and "<strong>" in profile["about_html"]
    assert profile["version"] == 2 and len(profile["links"]) == 3
    detail = server.call("GET", "/api/v1/projects/vitrine")[2]
    assert "<h2>" in detail["body_html"] and detail["links"]


def test_seed_needs_the_demo_flag(workdir):
    out = run_cli("seed", cwd=workdir)
    assert out.returncode == 2 and "--demo" in out.stderr


def test_seed_demo_with_self_monitors_the_server_it_names(start, db, workdir):
    env = {"VITRINE_DATABASE_URL": db.url, "VITRINE_MONITOR_RELOAD": "1s",
           "VITRINE_STATUS_REFRESH": "1s", "VITRINE_SLO_EVALUATION": "1s"}
    server = start(env=env)
    url = f"http://127.0.0.1:{server.port}"
    out = run_cli("seed", "--demo", "--if-empty", "--self", url, env=env, cwd=workdir)
    assert out.returncode == 0, out.stderr
    assert f"created 2 demo monitors of {url} with 3 SLOs" in out.stdout

    def listed():
        doc = server.call("GET", "/api/v1/status")[2]
        return {m["name"]: m for g in doc["groups"] for m in g["monitors"]
                if g["project"] and g["project"]["slug"] == "vitrine"}

    # The running server picks the monitors up, checks itself and shows the SLOs.
    wait_until(lambda: {m["state"] for m in listed().values()} == {"up"} and
               len(listed()) == 2, 90, "both demo monitors up")
    wait_until(lambda: sum(len(m["slos"]) for m in listed().values()) == 3, 15,
               "the three demo SLOs on the status document")
    health = server.call("GET", f"/api/v1/monitors/{listed()['API health']['id']}", admin=False)
    assert health[0] == 401  # the monitor itself stays for readers; the public sees the page

    # Once: a store with monitors gets no more demo monitors.
    out = run_cli("seed", "--demo", "--self", url, env=env, cwd=workdir)
    assert out.returncode == 0 and "monitors exist already" in out.stdout


def test_seed_self_must_be_a_base_url(workdir):
    for bad in ("127.0.0.1:8080", "http://127.0.0.1:8080/", "ftp://x.example"):
        out = run_cli("seed", "--demo", "--self", bad, cwd=workdir)
        assert out.returncode == 2, (bad, out.stdout)
        assert "--self" in out.stderr and bad in out.stderr
