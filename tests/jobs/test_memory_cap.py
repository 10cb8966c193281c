"""`daihoi worker` caps its own memory: a runaway job fails with MemoryError, reported."""

import subprocess
import sys

PROBE = """
import resource, sys
from daihoi.jobs.limits import cap_memory
mb = cap_memory(int(sys.argv[1]))
soft, _ = resource.getrlimit(resource.RLIMIT_AS)
try:
    block = bytearray(int(sys.argv[2]) * 1024 * 1024)
    print(mb, soft // (1024 * 1024), "allocated")
except MemoryError:
    print(mb, soft // (1024 * 1024), "refused")
"""


def probe(cap_mb: int, allocate_mb: int) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(cap_mb), str(allocate_mb)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return out.stdout.split()


def test_the_cap_is_set_and_refuses_what_exceeds_it():
    assert probe(1024, 2048) == ["1024", "1024", "refused"]
    assert probe(1024, 64) == ["1024", "1024", "allocated"]
