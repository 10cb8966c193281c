"""Benchmark of the national registry import: the real `daihoi import_members` command, measured
from outside, against the engine before it on the same machine in the same run.

    .venv/bin/python bench/import_members.py --members 500000 --csv --files 4   # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/daihoi_import \\
        .venv/bin/python bench/import_members.py --members 500000 --csv --files 4
    options: --baseline-members N (default 50,000; 0 skips), --baseline-rev REV (default the
             engine before this one), --workers N (passed on), --keep DIR (write the files
             there and keep them: a 5.6 M run's files are reused by the next run)

It writes a seeded synthetic province (no real person's data): organisations in one
.xlsx, members in `--files` CSVs (`--csv`) or .xlsx files. Each run gets a fresh
scratch database (PostgreSQL beside DATABASE_URL's, or a SQLite file), migrated
untimed, then `daihoi import_members FILES...` runs as a child process; this
process measures it: wall time, CPU time of the child and its workers (rusage of
waited children), and peak memory as the most resident memory the child's whole
process tree held at once (VmRSS summed over the tree, polled every 0.2 s), and on
PostgreSQL the CPU time of the server processes serving the scratch database. The
baseline is the engine of `--baseline-rev` (checked out with git archive), importing
`--baseline-members` members of the same layout the same way. Printed: members/s,
CPU µs per member, peak memory, the ratio to the baseline and the time
5.6 million members would take at the measured rate; the load average beside them.
Exits 1 when 5.6 M would take 10 minutes or more, or peak memory reaches 2 GB.
"""

import argparse
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

NATIONAL = 5_600_000
GOAL_SECONDS, GOAL_PEAK_MB = 600, 2048
BASELINE_REV = "27f2ddb"  # main before the first load with indexes built after the rows
SEED = 20250


def main() -> int:
    args = _arguments()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "daihoi.settings")
    import django

    django.setup()
    from import_members_data import write_file

    engine = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    with tempfile.TemporaryDirectory(prefix="daihoi-import-bench-") as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        paths = _files(folder, args.members, args.csv, args.files, write_file)
        sizes = ", ".join(f"{p.name} {p.stat().st_size / 1e6:.1f} MB" for p in paths)
        print(f"files: {sizes}; {args.members} members", flush=True)
        extra = ["--workers", str(args.workers)] if args.workers else []
        new = _run(paths, args.members, ROOT, Path(tmp), extra)
        base = None
        if args.baseline_members:
            small = _files(Path(tmp), args.baseline_members, args.csv, args.files, write_file)
            tree = _checkout(args.baseline_rev, Path(tmp))
            base = _run(small, args.baseline_members, tree, Path(tmp), [])
    return _report(engine, args, new, base)


def _arguments():
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=500_000)
    parser.add_argument("--baseline-members", type=int, default=50_000)
    parser.add_argument("--baseline-rev", default=BASELINE_REV)
    parser.add_argument("--csv", action="store_true")
    parser.add_argument("--files", type=int, default=1)
    parser.add_argument("--workers", type=int)
    parser.add_argument("--keep", metavar="DIR")
    return parser.parse_args()


def _files(folder: Path, members: int, as_csv: bool, files: int, write_file) -> list[Path]:
    """The province's files, written once per folder and size (a --keep folder reuses them)."""
    done = folder / f"files-{members}-{'csv' if as_csv else 'xlsx'}-{files}.txt"
    if done.exists():
        return [Path(line) for line in done.read_text().splitlines()]
    paths = write_file(folder, members, random.Random(SEED), as_csv, files)
    done.write_text("\n".join(str(p) for p in paths))
    return paths


def _checkout(rev: str, tmp: Path) -> Path:
    """The tree of `rev` (its daihoi package) in a temporary folder."""
    target = tmp / "baseline"
    if not target.exists():
        target.mkdir()
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", rev, "daihoi", "manage.py"],
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def _database(tmp: Path, label: str) -> tuple[str, callable]:
    """A fresh database URL beside DATABASE_URL's (or a SQLite file), and its remover."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        path = tmp / f"{label}.sqlite3"
        return f"sqlite:///{path}", lambda: path.unlink(missing_ok=True)
    from scratch import _postgres

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    name = f"{parts.path.strip('/') or 'daihoi'}_bench_{label}_{os.getpid()}"
    _postgres(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _postgres(admin, f'CREATE DATABASE "{name}"')
    drop = lambda: _postgres(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # noqa: E731
    return urlunsplit(parts._replace(path=f"/{name}")), drop


def _run(paths: list[Path], members: int, tree: Path, tmp: Path, extra: list[str]) -> dict:
    """Migrate a fresh database (untimed), then time `daihoi import_members` on it."""
    label = "new" if tree == ROOT else "baseline"
    url, drop = _database(tmp, label)
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(tree)}
    command = [sys.executable, "-c", "import sys; from daihoi.cli import main; sys.exit(main())"]
    try:
        subprocess.run([*command, "migrate", "-v", "0"], env=env, check=True, cwd=tree)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        child = subprocess.Popen(
            [*command, "import_members", *map(str, paths), *extra],
            env=env,
            cwd=tree,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        peak = _Peak(child.pid, url)
        output, errors = child.communicate()
        wall = time.perf_counter() - started
        peak_kb = peak.stop()
        server_cpu = sum(peak.backends.values())
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    finally:
        drop()
    if child.returncode:
        raise SystemExit(f"the import failed ({child.returncode}): {errors[-2000:]}")
    created = sum(int(n) for n in re.findall(r"đảng viên: (\d+) mới", output))
    if created != members:  # the baseline prints one line per file
        raise SystemExit(f"the import did not create {members} members: {output}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "seconds": wall,
        "cpu": cpu,
        "server_cpu": server_cpu,
        "peak_mb": peak_kb / 1024,
        "rate": members / wall,
    }


class _Peak(threading.Thread):
    """Polls the resident memory of a process and all its descendants, summed, until it ends;
    on PostgreSQL also the CPU time of the server processes serving the database at `url`
    (the server runs on this machine), so the database's share is measured too."""

    def __init__(self, pid: int, url: str):
        super().__init__(daemon=True)
        self.pid, self.kb, self.running = pid, 0, True
        self.url, self.backends = url, {}  # backend pid → CPU seconds last seen
        self.start()

    def run(self) -> None:
        watch = _backends(self.url)
        while self.running:
            self.kb = max(self.kb, sum(_rss_kb(p) for p in _tree(self.pid)))
            for pid in watch():
                self.backends[pid] = max(self.backends.get(pid, 0.0), _cpu_seconds(pid))
            time.sleep(0.2)

    def stop(self) -> int:
        self.running = False
        self.join()
        return self.kb


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                todo += [int(c) for c in task.read_text().split()]
            except OSError:
                pass
    return found


def _backends(url: str):
    """A function listing the server pids connected to `url`'s database (none on SQLite)."""
    if not url.startswith(("postgres://", "postgresql://")):
        return list
    import psycopg

    parts = urlsplit(url)
    name = parts.path.strip("/")
    admin = psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True)
    query = "SELECT pid FROM pg_stat_activity WHERE datname = %s"
    return lambda: [pid for (pid,) in admin.execute(query, [name]).fetchall()]


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _report(engine: str, args, new: dict, base: dict | None) -> int:
    national = NATIONAL / new["rate"]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    layout = f"{args.files} {'CSV' if args.csv else 'xlsx'} file(s)"
    print(
        f"import_members [{engine}, {layout}]: {args.members} members in {new['seconds']:.1f} s "
        f"= {new['rate']:.0f} members/s; CPU {new['cpu']:.1f} s "
        f"({1e6 * new['cpu'] / args.members:.0f} µs per member); database server CPU "
        f"{new['server_cpu']:.1f} s; peak {new['peak_mb']:.0f} MB"
    )
    if base:
        print(
            f"  baseline {args.baseline_rev} [{engine}]: {args.baseline_members} members in "
            f"{base['seconds']:.1f} s = {base['rate']:.0f} members/s; CPU {base['cpu']:.1f} s "
            f"({1e6 * base['cpu'] / args.baseline_members:.0f} µs per member); server CPU "
            f"{base['server_cpu']:.1f} s; peak "
            f"{base['peak_mb']:.0f} MB; ratio {new['rate'] / base['rate']:.1f}x (wall), "
            f"{(base['cpu'] / args.baseline_members) / (new['cpu'] / args.members):.1f}x (CPU)"
        )
        print(f"  baseline extrapolated to 5.6 M: {NATIONAL / base['rate'] / 60:.0f} min")
    print(
        f"  extrapolated to 5.6 M: {national / 60:.1f} min (goal < {GOAL_SECONDS // 60} min), "
        f"peak {new['peak_mb']:.0f} MB (goal < {GOAL_PEAK_MB} MB)"
    )
    cpu_minutes = NATIONAL * (new["cpu"] + new["server_cpu"]) / args.members / 60
    print(
        f"  5.6 M at this CPU time per member: {cpu_minutes:.1f} CPU-minutes (import processes "
        f"and database server; on SQLite the database works inside the import process)"
    )
    print(f"  (load average {load} on {os.cpu_count()} CPUs, read at the end)")
    return 0 if national < GOAL_SECONDS and new["peak_mb"] < GOAL_PEAK_MB else 1


if __name__ == "__main__":
    sys.exit(main())
