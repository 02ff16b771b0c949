"""PostgreSQL goes away and comes back: writes get 503 database-unavailable, /readyz says
so, and both recover without restarting vitrine."""
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import PostgresService, wait_until

P = "/api/v1/projects"


@pytest.fixture
def own_pg():
    service = PostgresService()  # its own server: stopping it must not disturb other tests
    yield service
    service.destroy()


def test_writes_and_readiness_recover_after_a_postgres_restart(start, own_pg):
    server = start(env={"VITRINE_DATABASE_URL": own_pg.url, "VITRINE_DB_ACQUIRE_TIMEOUT": "500ms"},
                   token=True)
    assert server.call("POST", P, {"title": "before"}, admin=True)[0] == 201
    assert server.request("GET", "/readyz")[0] == 200

    own_pg.stop()
    status, headers, problem = server.call("POST", P, {"title": "during"}, admin=True)
    assert status == 503, problem
    assert problem["type"] == "urn:vitrine:problem:database-unavailable"
    assert headers["retry-after"] == "1"
    assert "127.0.0.1" not in problem["detail"]  # the cause stays in the log
    status, _, body = server.request("GET", "/readyz")
    assert status == 503
    assert b'"name":"database"' in body and b'"status":"failing"' in body

    own_pg.resume()
    resumed = time.monotonic()
    wait_until(lambda: server.request("GET", "/readyz")[0] == 200, 5, "/readyz back to 200")
    wait_until(lambda: server.call("POST", P, {"title": "after"}, admin=True)[0] == 201, 5,
               "writes back to 201")
    assert time.monotonic() - resumed < 5
    # Every pooled connection was cut by the restart; concurrent reads take several of them,
    # and each must be found dead before use and replaced (postgres_database.cpp, alive()),
    # not answer 503.
    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda _: server.call("GET", P, admin=True)[0], range(16)))
    assert statuses == [200] * 16
    status, _, page = server.call("GET", P, admin=True)
    assert status == 200, page
    assert sorted(p["title"] for p in page["items"]) == ["after", "before"]
    assert server.find_log("request failed", problem="database-unavailable")
