"""A job's input and output files, on disk under MEDIA_ROOT/jobs/<public id>/.

Uploads can be hundreds of megabytes, more than a database row should carry, so
they are written to disk before the job is queued. Web and worker processes must
share this folder (same machine, or a shared volume).
"""

import shutil
from pathlib import Path

from django.conf import settings

File = tuple[str, bytes]


def folder(public_id: str) -> Path:
    return Path(settings.MEDIA_ROOT) / "jobs" / public_id


def save_inputs(public_id: str, files: list[File]) -> list[str]:
    """Write the files as in/0, in/1, …; returns their original names, in order."""
    inputs = folder(public_id) / "in"
    inputs.mkdir(parents=True, exist_ok=True)
    for number, (_name, data) in enumerate(files):
        (inputs / str(number)).write_bytes(data)
    return [name for name, _data in files]


def load_inputs(public_id: str, names: list[str]) -> list[File]:
    inputs = folder(public_id) / "in"
    return [(name, (inputs / str(number)).read_bytes()) for number, name in enumerate(names)]


def drop_inputs(public_id: str) -> None:
    shutil.rmtree(folder(public_id) / "in", ignore_errors=True)


def save_output(public_id: str, name: str, data: bytes) -> None:
    out = folder(public_id) / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / name).write_bytes(data)


def load_output(public_id: str, name: str) -> bytes | None:
    path = folder(public_id) / "out" / Path(name).name
    return path.read_bytes() if path.is_file() else None


def drop_all(public_id: str) -> None:
    shutil.rmtree(folder(public_id), ignore_errors=True)
