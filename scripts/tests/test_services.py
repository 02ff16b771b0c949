"""What the test harnesses start dies with the run that started it, also when that run is
killed or timed out and its teardown never runs: scripts/services/postgres destroys its
throwaway PostgreSQL when the owning process ends (scripts/services/reap-when-gone), not
before; processes started through the harness's tied_to_test_run die with their parent. Bad
input is refused with a message."""
from __future__ import annotations

import os
import pathlib
import signal
import socket
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "server" / "tests"))
from conftest import PostgresService, processes_using, wait_until  # noqa: E402

SERVICE = ROOT / "scripts" / "services" / "postgres"
REAPER = ROOT / "scripts" / "services" / "reap-when-gone"
PYTHON = "/usr/bin/python3"


def owner() -> subprocess.Popen:
    """A process that runs until it is killed or its stdin is closed."""
    return subprocess.Popen([PYTHON, "-c", "import sys; sys.stdin.read()"],
                            stdin=subprocess.PIPE)


def running(pid: int) -> bool:
    """Whether `pid` runs: it exists and is not a zombie waiting for its (new) parent."""
    try:
        stat = pathlib.Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def answers(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
        return True
    except OSError:
        return False


def gone(pg: PostgresService) -> bool:
    return (not os.path.exists(pg.dir) and not answers(pg.port)
            and not processes_using(os.path.join(pg.dir, "data")))


def test_a_killed_owner_takes_its_server_with_it():
    proc = owner()
    pg = PostgresService("--owner", str(proc.pid))
    try:
        assert answers(pg.port)
        wait_until(lambda: processes_using(f"{REAPER} {proc.pid} "), 10, "the reaper waiting")
        proc.kill()  # as ctest does on a timeout: no teardown runs
        proc.wait()
        wait_until(lambda: gone(pg), 60, "the server stopped and its directory gone")
    finally:
        proc.kill()
        pg.destroy()


def test_the_caller_is_the_owner_by_default():
    # A short-lived caller starts the server and ends without destroying it.
    out = subprocess.run(
        [PYTHON, "-c", "import subprocess, sys; "
         "print(subprocess.run([sys.argv[1], 'start'], capture_output=True, text=True, "
         "check=True).stdout)", str(SERVICE)],
        capture_output=True, text=True, timeout=120, check=True)
    pg = PostgresService.started_elsewhere(out.stdout)
    try:
        wait_until(lambda: gone(pg), 60, "the server stopped and its directory gone")
    finally:
        pg.destroy()


def test_a_destroyed_server_leaves_its_reaper_nothing_to_do():
    proc = owner()
    pg = PostgresService("--owner", str(proc.pid))
    try:
        wait_until(lambda: processes_using(f"{REAPER} {proc.pid} "), 10, "the reaper waiting")
        assert answers(pg.port)  # the owner runs: the server stays
        pg.destroy()
        assert gone(pg)
        proc.stdin.close()  # the owner ends normally
        proc.wait(timeout=10)
        wait_until(lambda: not processes_using(f"{REAPER} {proc.pid} "), 30, "the reaper ending")
    finally:
        proc.kill()
        pg.destroy()


def test_a_process_tied_to_the_test_run_dies_with_it():
    # A stand-in for a pytest worker: starts a long-running child through the harness's
    # wrapper, reports the child's pid, and waits until it is killed.
    parent = subprocess.Popen(
        [PYTHON, "-c", "import subprocess, sys; sys.path.insert(0, sys.argv[1]); "
         "from conftest import tied_to_test_run; "
         "child = subprocess.Popen(tied_to_test_run([sys.executable, '-c', "
         "'import signal; signal.pause()']), stdin=subprocess.DEVNULL); "
         "print(child.pid, flush=True); sys.stdin.read()", str(ROOT / "server" / "tests")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    child = None
    try:
        assert parent.stdout is not None
        child = int(parent.stdout.readline())
        assert running(child)
        # setpriv sets PR_SET_PDEATHSIG and then execs the command: a parent killed before
        # that exec is a death the child never hears of. Kill it once the command runs.
        wait_until(lambda: pathlib.Path(f"/proc/{child}/cmdline").read_bytes().startswith(
            PYTHON.encode()), 10, "setpriv exec'ing the child's command")
        parent.kill()
        parent.wait()
        wait_until(lambda: not running(child), 30, "the child killed")
    finally:
        parent.kill()
        if child is not None and running(child):
            os.kill(child, signal.SIGKILL)


def test_the_service_refuses_a_bad_owner():
    ended = subprocess.Popen(["true"])
    ended.wait()
    for args, says in [(["--owner", "abc"], "--owner 'abc' is not a running process"),
                       (["--owner", "0"], "--owner '0' is not a running process"),
                       (["--owner"], "--owner '' is not a running process"),
                       (["--owner", str(ended.pid)], f"--owner '{ended.pid}' is not a running"),
                       (["--debug"], "start takes only --owner PID, not '--debug'")]:
        out = subprocess.run([str(SERVICE), "start", *args], capture_output=True, text=True,
                             timeout=60)
        assert out.returncode == 2, (args, out)
        assert says in out.stderr, (args, out.stderr)
        assert out.stdout == ""


@pytest.mark.parametrize("args", [[], ["1"], ["abc", "true"], ["0", "true"], ["-5", "true"]])
def test_the_reaper_refuses_bad_usage(args):
    out = subprocess.run([str(REAPER), *args], capture_output=True, text=True, timeout=30)
    assert out.returncode == 2, out
    assert "expected a process id (a positive integer) and a command" in out.stderr


def test_the_reaper_runs_the_command_once_the_process_ended(tmp_path):
    proc = owner()
    marker = tmp_path / "ran"
    reaper = subprocess.Popen([str(REAPER), str(proc.pid), "touch", str(marker)])
    try:
        with pytest.raises(subprocess.TimeoutExpired):
            reaper.wait(timeout=1)  # the owner runs: the reaper waits (bounded check)
        assert not marker.exists()
        proc.stdin.close()
        proc.wait(timeout=10)
        assert reaper.wait(timeout=30) == 0
        assert marker.exists()
        # A process that has already ended: the command runs at once.
        assert subprocess.run([str(REAPER), str(proc.pid), "true"], timeout=30).returncode == 0
    finally:
        proc.kill()
        reaper.kill()
