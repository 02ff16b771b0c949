"""Graceful shutdown: stop accepting, finish in-flight requests, close idle ones, exit 0."""
import os
import signal
import socket
import time

from conftest import read_response, wait_until


def refuses_connections(server) -> bool:
    try:
        socket.create_connection(("127.0.0.1", server.port), timeout=1).close()
        return False
    except OSError:
        return True


def start_upload(server) -> socket.socket:
    """A request whose headers are in and whose body is still to come: in flight."""
    s = server.connect()
    s.sendall(b"POST /api/v1/version HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n"
              b"Expect: 100-continue\r\n\r\n")
    s.settimeout(5)
    assert s.recv(4096) == b"HTTP/1.1 100 Continue\r\n\r\n"
    return s


def test_in_flight_request_completes_after_sigterm(start):
    server = start("--shutdown-grace", "10s")
    upload = start_upload(server)
    server.signal()
    wait_until(lambda: refuses_connections(server), 5, "the listener to close")
    upload.sendall(b"0123456789")
    data = read_response(upload)
    upload.close()
    assert data.startswith(b"HTTP/1.1 405"), data  # answered, not dropped
    assert b"Connection: close" in data
    assert server.wait_exit() == 0
    assert server.find_log("stopped", cut_connections=0)


def test_idle_connections_do_not_delay_shutdown(start):
    server = start("--shutdown-grace", "30s")
    idle = server.connect()
    idle.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
    assert read_response(idle).startswith(b"HTTP/1.1 200")
    t0 = time.monotonic()
    server.signal()
    assert server.wait_exit(timeout=10) == 0
    assert time.monotonic() - t0 < 5, "an idle keep-alive connection held the shutdown"
    idle.settimeout(5)
    assert idle.recv(4096) == b""
    idle.close()


def test_grace_period_bounds_shutdown(start):
    server = start("--shutdown-grace", "1s")
    stuck = start_upload(server)  # never sends its body
    t0 = time.monotonic()
    server.signal()
    assert server.wait_exit(timeout=10) == 0
    took = time.monotonic() - t0
    assert 0.9 <= took < 5, took
    assert server.find_log("stopped", cut_connections=1)
    stuck.close()


def test_sigint_also_stops_gracefully(start):
    server = start()
    server.signal(signal.SIGINT)
    assert server.wait_exit() == 0


def test_signal_right_after_listening_is_graceful(workdir):
    """The handlers are in place before `listening` is logged: a signal at that instant
    stops the server gracefully, also when it starts with SIGINT ignored (as background
    jobs and some CI runners do)."""
    import shutil
    import subprocess

    from conftest import BIN, clean_env, read_until_listening

    def ignore_sigint():
        signal.signal(signal.SIGINT, signal.SIG_IGN)

    for signo in [signal.SIGINT, signal.SIGTERM] * 25:
        proc = subprocess.Popen([BIN, "serve", "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE,
                                text=True, env=clean_env(), cwd=workdir, preexec_fn=ignore_sigint)
        read_until_listening(proc)
        proc.send_signal(signo)
        try:
            out, _ = proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            # Say where it hangs: every thread's stack (gdb, when installed), then its log.
            stacks = "(gdb is not installed)"
            if shutil.which("gdb"):
                stacks = subprocess.run(["gdb", "-p", str(proc.pid), "-batch", "-ex",
                                         "thread apply all bt"], capture_output=True, text=True,
                                        timeout=120).stdout
            proc.kill()
            out, _ = proc.communicate()
            raise AssertionError(f"no exit after {signo.name} right after 'listening'; its log:\n"
                                 f"{out[-4000:]}\nits threads:\n{stacks[-12000:]}")
        assert proc.returncode == 0, (signo.name, proc.returncode)
        assert '"msg":"stopped"' in out


def test_only_threads_running_before_listening_take_the_shutdown_signals(start):
    """The event-loop threads started after `listening` block SIGTERM and SIGINT (a signal
    goes to a thread that was running when the handlers were installed); the main thread
    takes them."""
    server = start("--threads", "3")

    def blocked_masks() -> dict[str, int]:
        """Each thread's blocked-signal mask, by thread name; the main thread as "main"."""
        found = {}
        for task in os.listdir(f"/proc/{server.proc.pid}/task"):
            with open(f"/proc/{server.proc.pid}/task/{task}/comm") as f:
                name = "main" if int(task) == server.proc.pid else f.read().strip()
            with open(f"/proc/{server.proc.pid}/task/{task}/status") as f:
                found[name] = next(int(line.split()[1], 16) for line in f
                                   if line.startswith("SigBlk"))
        return found

    shutdown = (1 << (signal.SIGTERM - 1)) | (1 << (signal.SIGINT - 1))

    def started() -> dict[str, int] | None:
        # `listening` comes just before the loops start; the main thread blocks the signals
        # only while it starts them.
        found = blocked_masks()
        return found if {"http-1", "http-2"} <= set(found) and found["main"] & shutdown == 0 \
            else None

    found = wait_until(started, 10, "the event-loop threads to start")
    assert "http-3" not in found  # three loops: this thread's and two more
    for name in ("http-1", "http-2"):
        assert found[name] & shutdown == shutdown, (name, hex(found[name]))
    server.signal()
    assert server.wait_exit() == 0
