"""The bench's own PostgreSQL database and Redis db number, derived from DATABASE_URL and
CELERY_BROKER_URL (or the local defaults), so that a run never touches the test databases.

`configure()` must run before Django is imported: the harness, gunicorn and the Celery workers
all read these environment variables through portal.settings."""

import fcntl
import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import redis

DATABASE_NAME = os.environ.get("BENCH_DATABASE_NAME", "guichet_bench")
REDIS_DB = int(os.environ.get("BENCH_REDIS_DB", "15"))
RESULTS = Path(__file__).resolve().parent / "results"  # logs of gunicorn and workers
DOCUMENTS = RESULTS / "documents"  # the rendered PDFs, removed at the end of a run
_lock = None


def lock():
    """Hold the bench until this process exits: two runs would share its database, broker and
    documents."""
    global _lock
    RESULTS.mkdir(exist_ok=True)
    _lock = open(RESULTS / ".lock", "w")
    try:
        fcntl.flock(_lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise SystemExit("Another bench run is in progress (bench/results/.lock).") from None


def _with_path(url, path):
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def require_font_subsetting():
    """Refuse to time PDFs without HarfBuzz's subsetting library: WeasyPrint then falls back on
    fontTools, about 5 times slower, and the receipt figures would measure the fallback."""
    from weasyprint.text.ffi import harfbuzz_subset  # None when WeasyPrint could not load it

    if harfbuzz_subset is None:
        raise SystemExit(
            "WeasyPrint found no HarfBuzz subsetting library (libharfbuzz-subset), so receipts "
            "would be timed on its slow fallback. Install it: scripts/install-system-packages "
            "(Debian: apt-get install libharfbuzz-subset0).")


def configure():
    """Point this process and its children at the bench database and broker."""
    database = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/guichet")
    if not database.startswith(("postgres://", "postgresql://")):
        raise SystemExit("The bench runs on PostgreSQL: set DATABASE_URL to a postgres:// URL.")
    broker = os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/0"
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DATABASE_URL": _with_path(database, f"/{DATABASE_NAME}"),
        "CELERY_BROKER_URL": _with_path(broker, f"/{REDIS_DB}"),
        "GUICHET_BENCH": "1",
        "GUICHET_ENV": "development",
        "DEBUG": "false",
        "CONN_MAX_AGE": "60",  # as in production
        "EMAIL_URL": "dummymail://",  # notifications are built and "sent", no SMTP server
        "DOCUMENTS_ROOT": str(DOCUMENTS),
        "LOG_LEVEL": "WARNING",
    })


def clear_documents():
    shutil.rmtree(DOCUMENTS, ignore_errors=True)


def _maintenance():
    return psycopg.connect(_with_path(os.environ["DATABASE_URL"], "/postgres"), autocommit=True)


def recreate_database():
    """Drop and create the bench database (migrated afterwards by the harness)."""
    with _maintenance() as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE_NAME}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE_NAME}"')


def copy_database(name):
    """A copy of the bench database named `name` (nobody may be connected to the bench one)."""
    with _maintenance() as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{DATABASE_NAME}"')


def drop_database(name):
    with _maintenance() as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def broker():
    return redis.Redis.from_url(os.environ["CELERY_BROKER_URL"])


def flush_broker():
    broker().flushdb()
