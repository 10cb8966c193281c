"""Why `daihoi scan`'s workers scale as they do: CPU seconds per page in the main process
and in the workers, with 1 and 2 worker processes (``bench/scan.py --scaling N``).

The machine the benchmark runs on is shared, so wall time says little: the figures are
CPU seconds (``resource.getrusage``) of the main process (it unpickles the results,
stores them, reads the first pages to choose the paper size) and of the worker processes
(they take each page's image from the PDF, read it and encode the stored image). With
``W`` workers the scan can go no faster than the busiest of them: the main process's
CPU per page bounds the pages per second, however many workers there are.

Printed per run: pages, wall seconds, main CPU s/page, workers' CPU s/page, the pages per
second the main process alone would allow (1 / its CPU per page), the load average.
"""

from __future__ import annotations

import os
import resource
import time

from scan import _election, generate, paper

from daihoi.scanning import synthetic


def _cpu(who) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def scaling(pages: int) -> int:
    from daihoi.elections.lists import ballot_spec
    from daihoi.scanning import services

    batch, leader = _election(0)
    paper(0, ballot_spec(batch.election))
    pdf = synthetic.scanned_pdf([generate(("held-out", 0, i))[1] for i in range(pages)])
    files = [("hop.pdf", pdf)]
    print(f"\n== `daihoi scan` path, {pages} A4 pages (held-out set), 1 vs 2 workers ==")
    for workers in (1, 2):
        main0, kids0, wall0 = (
            _cpu(resource.RUSAGE_SELF),
            _cpu(resource.RUSAGE_CHILDREN),
            time.time(),
        )
        scan = services.create_scan(leader, batch, files)
        scan = services.process_scan(scan, files, workers=workers)
        wall = time.time() - wall0
        main = _cpu(resource.RUSAGE_SELF) - main0
        kids = _cpu(resource.RUSAGE_CHILDREN) - kids0
        load = os.getloadavg()[0]
        # With 1 worker the reading runs in the main process (no pool).
        print(
            f"  workers {workers}: {scan.pages_done} pages, wall {wall:.1f} s "
            f"({scan.pages_done / wall:.1f} pages/s under load {load:.1f}); CPU per page: "
            f"main {1000 * main / pages:.1f} ms, workers {1000 * kids / pages:.1f} ms; "
            f"the main process alone allows {pages / max(main, 1e-9):.1f} pages/s"
        )
        services.discard_scan(leader, scan, "đo tốc độ")
    return 0
