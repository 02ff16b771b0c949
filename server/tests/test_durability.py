"""kill -9 in the middle of a stream of creates: every create that was answered 201 is
there after a restart, on both stores."""
import http.client
import json
import signal
import threading

from conftest import wait_until

P = "/api/v1/projects"


def test_acknowledged_creates_survive_kill_9(start, db):
    env = {"VITRINE_DATABASE_URL": db.url}
    server = start(env=env, token=True)
    acknowledged: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()

    def writer(n):
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        k = 0
        while not stop.is_set():
            k += 1
            try:
                conn.request("POST", P, body=json.dumps({"title": f"w{n}-{k}"}),
                             headers={**server.admin, "Content-Type": "application/json"})
                resp = conn.getresponse()
                data = resp.read()
            except (OSError, http.client.HTTPException):
                return  # the server died mid-request: that one was never acknowledged
            if resp.status == 201:
                with lock:
                    acknowledged.append(json.loads(data)["id"])

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    wait_until(lambda: len(acknowledged) >= 300, 30, "300 acknowledged creates")
    server.signal(signal.SIGKILL)
    server.wait_exit()
    stop.set()
    for t in threads:
        t.join(timeout=10)

    restarted = start(env=env, token=server.admin["Authorization"][7:])
    status, _, _ = restarted.call("GET", P, admin=True)
    assert status == 200
    missing = [i for i in acknowledged
               if restarted.call("GET", f"{P}/{i}", admin=True)[0] != 200]
    assert not missing, f"{len(missing)} of {len(acknowledged)} acknowledged creates were lost"
