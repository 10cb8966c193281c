"""A throw-away database for one benchmark run, on the engine the caller chose.

With DATABASE_URL on PostgreSQL, a fresh database is created beside it, named after
it (and dropped afterwards); otherwise a SQLite file in a temporary folder. Django is set up and
migrated before the body runs, so every benchmark measures on an empty schema.
"""

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


@contextmanager
def scratch_database(label: str = "bench") -> Iterator[tuple[str, Path]]:
    """Yields ("sqlite" | "postgresql", a temporary folder) with Django ready."""
    caller_url = os.environ.get("DATABASE_URL", "")
    postgres = caller_url.startswith(("postgres://", "postgresql://"))
    tmp = tempfile.mkdtemp(prefix="daihoi-bench-")
    parts = urlsplit(caller_url)
    # Named after the caller's database (a shared server: each user keeps to their own
    # names), or daihoi_… when the caller names only the server's `postgres`.
    base = parts.path.strip("/") if parts.path.strip("/") not in ("", "postgres") else "daihoi"
    name = f"{base}_{label}_{os.getpid()}"
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    if postgres:
        _postgres(admin_url, f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "daihoi.settings"
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        yield ("postgresql" if postgres else "sqlite"), Path(tmp)
    finally:
        if "django.apps" in sys.modules and sys.modules["django.apps"].apps.ready:
            from django.db import connections

            connections.close_all()
        if postgres:
            _postgres(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(tmp, ignore_errors=True)


def private_tmp() -> str:
    """A temporary folder of this run's own, for the runs it starts (their TMPDIR), so that
    another process sweeping the shared temporary folder cannot pull a database away."""
    global _PRIVATE
    if _PRIVATE is None:
        _PRIVATE = tempfile.mkdtemp(prefix=f"run-{os.getpid()}-", dir=os.path.expanduser("~"))
        import atexit

        atexit.register(shutil.rmtree, _PRIVATE, ignore_errors=True)
    return _PRIVATE


_PRIVATE: str | None = None


def _postgres(admin_url: str, sql: str) -> None:
    import psycopg

    # psycopg does not take the "postgresql+…"-free alias dj-database-url accepts as well.
    with psycopg.connect(admin_url.replace("postgresql://", "postgres://"), autocommit=True) as c:
        c.execute(sql)


def database_cpu() -> float:
    """CPU seconds of the PostgreSQL backend of this process's connection (0 on SQLite,
    whose work is in this process). Keep the connection for the whole run
    (CONN_MAX_AGE None), or a new backend's CPU starts again from 0."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
