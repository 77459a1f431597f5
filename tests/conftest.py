"""Shared fixtures: example articles, hand-built reports and a real PostgreSQL URL."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
PG_URL = os.environ.get("WARWIRE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture
def pg_url() -> str:
    """The real PostgreSQL server; skipped only off CI when no server answers."""
    sqlalchemy = pytest.importorskip("sqlalchemy")
    pytest.importorskip("psycopg")
    try:
        engine = sqlalchemy.create_engine(PG_URL)
        with engine.connect() as conn:
            conn.exec_driver_sql("select 1")
            for table in ("claims", "places", "events", "articles"):
                conn.exec_driver_sql(f"drop table if exists {table} cascade")
            conn.commit()
        engine.dispose()
    except sqlalchemy.exc.OperationalError as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no PostgreSQL server at {PG_URL}: {exc.orig}")
    return PG_URL
