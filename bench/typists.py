"""Typist processes for bench/entry.py: each one is a client of the real server over HTTP.

No Django here: a typist holds a session cookie and a CSRF token as a browser
does, posts each ballot to `POST /api/elections/entries/{id}/ballots` and times
the answer as the client sees it (connect, send, server, receive). Paced typists
type one ballot every `interval` seconds with jitter; closed-loop typists post
the next ballot as soon as the previous one is acknowledged.

Each typist also reports the CPU time it spent typing: on two cores the clients'
CPU comes out of the same budget as the server's, so the bench counts it.
"""

import http.client
import json
import random
import resource
import statistics
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Typist:
    port: int
    entry_id: int
    session: str  # the session cookie's value
    csrf: str  # the csrftoken cookie, echoed in X-CSRFToken
    ballots: list  # what to type, in order; typed from the start again when exhausted
    seed: int


def post_ballot(typist: Typist, conn_box: list, ballot: dict) -> tuple[float, int, dict]:
    """One save, timed from before the request to the end of the answer; keeps the
    connection when the server does (gunicorn's sync workers close it)."""
    body = json.dumps(ballot)
    headers = {
        "Content-Type": "application/json",
        "Cookie": f"sessionid={typist.session}; csrftoken={typist.csrf}",
        "X-CSRFToken": typist.csrf,
        "Referer": f"http://127.0.0.1:{typist.port}/",
    }
    start = time.perf_counter()
    if not conn_box:
        conn_box.append(http.client.HTTPConnection("127.0.0.1", typist.port, timeout=60))
    conn = conn_box[0]
    try:
        conn.request("POST", f"/api/elections/entries/{typist.entry_id}/ballots", body, headers)
        response = conn.getresponse()
        data = response.read()
    except (http.client.HTTPException, ConnectionError):
        conn.close()
        conn_box.clear()
        raise
    elapsed = time.perf_counter() - start
    if response.will_close:
        conn.close()
        conn_box.clear()
    try:
        answer = json.loads(data or b"{}")
    except ValueError:  # an error page, not the API's answer
        answer = {"page": data[:200].decode(errors="replace")}
    return elapsed, response.status, answer


def type_paced(typist: Typist, seconds: float, interval: float, out) -> None:
    """One ballot every `interval` s (±40 % jitter) for `seconds`; puts the latencies and
    the last acknowledged count on `out`."""
    rng = random.Random(typist.seed)
    conn: list = []
    latencies, acknowledged, errors = [], 0, 0
    cpu = _cpu_seconds()
    started = time.perf_counter()
    due = started + rng.uniform(0, interval)  # typists do not start in step
    i = 0
    try:
        while due - started < seconds:
            time.sleep(max(0.0, due - time.perf_counter()))
            elapsed, status, answer = post_ballot(
                typist, conn, typist.ballots[i % len(typist.ballots)]
            )
            if status == 201:
                latencies.append(elapsed)
                acknowledged = answer["counts"]["total"]
            else:
                errors += 1
            i += 1
            due += interval * rng.uniform(0.6, 1.4)
    finally:  # whatever happens, the bench hears from every typist
        out.put((typist.entry_id, latencies, acknowledged, errors, _cpu_seconds() - cpu))


def type_closed(typist: Typist, seconds: float, start_at: float, out) -> None:
    """As fast as the server answers, from `start_at` (time.time()) for `seconds`."""
    conn: list = []
    latencies, acknowledged, errors, i = [], 0, 0, 0
    time.sleep(max(0.0, start_at - time.time()))
    cpu = _cpu_seconds()
    end = time.perf_counter() + seconds
    try:
        while time.perf_counter() < end:
            elapsed, status, answer = post_ballot(
                typist, conn, typist.ballots[i % len(typist.ballots)]
            )
            if status == 201:
                latencies.append(elapsed)
                acknowledged = answer["counts"]["total"]
            else:
                errors += 1
            i += 1
    finally:
        out.put((typist.entry_id, latencies, acknowledged, errors, _cpu_seconds() - cpu))


def _cpu_seconds() -> float:
    """User + system CPU of this typist process (its connections' kernel work included)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def percentiles(latencies: list[float]) -> dict[str, float]:
    """p50/p95/p99 in milliseconds (inclusive quantiles of the samples)."""
    if len(latencies) < 2:
        only = latencies[0] * 1000 if latencies else float("nan")
        return {"p50": only, "p95": only, "p99": only}
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return {"p50": cuts[49] * 1000, "p95": cuts[94] * 1000, "p99": cuts[98] * 1000}
