"""Signing in and access control, on both stores: POST /api/v1/auth/login, GET /api/v1/me,
access tokens forged every wrong way, accounts disabled or re-roled under a live token, and
the role matrix generated from the permission table (`vitrine routes`)."""
import base64
import hashlib
import hmac
import json
import time

import pytest

from conftest import create_token, run_cli, wait_until

PASSWORD = "correct horse battery staple"
SECRET = b"k" * 32
KEYS = "k1:" + base64.urlsafe_b64encode(SECRET).decode().rstrip("=")
ISSUER, AUDIENCE = "vitrine", "vitrine-api"
ROLES = ("viewer", "editor", "admin")


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def forge(payload: dict, header: dict | None = None, secret: bytes = SECRET) -> str:
    """An HS256 JWS built here, independently of the server's libjwt."""
    head = header if header is not None else {"alg": "HS256", "typ": "JWT", "kid": "k1"}
    signing_input = b64(json.dumps(head).encode()) + "." + b64(json.dumps(payload).encode())
    mac = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return signing_input + "." + b64(mac)


def claims(sub: str, **over) -> dict:
    now = int(time.time())
    c = {"iss": ISSUER, "aud": AUDIENCE, "sub": sub, "iat": now, "nbf": now, "exp": now + 600,
         "amr": ["pwd"]}
    c.update(over)
    return c


DATA_KEY = b64(b"d" * 32)


def bearer(token: str) -> dict:
    return {"Authorization": "Bearer " + token}


def totp(secret_b32: str, at: float | None = None) -> str:
    """RFC 6238 (SHA-1, 6 digits, 30 s), written here independently of liboath."""
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    counter = int((time.time() if at is None else at) // 30)
    mac = hmac.new(key, counter.to_bytes(8, "big"), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = int.from_bytes(mac[offset:offset + 4], "big") & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


class Site:
    """A server on the test's database with one user per role."""

    def __init__(self, start, db, workdir, env: dict[str, str] | None = None):
        self.db = db
        self.ids = {}
        for role in ROLES:
            out = run_cli("user", "create", "--email", f"{role}@example.com", "--role", role,
                          env={"VITRINE_DATABASE_URL": db.url}, cwd=workdir, stdin=PASSWORD + "\n")
            assert out.returncode == 0, out.stderr
            self.ids[role] = out.stdout.split("(id ")[1].rstrip(")\n")
        self.server = start(env={"VITRINE_DATABASE_URL": db.url, "VITRINE_JWT_KEYS": KEYS,
                                 "VITRINE_DATA_KEY": DATA_KEY, **(env or {})}, token=True)
        self.workdir = workdir
        self.secrets: dict[str, str] = {}
        self._admin_token: str | None = None

    def login(self, email: str, password: str = PASSWORD):
        return self.server.call("POST", "/api/v1/auth/login",
                                {"email": email, "password": password})

    def token(self, role: str) -> str:
        """A session of the user with `role`; the admin's passed TOTP (enrolled once)."""
        if role == "admin":
            if self._admin_token is None:
                self._admin_token = self.enroll(self.password_token("admin"), "admin")
            return self._admin_token
        return self.password_token(role)

    def password_token(self, role: str) -> str:
        status, headers, body = self.login(f"{role}@example.com")
        assert status == 200, body
        assert headers["cache-control"] == "no-store"
        assert body["token_type"] == "Bearer" and body["expires_in"] == 900
        return body["access_token"]

    def enroll(self, token: str, role: str) -> str:
        """Enrols TOTP with `token`'s session; returns the MFA session confirming gives."""
        status, _, e = self.server.call("POST", "/api/v1/auth/mfa/enroll", headers=bearer(token))
        assert status == 200, e
        self.secrets[role] = e["secret"]
        status, _, done = self.server.call("POST", "/api/v1/auth/mfa/confirm",
                                           {"code": totp(e["secret"])}, headers=bearer(token))
        assert status == 200, done
        self.recovery_codes = done["recovery_codes"]
        return done["access_token"]


@pytest.fixture
def site(start, db, workdir):
    return Site(start, db, workdir)


def test_login_returns_a_token_that_identifies_the_user(site):
    token = site.token("editor")
    header = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))
    assert header["alg"] == "HS256" and header["kid"] == "k1"
    status, _, me = site.server.call("GET", "/api/v1/me", headers=bearer(token))
    assert status == 200
    assert (me["kind"], me["id"], me["email"], me["role"]) == (
        "user", site.ids["editor"], "editor@example.com", "editor")
    assert me["mfa"] is False and me["last_login_at"] is not None
    assert "password" not in json.dumps(me) and "argon2" not in json.dumps(me)
    entry = site.server.wait_log("signed in", user_id=site.ids["editor"])
    assert entry["event"] == "auth.login"


def test_email_case_does_not_matter_at_sign_in(site):
    assert site.login("EDITOR@Example.com")[0] == 200


def test_one_answer_for_unknown_email_wrong_password_and_disabled_account(site):
    site.db.sql(f"UPDATE users SET disabled = 1 WHERE id = '{site.ids['viewer']}'")
    answers = [site.login("nobody@example.com"), site.login("editor@example.com", "wrong" * 3),
               site.login("viewer@example.com")]
    for status, headers, problem in answers:
        assert status == 401 and problem["type"] == "urn:vitrine:problem:invalid-credentials"
        assert problem["detail"] == "The email or the password is wrong."
        assert "access_token" not in problem
    for reason in ("disabled", "unknown-email", "wrong-password"):
        site.server.wait_log("sign-in failed", reason=reason)
    assert PASSWORD not in "\n".join(site.server.lines)


def test_login_input_is_checked(site):
    status, _, problem = site.server.call("POST", "/api/v1/auth/login", {"email": "a@b.co"})
    assert status == 422 and [e["field"] for e in problem["errors"]] == ["password"]
    status, _, problem = site.server.call("POST", "/api/v1/auth/login", ["x"])
    assert status == 422
    status, _, problem = site.server.call("POST", "/api/v1/auth/login",
                                          {"email": 1, "password": "x" * 2000})
    assert status == 422 and {e["code"] for e in problem["errors"]} == {"required", "too_long"}
    status, _, problem = site.server.call("POST", "/api/v1/auth/login", raw=b"{",
                                          content_type="application/json")
    assert status == 400 and problem["type"] == "urn:vitrine:problem:invalid-json"
    status, _, _ = site.server.call("POST", "/api/v1/auth/login", raw=b"e=1",
                                    content_type="application/x-www-form-urlencoded")
    assert status == 415


def test_forged_and_broken_tokens_are_refused(site):
    uid = site.ids["admin"]
    now = int(time.time())
    good = forge(claims(uid))
    assert site.server.call("GET", "/api/v1/me", headers=bearer(good))[0] == 200
    head, payload, sig = good.split(".")
    elevated = b64(json.dumps(claims(site.ids["viewer"])).encode())
    attacks = {
        "alg none": b64(b'{"alg":"none","kid":"k1"}') + "." + payload + ".",
        "alg none, signed": forge(claims(uid), {"alg": "none", "kid": "k1"}),
        "HS512 under an HS256 key": forge(claims(uid), {"alg": "HS512", "kid": "k1"}),
        "unknown kid": forge(claims(uid), {"alg": "HS256", "kid": "k9"}),
        "no kid": forge(claims(uid), {"alg": "HS256"}),
        "another key": forge(claims(uid), secret=b"o" * 32),
        "tampered payload": head + "." + elevated + "." + sig,
        "truncated": good[:-6],
        "no signature": head + "." + payload,
        "expired": forge(claims(uid, iat=now - 4000, nbf=now - 4000, exp=now - 3000)),
        "not yet valid": forge(claims(uid, nbf=now + 3600)),
        "issued in the future": forge(claims(uid, iat=now + 3600)),
        "wrong audience": forge(claims(uid, aud="grafana")),
        "wrong issuer": forge(claims(uid, iss="https://evil.example")),
        "no exp": forge({k: v for k, v in claims(uid).items() if k != "exp"}),
        "unknown user": forge(claims("01a21545-ee9b-73ce-8fea-8854d0a8d0cb")),
        "garbage": "not-a-token",
    }
    for name, token in attacks.items():
        status, headers, problem = site.server.call("GET", "/api/v1/me", headers=bearer(token))
        assert status == 401, name
        assert problem["type"] == "urn:vitrine:problem:invalid-token", name
        assert headers["www-authenticate"] == 'Bearer realm="vitrine", error="invalid_token"'
    wait_until(lambda: len([e for e in site.server.logs() if e.get("event") == "auth.rejected"])
               == len(attacks), 5, "one auth.rejected log line per attack")


def test_a_disabled_account_is_refused_at_once_even_with_a_live_token(site):
    token = site.token("editor")
    assert site.server.call("GET", "/api/v1/me", headers=bearer(token))[0] == 200
    site.db.sql(f"UPDATE users SET disabled = 1 WHERE id = '{site.ids['editor']}'")
    status, _, problem = site.server.call("GET", "/api/v1/me", headers=bearer(token))
    assert status == 401 and problem["detail"] == "The account is disabled."
    site.db.sql(f"DELETE FROM users WHERE id = '{site.ids['editor']}'")
    status, _, problem = site.server.call("GET", "/api/v1/me", headers=bearer(token))
    assert status == 401 and problem["detail"] == "The token's account no longer exists."


def test_a_role_change_counts_at_once(site):
    token = site.token("viewer")
    doc = {"title": "Promoted"}
    status, _, problem = site.server.call("POST", "/api/v1/projects", doc, headers=bearer(token))
    assert status == 403 and problem["type"] == "urn:vitrine:problem:forbidden"
    assert "viewer" in problem["detail"] and "content:write" in problem["detail"]
    site.db.sql(f"UPDATE users SET role = 'editor' WHERE id = '{site.ids['viewer']}'")
    status, _, _ = site.server.call("POST", "/api/v1/projects", doc, headers=bearer(token))
    assert status == 201


def test_signed_in_readers_see_drafts(site):
    status, _, draft = site.server.call("POST", "/api/v1/projects",
                                        {"title": "Secret", "visibility": "draft"}, admin=True)
    assert status == 201
    path = f"/api/v1/projects/{draft['id']}"
    assert site.server.call("GET", path)[0] == 404
    assert site.server.call("GET", path, headers=bearer(site.token("viewer")))[0] == 200


def routes():
    out = run_cli("routes")
    assert out.returncode == 0
    return [json.loads(line) for line in out.stdout.splitlines()]


SCOPES = ("read", "content:write", "deployments:write", "monitors:push")
TOKENS = tuple(f"token {scope}" for scope in SCOPES)


def for_tokens(allowed: set[str], refused: int = 403) -> dict:
    return {t: True if t.split(" ", 1)[1] in allowed else refused for t in TOKENS}


# What each principal may do, by permission: True allowed, else the status of the refusal.
# A token has one scope here ("token read" ...); no scope opens user or admin routes.
EXPECTED = {
    "public": {"anonymous": True, "viewer": True, "editor": True, "admin": True,
               **for_tokens(set(SCOPES))},
    "signed-in": {"anonymous": 401, "viewer": True, "editor": True, "admin": True,
                  **for_tokens(set(SCOPES))},
    "user": {"anonymous": 401, "viewer": True, "editor": True, "admin": True, **for_tokens(set())},
    "read": {"anonymous": 401, "viewer": True, "editor": True, "admin": True,
             **for_tokens({"read"})},
    "content:write": {"anonymous": 401, "viewer": 403, "editor": True, "admin": True,
                      **for_tokens({"content:write"})},
    "monitors:push": {"anonymous": 401, "viewer": 403, "editor": True, "admin": True,
                      **for_tokens({"monitors:push"})},
    "admin": {"anonymous": 401, "viewer": 403, "editor": 403, "admin": True, **for_tokens(set())},
}


# How the permission check (auth/auth_middleware.cpp) words its refusals; a handler may
# refuse for its own reasons (no session cookie, a missing CSRF header), which is not the
# permission table's doing.
MIDDLEWARE_REFUSALS = ("Sign in first", "Your role (", "This API token's scopes (",
                       "Admins need a second factor", "Admin routes need a session",
                       "This route has no permission rule")


def refused_by_permissions(status: int, data: bytes) -> bool:
    if status not in (401, 403):
        return False
    detail = json.loads(data).get("detail", "")
    return detail.startswith(MIDDLEWARE_REFUSALS)


def test_role_matrix_follows_the_permission_table(site):
    table = routes()
    assert {r["permission"] for r in table} <= set(EXPECTED)
    principals = {"anonymous": {}}
    for role in ROLES:
        principals[role] = bearer(site.token(role))
    for token, scope in zip(TOKENS, SCOPES):
        principals[token] = bearer(create_token({"VITRINE_DATABASE_URL": site.db.url},
                                                site.workdir, scopes=(scope,), name=token))
    checked = 0
    for rule in table:
        path = rule["route"].replace("{ref}", "no-such-project").replace(
            "{id}", "01a21545-ee9b-73ce-8fea-8854d0a8d0cb").replace("{token}", "vtp_unknown")
        for who, headers in principals.items():
            body = b"{}" if rule["method"] in ("POST", "PATCH") else None
            h = dict(headers, **({"Content-Type": "application/json"} if body else {}))
            if rule["method"] == "PATCH":
                h["Content-Type"] = "application/merge-patch+json"
            status, _, data = site.server.request(rule["method"], path, body=body, headers=h)
            expected = EXPECTED[rule["permission"]][who]
            where = f"{rule['method']} {rule['route']} as {who}: {status} {data[:120]!r}"
            if expected is True:
                assert not refused_by_permissions(status, data), where
            else:
                assert status == expected and refused_by_permissions(status, data), where
            checked += 1
    assert checked == len(table) * len(principals)


def test_repeated_failures_are_throttled_with_retry_after(site):
    # 5 failures are free; then each failure doubles the wait (1 s, 2 s, 4 s ...). Waiting
    # out each Retry-After and failing again builds a wait long enough not to expire while
    # this test looks at it, however slow the build under test.
    failures, retry = 0, 0
    while retry < 4:
        status, headers, problem = site.login("editor@example.com", "wrong password!")
        if status == 429:
            assert problem["type"] == "urn:vitrine:problem:too-many-requests"
            retry = int(headers["retry-after"])
            assert retry >= 1
            if retry < 4:
                time.sleep(retry)  # honour Retry-After, then fail once more
            continue
        assert status == 401
        failures += 1
        assert failures <= 8, "never throttled"
    assert failures == 8  # 5 free, then waits of 1, 2 and 4 s
    # Throttled even with the right password: nothing is checked while blocked.
    status, headers, _ = site.login("editor@example.com")
    assert status == 429 and int(headers["retry-after"]) >= 1
    site.server.wait_log("sign-in throttled")
    # An unknown email is throttled the same way (the answer does not reveal accounts).
    statuses = [site.login("ghost@example.com", "wrong password!")[0] for _ in range(8)]
    assert statuses[:6] == [401] * 6 and 429 in statuses, statuses
    # Other accounts are unaffected (the address has 20 free failures).
    assert site.login("viewer@example.com")[0] == 200
