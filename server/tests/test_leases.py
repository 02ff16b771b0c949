"""Two vitrine processes on one database split the monitors through leases (never both
checking one), and when one is killed the other takes its monitors over within two
intervals; on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime
import re
import time

from conftest import FAST, create_token, wait_until

INTERVAL = 5  # seconds
TTL = 3  # VITRINE_LEASE_TTL: renewed every second
MONITORS = 6
UP_SERIES = re.compile(r'^vitrine_monitor_up\{[^}]*monitor="([^"]+)"', re.M)


def checking(server) -> set[str]:
    """The monitors `server` checks now: the ones it exports a state for."""
    _, _, text = server.request("GET", "/metrics")
    return set(UP_SERIES.findall(text.decode()))


def results(server, monitor_id: str) -> list[float]:
    status, _, page = server.call("GET", f"/api/v1/monitors/{monitor_id}/results?limit=1000",
                                  admin=True)
    assert status == 200, page
    return sorted(datetime.datetime.fromisoformat(r["at"].replace("Z", "+00:00")).timestamp()
                  for r in page["items"])


def test_two_replicas_split_the_monitors_and_one_takes_over_when_the_other_dies(
        start, db, workdir, target):
    env = {"VITRINE_DATABASE_URL": db.url, **FAST, "VITRINE_LEASE_TTL": f"{TTL}s",
           "VITRINE_MONITOR_RELOAD": "1s"}
    token = create_token(env, workdir)
    a = start(env=env, token=token)
    ids = set()
    for i in range(MONITORS):
        status, _, m = a.call("POST", "/api/v1/monitors", {
            "name": f"m{i}", "kind": "http", "target": target.url(f"/m{i}"),
            "interval": INTERVAL, "timeout": 1}, admin=True)
        assert status == 201, m
        ids.add(m["id"])
    wait_until(lambda: checking(a) == ids, 30, "the first replica checking every monitor")

    b = start(env=env, token=token)
    wait_until(lambda: len(checking(a)) == MONITORS // 2 and len(checking(b)) == MONITORS // 2,
               30, "the two replicas sharing the monitors")
    on_a, on_b = checking(a), checking(b)
    assert on_a | on_b == ids and not on_a & on_b

    # Never both: over a stretch of both running, no monitor is checked more often than its
    # interval allows.
    since = time.time()
    wait_until(lambda: time.time() - since > 3 * INTERVAL, 4 * INTERVAL, "three intervals")
    until = time.time()
    for monitor_id in ids:
        during = [t for t in results(a, monitor_id) if since <= t <= until]
        assert len(during) <= (until - since) / INTERVAL + 1, (monitor_id, during)
    assert checking(a) == on_a and checking(b) == on_b  # stable

    a.proc.kill()  # no clean stop: its leases run out
    killed_at = time.time()
    a.proc.wait()
    wait_until(lambda: checking(b) == ids, 4 * INTERVAL, "the survivor checking every monitor")
    for monitor_id in on_a:
        after = wait_until(lambda: [t for t in results(b, monitor_id) if t > killed_at],
                           10, "the survivor's results stored")
        assert after[0] - killed_at <= 2 * INTERVAL, (monitor_id, after[0] - killed_at)


def test_a_clean_stop_hands_the_monitors_over_at_once(start, db, workdir, target):
    env = {"VITRINE_DATABASE_URL": db.url, **FAST, "VITRINE_LEASE_TTL": "60s",
           "VITRINE_MONITOR_RELOAD": "1s"}
    token = create_token(env, workdir)
    a = start(env=env, token=token)
    b = start(env=env, token=token)
    status, _, m = a.call("POST", "/api/v1/monitors", {
        "name": "m", "kind": "http", "target": target.url(), "interval": 1, "timeout": 0.8},
                        admin=True)
    assert status == 201, m
    # The creator claims the new monitor, unless the other replica's lease round took it
    # first (it takes free monitors up to its share): either way exactly one checks it.
    holder = wait_until(lambda: next((s for s in (a, b) if m["id"] in checking(s)), None), 10,
                        "one replica checking it")
    other = b if holder is a else a
    assert m["id"] not in checking(other)
    holder.stop()  # SIGTERM: the leases are given back, not left to run out (60 s here)
    wait_until(lambda: m["id"] in checking(other), 15, "the other replica taking it at once")
