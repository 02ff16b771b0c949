"""Checks of the monitoring configs in observability/ (ctest `observability`).

Real parts where they run here: promtool and amtool from Debian check and unit-test the
Prometheus and Alertmanager configs; the dashboards' metrics are compared with what a
running vitrine and Debian's node, postgres and redis exporters really expose; a real
Prometheus and Alertmanager run the rules end to end (test_stack.py). Grafana, Loki, Tempo
and the OpenTelemetry Collector are not in Debian 12: their files are checked by structure.
The server harness (server/tests/conftest.py) starts vitrine and PostgreSQL.
"""
from __future__ import annotations

import importlib.util
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "server" / "tests"))

OBS = ROOT / "observability"
RULES = sorted((OBS / "prometheus" / "rules").glob("*.yml"))

# The server's black-box harness (Vitrine, run_cli, PostgresService, ...), loaded under its
# own name: this directory's conftest would shadow it.
_spec = importlib.util.spec_from_file_location("harness", ROOT / "server" / "tests" / "conftest.py")
harness = importlib.util.module_from_spec(_spec)
sys.modules["harness"] = harness
_spec.loader.exec_module(harness)
