"""Checks of the backup artifacts (deploy/backup/, ctest `backup`): the restore drill end to
end on a real PostgreSQL with the project's pgBackRest configuration, the configuration's
variants and schedules, and the SQLite backup job against a running vitrine. The server
harness (server/tests/conftest.py) starts vitrine."""
from __future__ import annotations

import importlib.util
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[3]
BACKUP = ROOT / "deploy" / "backup"
sys.path.insert(0, str(ROOT / "server" / "tests"))

# The server's black-box harness, under its own name (this conftest would shadow it).
_spec = importlib.util.spec_from_file_location("harness", ROOT / "server" / "tests" / "conftest.py")
harness = importlib.util.module_from_spec(_spec)
sys.modules["harness"] = harness
_spec.loader.exec_module(harness)

# The harness's fixtures, for these tests.
start = harness.start
workdir = harness.workdir


def push_monitor(server, name: str, interval: int) -> tuple[str, str]:
    """A push monitor on `server` (down at the first missed beat): its id and heartbeat URL."""
    status, _, monitor = server.call("POST", "/api/v1/monitors", {
        "name": name, "kind": "push", "interval": interval, "timeout": 120, "retries": 0},
        admin=True)
    assert status == 201, monitor
    return monitor["id"], f"http://127.0.0.1:{server.port}{monitor['push_url']}"


def last_beat(server, monitor_id: str) -> dict | None:
    """The monitor's newest stored result, or None before the first."""
    status, _, page = server.call("GET", f"/api/v1/monitors/{monitor_id}/results?limit=1",
                                  admin=True)
    assert status == 200
    return page["items"][0] if page["items"] else None
