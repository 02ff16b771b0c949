"""Check targets on 127.0.0.1 that the tests steer: an HTTP server that answers, fails,
hangs or answers slowly on demand, a TLS server with a certificate made by the openssl CLI,
and a port where nothing listens. Each records what it received."""
from __future__ import annotations

import http.server
import pathlib
import socket
import ssl
import subprocess
import threading
import time


class Behaviour:
    """What the HTTP target does next; the test changes it while vitrine checks."""

    def __init__(self):
        self.status = 200
        self.body = b'{"status":"ok","db":{"ok":true}}'
        self.content_type = "application/json"
        self.delay = 0.0  # seconds before answering; a long one is a hang
        self.script: list[int] = []  # statuses for the next requests, in order, then `status`
        self.lock = threading.Lock()
        self.requests: list[dict] = []  # {"path", "method", "headers", "body", "at"}

    def set(self, **changes):
        with self.lock:
            for key, value in changes.items():
                setattr(self, key, value)

    def received(self) -> list[dict]:
        with self.lock:
            return list(self.requests)


def _handler(behaviour: Behaviour):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):  # quiet
            pass

        def _answer(self):
            length = int(self.headers.get("Content-Length") or 0)
            received = self.rfile.read(length)
            with behaviour.lock:
                behaviour.requests.append({"path": self.path, "method": self.command,
                                           "headers": dict(self.headers.items()),
                                           "body": received, "at": time.monotonic()})
                status, body, ctype, delay = (behaviour.status, behaviour.body,
                                              behaviour.content_type, behaviour.delay)
                if behaviour.script:
                    status = behaviour.script.pop(0)
            if delay:
                time.sleep(delay)
            try:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)
            except OSError:
                pass  # the checker gave up (timeout) and closed

        do_GET = do_POST = do_HEAD = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _answer

    return Handler


class HttpTarget:
    def __init__(self, tls_context: ssl.SSLContext | None = None):
        self.behaviour = Behaviour()
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.behaviour))
        self.server.daemon_threads = True
        if tls_context is not None:
            self.server.socket = tls_context.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_certificate(directory: pathlib.Path, days: int) -> tuple[pathlib.Path, pathlib.Path]:
    """A self-signed certificate for 127.0.0.1 valid `days` days: (cert.pem, key.pem). It is
    its own CA: point VITRINE_CHECK_CA_FILE at the cert to trust it."""
    cert, key = directory / f"cert-{days}d.pem", directory / f"key-{days}d.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:P-256", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", str(days), "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True, timeout=30)
    return cert, key


def tls_target(directory: pathlib.Path, days: int) -> tuple[HttpTarget, pathlib.Path]:
    """An HTTPS target whose certificate expires in `days` days, and its certificate."""
    cert, key = make_certificate(directory, days)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return HttpTarget(context), cert
