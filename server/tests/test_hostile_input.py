"""Hostile bodies and values: clear 4xx problems, never a crash, a hang or a 5xx; payloads
that look like SQL or HTML are stored and returned as inert text."""
import json

import pytest

P = "/api/v1/projects"


def post_raw(api, raw: bytes, content_type="application/json"):
    return api.call("POST", P, raw=raw, admin=True, content_type=content_type)


@pytest.mark.parametrize("raw,offset", [
    (b'{"title": "x",}', 14), (b'{"title": ', 10), (b"[1, 2", 5), (b"nul", 3),
    (b'{"title": "\xff\xfe"}', 11),  # invalid UTF-8 inside a string
    (b'{"title": "a\x00b"}', 12),  # a raw NUL is not allowed in JSON text
])
def test_malformed_json_is_400_with_the_byte_offset(api, raw, offset):
    status, _, problem = post_raw(api, raw)
    assert status == 400, problem
    assert problem["type"] == "urn:vitrine:problem:invalid-json"
    assert abs(problem["offset"] - offset) <= 1, problem


def test_empty_body_is_400(api):
    status, _, problem = post_raw(api, b"")
    assert status == 400 and problem["offset"] == 0


@pytest.mark.parametrize("depth", [33, 10_000, 100_000])
def test_deep_nesting_is_refused_without_a_stack_overflow(api, depth):
    status, _, problem = post_raw(api, b"[" * depth + b"]" * depth)
    assert status == 400 and problem["max_depth"] == 32
    status, _, problem = post_raw(api, b'{"a":' * depth + b"1" + b"}" * depth)
    assert status == 400
    assert api.request("GET", "/healthz")[0] == 200


def test_nesting_within_the_limit_is_parsed(api):
    doc = {"title": "x", "links": [{"label": "l", "url": "https://x.example"}]}
    status, _, _ = post_raw(api, json.dumps(doc).encode())
    assert status == 201


def test_escaped_nul_and_control_characters_are_422(api):
    status, _, problem = api.call("POST", P, {"title": "a\u0000b", "summary": "x\u0007"},
                                  admin=True)
    assert status == 422
    assert {(e["field"], e["code"]) for e in problem["errors"]} == {
        ("title", "invalid_characters"), ("summary", "invalid_characters")}


def test_oversized_fields_and_huge_arrays_are_422(api):
    doc = {"title": "t" * 201, "summary": "s" * 501, "body_markdown": "b" * (100 * 1024 + 1),
           "tags": [f"t{i}" for i in range(10_000)], "links": [{"label": "x", "url": "https://a.b"}] * 21,
           "tech_stack": ["x" * 65]}
    status, _, problem = api.call("POST", P, doc, admin=True)
    assert status == 422
    fields = {e["field"] for e in problem["errors"]}
    assert {"title", "summary", "body_markdown", "tags", "links", "tech_stack/0"} <= fields
    assert len(problem["errors"]) < 100  # one error for a huge array, not one per item


def test_body_beyond_the_server_limit_is_413(api):
    status, _, problem = post_raw(api, b'{"title":"' + b"x" * (2 << 20) + b'"}')
    assert status == 413 and problem["type"] == "urn:vitrine:problem:payload-too-large"


def test_wrong_json_types_at_the_top_are_422(api):
    for raw in [b"[]", b'"title"', b"42", b"null"]:
        status, _, problem = post_raw(api, raw)
        assert status == 422 and problem["errors"][0]["code"] == "invalid_type", raw


def test_title_length_counts_characters_not_bytes(api):
    status, _, body = api.call("POST", P, {"title": "é" * 200}, admin=True)
    assert status == 201 and body["title"] == "é" * 200
    status, _, _ = api.call("POST", P, {"title": "é" * 201}, admin=True)
    assert status == 422


SQL = "'; DROP TABLE projects; --"
HTML = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


def test_sql_and_html_payloads_are_stored_and_returned_inert(api, db):
    doc = {"title": SQL, "summary": HTML, "body_markdown": HTML + "\n\n" + SQL,
           "tech_stack": [SQL, HTML], "links": [{"label": HTML, "url": "https://x.example/?q='%20OR%201=1"}]}
    status, _, body = api.call("POST", P, doc, admin=True)
    assert status == 201, body
    status, _, got = api.call("GET", f"{P}/{body['id']}", admin=True)
    assert got["title"] == SQL and got["summary"] == HTML
    assert got["tech_stack"] == [SQL, HTML] and got["links"][0]["label"] == HTML
    assert "<script" not in got["body_html"] and "onerror" not in got["body_html"]
    assert "&lt;" in got["body_html"] or "raw HTML omitted" in got["body_html"]
    # The table is still there, and searching for the payload is just a search.
    assert db.sql("SELECT COUNT(*) FROM projects") == "1"
    status, _, page = api.call("GET", f"{P}?q=%27%3B%20DROP", admin=True)
    assert status == 200 and [p["id"] for p in page["items"]] == [body["id"]]
    # JSON escaping keeps the markup out of any HTML context.
    _, _, raw = api.request("GET", f"{P}/{body['id']}", headers={"Authorization": "Bearer x"})
    assert b"<script>" not in raw


def test_hostile_query_strings_are_400_not_500(api):
    for q in ["?limit=%00", "?q=%00", "?tag=%27", "?sort=%27", "?cursor=" + "A" * 5000,
              "?limit=99999999999999999999999", "?%ZZ=1"]:
        status, _, problem = api.call("GET", P + q)
        assert status == 400, (q, problem)


def test_hostile_path_references_are_404_not_500(api):
    for ref in ["%00", "..%2F..%2Fetc", "%27%20OR%201%3D1", "a%20b", "x" * 300]:
        status, _, _ = api.call("GET", f"{P}/{ref}")
        assert status == 404, ref
