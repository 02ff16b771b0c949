"""Behind reverse proxies: VITRINE_TRUSTED_PROXIES decides whose X-Forwarded-For names the
client (the access log, the login throttle and the audit see that address)."""
from conftest import run_cli

SPOOFED = "203.0.113.9"


def test_forwarded_for_is_ignored_unless_the_peer_is_trusted(start):
    server = start()
    status, _, _ = server.request("GET", "/healthz", headers={"X-Forwarded-For": SPOOFED})
    assert status == 200
    entry = server.wait_log("request", path="/healthz")
    assert entry["remote"] == "127.0.0.1"


def test_trusted_proxy_forwards_the_client_address(start):
    server = start(env={"VITRINE_TRUSTED_PROXIES": "10.0.0.0/8, 127.0.0.1"})
    status, _, _ = server.request("GET", "/healthz",
                                  headers={"X-Forwarded-For": f"{SPOOFED}, 10.1.2.3"})
    assert status == 200
    assert server.wait_log("request", path="/healthz")["remote"] == SPOOFED


def test_failed_sign_in_names_the_forwarded_client(start):
    server = start(env={"VITRINE_TRUSTED_PROXIES": "127.0.0.1"})
    status, _, _ = server.call("POST", "/api/v1/auth/login",
                               {"email": "nobody@example.com", "password": "wrong password"},
                               headers={"X-Forwarded-For": SPOOFED})
    assert status == 401
    assert server.wait_log("sign-in failed", remote=SPOOFED)


def test_bad_trusted_proxies_value_exits_2_naming_it(workdir):
    r = run_cli("config", "check", env={"VITRINE_TRUSTED_PROXIES": "10.0.0.1/8"}, cwd=workdir)
    assert r.returncode == 2
    assert "VITRINE_TRUSTED_PROXIES='10.0.0.1/8' (from environment) is invalid" in r.stderr
    assert "CIDR range" in r.stderr
