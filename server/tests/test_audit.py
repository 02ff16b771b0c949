"""The audit log on both stores: every change is recorded with who, from where, what and a
field diff (secrets redacted), every refused write and security event too; admins read it
through GET /api/v1/audit with filters and cursors; nobody can change it; retention purges
old records. (conftest.check_audit_complete checks, after every test of the suite, that each
write it sent has its record.)"""
import json
import time

import pytest

from test_auth import PASSWORD, Site, bearer
from test_sessions import login, refresh, refresh_cookie

A = "/api/v1/audit"
P = "/api/v1/projects"


@pytest.fixture
def site(start, db, workdir):
    return Site(start, db, workdir)


def audit(site, query: str = "") -> list[dict]:
    status, _, page = site.server.call("GET", A + query, headers=bearer(site.token("admin")))
    assert status == 200, page
    return page["items"]


def test_content_changes_are_recorded_with_actor_request_and_field_diff(site):
    editor = {**bearer(site.token("editor")), "User-Agent": "audit-test/1.0"}
    status, headers, project = site.server.call("POST", P, {"title": "Audited"}, headers=editor)
    assert status == 201
    created_request = headers["x-request-id"]
    status, headers, _ = site.server.call(
        "PATCH", f"{P}/{project['id']}", {"title": "Audited twice"},
        headers={**editor, "If-Match": headers["etag"]}, content_type="application/merge-patch+json")
    assert status == 200
    assert site.server.call("DELETE", f"{P}/{project['id']}", headers=editor)[0] == 204

    records = audit(site, f"?target_type=project&target_id={project['id']}")
    assert [r["action"] for r in records] == ["project.delete", "project.update", "project.create"]
    for r in records:
        assert (r["actor_kind"], r["actor_id"], r["outcome"]) == ("user", site.ids["editor"], "success")
        assert r["ip"] == "127.0.0.1" and r["user_agent"] == "audit-test/1.0"
    deleted, updated, created = records
    assert created["request_id"] == created_request
    assert created["details"]["changes"]["title"] == {"from": None, "to": "Audited"}
    # Only what changed: the title, not the version or timestamps.
    assert updated["details"]["changes"] == {"title": {"from": "Audited", "to": "Audited twice"}}
    assert deleted["details"]["changes"]["title"] == {"from": "Audited twice", "to": None}


def test_refused_and_failed_writes_are_recorded(site):
    status, headers, _ = site.server.call("POST", P, {"title": "x"})
    assert status == 401
    anonymous = audit(site, f"?request_id={headers['x-request-id']}")
    assert len(anonymous) == 1
    assert (anonymous[0]["actor_kind"], anonymous[0]["actor_id"], anonymous[0]["outcome"]) == (
        "anonymous", "", "denied")
    assert anonymous[0]["action"] == "project.create"
    assert anonymous[0]["details"] == {"status": 401, "problem": "unauthorized"}

    status, headers, _ = site.server.call("PATCH", f"{P}/no-such-project", {"title": "y"},
                                          headers={**bearer(site.token("viewer")), "If-Match": '"x"'},
                                          content_type="application/merge-patch+json")
    assert status == 403
    viewer = audit(site, f"?request_id={headers['x-request-id']}")[0]
    assert (viewer["actor_id"], viewer["outcome"], viewer["target_id"]) == (
        site.ids["viewer"], "denied", "no-such-project")

    status, headers, _ = site.server.call("POST", P, {"title": ""}, headers=bearer(site.token("editor")))
    assert status == 422
    invalid = audit(site, f"?request_id={headers['x-request-id']}")[0]
    assert invalid["outcome"] == "failure" and invalid["details"]["problem"] == "validation-failed"


def test_security_events_are_recorded(site):
    # A failed sign-in names the account it tried (one record, not one per layer).
    status, headers, _ = site.login("editor@example.com", "wrong password, surely")
    assert status == 401
    failed = audit(site, f"?request_id={headers['x-request-id']}")
    assert len(failed) == 1
    assert (failed[0]["action"], failed[0]["outcome"], failed[0]["target_id"]) == (
        "session.login", "failure", site.ids["editor"])
    assert failed[0]["details"] == {"reason": "wrong-password"}

    signed_in = audit(site, f"?actor={site.ids['editor']}&action=session.login")
    assert signed_in == []  # the editor has not signed in yet
    site.token("editor")
    signed_in = audit(site, f"?actor={site.ids['editor']}&action=session.login")
    assert len(signed_in) == 1 and signed_in[0]["outcome"] == "success"

    # The admin's enrolment and confirmation (Site.token did both).
    mfa = audit(site, f"?actor={site.ids['admin']}&action=mfa.")
    assert [r["action"] for r in mfa] == ["mfa.confirm", "mfa.enroll"]

    # A recovery code spent at sign-in.
    status, _, _ = site.server.call("POST", "/api/v1/auth/login", {
        "email": "admin@example.com", "password": PASSWORD, "recovery_code": site.recovery_codes[0]})
    assert status == 200
    assert len(audit(site, "?action=mfa.recovery_used")) == 1

    # A rotated refresh token presented again revokes its family: recorded as such.
    headers, _ = login(site)
    first = refresh_cookie(headers)
    assert refresh(site, first)[0] == 200
    assert refresh(site, first)[0] == 401
    reuse = audit(site, "?action=session.reuse_detected")
    assert len(reuse) == 1
    assert (reuse[0]["actor_id"], reuse[0]["target_type"], reuse[0]["outcome"]) == (
        site.ids["editor"], "session", "failure")
    assert [r["outcome"] for r in audit(site, "?action=session.refresh")] == ["denied", "success"]

    # A role change, with the old and new role.
    admin = bearer(site.token("admin"))
    path = f"/api/v1/users/{site.ids['viewer']}"
    _, headers, _ = site.server.call("GET", path, headers=admin)
    status, _, _ = site.server.call("PATCH", path, {"role": "editor"},
                                    headers={**admin, "If-Match": headers["etag"]},
                                    content_type="application/merge-patch+json")
    assert status == 200
    change = audit(site, f"?action=user.update&target_id={site.ids['viewer']}")[0]
    assert change["details"]["changes"] == {"role": {"from": "viewer", "to": "editor"}}
    assert change["actor_id"] == site.ids["admin"]


def test_secrets_never_reach_the_audit_log(site):
    admin = bearer(site.token("admin"))
    status, headers, user = site.server.call(
        "POST", "/api/v1/users", {"email": "new@example.com", "role": "viewer",
                                  "password": "another long passphrase"}, headers=admin)
    assert status == 201
    _, headers, _ = site.server.call("GET", f"/api/v1/users/{user['id']}", headers=admin)
    status, _, _ = site.server.call("PATCH", f"/api/v1/users/{user['id']}",
                                    {"password": "yet another long passphrase"},
                                    headers={**admin, "If-Match": headers["etag"]},
                                    content_type="application/merge-patch+json")
    assert status == 200
    records = audit(site, f"?target_id={user['id']}")
    assert [r["action"] for r in records] == ["user.update", "user.create"]
    assert records[0]["details"]["changes"] == {
        "password_hash": {"from": "[redacted]", "to": "[redacted]"}}
    everything = json.dumps(audit(site, "?limit=200"))
    for secret in ("another long passphrase", "argon2", PASSWORD, site.secrets["admin"]):
        assert secret not in everything


def test_the_audit_api_filters_pages_and_checks_its_parameters(site):
    editor = bearer(site.token("editor"))
    before = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 1))
    for i in range(5):
        assert site.server.call("POST", P, {"title": f"P{i}"}, headers=editor)[0] == 201
    admin = bearer(site.token("admin"))
    seen, cursor = [], None
    while True:
        path = f"{A}?action=project.&limit=2" + (f"&cursor={cursor}" if cursor else "")
        status, headers, page = site.server.call("GET", path, headers=admin)
        assert status == 200
        seen += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
        assert headers["link"] == f'<{A}?action=project.&limit=2&cursor={cursor}>; rel="next"'
    assert [r["details"]["changes"]["title"]["to"] for r in seen] == [f"P{i}" for i in range(4, -1, -1)]
    assert len(audit(site, f"?action=project.create&since={before}")) == 5
    assert audit(site, f"?action=project.create&until={before}") == []
    assert len(audit(site, "?outcome=success&action=project.")) == 5
    for bad in ("?outcome=ok", "?since=yesterday", "?limit=0", "?limit=201", "?cursor=bogus",
                "?colour=red", "?actor="):
        status, _, problem = site.server.call("GET", A + bad, headers=admin)
        assert status == 400 and problem["type"] == "urn:vitrine:problem:invalid-parameter", bad


def test_only_admins_read_the_audit_log_and_nobody_changes_it(site):
    assert site.server.call("GET", A)[0] == 401
    assert site.server.call("GET", A, headers=bearer(site.token("editor")))[0] == 403
    admin = bearer(site.token("admin"))
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        assert site.server.call(method, A, headers=admin)[0] == 405
    # Not even the database lets a record change (append-only trigger).
    with pytest.raises(Exception):
        site.db.sql("UPDATE audit_log SET outcome = 'denied'")


def test_retention_purges_old_records_at_start(start, db, workdir):
    old_us = int((time.time() - 3 * 86400) * 1e6)
    recent_us = int((time.time() - 3600) * 1e6)
    env = {"VITRINE_DATABASE_URL": db.url, "VITRINE_AUDIT_RETENTION_DAYS": "2"}
    start(env=env).stop()  # creates the schema
    for rid, at in (("old-record", old_us), ("recent-record", recent_us)):
        db.sql("INSERT INTO audit_log (id, at_us, actor_kind, action, outcome, request_id) "
               f"VALUES ('{rid}', {at}, 'system', 'test.seed', 'success', '{rid}')")
    server = start(env=env)
    entry = server.wait_log("audit records purged")
    assert entry["deleted"] == 1 and entry["retention_days"] == 2
    ids = db.sql("SELECT request_id FROM audit_log ORDER BY at_us").split()
    assert "old-record" not in ids and "recent-record" in ids
    purge = db.sql("SELECT actor_kind, actor_id, details FROM audit_log WHERE action = 'audit.purge'")
    kind, actor, details = purge.split("|", 2)
    assert (kind, actor, json.loads(details)["deleted"]) == ("system", "server", 1)


def test_retention_outside_its_range_is_refused(start, workdir):
    from conftest import run_cli
    out = run_cli("serve", "--listen", "127.0.0.1:0", cwd=workdir,
                  env={"VITRINE_AUDIT_RETENTION_DAYS": "0"})
    assert out.returncode != 0
    assert "VITRINE_AUDIT_RETENTION_DAYS" in out.stderr + out.stdout
