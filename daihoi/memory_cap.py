"""Capping a process's address space, for the workers that read untrusted files.

No Django here: the OMR reader (below every wing) and the job worker both call it,
each with its own setting, so that a file the checks missed fails its own job with
MemoryError instead of taking the machine's memory from the web workers.
"""


def cap_address_space(megabytes: int) -> int:
    """Lower RLIMIT_AS to `megabytes` (never above the hard limit); returns the cap in MB,
    0 when `megabytes` ≤ 0 or the system cannot cap it."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on POSIX
        return 0
    if megabytes <= 0:
        return 0
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = megabytes * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    return cap // (1024 * 1024)
