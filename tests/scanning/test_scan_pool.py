"""`daihoi scan`'s worker processes: forked after the paper size is chosen when the main process
runs no other thread, spawned otherwise; either way the same readings as one process."""

import threading

import cv2
import pytest

from daihoi.elections.lists import ballot_spec
from daihoi.scanning import pool, synthetic
from daihoi.scanning.reading import read_files
from daihoi.scanning.services import _templates


@pytest.fixture
def upload(batch):
    pairs = synthetic.synthetic_ballots(ballot_spec(batch.election), 6, 33)
    return [("hom-1.pdf", synthetic.scanned_pdf([image for image, _ in pairs]))]


def _readings(results):
    return [(r.file_name, r.file_page, r.status, r.rows, r.image) for r in results]


@pytest.mark.parametrize("forked", [True, False])
def test_the_workers_read_as_one_process_does(batch, upload, monkeypatch, forked):
    templates = _templates(batch.election)
    alone = _readings(read_files(upload, templates, workers=1))
    monkeypatch.setattr(pool, "_can_fork", lambda: forked)
    started = []
    real_pool = pool._pool
    monkeypatch.setattr(
        pool, "_pool", lambda method, *a: started.append(method) or real_pool(method, *a)
    )
    assert _readings(read_files(upload, templates, workers=2)) == alone
    assert started == ["fork" if forked else "spawn"]
    assert all(status == "ok" for _, _, status, _, _ in alone)


def test_it_forks_only_when_no_other_thread_runs():
    if threading.active_count() == 1:
        assert pool._can_fork()
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not pool._can_fork()
    finally:
        stop.set()
        other.join()


def test_opencv_keeps_its_threads_after_the_workers_were_forked():
    before = cv2.getNumThreads()
    with pool._single_threaded_opencv():
        assert cv2.getNumThreads() == 1
    assert cv2.getNumThreads() == before
