"""Keyset pagination under concurrent inserts: a paged walk never returns a project twice,
never skips one that existed before the walk began, and the pages stay in order."""
import random

import pytest

P = "/api/v1/projects"


@pytest.mark.parametrize("sort", ["sort_order", "title", "updated_at", "-updated_at"])
def test_random_inserts_during_a_walk_cause_no_duplicates_or_gaps(api, sort):
    rng = random.Random(f"vitrine-{sort}")

    def insert():
        doc = {"title": rng.choice("ABCDEFGH") + str(rng.randrange(1000)),
               "sort_order": rng.randrange(-5, 5), "visibility": "published"}
        status, _, body = api.call("POST", P, doc, admin=True)
        assert status == 201
        return body["id"]

    before = {insert() for _ in range(60)}
    seen: list[str] = []
    url = f"{P}?limit=7&sort={sort}"
    while url:
        status, _, page = api.call("GET", url)
        assert status == 200
        seen += [p["id"] for p in page["items"]]
        for _ in range(rng.randrange(0, 6)):  # writes between pages
            insert()
        url = f"{P}?limit=7&sort={sort}&cursor={page['next_cursor']}" if page["next_cursor"] else None
    assert len(seen) == len(set(seen)), "a project came twice"
    assert before <= set(seen), f"{len(before - set(seen))} projects skipped"
    # The walk is in the order a single full read gives (restricted to what it saw).
    status, _, everything = api.call("GET", f"{P}?limit=100&sort={sort}")
    full = [p["id"] for p in everything["items"]]
    if len(full) < 100:
        assert [i for i in full if i in set(seen)] == seen
