"""Validates HTTP responses against api/openapi.yaml: the status must be documented for the
operation (or be one of the server-level problems every request can get), the content type
must be documented for that status, and a JSON body must match its schema, with no
undocumented members (the schemas close their objects).

The harness (conftest.Vitrine.request) calls `check` on every response the black-box tests
receive, so an undocumented status or field fails the test that received it.
"""
from __future__ import annotations

import functools
import gzip
import json
import re

import jsonschema
import yaml

from paths import ROOT

# Answers the server gives before or around any handler (info.description lists them).
SERVER_LEVEL = {
    400: "urn:vitrine:problem:bad-request",
    401: "urn:vitrine:problem:invalid-token",
    403: "urn:vitrine:problem:cors-rejected",
    413: "urn:vitrine:problem:payload-too-large",
    431: "urn:vitrine:problem:header-fields-too-large",
    500: "urn:vitrine:problem:internal-error",
    503: "urn:vitrine:problem:too-many-connections",
}


@functools.lru_cache(maxsize=1)
def spec() -> dict:
    with open(ROOT / "api" / "openapi.yaml") as f:
        return yaml.safe_load(f)


@functools.lru_cache(maxsize=1)
def _routes() -> list[tuple[re.Pattern, str]]:
    routes = []
    for template in spec()["paths"]:
        pattern = "^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)) + "$"
        routes.append((re.compile(pattern), template))
    # Literal paths before templated ones, as the router matches them.
    routes.sort(key=lambda r: "{" in r[1])
    return routes


def _resolve(node: dict) -> dict:
    while isinstance(node, dict) and "$ref" in node:
        node = functools.reduce(lambda d, k: d[k], node["$ref"][2:].split("/"), spec())
    return node


def _validator(schema: dict) -> jsonschema.Draft202012Validator:
    resolver = jsonschema.RefResolver(base_uri="", referrer=spec())
    return jsonschema.Draft202012Validator(schema, resolver=resolver,
                                           format_checker=jsonschema.FormatChecker())


class ContractError(AssertionError):
    pass


def check(method: str, target: str, status: int, headers: dict[str, str], body: bytes) -> None:
    path = target.split("?", 1)[0]
    template = next((t for rx, t in _routes() if rx.match(path)), None)
    method = method.lower()
    if template is None or method in ("options",):
        return  # not an API path (router tests): nothing documented to hold it to
    item = spec()["paths"][template]
    op = item.get("get" if method == "head" else method)
    if op is None:
        if status == 405:
            return  # the router's answer for an undocumented method
        raise ContractError(f"{method.upper()} {template} answered {status} but is not documented")
    responses = op["responses"]
    where = f"{method.upper()} {target} -> {status}"
    ctype = headers.get("content-type", "")
    if str(status) in responses:
        response = _resolve(responses[str(status)])
        content = response.get("content")
        if not content:
            if body and method != "head":
                raise ContractError(f"{where}: documented without a body, got {body[:200]!r}")
            return
        if ctype not in content:
            raise ContractError(f"{where}: content type {ctype!r} not documented ({list(content)})")
        schema = content[ctype].get("schema")
    elif status in SERVER_LEVEL and ctype == "application/problem+json":
        schema = {"$ref": "#/components/schemas/Problem"}
        if json.loads(body).get("type") != SERVER_LEVEL[status]:
            raise ContractError(f"{where}: undocumented status with problem {body[:200]!r}")
    else:
        raise ContractError(f"{where}: status not documented (documented: {sorted(responses)})")
    if method == "head" or schema is None:
        return
    if ctype.startswith("application/json") or ctype == "application/problem+json":
        if headers.get("content-encoding") == "gzip":
            body = gzip.decompress(body)
        try:
            doc = json.loads(body)
        except ValueError as e:
            raise ContractError(f"{where}: body is not JSON: {e}") from None
        errors = sorted(_validator(schema).iter_errors(doc), key=lambda e: list(e.path))
        if errors:
            details = "; ".join(f"{'/'.join(map(str, e.path)) or '<root>'}: {e.message}"
                                for e in errors[:5])
            raise ContractError(f"{where}: body does not match the schema: {details}")
