"""`vitrine seed --demo`: a realistic portfolio on an empty database, idempotent."""
from conftest import run_cli


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
