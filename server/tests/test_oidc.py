"""Single sign-on on both stores: access tokens of one external OpenID Connect issuer, signed
here with RSA and EC keys this test generates and published as a JWKS (a file, or a URL on
127.0.0.1), are accepted; their users are provisioned on first sight and follow the
issuer's role claim; every classic attack on public-key JWTs is refused."""
import base64
import http.server
import json
import threading
import time

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from conftest import wait_until
from test_auth import b64, bearer, forge

ISSUER, AUDIENCE = "https://idp.test/realms/vitrine", "vitrine-app"


def int_b64(n: int) -> str:
    return b64(n.to_bytes((n.bit_length() + 7) // 8, "big"))


class Idp:
    """An identity provider's keys: RSA and EC P-256, a JWKS, and signed tokens."""

    def __init__(self):
        self.rsa = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.ec = ec.generate_private_key(ec.SECP256R1())
        self.kids = {"rsa": "rsa-2026-1", "ec": "ec-2026-1"}

    def jwks(self) -> dict:
        rn = self.rsa.public_key().public_numbers()
        en = self.ec.public_key().public_numbers()
        return {"keys": [
            {"kty": "RSA", "kid": self.kids["rsa"], "use": "sig", "alg": "RS256",
             "n": int_b64(rn.n), "e": int_b64(rn.e)},
            {"kty": "EC", "kid": self.kids["ec"], "crv": "P-256", "use": "sig",
             "x": b64(en.x.to_bytes(32, "big")), "y": b64(en.y.to_bytes(32, "big"))}]}

    def token(self, sub="alice-sub", key="rsa", header=None, **over) -> str:
        now = int(time.time())
        payload = {"iss": ISSUER, "aud": [AUDIENCE, "account"], "sub": sub, "iat": now,
                   "exp": now + 300, "email": f"{sub}@example.com", "name": "Alice Example",
                   "roles": ["editor"], "amr": ["pwd"]}
        payload.update(over)
        alg = "RS256" if key == "rsa" else "ES256"
        head = header or {"alg": alg, "typ": "JWT", "kid": self.kids[key]}
        signing_input = (b64(json.dumps(head).encode()) + "." +
                         b64(json.dumps(payload).encode())).encode()
        if key == "rsa":
            sig = self.rsa.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
        else:
            r, s = decode_dss_signature(self.ec.sign(signing_input, ec.ECDSA(hashes.SHA256())))
            sig = r.to_bytes(32, "big") + s.to_bytes(32, "big")  # JOSE form, not DER
        return signing_input.decode() + "." + b64(sig)


@pytest.fixture
def idp():
    return Idp()


@pytest.fixture
def sso(start, db, workdir, idp):
    jwks = f"{workdir}/jwks.json"
    with open(jwks, "w") as f:
        json.dump(idp.jwks(), f)
    server = start(env={"VITRINE_DATABASE_URL": db.url, "VITRINE_OIDC_ISSUER": ISSUER,
                        "VITRINE_OIDC_AUDIENCE": AUDIENCE, "VITRINE_OIDC_JWKS": jwks})
    server.wait_log("OIDC keys loaded")
    server.jwks_path = jwks
    return server


def me(server, token):
    return server.call("GET", "/api/v1/me", headers=bearer(token))


def test_a_token_of_the_issuer_signs_in_and_provisions_the_user(sso, idp, db):
    status, _, body = me(sso, idp.token())
    assert status == 200, body
    assert (body["kind"], body["email"], body["display_name"], body["role"]) == (
        "user", "alice-sub@example.com", "Alice Example", "editor")
    # One account per subject: the second token finds it.
    assert me(sso, idp.token(key="ec"))[2]["id"] == body["id"]
    assert db.sql("SELECT oidc_subject, password_hash FROM users") == "alice-sub|"
    record = db.sql("SELECT actor_kind, actor_id, action FROM audit_log WHERE action = 'user.create'")
    assert record == "system|oidc|user.create"
    # Provisioned accounts write like any editor.
    status, _, _ = sso.call("POST", "/api/v1/projects", {"title": "From SSO"},
                            headers=bearer(idp.token()))
    assert status == 201


def test_the_role_follows_the_issuer_and_unmapped_tokens_are_refused(sso, idp, db):
    assert me(sso, idp.token(roles=["viewer"]))[2]["role"] == "viewer"
    assert me(sso, idp.token(roles=["viewer", "editor"]))[2]["role"] == "editor"
    changes = db.sql("SELECT details FROM audit_log WHERE action = 'user.update'")
    assert json.loads(changes)["changes"] == {"role": {"from": "viewer", "to": "editor"}}
    status, _, problem = me(sso, idp.token(sub="bob", roles=["guests"]))
    assert status == 401 and "no Vitrine role" in problem["detail"]
    status, _, problem = me(sso, idp.token(sub="carol", roles=None))
    assert status == 401
    assert db.sql("SELECT COUNT(*) FROM users") == "1"


def test_attacks_on_sso_tokens_are_refused(sso, idp):
    pem = idp.rsa.public_key().public_bytes(serialization.Encoding.PEM,
                                            serialization.PublicFormat.SubjectPublicKeyInfo)
    now = int(time.time())
    good = json.loads(base64.urlsafe_b64decode(idp.token().split(".")[1] + "=="))
    head, payload, sig = idp.token().split(".")
    tampered = json.loads(base64.urlsafe_b64decode(payload + "=="))
    tampered["roles"] = ["admin"]
    other = Idp()
    attacks = {
        # HS256 keyed with the issuer's public key, under its RSA kid.
        "algorithm confusion": forge(good, {"alg": "HS256", "typ": "JWT", "kid": idp.kids["rsa"]},
                                     secret=pem),
        "alg none": b64(json.dumps({"alg": "none", "kid": idp.kids["rsa"]}).encode()) + "." +
        payload + ".",
        "expired": idp.token(exp=now - 3600, iat=now - 7200),
        "not yet valid": idp.token(nbf=now + 3600),
        "wrong audience": idp.token(aud="someone-else"),
        "unknown kid": idp.token(header={"alg": "RS256", "kid": "rotated-away"}),
        "another issuer's key": other.token(),
        "tampered payload": head + "." + b64(json.dumps(tampered).encode()) + "." + sig,
        "truncated": idp.token()[:-10],
        "no subject": idp.token(sub=""),
        "no email": idp.token(sub="dave", email=None),
    }
    for name, token in attacks.items():
        status, headers, problem = me(sso, token)
        assert status == 401, (name, problem)
        assert problem["type"] == "urn:vitrine:problem:invalid-token", name
        assert 'error="invalid_token"' in headers["www-authenticate"], name


def test_admin_routes_need_the_issuers_second_factor(sso, idp, db):
    token = idp.token(sub="root", roles=["admin"])
    status, _, problem = sso.call("GET", "/api/v1/users", headers=bearer(token))
    assert status == 403 and "second factor" in problem["detail"]
    status, _, page = sso.call("GET", "/api/v1/users",
                               headers=bearer(idp.token(sub="root", roles=["admin"],
                                                        amr=["pwd", "mfa"])))
    assert status == 200 and [u["email"] for u in page["items"]] == ["root@example.com"]
    # Disabled in Vitrine: refused at once, whatever the issuer says.
    db.sql("UPDATE users SET disabled = 1")
    status, _, problem = me(sso, token)
    assert status == 401 and "disabled" in problem["detail"]


def test_an_existing_password_account_is_not_taken_over_by_email(sso, idp, start, workdir, db):
    from conftest import run_cli
    out = run_cli("user", "create", "--email", "eve@example.com", "--role", "viewer",
                  env={"VITRINE_DATABASE_URL": db.url}, cwd=workdir,
                  stdin="correct horse battery staple\n")
    assert out.returncode == 0, out.stderr
    status, _, problem = me(sso, idp.token(sub="eve", roles=["admin"], amr=["mfa"]))
    assert status == 401 and "not linked" in problem["detail"]
    assert db.sql("SELECT role FROM users WHERE email_key = 'eve@example.com'") == "viewer"


def test_rotated_keys_are_picked_up_from_the_file(sso, idp):
    rotated = Idp()
    rotated.kids = {"rsa": "rsa-2026-2", "ec": "ec-2026-2"}
    with open(sso.jwks_path, "w") as f:
        json.dump(rotated.jwks(), f)
    # A kid not seen yet makes the server read the JWKS again (at most every 10 s: the
    # first read was at start, so this waits for the window).
    status = wait_until(lambda: me(sso, rotated.token())[0] == 200 or None, 20,
                        "the rotated key to be accepted", interval=0.5)
    assert status
    assert me(sso, idp.token())[0] == 401  # the old key is gone from the set


class _JwksHandler(http.server.BaseHTTPRequestHandler):
    body = b""

    def do_GET(self):  # noqa: N802 (http.server's name)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


def test_the_jwks_can_come_from_a_url(start, db, idp):
    handler = type("Handler", (_JwksHandler,), {"body": json.dumps(idp.jwks()).encode()})
    httpd = http.server.HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        server = start(env={"VITRINE_DATABASE_URL": db.url, "VITRINE_OIDC_ISSUER": ISSUER,
                            "VITRINE_OIDC_AUDIENCE": AUDIENCE,
                            "VITRINE_OIDC_JWKS": f"http://127.0.0.1:{httpd.server_port}/certs",
                            "VITRINE_OIDC_ROLE_CLAIM": "groups",
                            "VITRINE_OIDC_ROLE_MAP": "vitrine-editors=editor"})
        server.wait_log("OIDC keys loaded")
        status, _, body = me(server, idp.token(groups=["vitrine-editors"], roles=None))
        assert status == 200 and body["role"] == "editor"
    finally:
        httpd.shutdown()


def test_notification_channels_need_the_data_key(sso, idp):
    # An SSO admin passes the second factor without VITRINE_DATA_KEY (this server has none),
    # and still cannot make a channel: its URL and secret could not be sealed.
    admin = bearer(idp.token(sub="root", roles=["admin"], amr=["mfa"]))
    status, _, problem = sso.call("POST", "/api/v1/notification-channels",
                                  {"name": "x", "kind": "slack", "url": "http://127.0.0.1:9/"},
                                  headers=admin)
    assert status == 403 and problem["type"] == "urn:vitrine:problem:forbidden", problem
    assert "VITRINE_DATA_KEY" in problem["detail"]
    status, _, page = sso.call("GET", "/api/v1/notification-channels", headers=admin)
    assert status == 200 and page["items"] == []  # reading needs no key
