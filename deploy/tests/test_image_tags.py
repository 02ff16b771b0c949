"""deploy/docker/image-tags: the tags CI gives an image (docs/deploy.md, "Image tags")."""
from __future__ import annotations

import pathlib
import re
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "deploy" / "docker" / "image-tags"
SHA = "5b15943e89df0123456789abcdef0123456789ab"
# Docker's grammar for a tag.
TAG = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")


def tags(branch: str, sha: str = SHA) -> subprocess.CompletedProcess:
    return subprocess.run([str(SCRIPT), branch, sha], capture_output=True, text=True)


def test_main_is_stable_and_the_commit():
    r = tags("main")
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["stable", "sha-5b15943e89df"]
    assert tags("refs/heads/main").stdout.split() == ["stable", "sha-5b15943e89df"]


@pytest.mark.parametrize("branch, tag", [
    ("feature/sso", "preview-feature-sso"),
    ("Fix/Login_Rate.Limit", "preview-fix-login_rate.limit"),
    ("dependabot/npm_and_yarn/web/vite-8.3.9", "preview-dependabot-npm_and_yarn-web-vite-8.3.9"),
    ("-weird--", "preview-weird"),
    ("x" * 300, "preview-" + "x" * 120),
])
def test_other_branches_get_a_valid_preview_tag(branch, tag):
    r = tags(branch)
    assert r.returncode == 0, r.stderr
    out = r.stdout.split()
    assert out == [tag, "sha-5b15943e89df"]
    assert all(TAG.fullmatch(t) for t in out)


@pytest.mark.parametrize("args, message", [
    (["main", "abc"], "COMMIT must be 40 lower-case hex digits"),
    (["HEAD", SHA], "a detached HEAD has none"),
    (["", SHA], "BRANCH must name a branch"),
    (["///", SHA], "leaves no characters for a tag"),
    (["main"], "usage: image-tags BRANCH COMMIT"),
])
def test_bad_arguments_are_refused_with_a_reason(args, message):
    r = subprocess.run([str(SCRIPT), *args], capture_output=True, text=True)
    assert r.returncode == 2
    assert message in r.stderr
