"""/api/v1/users on both stores: admins create, list, read, change and delete accounts; the
last enabled admin is protected; every rule of a user is checked with a clear 422."""
import json

import pytest

from test_auth import PASSWORD, Site, bearer

U = "/api/v1/users"


@pytest.fixture
def site(start, db, workdir):
    return Site(start, db, workdir)


@pytest.fixture
def admin(site):
    return bearer(site.token("admin"))


def test_admins_create_users_who_can_then_sign_in(site, admin):
    doc = {"email": "Grace@Example.com", "display_name": "Grace H.", "role": "editor",
           "password": "a long enough passphrase"}
    status, headers, user = site.server.call("POST", U, doc, headers=admin)
    assert status == 201, user
    assert headers["location"] == f"{U}/{user['id']}" and headers["etag"].startswith('"')
    assert (user["email"], user["role"], user["disabled"], user["last_login_at"]) == (
        "Grace@Example.com", "editor", False, None)
    assert "password" not in json.dumps(user) and "argon2" not in json.dumps(user)
    assert site.login("grace@example.com", "a long enough passphrase")[0] == 200
    entry = site.server.wait_log("user changed", event="user.created")
    assert entry["user_id"] == user["id"] and entry["by"] == site.ids["admin"]


def test_create_checks_every_field(site, admin):
    status, _, problem = site.server.call(
        "POST", U, {"email": "nope", "display_name": " x", "role": "owner", "password": "short",
                    "id": "x", "colour": "red", "disabled": "yes"}, headers=admin)
    assert status == 422
    got = {(e["field"], e["code"]) for e in problem["errors"]}
    assert got >= {("email", "invalid_format"), ("display_name", "invalid_value"),
                   ("role", "invalid_value"), ("password", "weak_password"),
                   ("id", "read_only"), ("colour", "unknown_field"), ("disabled", "invalid_type")}
    status, _, problem = site.server.call("POST", U, {"email": "a@b.co", "password": PASSWORD},
                                          headers=admin)
    assert status == 422 and ("role", "required") in {(e["field"], e["code"]) for e in problem["errors"]}
    assert site.db.sql("SELECT COUNT(*) FROM users") == "3"


def test_an_email_is_taken_whatever_its_case(site, admin):
    status, _, problem = site.server.call(
        "POST", U, {"email": "EDITOR@example.com", "role": "viewer", "password": PASSWORD},
        headers=admin)
    assert status == 409 and problem["field"] == "email"


def test_list_pages_through_every_user(site, admin):
    for i in range(4):
        assert site.server.call("POST", U, {"email": f"u{i}@example.com", "role": "viewer",
                                            "password": PASSWORD}, headers=admin)[0] == 201
    seen, cursor = [], None
    while True:
        path = f"{U}?limit=3" + (f"&cursor={cursor}" if cursor else "")
        status, headers, page = site.server.call("GET", path, headers=admin)
        assert status == 200
        seen += [u["email"] for u in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            assert "link" not in headers
            break
        assert headers["link"].endswith('rel="next"')
    assert len(seen) == 7 and len(set(seen)) == 7
    assert site.server.call("GET", f"{U}?cursor=bogus", headers=admin)[0] == 400
    assert site.server.call("GET", f"{U}?limit=0", headers=admin)[0] == 400


def test_patch_changes_role_and_status_with_if_match(site, admin):
    path = f"{U}/{site.ids['viewer']}"
    status, headers, user = site.server.call("GET", path, headers=admin)
    etag = headers["etag"]
    status, _, _ = site.server.call("PATCH", path, {"role": "editor"}, headers=admin,
                                    content_type="application/merge-patch+json")
    assert status == 428
    status, headers, changed = site.server.call(
        "PATCH", path, {"role": "editor", "display_name": "Promoted"},
        headers=dict(admin, **{"If-Match": etag}), content_type="application/merge-patch+json")
    assert status == 200 and changed["role"] == "editor" and changed["display_name"] == "Promoted"
    # The old ETag is stale now.
    status, _, problem = site.server.call(
        "PATCH", path, {"disabled": True}, headers=dict(admin, **{"If-Match": etag}),
        content_type="application/merge-patch+json")
    assert status == 412
    entry = site.server.wait_log("user changed", event="user.updated")
    assert (entry["role_before"], entry["role"]) == ("viewer", "editor")


def test_patch_validates_and_can_reset_a_password(site, admin):
    path = f"{U}/{site.ids['editor']}"
    _, headers, _ = site.server.call("GET", path, headers=admin)
    h = dict(admin, **{"If-Match": headers["etag"]})
    mp = "application/merge-patch+json"
    status, _, problem = site.server.call("PATCH", path, {"password": "password", "role": None,
                                                          "mfa_enabled": True},
                                          headers=h, content_type=mp)
    assert status == 422
    assert {(e["field"], e["code"]) for e in problem["errors"]} == {
        ("password", "weak_password"), ("role", "required"), ("mfa_enabled", "invalid_value")}
    status, _, _ = site.server.call("PATCH", path, {"password": "a brand new passphrase"},
                                    headers=h, content_type=mp)
    assert status == 200
    assert site.login("editor@example.com")[0] == 401
    assert site.login("editor@example.com", "a brand new passphrase")[0] == 200


def test_the_last_enabled_admin_is_protected(site, admin):
    me = f"{U}/{site.ids['admin']}"
    mp = "application/merge-patch+json"
    for change in ({"role": "editor"}, {"disabled": True}):
        _, headers, _ = site.server.call("GET", me, headers=admin)
        status, _, problem = site.server.call("PATCH", me, change, content_type=mp,
                                              headers=dict(admin, **{"If-Match": headers["etag"]}))
        assert status == 409 and problem["field"] == "role", change
    status, _, problem = site.server.call("DELETE", me, headers=admin)
    assert status == 409 and "last enabled admin" in problem["detail"]
    # With a second admin, the first may go.
    _, headers, _ = site.server.call("GET", f"{U}/{site.ids['editor']}", headers=admin)
    assert site.server.call("PATCH", f"{U}/{site.ids['editor']}", {"role": "admin"},
                            content_type=mp,
                            headers=dict(admin, **{"If-Match": headers["etag"]}))[0] == 200
    assert site.server.call("DELETE", me, headers=admin)[0] == 204
    # The deleted admin's token stops working at once.
    assert site.server.call("GET", "/api/v1/me", headers=admin)[0] == 401


def test_unknown_users_are_404(site, admin):
    for ref in ("01a21545-ee9b-73ce-8fea-8854d0a8d0cb", "not-a-uuid"):
        assert site.server.call("GET", f"{U}/{ref}", headers=admin)[0] == 404
        assert site.server.call("DELETE", f"{U}/{ref}", headers=admin)[0] == 404


def test_only_admins_manage_users(site):
    for role in ("viewer", "editor"):
        status, _, problem = site.server.call("GET", U, headers=bearer(site.token(role)))
        assert status == 403 and "needs admin" in problem["detail"]
    assert site.server.call("GET", U)[0] == 401
