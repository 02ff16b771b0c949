"""The command line, configuration sources and errors, and the logs."""
import os
import re
import signal
import socket
import subprocess

from conftest import BIN, clean_env, free_port, read_until_listening, run_cli



def test_help_on_every_subcommand(workdir):
    for args in (["--help"], ["serve", "--help"], ["version", "--help"], ["config", "--help"],
                 ["config", "check", "--help"], ["healthcheck", "--help"]):
        r = run_cli(*args, cwd=workdir)
        assert r.returncode == 0, (args, r.stderr)
        assert "Usage:" in r.stdout


def test_unknown_subcommand_or_flag_is_usage_error(workdir):
    assert run_cli("frobnicate", cwd=workdir).returncode == 2
    assert run_cli("serve", "--no-such-flag", cwd=workdir).returncode == 2


def test_version_subcommand(workdir):
    r = run_cli("version", cwd=workdir)
    assert r.returncode == 0
    assert re.match(r"vitrine \d+\.\d+\.\d+ \(commit \S+, built \S+\)", r.stdout)


def test_bad_environment_value_exits_2_naming_the_variable(workdir):
    r = run_cli("serve", env={"VITRINE_THREADS": "lots"}, cwd=workdir)
    assert r.returncode == 2
    assert "VITRINE_THREADS='lots' (from environment) is invalid" in r.stderr
    assert "expected an integer from 0 to 256" in r.stderr


def test_bad_flag_value_exits_2_naming_flag_and_variable(workdir):
    r = run_cli("serve", "--listen", "nowhere:80", cwd=workdir)
    assert r.returncode == 2
    assert "VITRINE_LISTEN='nowhere:80' (from --listen)" in r.stderr


def test_all_errors_are_reported_at_once(workdir):
    r = run_cli("serve", env={"VITRINE_LOG_LEVEL": "loud", "VITRINE_SHUTDOWN_GRACE": "forever"},
                cwd=workdir)
    assert r.returncode == 2
    assert "VITRINE_LOG_LEVEL" in r.stderr and "VITRINE_SHUTDOWN_GRACE" in r.stderr


def test_address_in_use_exits_1_with_reason(workdir):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = run_cli("serve", "--listen", f"127.0.0.1:{port}", cwd=workdir)
    assert r.returncode == 1
    assert "Address already in use" in r.stdout


def test_config_check_shows_values_and_sources(workdir):
    with open(os.path.join(workdir, ".env"), "w") as f:
        f.write("# local settings\nVITRINE_LOG_LEVEL=debug\nVITRINE_THREADS=3\n")
    secret = os.path.join(workdir, "origins")
    with open(secret, "w") as f:
        f.write("https://app.example\n")
    r = run_cli("config", "check", "--threads", "2",
                env={"VITRINE_LOG_FORMAT": "text", "VITRINE_CORS_ORIGINS_FILE": secret},
                cwd=workdir)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "VITRINE_LOG_LEVEL=debug  # .env:2" in out
    assert "VITRINE_THREADS=2  # --threads" in out
    assert "VITRINE_LOG_FORMAT=text  # environment" in out
    assert f"VITRINE_CORS_ORIGINS=https://app.example  # VITRINE_CORS_ORIGINS_FILE ({secret})" in out
    assert "VITRINE_LISTEN=127.0.0.1:8080  # default" in out
    assert out.strip().endswith("configuration OK")


def test_config_check_reports_bad_dotenv_line(workdir):
    with open(os.path.join(workdir, ".env"), "w") as f:
        f.write("VITRINE_LOG_LEVEL=info\nthis is not an assignment\n")
    r = run_cli("config", "check", cwd=workdir)
    assert r.returncode == 2
    assert ".env:2: expected KEY=VALUE" in r.stderr


def test_unknown_variable_is_warned_at_start(start):
    server = start(env={"VITRINE_LISTN": "typo"})
    entry = server.find_log("unknown setting VITRINE_LISTN in the environment (ignored; see .env.example)")
    assert entry and entry["level"] == "warn"


def test_healthcheck_subcommand(server, workdir):
    ok = run_cli("healthcheck", "--listen", f"127.0.0.1:{server.port}", cwd=workdir)
    assert ok.returncode == 0, ok.stderr
    assert "healthy: HTTP/1.1 200 OK" in ok.stdout
    down = run_cli("healthcheck", "--listen", f"127.0.0.1:{free_port()}", "--timeout-ms", "500",
                   cwd=workdir)
    assert down.returncode == 1
    assert "unhealthy" in down.stderr


def test_port_zero_logs_the_chosen_port(server):
    entry = server.find_log("listening")
    assert entry["port"] == server.port
    assert entry["address"] == f"127.0.0.1:{server.port}"
    assert entry["startup_ms"] > 0


def test_log_lines_are_json_with_request_context(server):
    trace = "0af7651916cd43dd8448eb211c80319c"
    server.request("GET", "/healthz", headers={"traceparent": f"00-{trace}-b7ad6b7169203331-01",
                                                "X-Request-Id": "bb-1"})
    entry = server.wait_log("request", request_id="bb-1")
    for key in ("ts", "level", "msg", "logger", "request_id", "trace_id", "span_id"):
        assert key in entry, key
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", entry["ts"])
    assert entry["trace_id"] == trace
    assert re.fullmatch(r"[0-9a-f]{16}", entry["span_id"]) and entry["span_id"] != "b7ad6b7169203331"
    assert entry["route"] == "/healthz" and entry["status"] == 200
    assert all("_raw" not in e for e in server.logs()), "a log line is not JSON"


def test_secrets_in_requests_never_reach_the_logs(server):
    jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2lnbmF0dXJlc2lnbmF0dXJl"
    server.request("GET", "/healthz?password=hunter2&email=ada@example.com&token=" + jwt,
                   headers={"Authorization": "Bearer " + jwt, "User-Agent": "bot ada@example.com",
                            "X-Request-Id": "secret-test"})
    server.wait_log("request", request_id="secret-test")
    everything = "\n".join(server.lines)
    for secret in ("hunter2", "ada@example.com", jwt, "eyJzdWIi"):
        assert secret not in everything, secret


def test_text_log_format(workdir):
    proc = subprocess.Popen([BIN, "serve", "--listen", "127.0.0.1:0", "--log-format", "text"],
                            stdout=subprocess.PIPE, text=True, env=clean_env(), cwd=workdir)
    try:
        assert proc.stdout is not None
        first = line = proc.stdout.readline()
        while line and " listening " not in line:  # "database ready" comes first
            line = proc.stdout.readline()
        assert " info  vitrine listening address=127.0.0.1:" in line
        assert " info  vitrine database ready backend=sqlite" in first
        assert not first.startswith("{") and not line.startswith("{")
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0


def test_stalled_log_output_does_not_stall_requests(workdir):
    """Nobody reads the server's stdout: the pipe fills, lines are dropped and counted,
    and requests keep being answered."""
    proc = subprocess.Popen([BIN, "serve", "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE,
                            text=True, env=clean_env(), cwd=workdir)
    try:
        assert proc.stdout is not None
        port = read_until_listening(proc)["port"]  # then never read again
        batch = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n" * 500
        with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
            for _ in range(40):  # 20,000 access-log lines: far beyond pipe and queue
                s.sendall(batch)
                got = b""
                while got.count(b"HTTP/1.1 200") < 500 or not got.endswith(b'{"status":"ok"}'):
                    chunk = s.recv(1 << 20)
                    assert chunk, "server closed the connection"
                    got += chunk
            s.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            metrics = b""
            while chunk := s.recv(1 << 20):
                metrics += chunk
        dropped = re.search(rb"vitrine_log_lines_dropped_total (\d+)", metrics)
        assert dropped and int(dropped.group(1)) > 0, metrics[-500:]
    finally:
        proc.send_signal(signal.SIGTERM)
        # Drain so the process can flush and exit.
        proc.communicate(timeout=30)
        assert proc.returncode == 0
