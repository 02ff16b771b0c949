"""Browser sessions on both stores: the refresh token travels in an HttpOnly, SameSite=Strict
cookie scoped to /api/v1/auth, is rotated on every use, and reusing a rotated one revokes
the whole family; logout ends the family. Cookie-authenticated calls need the CSRF header."""
import pytest

from test_auth import Site, bearer, totp

CSRF = {"X-Requested-With": "vitrine"}


@pytest.fixture
def site(start, db, workdir):
    return Site(start, db, workdir)


def refresh_cookie(headers: dict) -> str:
    cookie = headers["set-cookie"]
    assert cookie.startswith("vitrine_refresh=")
    return cookie.split(";", 1)[0].split("=", 1)[1]


def login(site, email="editor@example.com", **extra):
    doc = {"email": email, "password": "correct horse battery staple", **extra}
    status, headers, body = site.server.call("POST", "/api/v1/auth/login", doc)
    assert status == 200, body
    return headers, body


def refresh(site, secret: str, headers: dict | None = None):
    h = dict(CSRF if headers is None else headers)
    h["Cookie"] = f"other=1; vitrine_refresh={secret}"
    return site.server.call("POST", "/api/v1/auth/refresh", headers=h)


def test_login_sets_a_strict_http_only_cookie_scoped_to_auth(site):
    headers, _ = login(site)
    cookie = headers["set-cookie"]
    for attribute in ("Path=/api/v1/auth", "HttpOnly", "SameSite=Strict", "Max-Age=1209600"):
        assert attribute in cookie, cookie
    assert "Secure" not in cookie  # VITRINE_PUBLIC_URL is not https here
    secret = refresh_cookie(headers)
    assert len(secret) == 43  # 256 bits, base64url
    assert secret not in site.db.sql("SELECT token_hash FROM refresh_tokens")


def test_refresh_rotates_and_gives_a_new_access_token(site):
    headers, _ = login(site)
    first = refresh_cookie(headers)
    status, headers, body = refresh(site, first)
    assert status == 200 and body["token_type"] == "Bearer"
    second = refresh_cookie(headers)
    assert second != first
    status, _, me = site.server.call("GET", "/api/v1/me", headers=bearer(body["access_token"]))
    assert status == 200 and me["email"] == "editor@example.com"
    # The successor works in turn.
    assert refresh(site, second)[0] == 200


def test_reusing_a_rotated_token_revokes_the_family(site):
    headers, _ = login(site)
    stolen = refresh_cookie(headers)
    _, headers, _ = refresh(site, stolen)
    current = refresh_cookie(headers)
    status, headers, problem = refresh(site, stolen)  # the thief, or the victim, replays it
    assert status == 401 and problem["type"] == "urn:vitrine:problem:invalid-token"
    assert "Max-Age=0" in headers["set-cookie"]  # the browser drops it
    site.server.wait_log("refresh token reused; its family is revoked", event="auth.refresh_reuse")
    # The legitimate successor is dead too: everyone in the family signs in again.
    assert refresh(site, current)[0] == 401
    # Another sign-in is another family, unaffected.
    headers, _ = login(site)
    assert refresh(site, refresh_cookie(headers))[0] == 200


def test_logout_ends_the_family(site):
    headers, _ = login(site)
    secret = refresh_cookie(headers)
    h = dict(CSRF, Cookie=f"vitrine_refresh={secret}")
    status, headers, _ = site.server.call("POST", "/api/v1/auth/logout", headers=h)
    assert status == 204 and "Max-Age=0" in headers["set-cookie"]
    assert refresh(site, secret)[0] == 401
    # Logging out without a session is harmless.
    assert site.server.call("POST", "/api/v1/auth/logout", headers=CSRF)[0] == 204


def test_cookie_calls_need_the_csrf_header(site):
    headers, _ = login(site)
    secret = refresh_cookie(headers)
    status, _, problem = refresh(site, secret, headers={})
    assert status == 403 and "X-Requested-With" in problem["detail"]
    h = {"Cookie": f"vitrine_refresh={secret}"}
    assert site.server.call("POST", "/api/v1/auth/logout", headers=h)[0] == 403
    # The refused calls changed nothing: the token still works.
    assert refresh(site, secret)[0] == 200


def test_bad_cookies_are_refused(site):
    for secret in ("", "x" * 43, "not base64 !", "y" * 500):
        status, _, problem = refresh(site, secret)
        assert status == 401, secret
    status, _, problem = site.server.call("POST", "/api/v1/auth/refresh", headers=CSRF)
    assert status == 401 and problem["type"] == "urn:vitrine:problem:unauthorized"


def test_a_disabled_account_cannot_refresh(site):
    headers, _ = login(site)
    site.db.sql(f"UPDATE users SET disabled = 1 WHERE id = '{site.ids['editor']}'")
    status, _, problem = refresh(site, refresh_cookie(headers))
    assert status == 401 and problem["type"] == "urn:vitrine:problem:invalid-token"


def test_an_mfa_session_stays_one_across_refreshes(site):
    site.token("admin")  # enrols the admin
    headers, _ = login(site, "admin@example.com", totp_code=totp(site.secrets["admin"],
                                                                 __import__("time").time() + 30))
    status, _, body = refresh(site, refresh_cookie(headers))
    assert status == 200
    # Admin routes need a session that passed the second factor: this one did.
    assert site.server.call("GET", "/api/v1/users", headers=bearer(body["access_token"]))[0] == 200
