"""CORS with an allowlist of exact origins."""
ORIGIN = "https://app.example"


def test_allowed_origin_gets_cors_headers(start):
    server = start("--cors-origins", f"{ORIGIN},http://localhost:5173")
    status, headers, _ = server.request("GET", "/api/v1/version", headers={"Origin": ORIGIN})
    assert status == 200
    assert headers["access-control-allow-origin"] == ORIGIN
    assert headers["access-control-allow-credentials"] == "true"
    assert headers["vary"] == "Origin"


def test_refused_origin_gets_no_cors_headers(start):
    server = start("--cors-origins", ORIGIN)
    status, headers, _ = server.request("GET", "/api/v1/version",
                                        headers={"Origin": "https://evil.example"})
    assert status == 200
    assert "access-control-allow-origin" not in headers
    status, headers, _ = server.request(
        "OPTIONS", "/api/v1/version",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"})
    assert status == 403
    assert "access-control-allow-origin" not in headers


def test_preflight_is_answered(start):
    server = start("--cors-origins", ORIGIN)
    status, headers, _ = server.request(
        "OPTIONS", "/api/v1/version",
        headers={"Origin": ORIGIN, "Access-Control-Request-Method": "GET",
                 "Access-Control-Request-Headers": "Authorization, X-Request-Id"})
    assert status == 204
    assert headers["access-control-allow-origin"] == ORIGIN
    assert headers["access-control-allow-methods"] == "GET, HEAD, OPTIONS"
    assert headers["access-control-allow-headers"] == "Authorization, X-Request-Id"
    assert headers["access-control-max-age"] == "600"


def test_no_cors_without_configuration(server):
    _, headers, _ = server.request("GET", "/healthz", headers={"Origin": ORIGIN})
    assert "access-control-allow-origin" not in headers


def test_wildcard_never_with_credentials(start):
    server = start("--cors-origins", "*")
    _, headers, _ = server.request("GET", "/healthz", headers={"Origin": ORIGIN})
    assert headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in headers


def test_hsts_only_for_https_public_url(start):
    server = start("--public-url", "https://me.example")
    _, headers, _ = server.request("GET", "/healthz")
    assert headers["strict-transport-security"].startswith("max-age=")
