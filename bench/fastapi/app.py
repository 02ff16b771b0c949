"""The service as the delivery dossier first sketched it, for comparison only: Python
FastAPI serving Vitrine's two hottest reads from the same SQLite file vitrine uses.

  GET /healthz            {"status":"ok"}
  GET /api/v1/projects    the published projects, newest order as vitrine's default, 20 per
                          page, in the same JSON shape (pydantic models, as FastAPI is
                          written idiomatically)

Read-only (the file is opened with mode=ro); run by bench/fastapi/run under uvicorn with
uvloop and httptools, one worker per core. Set VITRINE_FASTAPI_DB to the database file.
"""
from __future__ import annotations

import datetime
import json
import os
import sqlite3
import threading

from fastapi import FastAPI, Query
from pydantic import BaseModel

DB = os.environ["VITRINE_FASTAPI_DB"]
app = FastAPI()
_local = threading.local()


def connection() -> sqlite3.Connection:
    """One read-only connection per thread (FastAPI runs sync endpoints on a thread pool)."""
    conn = getattr(_local, "conn", None)
    if conn is None:
        conn = sqlite3.connect(f"file:{DB}?mode=ro", uri=True, check_same_thread=False)
        _local.conn = conn
    return conn


class Link(BaseModel):
    label: str
    url: str


class Project(BaseModel):
    id: str
    slug: str
    title: str
    summary: str
    tags: list[str]
    tech_stack: list[str]
    links: list[Link]
    repo_url: str | None
    demo_url: str | None
    status: str
    visibility: str
    featured: bool
    sort_order: int
    created_at: str
    updated_at: str
    version: int


class ProjectPage(BaseModel):
    items: list[Project]
    next_cursor: str | None


def rfc3339_ms(micros: int) -> str:
    t = datetime.datetime.fromtimestamp(micros / 1e6, datetime.timezone.utc)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


@app.get("/healthz")
def healthz():
    return {"status": "ok"}


@app.get("/api/v1/projects", response_model=ProjectPage)
def list_projects(limit: int = Query(20, ge=1, le=100)):
    rows = connection().execute(
        "SELECT id, slug, title, summary, tags, tech_stack, links, repo_url, demo_url, status, "
        "visibility, featured, sort_order, created_at, updated_at, version FROM projects "
        "WHERE visibility = 'published' ORDER BY featured DESC, sort_order, id LIMIT ?",
        (limit,)).fetchall()
    items = [Project(id=r[0], slug=r[1], title=r[2], summary=r[3], tags=json.loads(r[4]),
                     tech_stack=json.loads(r[5]), links=json.loads(r[6]), repo_url=r[7],
                     demo_url=r[8], status=r[9], visibility=r[10], featured=bool(r[11]),
                     sort_order=r[12], created_at=rfc3339_ms(r[13]),
                     updated_at=rfc3339_ms(r[14]), version=r[15]) for r in rows]
    return ProjectPage(items=items, next_cursor=None)
