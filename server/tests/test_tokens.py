"""API tokens on both stores: admins create them with scopes and an expiry (the secret shown
once, stored as SHA-256), tokens work within their scopes and nowhere near user or admin
routes, record when they were last used, and are refused at once when revoked or expired.
`vitrine token create` makes one from the command line."""
import datetime
import hashlib
import re

import pytest

from conftest import create_token, run_cli
from test_auth import Site, bearer

T = "/api/v1/tokens"
SECRET = re.compile(r"^vtr_[A-Za-z0-9_-]{43}$")


@pytest.fixture
def site(start, db, workdir):
    return Site(start, db, workdir)


def in_days(days: float) -> str:
    at = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=days)
    return at.strftime("%Y-%m-%dT%H:%M:%SZ")


def create(site, **doc):
    body = {"name": "ci deploys", "scopes": ["read", "content:write"], "expires_at": in_days(30)}
    body.update(doc)
    return site.server.call("POST", T, body, headers=bearer(site.token("admin")))


def test_admins_create_tokens_whose_secret_is_shown_once(site):
    status, headers, token = create(site)
    assert status == 201, token
    assert SECRET.match(token["token"])
    assert headers["location"] == f"{T}/{token['id']}"
    assert headers["cache-control"] == "private, no-store"
    assert token["prefix"] == token["token"][:8] and token["scopes"] == ["read", "content:write"]
    assert token["created_by"] == site.ids["admin"] and token["last_used_at"] is None
    # Never again: not in the item, not in the list, not in the database (only its hash).
    admin = bearer(site.token("admin"))
    _, _, item = site.server.call("GET", f"{T}/{token['id']}", headers=admin)
    assert "token" not in item and item["name"] == "ci deploys"
    _, _, page = site.server.call("GET", T, headers=admin)
    assert token["id"] in [t["id"] for t in page["items"]]
    assert token["token"] not in str(page)
    stored = site.db.sql(f"SELECT token_hash FROM api_tokens WHERE id = '{token['id']}'")
    assert stored == hashlib.sha256(token["token"].encode()).hexdigest()
    assert token["token"] not in site.db.sql("SELECT * FROM api_tokens")
    record = site.server.call("GET", f"/api/v1/audit?action=token.create&target_id={token['id']}",
                              headers=admin)[2]["items"][0]
    assert record["details"]["changes"]["scopes"]["to"] == ["read", "content:write"]
    assert token["token"] not in str(record)


def test_a_token_works_within_its_scopes_and_is_audited_as_itself(site):
    _, _, token = create(site)
    auth = bearer(token["token"])
    status, _, project = site.server.call("POST", "/api/v1/projects",
                                          {"title": "From CI", "visibility": "draft"}, headers=auth)
    assert status == 201
    assert site.server.call("GET", f"/api/v1/projects/{project['id']}", headers=auth)[0] == 200
    status, _, me = site.server.call("GET", "/api/v1/me", headers=auth)
    assert status == 200
    assert me == {"id": token["id"], "kind": "token", "scopes": ["read", "content:write"],
                  "mfa": False}
    admin = bearer(site.token("admin"))
    record = site.server.call("GET", f"/api/v1/audit?target_id={project['id']}",
                              headers=admin)[2]["items"][0]
    assert (record["actor_kind"], record["actor_id"]) == ("token", token["id"])
    _, _, item = site.server.call("GET", f"{T}/{token['id']}", headers=admin)
    assert item["last_used_at"] is not None


def test_a_token_without_read_does_not_see_drafts(site):
    _, _, writer = create(site, scopes=["content:write"])
    _, _, draft = site.server.call("POST", "/api/v1/projects",
                                   {"title": "Hidden", "visibility": "draft"},
                                   headers=bearer(writer["token"]))
    _, _, pusher = create(site, scopes=["monitors:push"])
    path = f"/api/v1/projects/{draft['id']}"
    assert site.server.call("GET", path, headers=bearer(pusher["token"]))[0] == 404
    assert site.server.call("GET", path, headers=bearer(writer["token"]))[0] == 404


def test_revoked_expired_and_unknown_tokens_are_refused_at_once(site):
    admin = bearer(site.token("admin"))
    _, _, token = create(site)
    auth = bearer(token["token"])
    assert site.server.call("GET", "/api/v1/me", headers=auth)[0] == 200
    assert site.server.call("DELETE", f"{T}/{token['id']}", headers=admin)[0] == 204
    status, headers, problem = site.server.call("GET", "/api/v1/me", headers=auth)
    assert status == 401 and problem["type"] == "urn:vitrine:problem:invalid-token"
    assert "revoked" in problem["detail"] and 'error="invalid_token"' in headers["www-authenticate"]
    assert site.server.call("DELETE", f"{T}/{token['id']}", headers=admin)[0] == 204  # again
    _, _, item = site.server.call("GET", f"{T}/{token['id']}", headers=admin)
    assert item["revoked_at"] is not None
    records = site.server.call("GET", f"/api/v1/audit?action=token.revoke&target_id={token['id']}",
                               headers=admin)[2]["items"]
    assert "already_revoked_at" in records[0]["details"] and "changes" in records[1]["details"]

    _, _, old = create(site)
    site.db.sql(f"UPDATE api_tokens SET expires_at = 1 WHERE id = '{old['id']}'")
    status, _, problem = site.server.call("GET", "/api/v1/me", headers=bearer(old["token"]))
    assert status == 401 and "expired" in problem["detail"]

    forged = "vtr_" + "A" * 43
    status, _, problem = site.server.call("GET", "/api/v1/projects", headers=bearer(forged))
    assert status == 401 and problem["type"] == "urn:vitrine:problem:invalid-token"
    assert site.server.call("DELETE", f"{T}/01a21545-ee9b-73ce-8fea-8854d0a8d0cb",
                            headers=admin)[0] == 404


def test_token_input_is_checked(site):
    cases = [
        ({"name": ""}, ("name", "required")),
        ({"scopes": []}, ("scopes", "required")),
        ({"scopes": ["read", "root"]}, ("scopes/1", "invalid_value")),
        ({"scopes": "read"}, ("scopes", "invalid_type")),
        ({"expires_at": in_days(-1)}, ("expires_at", "invalid_value")),
        ({"expires_at": in_days(400)}, ("expires_at", "invalid_value")),
        ({"expires_at": "next week"}, ("expires_at", "invalid_format")),
        ({"token": "vtr_mine"}, ("token", "read_only")),
        ({"colour": "red"}, ("colour", "unknown_field")),
    ]
    for doc, error in cases:
        status, _, problem = create(site, **doc)
        assert status == 422, (doc, problem)
        assert error in {(e["field"], e["code"]) for e in problem["errors"]}, (doc, problem)
    status, _, problem = site.server.call("POST", T, {"name": "x", "scopes": ["read"]},
                                          headers=bearer(site.token("admin")))
    assert status == 422 and ("expires_at", "required") in {
        (e["field"], e["code"]) for e in problem["errors"]}
    assert site.db.sql("SELECT COUNT(*) FROM api_tokens") == "1"  # Site's own token only


def test_no_scope_opens_user_or_admin_routes(site):
    _, _, token = create(site, scopes=["read", "content:write", "deployments:write",
                                       "monitors:push"])
    auth = bearer(token["token"])
    for method, path in (("GET", "/api/v1/users"), ("GET", "/api/v1/audit"), ("GET", T),
                         ("POST", "/api/v1/auth/mfa/enroll")):
        status, _, problem = site.server.call(method, path, headers=auth)
        assert status == 403 and "tokens never have" in problem["detail"], (method, path)


def test_the_cli_creates_a_token_and_prints_only_its_secret(start, db, workdir):
    env = {"VITRINE_DATABASE_URL": db.url}
    out = run_cli("token", "create", "--name", "deploys", "--scope", "read", "--scope",
                  "content:write", "--expires-in", "7d", env=env, cwd=workdir)
    assert out.returncode == 0, out.stderr
    secret = out.stdout.strip()
    assert SECRET.match(secret) and "expires" in out.stderr and secret not in out.stderr
    server = start(env=env, token=secret)
    assert server.call("POST", "/api/v1/projects", {"title": "By CLI token"}, admin=True)[0] == 201
    record = db.sql("SELECT actor_kind, actor_id FROM audit_log WHERE action = 'token.create'")
    assert record == "system|cli"
    for args, message in (
            (("--scope", "root"), "--scope 'root' is not a scope"),
            (("--scope", "read", "--expires-in", "2y"), "--expires-in '2y'"),
            (("--scope", "read", "--expires-in", "400d"), "expected a duration from 1h to 366d")):
        out = run_cli("token", "create", "--name", "x", *args, env=env, cwd=workdir)
        assert out.returncode == 2 and message in out.stderr, out.stderr
    assert create_token(env, workdir) != secret


def test_the_removed_static_admin_token_stops_the_server_with_guidance(workdir):
    out = run_cli("serve", "--listen", "127.0.0.1:0", cwd=workdir,
                  env={"VITRINE_ADMIN_TOKEN": "x" * 40})
    assert out.returncode == 2
    assert "VITRINE_ADMIN_TOKEN" in out.stderr and "vitrine token create" in out.stderr
