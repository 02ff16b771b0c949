"""The site settings (the owner's profile) and the markdown preview, end to end: everyone
reads the settings, only admins with a second factor change them, under If-Match, with
every rule reported and every change audited; editors preview markdown with the renderer
of project bodies. On SQLite and PostgreSQL."""
from __future__ import annotations

from test_auth import Site, bearer

PROBLEM = "urn:vitrine:problem:"
PATH = "/api/v1/settings"
MERGE = "application/merge-patch+json"


def patch(site, doc, etag, token):
    return site.server.call("PATCH", PATH, doc, content_type=MERGE,
                            headers={**bearer(token), "If-Match": etag})


def test_everyone_reads_the_settings_and_only_admins_change_them(start, db, workdir):
    site = Site(start, db, workdir)
    status, headers, s = site.server.call("GET", PATH)
    assert status == 200
    assert s == {"name": "", "headline": "", "location": "", "about_markdown": "",
                 "about_html": "", "links": [], "updated_at": None, "version": 1}
    etag = headers["etag"]
    assert site.server.request("GET", PATH, headers={"If-None-Match": etag})[0] == 304

    doc = {"name": "Ada Example", "headline": "Site reliability engineer",
           "about_markdown": "I run **production**.\n\n<script>alert(1)</script>",
           "links": [{"label": "GitHub", "url": "https://github.com/ada"}]}
    assert site.server.call("PATCH", PATH, doc, content_type=MERGE,
                            headers={"If-Match": etag})[0] == 401
    status, _, body = patch(site, doc, etag, site.token("editor"))
    assert (status, body["type"]) == (403, PROBLEM + "forbidden")

    admin = site.token("admin")
    status, headers, s = patch(site, doc, etag, admin)
    assert status == 200, s
    assert (s["name"], s["version"]) == ("Ada Example", 2)
    assert "<strong>production</strong>" in s["about_html"]
    assert "<script>" not in s["about_html"]  # raw HTML is never passed through
    assert s["updated_at"] is not None
    assert site.server.call("GET", PATH)[2] == s  # anonymous readers see the change

    # The old ETag is stale now: nothing is overwritten.
    status, _, body = patch(site, {"name": "Someone else"}, etag, admin)
    assert (status, body["type"]) == (412, PROBLEM + "precondition-failed")
    status, _, body = site.server.call("PATCH", PATH, {"name": "x"}, content_type=MERGE,
                                       headers=bearer(admin))
    assert (status, body["type"]) == (428, PROBLEM + "precondition-required")

    # null empties a member; the rest stays.
    status, _, s2 = patch(site, {"headline": None, "links": None}, headers["etag"], admin)
    assert status == 200, s2
    assert (s2["headline"], s2["links"], s2["name"]) == ("", [], "Ada Example")

    audit = site.server.call("GET", "/api/v1/audit?action=settings.update", headers=bearer(admin))[2]
    changes = [r["details"].get("changes") for r in audit["items"]]
    # Newest first: the two changes, the 428 and the 412, the editor's 403 and the 401.
    assert [r["outcome"] for r in audit["items"]] == [
        "success", "failure", "failure", "success", "denied", "denied"]
    assert {"headline": {"from": "Site reliability engineer", "to": ""},
            "links": {"from": [{"label": "GitHub", "url": "https://github.com/ada"}], "to": []}} in changes


def test_every_broken_rule_is_reported_on_its_field(start, db, workdir):
    site = Site(start, db, workdir)
    admin = site.token("admin")
    _, headers, _ = site.server.call("GET", PATH)
    status, _, body = patch(site, {"name": "n" * 101, "headline": "two\nlines",
                                   "links": [{"label": "", "url": "javascript:alert(1)"}],
                                   "about_html": "<b>forged</b>", "avatar": "x"},
                            headers["etag"], admin)
    assert (status, body["type"]) == (422, PROBLEM + "validation-failed")
    assert sorted((e["field"], e["code"]) for e in body["errors"]) == [
        ("about_html", "read_only"), ("avatar", "unknown_field"),
        ("headline", "invalid_characters"), ("links/0/label", "required"),
        ("links/0/url", "invalid_url"), ("name", "too_long")]
    assert site.server.call("GET", PATH)[2]["version"] == 1  # nothing was written


def test_editors_preview_markdown_with_the_body_renderer(start, db, workdir):
    site = Site(start, db, workdir)
    path = "/api/v1/markdown"
    status, headers, body = site.server.call(
        "POST", path, {"markdown": "# Title\n\n[x](javascript:alert(1)) <b>raw</b>"},
        headers=bearer(site.token("editor")))
    assert status == 200, body
    assert headers["cache-control"] == "no-store"
    assert body["html"].startswith("<h1>Title</h1>")
    assert "javascript:" not in body["html"] and "<b>" not in body["html"]

    status, _, body = site.server.call("POST", path, {"markdown": "x" * (100 * 1024 + 1)},
                                       headers=bearer(site.token("editor")))
    assert (status, [e["field"] for e in body["errors"]]) == (422, ["markdown"])
    status, _, body = site.server.call("POST", path, {"markdown": 1, "extra": True},
                                       headers=bearer(site.token("editor")))
    assert sorted(e["code"] for e in body["errors"]) == ["invalid_type", "unknown_field"]
    assert site.server.call("POST", path, {"markdown": "x"},
                            headers=bearer(site.token("viewer")))[0] == 403
    assert site.server.call("POST", path, {"markdown": "x"})[0] == 401
