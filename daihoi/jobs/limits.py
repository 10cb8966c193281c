"""A worker's memory cap: a job that balloons (a hostile file the checks missed) fails with
MemoryError and is reported, instead of taking the machine's memory from the web workers."""

import os

from daihoi.memory_cap import cap_address_space

ENV = "DAIHOI_JOB_MEMORY_MB"
DEFAULT_MB = 3072


def cap_memory(megabytes: int | None = None) -> int:
    """Cap this process's address space; returns the cap in MB (0 where it cannot be set)."""
    return cap_address_space(megabytes or int(os.environ.get(ENV, DEFAULT_MB)))
