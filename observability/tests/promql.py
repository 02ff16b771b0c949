"""What a PromQL expression reads: the metric names in it, without a PromQL parser (Debian's
promtool 2.42 has no `promql` subcommand). Strings, label matchers, grouping clauses,
ranges and function calls are removed first; every identifier left is a metric name."""
from __future__ import annotations

import re

KEYWORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and",
            "or", "unless", "offset", "inf", "nan", "atan2", "le"}
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`[^`]*`')
_MATCHERS = re.compile(r"\{[^{}]*\}")
_GROUPING = re.compile(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^()]*\)")
_RANGE = re.compile(r"\[[^\]]*\]")
_NAME = re.compile(r"[a-zA-Z_:][a-zA-Z0-9_:]*")
_NUMBER = re.compile(r"\b\d+(\.\d+)?(e[+-]?\d+|ms|[smhdwy])?\b", re.I)

# Grafana's variables, with a value of the right kind, so promtool can parse the result.
GRAFANA_VARIABLES = {"$__rate_interval": "5m", "$__interval": "1m", "$__range": "6h"}


def expand_grafana(expr: str) -> str:
    for name, value in GRAFANA_VARIABLES.items():
        expr = expr.replace(name, value)
    return re.sub(r"\$\{?[a-z_]+\}?", ".*", expr)


def metric_names(expr: str) -> set[str]:
    text = _STRING.sub('""', expr)
    text = _MATCHERS.sub("", text)
    text = _GROUPING.sub("", text)
    text = _RANGE.sub("", text)
    text = _NUMBER.sub("", text)
    names = set()
    for m in _NAME.finditer(text):
        rest = text[m.end():].lstrip()
        if rest.startswith("("):  # a function or aggregation
            continue
        if m.group(0).lower() in KEYWORDS:
            continue
        names.add(m.group(0))
    return names
