"""Benchmark of the national registry import, measured from outside, against the engine before.

    .venv/bin/python bench/import_members.py --members 500000            # SQLite scratch file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x \\
        .venv/bin/python bench/import_members.py --members 500000        # PostgreSQL scratch DB
    options: --baseline-members N (default 50,000; 0 skips), --baseline-rev REV (default the
             commit before this engine), --csv (members as CSV), --sheet-rows N (rows per sheet)

It writes a seeded synthetic province (no real person's data) to a file, split
into sheets of at most 1,000,000 rows as Excel requires, then imports it in a
child process that gets a fresh scratch database. The parent measures the child
from outside: wall time, and peak memory (the child's VmHWM, polled in /proc). The baseline is the engine of `--baseline-rev`, checked out from git into
a temporary folder and run the same way on the same machine in the same run, on
`--baseline-members` members of the same file layout. Printed: members/s and peak
memory of each, their ratio, and the time 5.6 million members would take at the
measured rate (linear; the staging engine does no per-member work that grows with
the table). Exits 1 when the goal (5.6 M < 10 min, peak < 2 GB) is missed.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

NATIONAL = 5_600_000
GOAL_SECONDS, GOAL_PEAK_MB = 600, 2048
BASELINE_REV = "f4a8c1b"  # main before the staging engine
SEED = 20250


def main() -> int:
    args = _arguments()
    if args.child:
        return _child(args)
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "daihoi.settings")
    django.setup()
    from import_members_data import write_file

    engine = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    with tempfile.TemporaryDirectory(prefix="daihoi-import-bench-") as tmp:
        tmp = Path(tmp)
        paths = write_file(tmp, args.members, random.Random(SEED), args.csv, args.sheet_rows)
        sizes = ", ".join(f"{p.name} {p.stat().st_size / 1e6:.1f} MB" for p in paths)
        print(f"files: {sizes}; {args.members} members", flush=True)
        new = _run(paths, args.members, ROOT)
        base = None
        if args.baseline_members:
            small = write_file(tmp, args.baseline_members, random.Random(SEED), False, 1_000_000)
            base = _run(small, args.baseline_members, _checkout(args.baseline_rev, tmp))
    return _report(engine, args, new, base)


def _arguments():
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=500_000)
    parser.add_argument("--baseline-members", type=int, default=50_000)
    parser.add_argument("--baseline-rev", default=BASELINE_REV)
    parser.add_argument("--csv", action="store_true")
    parser.add_argument("--sheet-rows", type=int, default=1_000_000)
    parser.add_argument("--child", metavar="FILE", action="append")
    return parser.parse_args()


def _checkout(rev: str, tmp: Path) -> Path:
    """The tree of `rev` (its daihoi package and bench helpers) in a temporary folder."""
    target = tmp / "baseline"
    target.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "daihoi", "bench", "manage.py"],
        check=True,
        capture_output=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def _run(paths: list[Path], members: int, tree: Path) -> dict:
    """Import `paths` in order in a child process running the code of `tree`; measured here."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    command = [sys.executable, str(ROOT / "bench" / "import_members.py")]
    command += [arg for path in paths for arg in ("--child", str(path))]
    if tree != ROOT:  # our script, on the baseline's code
        env["DAIHOI_BENCH_TREE"] = str(tree)
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    peak = _Peak(child.pid)
    output = child.stdout.read()
    child.wait()
    wall = time.perf_counter() - started
    if child.returncode:
        raise SystemExit(f"the import child failed ({child.returncode}): {output[-2000:]}")
    inside = json.loads(output.strip().splitlines()[-1])
    assert inside["created"] == members, inside
    # The child's own high-water mark, read from outside. (wait4's ru_maxrss would carry
    # the parent's size at fork: Linux keeps the larger across fork and exec.)
    peak_mb = max(peak.stop(), inside["hwm_kb"]) / 1024
    return {**inside, "wall": wall, "peak_mb": peak_mb, "rate": members / inside["seconds"]}


class _Peak(threading.Thread):
    """Polls /proc/PID/status for VmHWM (peak resident memory of that process) until it ends."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.path, self.kb, self.running = Path(f"/proc/{pid}/status"), 0, True
        self.start()

    def run(self) -> None:
        while self.running:
            self.kb = max(self.kb, _hwm_kb(self.path))
            time.sleep(0.2)

    def stop(self) -> int:
        self.running = False
        self.join()
        return self.kb


def _hwm_kb(path: Path) -> int:
    try:
        for line in path.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _child(args) -> int:
    """In the child: a scratch database, the import timed, one JSON line out."""
    tree = os.environ.get("DAIHOI_BENCH_TREE")
    if tree:
        sys.path.insert(0, tree)
        sys.path.insert(0, str(Path(tree) / "bench"))
    from scratch import scratch_database

    with scratch_database("import") as (_engine, _tmp):
        from daihoi.people.importing import import_workbook

        started, created = time.perf_counter(), 0
        for path in args.child:
            result = import_workbook(Path(path), actor=None)
            assert result.written and not result.errors, result.errors[:5]
            created += result.members_created
        seconds = time.perf_counter() - started
    hwm = _hwm_kb(Path("/proc/self/status"))  # the last word, should polling miss the end
    print(json.dumps({"seconds": seconds, "created": created, "hwm_kb": hwm}))
    return 0


def _report(engine: str, args, new: dict, base: dict | None) -> int:
    national = NATIONAL / new["rate"]
    print(
        f"import_members [{engine}]: {args.members} members in {new['seconds']:.1f} s "
        f"(child wall {new['wall']:.1f} s with set-up) = {new['rate']:.0f} members/s, "
        f"peak {new['peak_mb']:.0f} MB"
    )
    if base:
        print(
            f"  baseline {args.baseline_rev} [{engine}]: {args.baseline_members} members in "
            f"{base['seconds']:.1f} s = {base['rate']:.0f} members/s, peak {base['peak_mb']:.0f} "
            f"MB; ratio {new['rate'] / base['rate']:.1f}x"
        )
        print(f"  baseline extrapolated to 5.6 M: {NATIONAL / base['rate'] / 60:.0f} min")
    print(
        f"  extrapolated to 5.6 M: {national / 60:.1f} min (goal < {GOAL_SECONDS // 60} min), "
        f"peak {new['peak_mb']:.0f} MB (goal < {GOAL_PEAK_MB} MB)"
    )
    print(f"  (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    return 0 if national < GOAL_SECONDS and new["peak_mb"] < GOAL_PEAK_MB else 1


if __name__ == "__main__":
    sys.exit(main())
