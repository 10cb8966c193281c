"""Benchmark of ballot entry as production serves it: `daihoi serve` workers, typists over HTTP.

    .venv/bin/python bench/entry.py                 # SQLite, then PostgreSQL (both throwaway)
    .venv/bin/python bench/entry.py --databases sqlite --paced-seconds 30   # a quick look

For each database, a scratch database gets one election (60 names, 50 seats:
strike-through ballots), one counting team and a ballot box per typist. The
server is the real thing: `daihoi serve --workers 4` (gunicorn, DEBUG off) on
127.0.0.1:8160+, with production's shared cache (`--cache-url`, Redis by default;
sessions then cost no query). Each typist is a separate client process holding a session
cookie and a CSRF token as a browser does, posting to
`POST /api/elections/entries/{id}/ballots` and timing each answer from outside.

1. one typist alone, closed loop (the baseline of this run);
2. (b) ten typists, closed loop: ballots/s and p95;
3. (a) ten typists at a trained pace, one ballot every 3 s each with ±40 % jitter,
   for 2 minutes: p50/p95/p99 as the typists see them.

Each phase also prints the CPU per save, read from /proc: gunicorn's (master and
workers; on SQLite the database's work is inside them), on PostgreSQL the backends
serving the scratch database, and the typist clients' own (they share the cores);
their sum, the rate it allows on this machine's cores (cores ÷ CPU per ballot), and
the load average at its end. CPU figures stay meaningful when the machine is shared;
wall times do not. Other gunicorn options go through gunicorn's GUNICORN_CMD_ARGS
(e.g. "--keep-alive 10" with --threads 4).

Goals (issue 17): (a) p95 < 30 ms on both databases; (b) ≥ 300 ballots/s on two
cores, measured and allowed by the CPU per ballot, and ≤ 5 ms of server CPU per
save. Exit status 1 when a goal is missed or a ballot acknowledged to a typist is
not in the database afterwards.
"""

import argparse
import multiprocessing
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from entry_setup import make_box, sessions, set_up  # noqa: E402
from scratch import private_tmp  # noqa: E402
from typists import Typist, percentiles, type_closed, type_paced  # noqa: E402

GOAL_PACED_P95_MS = 30.0
GOAL_CLOSED_RATE = 300.0
GOAL_CPU_MS = 5.0  # the server's CPU per save (workers, and PostgreSQL's backends)
CORES = len(os.sched_getaffinity(0))
ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        help="a PostgreSQL server to create the scratch database on",
    )
    parser.add_argument("--typists", type=int, default=10)
    parser.add_argument("--paced-seconds", type=float, default=120.0)
    parser.add_argument("--interval", type=float, default=3.0, help="seconds between ballots")
    parser.add_argument("--closed-seconds", type=float, default=15.0)
    parser.add_argument("--port", type=int, default=8160)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument(
        "--threads", type=int, default=1, help="threads per worker (gthread if > 1)"
    )
    parser.add_argument(
        "--cache-url",
        default=os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/0"),
        help="the shared cache, as production's CACHE_URL (README: Redis); `db` for none",
    )
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: run one database here
    args = parser.parse_args(argv)
    if args.one is not None:
        return run_one(args)
    status = 0
    for number, engine in enumerate(args.databases.split(",")):
        url = args.postgres_url if engine == "postgresql" else ""
        child = [sys.executable, __file__, *_forward(argv), "--one", engine]
        child += ["--port", str(args.port + number)]
        env = {**os.environ, "TMPDIR": private_tmp(), "DATABASE_URL": url}
        env["CACHE_URL"] = args.cache_url
        status = max(status, subprocess.call(child, env=env))
    return status


def _forward(argv: list[str] | None) -> list[str]:
    given = list(sys.argv[1:] if argv is None else argv)
    out, skip = [], False
    for arg in given:  # everything but --databases and --port, which the child gets anew
        if skip:
            skip = False
        elif arg in ("--databases", "--port"):
            skip = True
        elif not arg.startswith(("--databases=", "--port=")):
            out.append(arg)
    return out


def run_one(args) -> int:
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "bench-only-throwaway-key")
    from scratch import scratch_database

    with scratch_database("bench_entry") as (engine, tmp):
        return measure(engine, tmp, args)


def measure(engine: str, tmp: Path, args) -> int:
    from django.db import connections

    n = args.typists
    entries = set_up(groups=[2 * args.workers, n, n, 1])  # warm-up, (b), (a), alone
    cookies = sessions(entries)
    connections.close_all()  # the typists fork from here; the server has its own
    server = start_server(args.port, args.workers, args.threads, tmp)
    tag = f"entry [{engine}]"
    try:
        print(
            f"{tag}: load average {_load()} at start; {args.workers} workers × "
            f"{args.threads} thread(s) on :{args.port}; cache {os.environ.get('CACHE_URL') or 'db'}"
        )

        def typists(group: int) -> list[Typist]:
            return [
                Typist(args.port, e, *cookies[e], make_box(seed=e, ballots=200), seed=e)
                for e in entries[group]
            ]

        closed(typists(0), 5.0)  # warm every worker: URL patterns, schemas, connections
        alone = metered(server.pid, lambda: closed(typists(3), args.closed_seconds))
        many = metered(server.pid, lambda: closed(typists(1), args.closed_seconds))
        paced = metered(
            server.pid, lambda: run_paced(typists(2), args.paced_seconds, args.interval)
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    q1, qn, qp = (percentiles(r["latencies"]) for r in (alone, many, paced))
    print(
        f"{tag}: baseline, one typist alone (closed loop): {alone['rate']:.0f} ballots/s, "
        f"p50 {q1['p50']:.1f} ms, p95 {q1['p95']:.1f} ms; {_cpu(alone)}"
    )
    print(
        f"{tag}: (b) {n} typists closed loop: {many['rate']:.0f} ballots/s "
        f"({many['rate'] / alone['rate']:.1f}x one alone), p95 {qn['p95']:.1f} ms; {_cpu(many)}"
    )
    print(
        f"{tag}: (a) {n} typists, one ballot per {args.interval:g} s ±40 % for "
        f"{args.paced_seconds:g} s: {len(paced['latencies'])} saves, p50 {qp['p50']:.1f} ms, "
        f"p95 {qp['p95']:.1f} ms, p99 {qp['p99']:.1f} ms ({qp['p95'] / q1['p95']:.1f}x the "
        f"p95 of one typist alone); {_cpu(paced)}"
    )
    print(f"{tag}: load average {_load()} at end")
    failures = check_stored(entries, [alone, many, paced])
    if qp["p95"] >= GOAL_PACED_P95_MS:
        failures.append(f"(a) p95 {qp['p95']:.1f} ms, goal < {GOAL_PACED_P95_MS:g} ms")
    cpu_ms = many["workers_ms"] + (many["database_ms"] or 0.0)
    if cpu_ms > GOAL_CPU_MS:
        failures.append(f"(b) server CPU {cpu_ms:.2f} ms per save, goal ≤ {GOAL_CPU_MS:g} ms")
    if ceiling(many) < GOAL_CLOSED_RATE:
        failures.append(
            f"(b) CPU allows {ceiling(many):.0f} ballots/s on {CORES} cores, goal ≥ "
            f"{GOAL_CLOSED_RATE:g}"
        )
    if many["rate"] < GOAL_CLOSED_RATE:
        failures.append(
            f"(b) {many['rate']:.0f} ballots/s measured at load {many['load']}, goal ≥ "
            f"{GOAL_CLOSED_RATE:g}"
        )
    for failure in failures:
        print(f"{tag}: GOAL MISSED: {failure}", file=sys.stderr)
    return 1 if failures else 0


def start_server(port: int, workers: int, threads: int, tmp: Path) -> subprocess.Popen:
    env = {**os.environ, "ALLOWED_HOSTS": "127.0.0.1,localhost"}
    log = open(tmp / "server.log", "wb")  # noqa: SIM115 - kept open for the server's life
    command = [str(ROOT / ".venv/bin/daihoi"), "serve", "--workers", str(workers)]
    command += ["--threads", str(threads)] if threads > 1 else []
    command += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"]
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    import socket

    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit(f"the server did not start: see {tmp / 'server.log'}") from None
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("the server did not answer in 30 s")


def closed(typists: list[Typist], seconds: float) -> dict:
    start_at = time.time() + 0.5
    results = _in_processes(typists, type_closed, (seconds, start_at))
    return {**results, "rate": len(results["latencies"]) / seconds}


def metered(master: int, run) -> dict:
    """Runs a phase and adds what each ballot cost in CPU: the gunicorn processes', (on
    PostgreSQL) the database backends' serving this database, and the typist clients'
    own, per save; and the load average at its end. CPU, unlike wall time, does not grow
    with other users' load on a shared machine (only a little, through caches), and the
    three together are what two cores must pay for each ballot."""
    workers, database = _server_cpu(master), _database_cpu()
    # A worker's connection lives 60 s (CONN_MAX_AGE): its backend may end within a phase,
    # taking its CPU figure along; a sampler keeps the last figure of each one seen.
    seen: dict[int, float] = {}
    stop = threading.Event()
    sampler = threading.Thread(target=_sample_database, args=(stop, seen), daemon=True)
    sampler.start()
    result = run()
    stop.set()
    sampler.join()
    saves = max(len(result["latencies"]), 1)
    result["workers_ms"] = (_server_cpu(master) - workers) * 1000 / saves
    seen.update(_database_cpu())
    used = sum(cpu - database.get(pid, 0.0) for pid, cpu in seen.items())
    result["database_ms"] = used * 1000 / saves if seen else None
    result["clients_ms"] = result["clients_cpu"] * 1000 / saves
    result["total_ms"] = result["workers_ms"] + (result["database_ms"] or 0.0)
    result["total_ms"] += result["clients_ms"]
    result["load"] = _load()
    return result


def ceiling(result: dict) -> float:
    """Ballots per second the cores could carry if this run had them to itself: every
    ballot costs its CPU (server, database, client) and the cores have nothing else to do."""
    return CORES * 1000 / result["total_ms"] if result["total_ms"] else float("inf")


def _cpu(result: dict) -> str:
    text = f"CPU per save: workers {result['workers_ms']:.2f} ms"
    if result["database_ms"] is not None:
        text += f" + PostgreSQL {result['database_ms']:.2f} ms"
    text += f" + clients {result['clients_ms']:.2f} ms = {result['total_ms']:.2f} ms"
    return text + f", ceiling {ceiling(result):.0f}/s on {CORES} cores (load {result['load']})"


def run_paced(typists: list[Typist], seconds: float, interval: float) -> dict:
    return _in_processes(typists, type_paced, (seconds, interval))


def _in_processes(typists: list[Typist], target, extra: tuple) -> dict:
    ctx = multiprocessing.get_context("fork")
    out = ctx.Queue()
    procs = [ctx.Process(target=target, args=(t, *extra, out)) for t in typists]
    for p in procs:
        p.start()
    got = [out.get(timeout=600) for _ in procs]
    for p in procs:
        p.join()
    latencies = [x for _, lat, _, _, _ in got for x in lat]
    return {
        "latencies": latencies,
        "acknowledged": {entry_id: ack for entry_id, _, ack, _, _ in got},
        "errors": sum(e for _, _, _, e, _ in got),
        "clients_cpu": sum(cpu for *_, cpu in got),
    }


def check_stored(entries: list[list[int]], phases: list[dict]) -> list[str]:
    """Every ballot acknowledged to a typist is in the database, and nothing else."""
    from django.db.models import Count

    from daihoi.elections.models import EnteredBallot

    stored = dict(
        EnteredBallot.objects.values("entry").annotate(n=Count("pk")).values_list("entry", "n")
    )
    problems = [f"{p['errors']} saves refused" for p in phases if p["errors"]]
    for phase in phases:
        for entry_id, acknowledged in phase["acknowledged"].items():
            if stored.get(entry_id, 0) != acknowledged:
                problems.append(
                    f"entry {entry_id}: {acknowledged} acknowledged, {stored.get(entry_id)} stored"
                )
    return problems


def _server_cpu(master: int) -> float:
    """User + system CPU seconds of gunicorn: the master and its workers (its children)."""
    fields = _stat(Path(f"/proc/{master}/stat"))
    total = _seconds(fields) if fields else 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        fields = _stat(stat)
        if fields and int(fields[1]) == master:  # ppid
            total += _seconds(fields)
    return total


def _sample_database(stop: threading.Event, seen: dict[int, float]) -> None:
    while not stop.wait(0.5):
        seen.update(_database_cpu())


def _database_cpu() -> dict[int, float]:
    """CPU seconds of each PostgreSQL backend connected to this database (the server's
    workers keep theirs open); empty on SQLite, whose work is inside the workers."""
    from django.db import connection, connections

    if connection.vendor != "postgresql":
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )
        pids = [pid for (pid,) in cursor.fetchall()]
    connections.close_all()  # typists fork from this process: no connection to inherit
    found = {pid: _stat(Path(f"/proc/{pid}/stat")) for pid in pids}
    return {pid: _seconds(fields) for pid, fields in found.items() if fields}


def _stat(path: Path) -> list[str] | None:
    try:
        return path.read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def _seconds(fields: list[str]) -> float:
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())
