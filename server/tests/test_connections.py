"""Keep-alive, pipelining, timeouts against slow and silent clients, the connection cap."""
import socket
import time

from conftest import read_response, wait_until

GET = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"


def closed_by_peer(sock: socket.socket, within: float) -> bool:
    """True when the server closes the connection within `within` seconds."""
    sock.settimeout(within)
    try:
        while True:
            if not sock.recv(4096):
                return True
    except (ConnectionResetError, BrokenPipeError):
        return True
    except socket.timeout:
        return False


def test_keep_alive_serves_many_requests_on_one_connection(server):
    with server.connect() as s:
        for _ in range(20):
            s.sendall(GET)
            assert read_response(s).startswith(b"HTTP/1.1 200")


def test_pipelined_requests_are_answered_in_order(server):
    requests = b"".join(
        f"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: p{i}\r\n\r\n".encode() for i in range(50))
    with server.connect() as s:
        s.sendall(requests)
        s.settimeout(5)
        data = b""
        while data.count(b"HTTP/1.1 200") < 50 or not data.endswith(b'{"status":"ok"}'):
            chunk = s.recv(65536)
            assert chunk, "connection closed before 50 responses"
            data += chunk
    ids = [line.split(b": ")[1] for line in data.split(b"\r\n") if line.startswith(b"X-Request-Id")]
    assert ids == [f"p{i}".encode() for i in range(50)]


def test_silent_client_is_disconnected_after_read_timeout(start):
    server = start("--read-timeout", "1s")
    with server.connect() as s:
        t0 = time.monotonic()
        assert closed_by_peer(s, within=5)
        assert time.monotonic() - t0 >= 0.9


def test_slowloris_trickle_is_disconnected(start):
    server = start("--read-timeout", "1s")
    with server.connect() as s:
        s.sendall(b"GET /healthz HTTP/1.1\r\n")
        t0 = time.monotonic()
        closed = False
        # A byte every 100 ms keeps every single read short; only a whole-request deadline
        # stops this client.
        while time.monotonic() - t0 < 5:
            try:
                s.sendall(b"X")
            except (BrokenPipeError, ConnectionResetError):
                closed = True
                break
            if closed_by_peer(s, within=0.1):
                closed = True
                break
        assert closed, "server kept a trickling client for 5 s with a 1 s read timeout"
        assert time.monotonic() - t0 < 3


def test_idle_keep_alive_connection_is_closed(start):
    server = start("--idle-timeout", "1s")
    with server.connect() as s:
        s.sendall(GET)
        assert read_response(s).startswith(b"HTTP/1.1 200")
        assert closed_by_peer(s, within=5)


def test_connection_close_is_honoured(server):
    with server.connect() as s:
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        data = read_response(s)
        assert b"Connection: close" in data
        assert closed_by_peer(s, within=5)


def test_connection_cap_refuses_with_503(start):
    server = start("--max-connections", "2")
    held = [server.connect(), server.connect()]
    try:
        for s in held:  # make sure both are accepted and counted
            s.sendall(GET)
            assert read_response(s).startswith(b"HTTP/1.1 200")
        with server.connect() as extra:
            data = read_response(extra)
        assert data.startswith(b"HTTP/1.1 503")
        assert b"urn:vitrine:problem:too-many-connections" in data
        assert b"Retry-After: 1" in data
    finally:
        held.pop().close()

    refused = 1  # every 503 this test receives must be counted, no more
    slot: list = []  # the connection that got the freed slot, kept for the metrics read

    def accepted():
        nonlocal refused
        s = server.connect()
        try:
            s.sendall(GET)
            data = read_response(s)
        except ConnectionResetError:  # refused: closed with our request unread
            data = b""
        if data.startswith(b"HTTP/1.1 200"):
            slot.append(s)
            return True
        s.close()
        refused += 1
        return False

    wait_until(accepted, 5, "a connection slot after closing one")
    # Read the counter on that connection: a new one could itself be refused while the server
    # has not yet seen the closes (a race the TSan build's slower server lost).
    slot[0].sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
    body = read_response(slot[0]).partition(b"\r\n\r\n")[2]
    for s in held + slot:
        s.close()
    assert f"vitrine_http_connections_rejected_total {refused}" in body.decode()


def test_http10_keep_alive_only_when_asked(server):
    with server.connect() as s:
        s.sendall(b"GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        data = read_response(s)
        assert b"Connection: keep-alive\r\n" in data
        s.sendall(b"GET /healthz HTTP/1.0\r\n\r\n")  # same connection, now without
        data = read_response(s)
        assert data.startswith(b"HTTP/1.1 200") and b"Connection: close\r\n" in data
        assert closed_by_peer(s, within=5)
