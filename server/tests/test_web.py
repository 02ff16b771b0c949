"""The dashboard as the server delivers it: every page of the single-page app answers with
the same index.html (revalidated), its hashed bundles are cached for a year and sent
gzip-compressed to clients that take it, unknown files are 404 problems, and
VITRINE_WEB_DIR serves a directory instead of the built-in copy (or stops the start-up,
saying why). The browser tests (web/e2e/) drive the pages themselves."""
from __future__ import annotations

import gzip
import json
import os
import re

from conftest import run_cli

APP_PATHS = ["/", "/status", "/projects/any-slug", "/admin", "/admin/projects",
             "/admin/projects/new"]


def test_every_page_is_the_app_shell_and_bundles_are_immutable(start):
    server = start()
    status, headers, shell = server.request("GET", "/")
    assert status == 200
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert headers["cache-control"] == "no-cache"
    assert "script-src 'self'" in headers["content-security-policy"]
    assert b'<div id="root">' in shell
    for path in APP_PATHS[1:]:
        status, h, body = server.request("GET", path)
        assert (status, body, h["etag"]) == (200, shell, headers["etag"]), path
    # A 304 carries the page's policy too: browsers keep a 304's headers with the cached
    # page, so the API's default-src 'none' there would break every returning visit.
    status, h, _ = server.request("GET", "/", headers={"If-None-Match": headers["etag"]})
    assert status == 304
    assert h["content-security-policy"] == headers["content-security-policy"]

    scripts = re.findall(rb'src="/(assets/[^"]+\.js)"', shell)
    assert scripts, shell
    path = "/" + scripts[0].decode()
    status, plain_headers, plain = server.request("GET", path)
    assert status == 200
    assert plain_headers["content-type"] == "text/javascript; charset=utf-8"
    assert plain_headers["cache-control"] == "public, max-age=31536000, immutable"
    assert "content-encoding" not in plain_headers
    assert plain_headers["vary"] == "Accept-Encoding"

    status, h, packed = server.request("GET", path, headers={"Accept-Encoding": "br, gzip;q=0.8"})
    assert (status, h["content-encoding"]) == (200, "gzip")
    assert gzip.decompress(packed) == plain
    assert len(packed) < len(plain) / 2
    _, h, body = server.request("GET", path, headers={"Accept-Encoding": "gzip;q=0, identity"})
    assert "content-encoding" not in h and body == plain

    status, h, body = server.request("GET", "/assets/missing-0000.js")
    assert (status, h["content-type"]) == (404, "application/problem+json")
    assert server.request("GET", "/favicon.svg")[1]["content-type"] == "image/svg+xml"
    # Paths that are no page of the app stay 404 problems, not the shell.
    assert server.request("GET", "/no-such-page")[0] == 404


def test_web_dir_replaces_the_built_in_copy_and_must_hold_an_index(start, workdir):
    site = os.path.join(workdir, "site")
    os.makedirs(os.path.join(site, "assets"))
    with open(os.path.join(site, "index.html"), "w") as f:
        f.write("<!doctype html><title>custom</title>")
    with open(os.path.join(site, "assets", "app-1.js"), "w") as f:
        f.write("console.log(1);\n" * 100)
    # The build's gzip copy goes with its file (web/scripts/compress.mjs); no copy: plain.
    with open(os.path.join(site, "assets", "app-1.js.gz"), "wb") as f:
        f.write(gzip.compress(b"console.log(1);\n" * 100))
    server = start(env={"VITRINE_WEB_DIR": site})
    assert server.request("GET", "/status")[2] == b"<!doctype html><title>custom</title>"
    assert server.request("GET", "/assets/app-1.js")[2] == b"console.log(1);\n" * 100
    _, h, packed = server.request("GET", "/assets/app-1.js", headers={"Accept-Encoding": "gzip"})
    assert h["content-encoding"] == "gzip" and gzip.decompress(packed) == b"console.log(1);\n" * 100
    assert "content-encoding" not in server.request(
        "GET", "/status", headers={"Accept-Encoding": "gzip"})[1]
    assert server.request("GET", "/assets/app-1.js.gz")[0] == 404  # a copy is no file of its own
    server.wait_log("dashboard ready", **{"from": site, "files": 2})

    empty = os.path.join(workdir, "empty")
    os.makedirs(empty)
    out = run_cli("serve", "--listen", "127.0.0.1:0", cwd=workdir,
                  env={"VITRINE_WEB_DIR": empty, "VITRINE_DATABASE_URL": f"sqlite://{workdir}/v.db"})
    assert out.returncode == 1, out
    entry = json.loads(next(line for line in out.stdout.splitlines() if "dashboard" in line))
    assert entry["msg"] == "cannot serve the dashboard (VITRINE_WEB_DIR)"
    assert empty in entry["error"] and "index.html" in entry["error"]


def test_the_status_document_is_sent_compressed_to_clients_that_take_gzip(start, workdir):
    server = start(env={"VITRINE_DATABASE_URL": f"sqlite://{workdir}/v.db"}, token=True)
    for i in range(12):
        status, _, body = server.call("POST", "/api/v1/monitors",
                                      {"kind": "tcp", "name": f"service {i:02}",
                                       "target": "127.0.0.1:9", "public": True}, admin=True)
        assert status == 201, body
    status, plain_headers, plain = server.request("GET", "/api/v1/status")
    assert status == 200 and "content-encoding" not in plain_headers
    assert len(plain) > 1024
    assert len(json.loads(plain)["groups"][0]["monitors"]) == 12
    status, headers, packed = server.request("GET", "/api/v1/status",
                                             headers={"Accept-Encoding": "gzip"})
    assert (status, headers["content-encoding"], headers["vary"]) == (200, "gzip", "Accept-Encoding")
    assert headers["etag"] == plain_headers["etag"]
    assert gzip.decompress(packed) == plain
    assert len(packed) < len(plain) / 3
