"""Real processes for multi-worker tests: `daihoi serve` and `daihoi worker`, started by
the test against the test database (PostgreSQL only: SQLite's test database lives
in the test process's memory)."""

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

DAIHOI = str(Path(sys.executable).with_name("daihoi"))


def needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("several processes share the test database only on PostgreSQL")


def child_env(**extra: str) -> dict:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    env.update(extra)
    return env


def start(*args: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [DAIHOI, *args],
        env=child_env(**env),
        stdout=subprocess.DEVNULL,
        stderr=open(os.environ.get("DAIHOI_TEST_STDERR", os.devnull), "ab"),
        start_new_session=True,
    )


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, 15)
    proc.wait(timeout=60)


@contextmanager
def served(port: int, workers: int = 4, **env: str):
    """`daihoi serve --workers N --bind 127.0.0.1:PORT`; yields its base URL."""
    proc = start("serve", "--workers", str(workers), "--bind", f"127.0.0.1:{port}", **env)
    try:
        wait_for_port(port, proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(proc)


def wait_for_port(port: int, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"daihoi serve exited with {proc.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"nothing answered on port {port}")
