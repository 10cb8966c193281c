"""The hall's machine in tests: a separate SQLite file driven by `daihoi` subprocesses,
with its own audit key (the server's key never leaves the server)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.elections.conftest import congress, counting, election  # noqa: F401

DAIHOI = str(Path(sys.executable).with_name("daihoi"))


def _env(folder: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CACHE_URL")}
    env.update(
        DATABASE_URL=f"sqlite:///{folder / 'hall.sqlite3'}",
        DAIHOI_AUDIT_KEY_FILE=str(folder / "hall-audit.key"),
        MEDIA_ROOT=str(folder / "media"),
        CACHE_URL="locmem",
    )
    return env


def run(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run([DAIHOI, *args], env=env, capture_output=True, text=True, timeout=600)
    if check and done.returncode != 0:
        raise AssertionError(f"daihoi {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done


@pytest.fixture(scope="session")
def hall_template(tmp_path_factory) -> Path:
    """A migrated hall database holding data of its own: an organisation whose code the
    server also uses (for another unit) and an account named like a server counter."""
    folder = tmp_path_factory.mktemp("hall-template")
    env = _env(folder)
    run(env, "migrate", "--noinput")
    run(
        env,
        "shell",
        "-c",
        "from daihoi.organizations.services import create_organization as mk\n"
        "from django.db import transaction\n"
        "from daihoi.accounts.models import User\n"
        "with transaction.atomic():\n"
        "    mk(None, code='T01', name='Đảng bộ tỉnh khác', level='province', kind='province')\n"
        "User.objects.create_user(username='nhap1', password='mat-khau-cu-cua-may')\n",
    )
    return folder


@pytest.fixture
def hall(hall_template, tmp_path) -> SimpleNamespace:
    """A fresh copy of the hall's machine, and a way to run `daihoi` on it."""
    folder = tmp_path / "hall"
    shutil.copytree(hall_template, folder)
    env = _env(folder)
    return SimpleNamespace(
        folder=folder, env=env, run=lambda *args, check=True: run(env, *args, check=check)
    )
