"""The TOTP second factor on both stores: enrolment and confirmation, sign-in with a code,
replayed codes, single-use recovery codes, and MFA made mandatory for admins."""
import time

import pytest

from test_auth import KEYS, Site, bearer, totp

ME = "/api/v1/me"


@pytest.fixture
def site(start, db, workdir):
    return Site(start, db, workdir)


def test_enrol_confirm_then_sign_in_with_a_code(site):
    token = site.password_token("editor")
    status, headers, e = site.server.call("POST", "/api/v1/auth/mfa/enroll", headers=bearer(token))
    assert status == 200 and headers["cache-control"] == "no-store"
    assert e["otpauth_uri"].startswith("otpauth://totp/Vitrine:editor@example.com?secret=" +
                                       e["secret"])
    assert "&issuer=Vitrine&algorithm=SHA1&digits=6&period=30" in e["otpauth_uri"]
    # The seed is stored sealed, never as the base32 text the user saw.
    assert e["secret"] not in site.db.sql("SELECT mfa_pending FROM users")
    wrong = f"{(int(totp(e['secret'])) + 1) % 1_000_000:06d}"
    status, _, problem = site.server.call("POST", "/api/v1/auth/mfa/confirm", {"code": wrong},
                                          headers=bearer(token))
    assert status == 401 and problem["type"] == "urn:vitrine:problem:invalid-credentials"
    status, _, done = site.server.call("POST", "/api/v1/auth/mfa/confirm",
                                       {"code": totp(e["secret"])}, headers=bearer(token))
    assert status == 200 and len(done["recovery_codes"]) == 10
    _, _, me = site.server.call("GET", ME, headers=bearer(done["access_token"]))
    assert me["mfa_enabled"] is True and me["mfa"] is True
    # From now on the password alone is not enough.
    status, _, problem = site.login("editor@example.com")
    assert status == 401 and problem["type"] == "urn:vitrine:problem:mfa-required"
    status, _, body = site.server.call("POST", "/api/v1/auth/login", {
        "email": "editor@example.com", "password": "correct horse battery staple",
        "totp_code": totp(e["secret"], time.time() + 30)})
    assert status == 200, body
    _, _, me = site.server.call("GET", ME, headers=bearer(body["access_token"]))
    assert me["mfa"] is True
    site.server.wait_log("mfa enabled", event="auth.mfa_confirm")


def test_a_code_cannot_be_used_twice(site):
    site.enroll(site.password_token("viewer"), "viewer")
    # Confirmation used the current step; the next step works once.
    code = totp(site.secrets["viewer"], time.time() + 30)
    login = {"email": "viewer@example.com", "password": "correct horse battery staple",
             "totp_code": code}
    assert site.server.call("POST", "/api/v1/auth/login", login)[0] == 200
    status, _, problem = site.server.call("POST", "/api/v1/auth/login", login)
    assert status == 401 and problem["type"] == "urn:vitrine:problem:invalid-credentials"
    site.server.wait_log("totp code replayed", event="auth.totp_replay")
    # The step of the confirmation itself is spent too.
    login["totp_code"] = totp(site.secrets["viewer"])
    assert site.server.call("POST", "/api/v1/auth/login", login)[0] == 401


def test_recovery_codes_work_once(site):
    site.enroll(site.password_token("editor"), "editor")
    code = site.recovery_codes[0]
    login = {"email": "editor@example.com", "password": "correct horse battery staple",
             "recovery_code": code.upper()}
    status, _, body = site.server.call("POST", "/api/v1/auth/login", login)
    assert status == 200
    entry = site.server.wait_log("recovery code used")
    assert entry["left"] == 9
    assert site.server.call("POST", "/api/v1/auth/login", login)[0] == 401
    login["recovery_code"] = "aaaa-bbbb-cccc"
    assert site.server.call("POST", "/api/v1/auth/login", login)[0] == 401


def test_admins_must_enrol_before_anything_else(site):
    token = site.password_token("admin")
    status, _, problem = site.server.call("POST", "/api/v1/projects", {"title": "x"},
                                          headers=bearer(token))
    assert status == 403 and "enrol" in problem["detail"]
    assert site.server.call("GET", "/api/v1/users", headers=bearer(token))[0] == 403
    assert site.server.call("GET", ME, headers=bearer(token))[0] == 200
    mfa_token = site.enroll(token, "admin")
    assert site.server.call("GET", "/api/v1/users", headers=bearer(mfa_token))[0] == 200
    # The session from before enrolment never passed a second factor: content yes, admin no.
    assert site.server.call("POST", "/api/v1/projects", {"title": "x"},
                            headers=bearer(token))[0] == 201
    status, _, problem = site.server.call("GET", "/api/v1/users", headers=bearer(token))
    assert status == 403 and "second factor" in problem["detail"]


def test_enrolling_twice_is_a_conflict(site):
    token = site.enroll(site.password_token("editor"), "editor")
    status, _, problem = site.server.call("POST", "/api/v1/auth/mfa/enroll", headers=bearer(token))
    assert status == 409 and problem["field"] == "mfa_enabled"


def test_confirm_without_enrolment_and_bad_input(site):
    token = bearer(site.password_token("viewer"))
    status, _, _ = site.server.call("POST", "/api/v1/auth/mfa/confirm", {"code": "123456"},
                                    headers=token)
    assert status == 401
    assert site.server.call("POST", "/api/v1/auth/mfa/confirm", {}, headers=token)[0] == 422
    assert site.server.call("POST", "/api/v1/auth/mfa/confirm", {"code": "1"})[0] == 401
    status, _, problem = site.server.call("POST", "/api/v1/auth/login", {
        "email": "viewer@example.com", "password": "x", "totp_code": 123456})
    assert status == 422 and problem["errors"][0]["field"] == "totp_code"


def test_without_a_data_key_nobody_can_enrol(site, start, db):
    plain = start(env={"VITRINE_DATABASE_URL": db.url, "VITRINE_JWT_KEYS": KEYS})
    status, _, body = plain.call("POST", "/api/v1/auth/login", {
        "email": "editor@example.com", "password": "correct horse battery staple"})
    assert status == 200
    status, _, problem = plain.call("POST", "/api/v1/auth/mfa/enroll",
                                    headers=bearer(body["access_token"]))
    assert status == 403 and "VITRINE_DATA_KEY" in problem["detail"]
    assert plain.find_log("VITRINE_DATA_KEY is not set: nobody can enrol a second factor, so "
                          "admins can only enrol (see docs/operations.md)")


def test_an_admin_can_reset_a_second_factor(site):
    site.enroll(site.password_token("editor"), "editor")
    assert site.login("editor@example.com")[0] == 401  # mfa-required
    admin = bearer(site.token("admin"))
    path = f"/api/v1/users/{site.ids['editor']}"
    _, headers, _ = site.server.call("GET", path, headers=admin)
    mp = "application/merge-patch+json"
    h = dict(admin, **{"If-Match": headers["etag"]})
    status, _, problem = site.server.call("PATCH", path, {"mfa_enabled": True}, headers=h,
                                          content_type=mp)
    assert status == 422 and problem["errors"][0]["field"] == "mfa_enabled"
    status, _, user = site.server.call("PATCH", path, {"mfa_enabled": False}, headers=h,
                                       content_type=mp)
    assert status == 200 and user["mfa_enabled"] is False
    site.server.wait_log("user changed", event="user.mfa_reset")
    assert site.db.sql(f"SELECT mfa_secret, COUNT(r.code_hash) FROM users u LEFT JOIN "
                       f"recovery_codes r ON r.user_id = u.id WHERE u.id = "
                       f"'{site.ids['editor']}' GROUP BY u.mfa_secret") == "|0"
    assert site.login("editor@example.com")[0] == 200  # the password alone again
