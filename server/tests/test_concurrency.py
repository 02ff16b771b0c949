"""Concurrent writers on both stores: optimistic locking holds, and a burst of creates
neither loses rows nor produces server errors."""
import concurrent.futures as cf
import http.client
import json


P = "/api/v1/projects"


def test_32_concurrent_patches_with_one_etag_yield_one_winner(api):
    status, headers, body = api.call("POST", P, {"title": "Contended"}, admin=True)
    assert status == 201
    etag = headers["etag"]

    def patch(i):
        status, _, _ = api.call("PATCH", f"{P}/{body['id']}", {"summary": f"writer {i}"},
                                admin=True, headers={"If-Match": etag},
                                content_type="application/merge-patch+json")
        return status

    with cf.ThreadPoolExecutor(32) as pool:
        statuses = list(pool.map(patch, range(32)))
    assert sorted(statuses) == [200] + [412] * 31, statuses
    status, _, final = api.call("GET", f"{P}/{body['id']}", admin=True)
    assert final["version"] == 2 and final["summary"].startswith("writer ")


def test_1000_concurrent_creates_make_1000_rows_without_5xx(api, db):
    def create(i):
        # One connection per worker thread, kept alive: the load is on the store.
        conn = http.client.HTTPConnection("127.0.0.1", api.port, timeout=30)
        statuses = []
        for k in range(i * 20, i * 20 + 20):
            conn.request("POST", P, body=json.dumps({"title": f"Burst {k}"}),
                         headers={**api.admin, "Content-Type": "application/json"})
            resp = conn.getresponse()
            resp.read()
            statuses.append(resp.status)
        conn.close()
        return statuses

    with cf.ThreadPoolExecutor(50) as pool:
        statuses = [s for chunk in pool.map(create, range(50)) for s in chunk]
    assert len(statuses) == 1000
    assert set(statuses) == {201}, {s: statuses.count(s) for s in set(statuses)}
    assert db.sql("SELECT COUNT(*) FROM projects") == "1000"
    # Derived slugs stayed unique under contention.
    assert db.sql("SELECT COUNT(DISTINCT slug) FROM projects") == "1000"
