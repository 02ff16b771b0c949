"""scripts/check-docs: the repository's documentation passes it, and it finds each kind of
problem it promises to find (in a small repository made for the test)."""
from __future__ import annotations

import pathlib
import shutil
import subprocess
import textwrap

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
CHECK = ROOT / "scripts" / "check-docs"
ADR = """\
# ADR {n:04d}: A decision

- Status: accepted
- Date: 2026-11-27

## Context

Why.

## Decision

What.

## Alternatives

What not.

## Consequences

Then.
"""


def run(root: pathlib.Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(CHECK), "--root", str(root), *args], capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def repo(tmp_path: pathlib.Path) -> pathlib.Path:
    """A repository that passes: two documents linking each other, two ADRs and an alert
    with its runbook section."""
    (tmp_path / "docs" / "adr").mkdir(parents=True)
    (tmp_path / "docs" / "adr" / "template.md").write_text(ADR.format(n=0).replace("0000", "NNNN"))
    for n in (1, 2):
        (tmp_path / "docs" / "adr" / f"{n:04d}-decision.md").write_text(ADR.format(n=n))
    (tmp_path / "docs" / "guide.md").write_text(textwrap.dedent("""\
        # Guide

        ## Limits (all in `.env.example`)

        See [the runbook](runbooks/alerts.md#somethingbroke), [limits](#limits-all-in-envexample),
        [the ADRs](adr/), [a site](https://example.com/x#y) and `[not a link](nowhere.md)`.

        ```text
        [also not a link](nowhere.md)
        ```
        """))
    (tmp_path / "docs" / "runbooks").mkdir()
    (tmp_path / "docs" / "runbooks" / "alerts.md").write_text(
        "# Alerts\n\n## SomethingBroke\n\nBack to the [guide](../guide.md).\n")
    rules = tmp_path / "observability" / "prometheus" / "rules"
    rules.mkdir(parents=True)
    (rules / "x.yml").write_text(textwrap.dedent("""\
        groups:
          - name: x
            rules:
              - record: job:x:rate5m
                expr: rate(x[5m])
              - alert: SomethingBroke
                expr: up == 0
                annotations:
                  runbook_url: docs/runbooks/alerts.md#somethingbroke
        """))
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    return tmp_path


def test_the_repository_documentation_is_clean():
    out = run(ROOT)
    assert out.returncode == 0, out.stderr
    assert "check-docs: clean" in out.stdout and "markdownlint" in out.stdout


def test_a_clean_repository_passes(repo):
    out = run(repo, "--no-markdownlint")
    assert out.returncode == 0, out.stderr
    assert "5 Markdown files, 5 links, 2 ADRs, 1 alerts' runbooks" in out.stdout


def test_broken_links_and_anchors_are_named(repo):
    guide = repo / "docs" / "guide.md"
    guide.write_text(guide.read_text() + textwrap.dedent("""
        [gone](missing.md), [no such part](runbooks/alerts.md#nothing),
        [outside](../../etc/passwd), [a fragment on a directory](adr/#x).

        [ref]: ./also-missing.md
        """))
    out = run(repo, "--no-markdownlint")
    assert out.returncode == 1
    assert "docs/guide.md:12: 'missing.md' does not exist" in out.stderr
    assert "'runbooks/alerts.md#nothing': no heading #nothing in docs/runbooks/alerts.md" in out.stderr
    assert "'../../etc/passwd' points outside the repository" in out.stderr
    assert "'adr/#x' has a #fragment but is not a Markdown file" in out.stderr
    assert "docs/guide.md:15: './also-missing.md' does not exist" in out.stderr
    assert "nowhere.md" not in out.stderr  # code is not checked
    assert "5 problems" in out.stderr


def test_adrs_must_follow_the_template_and_be_numbered_without_gaps(repo):
    adr = repo / "docs" / "adr"
    (adr / "0002-decision.md").rename(adr / "0003-decision.md")
    (adr / "0001-decision.md").write_text(
        ADR.format(n=1).replace("## Alternatives\n\nWhat not.\n\n", "").replace("- Date: 2026-11-27\n", ""))
    out = run(repo, "--no-markdownlint")
    assert out.returncode == 1
    assert "docs/adr/0003-decision.md: numbered 0003, expected 0002 (no gaps)" in out.stderr
    assert "docs/adr/0001-decision.md: no '- Date: ' line" in out.stderr
    assert ("docs/adr/0001-decision.md: sections ['Context', 'Decision', 'Consequences'], the "
            "template's are ['Context', 'Decision', 'Alternatives', 'Consequences']") in out.stderr


def test_every_alert_needs_a_runbook_section(repo):
    rules = repo / "observability" / "prometheus" / "rules" / "x.yml"
    rules.write_text(rules.read_text().replace("#somethingbroke", "#otherthing") + textwrap.indent(
        "- alert: NoRunbook\n  expr: up == 0\n", "      "))
    out = run(repo, "--no-markdownlint")
    assert out.returncode == 1
    assert ("alert SomethingBroke: 'docs/runbooks/alerts.md#otherthing': no heading #otherthing"
            in out.stderr)
    assert "alert NoRunbook: no runbook_url" in out.stderr


def test_markdownlint_findings_fail_the_check(repo):
    shutil.copy(ROOT / ".markdownlint-cli2.jsonc", repo)
    assert run(repo).returncode == 0
    (repo / "docs" / "guide.md").write_text("# Guide\n## No blank line above\n\n" + "x " * 60 + "\n")
    out = run(repo)
    assert out.returncode == 1
    assert "docs/guide.md:2 MD022/blanks-around-headings" in out.stderr
    assert "docs/guide.md:4:101 MD013/line-length" in out.stderr
