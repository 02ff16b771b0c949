"""The project resource on both stores: create, read, list, merge-patch, delete, with the
validation, preconditions, caching and access rules of api/openapi.yaml."""

import pytest


P = "/api/v1/projects"


def create(api, **fields):
    doc = {"title": "A project", **fields}
    status, headers, body = api.call("POST", P, doc, admin=True)
    assert status == 201, body
    return body, headers


def test_create_returns_201_with_location_etag_and_the_resource(api):
    body, headers = create(api, title="Homelab platform", summary="Proxmox, run like prod",
                           tags=["homelab", "c++"], links=[{"label": "Docs", "url": "https://x.example/d"}],
                           repo_url="https://github.com/x/y", visibility="published", featured=True,
                           sort_order=5)
    assert headers["location"] == f"{P}/{body['id']}"
    assert headers["etag"].startswith('"')
    assert body["slug"] == "homelab-platform"
    assert body["version"] == 1
    assert body["created_at"] == body["updated_at"]
    assert body["created_at"].endswith("Z")
    assert body["demo_url"] is None
    status, h2, got = api.call("GET", headers["location"])
    assert status == 200 and got == body and h2["etag"] == headers["etag"]
    status, _, by_slug = api.call("GET", f"{P}/homelab-platform")
    assert status == 200 and by_slug["id"] == body["id"]


def test_markdown_is_rendered_without_raw_html_or_unsafe_links(api):
    md = ("# Title\n\n<script>alert(1)</script>\n\n[bad](javascript:alert(1)) "
          "[data](data:text/html,x) [rel](/admin) [ok](https://ok.example) [mail](mailto:a@b.c)\n\n"
          "![img](javascript:x) ![pic](https://img.example/p.png)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    body, _ = create(api, body_markdown=md)
    html = body["body_html"]
    assert "<h1>Title</h1>" in html
    assert "<script" not in html and "javascript:" not in html and "data:text" not in html
    assert 'href="/admin"' not in html
    assert '<a href="https://ok.example">ok</a>' in html
    assert '<a href="mailto:a@b.c">mail</a>' in html
    assert '<img src="https://img.example/p.png"' in html
    assert "<table>" in html
    assert body["body_markdown"] == md  # stored as written


def test_derived_slugs_are_made_unique_and_chosen_ones_conflict(api):
    a, _ = create(api, title="Same Title")
    b, _ = create(api, title="Same Title")
    assert (a["slug"], b["slug"]) == ("same-title", "same-title-2")
    status, _, problem = api.call("POST", P, {"title": "x", "slug": "same-title"}, admin=True)
    assert status == 409
    assert problem["type"] == "urn:vitrine:problem:conflict" and problem["field"] == "slug"


def test_patching_to_a_taken_slug_is_409(api):
    create(api, title="First")
    second, headers = create(api, title="Second")
    status, _, problem = api.call("PATCH", f"{P}/{second['id']}", {"slug": "first"}, admin=True,
                                  content_type="application/merge-patch+json",
                                  headers={"If-Match": headers["etag"]})
    assert status == 409 and problem["field"] == "slug"
    status, _, same = api.call("GET", f"{P}/{second['id']}", admin=True)
    assert same["slug"] == "second" and same["version"] == 1


def test_validation_reports_every_error_at_once(api):
    doc = {"title": "", "slug": "Not A Slug", "tags": ["ok", "Bad Tag", "ok"],
           "links": [{"label": "", "url": "ftp://x"}, {"label": "x", "url": "https://y", "extra": 1}],
           "repo_url": "javascript:alert(1)", "status": "done", "visibility": 3,
           "featured": "yes", "sort_order": 1.5, "summary": "s" * 501, "tech_stack": ["x"] * 31}
    status, _, problem = api.call("POST", P, doc, admin=True)
    assert status == 422
    assert problem["type"] == "urn:vitrine:problem:validation-failed"
    got = {(e["field"], e["code"]) for e in problem["errors"]}
    assert got >= {
        ("title", "required"), ("slug", "invalid_format"), ("tags/1", "invalid_format"),
        ("tags/2", "duplicate"), ("links/0/label", "required"), ("links/0/url", "invalid_url"),
        ("links/1/extra", "unknown_field"), ("repo_url", "invalid_url"),
        ("status", "invalid_value"), ("visibility", "invalid_value"),
        ("featured", "invalid_type"), ("sort_order", "invalid_type"), ("summary", "too_long"),
        ("tech_stack", "too_many")}, got
    status, _, page = api.call("GET", P, admin=True)
    assert page["items"] == []  # nothing was written


@pytest.mark.parametrize("field", ["id", "version", "created_at", "updated_at", "body_html"])
def test_read_only_fields_are_refused_on_create_and_patch(api, field):
    status, _, problem = api.call("POST", P, {"title": "x", field: "y"}, admin=True)
    assert status == 422
    assert {"field": field, "code": "read_only"}.items() <= problem["errors"][0].items()
    body, headers = create(api)
    status, _, problem = api.call("PATCH", f"{P}/{body['id']}", {field: "y"}, admin=True,
                                  content_type="application/merge-patch+json",
                                  headers={"If-Match": headers["etag"]})
    assert status == 422 and problem["errors"][0]["code"] == "read_only"


def test_unknown_fields_are_refused(api):
    status, _, problem = api.call("POST", P, {"title": "x", "owner": "me"}, admin=True)
    assert status == 422
    assert problem["errors"] == [{"field": "owner", "code": "unknown_field",
                                  "message": "is not a field of a project"}]


def test_merge_patch_changes_only_what_it_names(api):
    body, headers = create(api, title="Before", summary="keep", tags=["a", "b"],
                           repo_url="https://r.example", body_markdown="*old*")
    patch = {"title": "After", "tags": None, "repo_url": None, "body_markdown": "**new**"}
    status, h2, after = api.call("PATCH", f"{P}/{body['id']}", patch, admin=True,
                                 content_type="application/merge-patch+json",
                                 headers={"If-Match": headers["etag"]})
    assert status == 200, after
    assert after["title"] == "After" and after["summary"] == "keep"
    assert after["tags"] == [] and after["repo_url"] is None
    assert after["body_html"] == "<p><strong>new</strong></p>\n"
    assert after["slug"] == body["slug"]  # a slug does not follow the title once set
    assert after["version"] == 2 and after["updated_at"] > body["updated_at"]
    assert after["created_at"] == body["created_at"]
    assert h2["etag"] != headers["etag"]
    status, _, got = api.call("GET", f"{P}/{body['id']}", admin=True)
    assert got == after


def test_patch_preconditions(api):
    body, headers = create(api)
    url = f"{P}/{body['id']}"
    status, _, problem = api.call("PATCH", url, {"title": "x"}, admin=True,
                                  content_type="application/merge-patch+json")
    assert status == 428 and problem["type"] == "urn:vitrine:problem:precondition-required"
    ok = {"If-Match": headers["etag"]}
    status, _, _ = api.call("PATCH", url, {"title": "x"}, admin=True, headers=ok,
                            content_type="application/merge-patch+json")
    assert status == 200
    status, _, problem = api.call("PATCH", url, {"title": "y"}, admin=True, headers=ok,
                                  content_type="application/merge-patch+json")
    assert status == 412 and problem["type"] == "urn:vitrine:problem:precondition-failed"
    status, _, _ = api.call("PATCH", url, {"title": "y"}, admin=True, headers={"If-Match": "*"},
                            content_type="application/merge-patch+json")
    assert status == 200
    weak = {"If-Match": "W/" + headers["etag"]}
    status, _, _ = api.call("PATCH", url, {"title": "z"}, admin=True, headers=weak,
                            content_type="application/merge-patch+json")
    assert status == 412  # If-Match compares strongly


def test_patch_needs_the_merge_patch_media_type(api):
    body, headers = create(api)
    status, h, problem = api.call("PATCH", f"{P}/{body['id']}", {"title": "x"}, admin=True,
                                  headers={"If-Match": headers["etag"]})
    assert status == 415
    assert problem["accepted"] == ["application/merge-patch+json"]


def test_post_needs_json(api):
    status, _, problem = api.call("POST", P, raw=b"title=x", admin=True,
                                  content_type="application/x-www-form-urlencoded")
    assert status == 415 and problem["type"] == "urn:vitrine:problem:unsupported-media-type"
    status, _, _ = api.call("POST", P, {"title": "x"}, admin=True,
                            content_type="application/json; charset=utf-8")
    assert status == 201


def test_delete(api):
    body, headers = create(api)
    url = f"{P}/{body['id']}"
    status, _, _ = api.call("DELETE", url, admin=True, headers={"If-Match": '"0000"'})
    assert status == 412
    status, _, data = api.call("DELETE", url, admin=True)
    assert status == 204 and data is None
    status, _, problem = api.call("GET", url, admin=True)
    assert status == 404 and problem["type"] == "urn:vitrine:problem:not-found"
    status, _, _ = api.call("DELETE", url, admin=True)
    assert status == 404


def test_drafts_are_invisible_to_the_public(api):
    draft, _ = create(api, title="Secret draft")
    pub, _ = create(api, title="Public", visibility="published")
    assert draft["visibility"] == "draft"  # the default
    status, _, page = api.call("GET", P)
    assert [p["id"] for p in page["items"]] == [pub["id"]]
    status, _, _ = api.call("GET", f"{P}/{draft['id']}")
    assert status == 404
    status, _, _ = api.call("GET", f"{P}/{draft['slug']}")
    assert status == 404
    status, _, page = api.call("GET", P, admin=True)
    assert {p["id"] for p in page["items"]} == {pub["id"], draft["id"]}
    status, _, got = api.call("GET", f"{P}/{draft['id']}", admin=True)
    assert status == 200 and got["title"] == "Secret draft"


def test_writes_need_credentials(api):
    status, headers, problem = api.call("POST", P, {"title": "x"})
    assert status == 401 and problem["type"] == "urn:vitrine:problem:unauthorized"
    assert headers["www-authenticate"] == 'Bearer realm="vitrine"'
    for bad in ("Bearer " + "w" * 47, "Basic eDp5", "Bearer", "Bearer a.b.c"):
        status, headers, problem = api.call("POST", P, {"title": "x"},
                                            headers={"Authorization": bad})
        assert status == 401 and problem["type"] == "urn:vitrine:problem:invalid-token", bad
        assert 'error="invalid_token"' in headers["www-authenticate"]
    # Reads are public, but credentials that are sent must hold.
    status, _, problem = api.call("GET", P, headers={"Authorization": "Bearer nope"})
    assert status == 401 and problem["type"] == "urn:vitrine:problem:invalid-token"


def test_an_api_token_this_server_never_issued_is_refused(start, db):
    server = start(env={"VITRINE_DATABASE_URL": db.url})
    status, _, problem = server.call("POST", P, {"title": "x"},
                                     headers={"Authorization": "Bearer vtr_" + "x" * 43})
    assert status == 401 and problem["type"] == "urn:vitrine:problem:invalid-token"
    assert db.sql("SELECT COUNT(*) FROM projects") == "0"


def test_list_filters_and_sorts(api):
    def mk(title, **kw):
        return create(api, title=title, visibility="published", **kw)[0]

    a = mk("Alpha", tags=["k8s", "go"], status="active", featured=True, sort_order=3,
           summary="Cluster things")
    b = mk("bravo", tags=["c++"], status="archived", sort_order=1)
    c = mk("Charlie", tags=["k8s"], status="maintained", sort_order=3, summary="CLUSTER ops")

    def ids(query):
        status, _, page = api.call("GET", P + query)
        assert status == 200, page
        return [p["id"] for p in page["items"]]

    assert ids("") == [b["id"], a["id"], c["id"]]  # sort_order, then title
    assert ids("?sort=title") == [a["id"], c["id"], b["id"]]  # byte order: capitals first
    assert ids("?sort=updated_at") == [a["id"], b["id"], c["id"]]
    assert ids("?sort=-updated_at") == [c["id"], b["id"], a["id"]]
    assert ids("?tag=k8s") == [a["id"], c["id"]]
    assert ids("?tag=c%2B%2B") == [b["id"]]
    assert ids("?tag=go&tag2=x".split("&")[0]) == [a["id"]]
    assert ids("?status=archived") == [b["id"]]
    assert ids("?featured=true") == [a["id"]]
    assert ids("?featured=false") == [b["id"], c["id"]]
    assert ids("?q=cluster") == [a["id"], c["id"]]  # case-insensitive, summary
    assert ids("?q=BRAV") == [b["id"]]  # title
    assert ids("?q=%2B%2B") == [b["id"]]  # tags
    assert ids("?q=%25") == []  # LIKE wildcards are literal
    assert ids("?q=_") == []
    assert ids("?tag=k8s&status=maintained") == [c["id"]]


@pytest.mark.parametrize("query,parameter", [
    ("?limit=0", "limit"), ("?limit=101", "limit"), ("?limit=x", "limit"),
    ("?sort=name", "sort"), ("?status=done", "status"), ("?featured=1", "featured"),
    ("?tag=Bad%20Tag", "tag"), ("?cursor=%%%", "cursor"), ("?cursor=abc", "cursor"),
    ("?color=red", "color"), ("?limit=1&limit=2", "limit"), ("?q=%FF", "q"),
    ("?q=" + "x" * 201, "q"),
])
def test_invalid_query_parameters_are_400_naming_the_parameter(api, query, parameter):
    status, _, problem = api.call("GET", P + query)
    assert status == 400, problem
    assert problem["type"] == "urn:vitrine:problem:invalid-parameter"
    assert problem["parameter"] == parameter
    assert parameter in problem["detail"]


def test_cursor_of_another_sort_is_refused(api):
    for i in range(3):
        create(api, title=f"p{i}", visibility="published")
    status, _, page = api.call("GET", P + "?limit=1")
    status, _, problem = api.call("GET", P + "?limit=1&sort=title&cursor=" + page["next_cursor"])
    assert status == 400 and problem["parameter"] == "cursor"


def test_pages_carry_next_cursor_and_link_header(api):
    made = [create(api, title=f"P{i:02}", visibility="published", tags=["x"])[0] for i in range(5)]
    seen, url, links = [], P + "?limit=2&tag=x&sort=title", 0
    while url:
        status, headers, page = api.call("GET", url)
        assert status == 200
        seen += [p["id"] for p in page["items"]]
        if page["next_cursor"]:
            link = headers["link"]
            assert link.endswith('>; rel="next"') and "tag=x" in link and "sort=title" in link
            assert "cursor=" + page["next_cursor"] in link
            url = link[1:link.index(">")]
            links += 1
        else:
            assert "link" not in headers
            url = None
    assert seen == [p["id"] for p in made] and links == 2


def test_etag_and_if_none_match_give_304_and_writes_invalidate(api):
    create(api, title="One", visibility="published")
    status, headers, _ = api.call("GET", P)
    etag = headers["etag"]
    assert headers["cache-control"] == "no-cache" and headers["vary"] == "Authorization"
    status, h304, data = api.call("GET", P, headers={"If-None-Match": etag})
    assert status == 304 and data is None and h304["etag"] == etag
    create(api, title="Two", visibility="published")
    status, headers, page = api.call("GET", P, headers={"If-None-Match": etag})
    assert status == 200 and headers["etag"] != etag and len(page["items"]) == 2
    status, headers, _ = api.call("GET", P, admin=True)
    assert headers["cache-control"] == "private, no-cache"


def test_reads_are_served_from_the_cache(api):
    body, _ = create(api, title="Cached", visibility="published")

    def metric(name):
        _, _, text = api.request("GET", "/metrics")
        line = next(l for l in text.decode().splitlines() if l.startswith(name + " "))
        return float(line.split()[1])

    api.call("GET", f"{P}/{body['id']}")
    hits = metric("vitrine_response_cache_hits_total")
    for _ in range(5):
        status, _, got = api.call("GET", f"{P}/{body['id']}")
        assert status == 200 and got["title"] == "Cached"
    assert metric("vitrine_response_cache_hits_total") == hits + 5


def test_head_of_a_project_has_headers_and_no_body(api):
    body, headers = create(api, title="Head", visibility="published")
    status, h, data = api.request("HEAD", f"{P}/{body['slug']}")
    assert status == 200 and data == b"" and h["etag"] == headers["etag"]


def test_unknown_and_odd_references_are_404(api):
    for ref in ["missing", "0190aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee", "%FF%FE", "a" * 65, "UPPER"]:
        status, _, problem = api.call("GET", f"{P}/{ref}")
        assert status == 404, ref
        assert problem["type"] == "urn:vitrine:problem:not-found"


def test_uuid_shaped_slugs_are_refused(api):
    status, _, problem = api.call("POST", P, {"title": "x", "slug": "0190aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee"},
                                  admin=True)
    assert status == 422 and problem["errors"][0]["code"] == "reserved"


def test_stored_rows_hold_what_the_api_returned(api, db):
    body, _ = create(api, title="Row check", tags=["a"], body_markdown="x")
    row = db.sql(f"SELECT slug, title, version, tags FROM projects WHERE id = '{body['id']}'")
    assert row == "row-check|Row check|1|[\"a\"]"
