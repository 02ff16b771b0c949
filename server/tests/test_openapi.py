"""The running server against api/openapi.yaml: every documented GET answers with a
documented status and content type, and the problem catalogue matches the code."""
import json
import re

import yaml

from conftest import ROOT


def spec():
    with open(ROOT / "api" / "openapi.yaml") as f:
        return yaml.safe_load(f)


def test_every_documented_get_answers_as_documented(server):
    doc = spec()
    assert doc["paths"], "no paths"
    for path, item in doc["paths"].items():
        op = item.get("get")
        if op is None or "{" in path:
            continue
        status, headers, body = server.request("GET", path)
        assert str(status) in op["responses"], (path, status)
        response = op["responses"][str(status)]
        if "$ref" in response:  # "#/components/responses/Name"
            response = doc["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
        documented = response.get("content", {})
        assert headers["content-type"] in documented, (path, headers["content-type"])
        assert headers["x-request-id"]
        if headers["content-type"].startswith("application/json"):
            schema = documented[headers["content-type"]]["schema"]
            for key in schema.get("required", []):
                assert key in json.loads(body), (path, key)


def test_problem_types_match_the_code():
    enum = set(spec()["components"]["schemas"]["Problem"]["properties"]["type"]["enum"])
    header = (ROOT / "server" / "src" / "http" / "problem.hpp").read_text()
    in_code = {"urn:vitrine:problem:" + slug
               for slug in re.findall(r'ProblemType k\w+\{"([a-z-]+)"', header)}
    assert in_code, "no problem types found in problem.hpp"
    assert enum == in_code
    documented = (ROOT / "docs" / "api" / "problems.md").read_text()
    for t in in_code:
        assert f"`{t}`" in documented, t
