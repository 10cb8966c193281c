"""A worker's memory cap: a job that balloons (a hostile file the checks missed) fails with
MemoryError and is reported, instead of taking the machine's memory from the web workers."""

import os

ENV = "DAIHOI_JOB_MEMORY_MB"
DEFAULT_MB = 3072


def cap_memory(megabytes: int | None = None) -> int:
    """Cap this process's address space; returns the cap in MB (0 where it cannot be set)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on POSIX
        return 0
    mb = megabytes or int(os.environ.get(ENV, DEFAULT_MB))
    if mb <= 0:
        return 0
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = mb * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    return cap // (1024 * 1024)
