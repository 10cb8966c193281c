"""The scan services with a scripted reader: storing, refusing, deciding, finalising."""

import pytest

from daihoi.audit.models import AuditEntry
from daihoi.elections import entry, services_extra
from daihoi.elections.entry_machine import EntryError
from daihoi.elections.models import BatchEntry, BatchStatus, EnteredBallot
from daihoi.scanning import adjudication, services
from daihoi.scanning.errors import ScanError
from daihoi.scanning.models import Adjudication, PageStatus, ScanBatch, ScannedPage, ScanStatus
from daihoi.scanning.omr.types import PageStatus as ReaderStatus
from daihoi.scanning.omr.types import ScanFileError
from tests.scanning.conftest import boxes_page, files, rejected, struck_page


def scan_of(actor, batch, fake_reader, pages):
    fake_reader.extend(pages)
    scan = services.create_scan(actor, batch, files(len(pages)))
    return services.process_scan(scan, files(len(pages)))


def actions():
    return list(AuditEntry.objects.order_by("id").values_list("action", flat=True))


def test_it_stores_every_page_and_keeps_no_image_of_a_rejected_one(batch, counting, fake_reader):
    scan = scan_of(
        counting.op1,
        batch,
        fake_reader,
        [
            struck_page(struck=[5]),
            rejected(ReaderStatus.BLANK, "Trang trắng."),
            rejected(ReaderStatus.WRONG_BALLOT, "Phiếu của cuộc bầu khác."),
            struck_page(struck=[1, 2]),
        ],
    )
    assert scan.status == ScanStatus.READY
    pages = list(scan.pages.order_by("number"))
    assert [p.status for p in pages] == ["ok", "blank", "wrong_ballot", "ok"]
    assert [p.file_name for p in pages] == [f"trang-00{i}.png" for i in (1, 2, 3, 4)]
    assert all(p.image for p in pages if p.status == "ok")
    assert all(p.image is None and p.rows == [] for p in pages if p.status != "ok")
    assert (scan.pages_done, scan.pages_total) == (4, 4)
    assert actions()[-2:] == ["scan.create", "scan.read"]
    read = AuditEntry.objects.get(action="scan.read")
    assert read.after["by_status"] == {"ok": 2, "blank": 1, "wrong_ballot": 1}


def test_it_refuses_a_corrupt_pdf_and_stores_nothing(batch, counting):
    with pytest.raises(ScanError) as refused:
        services.create_scan(counting.op1, batch, [("hom1.pdf", b"%PDF-1.4 this is not a pdf")])
    assert refused.value.code == "bad_file"
    assert "hom1.pdf" in refused.value.message
    assert not ScanBatch.objects.exists()


def test_a_file_that_breaks_half_way_stores_nothing(batch, counting, fake_reader):
    def broken():
        raise ScanFileError("Tệp «hom1.pdf», trang 3: không giải mã được.")

    fake_reader.extend([struck_page(), struck_page(), broken])
    scan = services.create_scan(counting.op1, batch, files(3))
    scan = services.process_scan(scan, files(3))
    assert scan.status == ScanStatus.FAILED
    assert "trang 3" in scan.error
    assert not ScannedPage.objects.exists()
    assert actions()[-1] == "scan.fail"


def test_it_refuses_to_scan_a_reconciled_box(batch, counting, fake_reader):
    e = entry.start_entry(counting.op1, batch)
    entry.save_ballot(counting.op1, e, {"struck": [5]})
    entry.finalise_entry(counting.op1, e)
    e = entry.start_entry(counting.op2, batch)
    entry.save_ballot(counting.op2, e, {"struck": [5]})
    entry.finalise_entry(counting.op2, e)
    with pytest.raises(ScanError) as refused:
        services.create_scan(counting.leader, batch, files(1))
    assert refused.value.code == "batch_reconciled"


def test_uncertain_rows_wait_for_a_person_and_each_decision_is_audited(
    batch, counting, fake_reader
):
    scan = scan_of(
        counting.op1,
        batch,
        fake_reader,
        [struck_page(struck=[5]), struck_page(struck=[2], uncertain=[2, 4])],
    )
    assert scan.status == ScanStatus.NEEDS_REVIEW
    items = adjudication.queue(scan)
    assert [(i.page.number, i.position, i.machine) for i in items] == [
        (2, 2, "struck"),
        (2, 4, "kept"),
    ]
    with pytest.raises(ScanError) as refused:
        services.finalise_scan(counting.op1, scan, 2)
    assert refused.value.code == "pending"

    page = items[0].page
    adjudication.decide(counting.op1, page, 2, "kept")
    adjudication.decide(counting.op1, page, 4, "struck")
    scan.refresh_from_db()
    assert scan.status == ScanStatus.READY
    decisions = AuditEntry.objects.filter(action="scan.decide").order_by("id")
    assert [(d.after["position"], d.after["machine"], d.after["decided"]) for d in decisions] == [
        (2, "struck", "kept"),
        (4, "kept", "struck"),
    ]
    assert services.page_ballot(scan, ScannedPage.objects.get(pk=page.pk)) == {"struck": [4]}


def test_the_scan_waits_until_every_page_is_decided_in_whatever_order(batch, counting, fake_reader):
    # The status check after a decision looks at the decided page and the pages after it
    # first: a page left undecided before it must still hold the scan back.
    pages = [struck_page(uncertain=[2]), struck_page(), struck_page(uncertain=[3])]
    pages += [struck_page(uncertain=[1, 4])]
    scan = scan_of(counting.op1, batch, fake_reader, pages)
    by_number = {p.number: p for p in scan.pages.all()}
    steps = [(4, 1), (4, 4), (3, 3), (1, 2)]
    seen = []
    for number, position in steps:
        adjudication.decide(counting.op1, by_number[number], position, "kept")
        scan.refresh_from_db()
        seen.append(scan.status)
    assert seen == [ScanStatus.NEEDS_REVIEW] * 3 + [ScanStatus.READY]
    # Deciding a row again replaces the decision: nothing waits, the scan stays ready.
    adjudication.decide(counting.leader, by_number[1], 2, "struck")
    scan.refresh_from_db()
    assert scan.status == ScanStatus.READY


def test_deciding_again_replaces_the_decision_and_keeps_both_in_the_log(
    batch, counting, fake_reader
):
    scan = scan_of(counting.op1, batch, fake_reader, [struck_page(uncertain=[3])])
    page = scan.pages.get()
    adjudication.decide(counting.op1, page, 3, "struck")
    adjudication.decide(counting.leader, page, 3, "kept")
    assert Adjudication.objects.get().decided == "kept"
    last = AuditEntry.objects.filter(action="scan.decide").last()
    assert (last.before, last.after["decided"]) == ({"decided": "struck"}, "kept")


def test_it_refuses_a_decision_that_does_not_fit_the_ballot(batch, counting, fake_reader):
    scan = scan_of(counting.op1, batch, fake_reader, [struck_page(uncertain=[3])])
    page = scan.pages.get()
    with pytest.raises(ScanError) as refused:
        adjudication.decide(counting.op1, page, 3, "agree")  # a box mark on a strike ballot
    assert refused.value.code == "bad_decision"
    with pytest.raises(ScanError) as refused:
        adjudication.decide(counting.op1, page, 9, "struck")
    assert refused.value.code == "no_such_row"
    assert not Adjudication.objects.exists()


def test_a_flagged_ballot_can_be_declared_invalid_as_a_whole(batch, counting, fake_reader):
    scan = scan_of(
        counting.op1,
        batch,
        fake_reader,
        [struck_page(struck=[1], uncertain=[2], flags=["writing_outside"])],
    )
    page = scan.pages.get()
    assert [i.position for i in adjudication.queue(scan)] == [0, 2]
    adjudication.decide(counting.op1, page, 0, "invalid:written_in")
    scan.refresh_from_db()
    assert scan.status == ScanStatus.READY  # an invalid ballot needs no row decided
    created = services.finalise_scan(counting.op1, scan, 1)
    ballot = created.ballots.get()
    assert (ballot.content, ballot.valid, ballot.reason) == (
        {"invalid": "written_in"},
        False,
        "written_in",
    )


def test_finalising_makes_a_scan_entry_judged_by_the_rules(batch, counting, fake_reader):
    scan = scan_of(
        counting.op1,
        batch,
        fake_reader,
        [struck_page(struck=[5]), struck_page(struck=[]), struck_page(struck=[1, 2, 3, 4, 5])],
    )
    created = services.finalise_scan(counting.op1, scan, 3)
    assert (created.source, created.status, created.slot) == ("scan", "finalised", 1)
    ballots = list(created.ballots.order_by("seq"))
    # [] keeps 5 names for 4 seats (too many); striking all 5 elects nobody.
    assert [(b.content, b.valid, b.reason) for b in ballots] == [
        ({"struck": [5]}, True, ""),
        ({"struck": []}, False, "too_many"),
        ({"struck": [1, 2, 3, 4, 5]}, False, "all_struck"),
    ]
    assert [p.ballot_id for p in scan.pages.order_by("number")] == [b.pk for b in ballots]
    scan.refresh_from_db()
    assert (scan.status, scan.entry_id) == (ScanStatus.DONE, created.pk)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.ENTERING  # waits for the keyboard entry
    assert {"entry.start", "scan.finalise", "entry.finalise"} <= set(actions())


def test_finalising_needs_the_paper_count(batch, counting, fake_reader):
    scan = scan_of(
        counting.op1,
        batch,
        fake_reader,
        [struck_page(), rejected(ReaderStatus.DOUBLE_FEED, "Hai tờ dính nhau.")],
    )
    with pytest.raises(ScanError) as refused:
        services.finalise_scan(counting.op1, scan, 2)
    assert refused.value.code == "count_mismatch"
    assert "1 trang bị loại" in refused.value.message
    assert not BatchEntry.objects.exists()


def test_a_sheet_that_cannot_be_scanned_is_typed_by_a_person(batch, counting, fake_reader):
    scan = scan_of(
        counting.op1,
        batch,
        fake_reader,
        [struck_page(struck=[5]), rejected(ReaderStatus.UNREADABLE, "Không thấy dấu góc.")],
    )
    page = adjudication.add_typed_ballot(counting.op1, scan, {"struck": [3]})
    assert (page.number, page.status, page.typed) == (3, PageStatus.TYPED, {"struck": [3]})
    created = services.finalise_scan(counting.op1, scan, 2)
    assert [b.content for b in created.ballots.order_by("seq")] == [
        {"struck": [5]},
        {"struck": [3]},
    ]
    assert AuditEntry.objects.filter(action="scan.type_ballot").count() == 1


def test_scan_and_keyboard_by_the_same_person_are_not_independent(batch, counting, fake_reader):
    typed = entry.start_entry(counting.op1, batch)
    entry.save_ballot(counting.op1, typed, {"struck": [5]})
    scan = scan_of(counting.op1, batch, fake_reader, [struck_page(struck=[5])])
    with pytest.raises(ScanError) as refused:
        services.finalise_scan(counting.op1, scan, 1)
    assert refused.value.code == "keyboard_in_progress"
    entry.finalise_entry(counting.op1, typed)
    with pytest.raises(EntryError) as machine_refused:
        services.finalise_scan(counting.op1, scan, 1)
    assert machine_refused.value.code == "same_operator"
    assert not BatchEntry.objects.filter(source="scan").exists()


def test_a_scan_in_another_order_reconciles_with_the_keyboard_entry(batch, counting, fake_reader):
    typed_order = [[5], [4], [], [1, 2], [5], [3]]
    scanned_order = [[3], [5], [1, 2], [5], [], [4]]
    typed = entry.start_entry(counting.op2, batch)
    for struck in typed_order:
        entry.save_ballot(counting.op2, typed, {"struck": struck})
    entry.finalise_entry(counting.op2, typed)
    scan = scan_of(counting.op1, batch, fake_reader, [struck_page(s) for s in scanned_order])
    services.finalise_scan(counting.op1, scan, 6)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.RECONCILED
    assert sorted(map(tuple, (c.content["struck"] for c in batch.counted.all()))) == sorted(
        map(tuple, typed_order)
    )
    assert AuditEntry.objects.filter(action="scan.align").exists()


def test_a_scan_finalised_first_is_aligned_when_the_keyboard_entry_comes(
    batch, counting, fake_reader
):
    scan = scan_of(counting.op1, batch, fake_reader, [struck_page(s) for s in ([1], [2], [3])])
    created = services.finalise_scan(counting.op1, scan, 3)
    typed = entry.start_entry(counting.op2, batch)
    for struck in ([3], [1], [2]):
        entry.save_ballot(counting.op2, typed, {"struck": struck})
    entry.finalise_entry(counting.op2, typed)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.RECONCILED
    aligned = [b.content["struck"] for b in created.ballots.order_by("seq")]
    assert aligned == [[3], [1], [2]]
    # The image still belongs to its ballot after renumbering.
    for ballot in EnteredBallot.objects.filter(entry=created):
        assert services.page_ballot(scan, ballot.scanned_page) == ballot.content


def test_one_ballot_read_differently_is_one_difference_for_the_leader(batch, counting, fake_reader):
    typed_order = [[5], [4], [1, 2], [5]]
    scanned_order = [[5], [1, 3], [5], [4]]  # the third typed ballot read as 1, 3
    typed = entry.start_entry(counting.op2, batch)
    for struck in typed_order:
        entry.save_ballot(counting.op2, typed, {"struck": struck})
    entry.finalise_entry(counting.op2, typed)
    scan = scan_of(counting.op1, batch, fake_reader, [struck_page(s) for s in scanned_order])
    services.finalise_scan(counting.op1, scan, 4)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DIFFERENT
    finalised, comparison = entry.batch_comparison(batch)
    assert [d.seq for d in comparison.differences] == [3]
    assert comparison.differences[0].contents == ({"struck": [1, 2]}, {"struck": [1, 3]})
    # The leader says the scan read it right.
    scan_slot = next(e.slot for e in finalised if e.source == "scan")
    entry.resolve_differences(counting.leader, batch, {3: scan_slot}, "Xem ảnh quét")
    batch.refresh_from_db()
    assert batch.status == BatchStatus.RECONCILED
    assert sorted(c.content["struck"] for c in batch.counted.all()) == [[1, 3], [4], [5], [5]]


def test_box_ballots_read_by_the_scanner(box_batch, counting, fake_reader):
    scan = scan_of(
        counting.op1,
        box_batch,
        fake_reader,
        [
            boxes_page({1: "agree", 2: "disagree", 3: "none"}),
            boxes_page({1: "both", 2: "agree", 3: "agree"}, uncertain=[1]),
            boxes_page({1: "disagree", 2: "disagree", 3: "none"}),
        ],
    )
    page = scan.pages.get(number=2)
    adjudication.decide(counting.op1, page, 1, "none")
    created = services.finalise_scan(counting.op1, scan, 3)
    assert [(b.content, b.valid, b.reason) for b in created.ballots.order_by("seq")] == [
        ({"marks": {"1": "agree", "2": "disagree"}}, True, ""),
        ({"marks": {"2": "agree", "3": "agree"}}, True, ""),
        ({"marks": {"1": "disagree", "2": "disagree"}}, False, "elects_nobody"),
    ]


def test_discarding_drops_the_pages_but_keeps_the_record(batch, counting, fake_reader):
    scan = scan_of(counting.op1, batch, fake_reader, [struck_page(), struck_page()])
    services.discard_scan(counting.op1, scan, "Quét nhầm hòm 2")
    scan.refresh_from_db()
    assert scan.status == ScanStatus.DISCARDED
    assert not scan.pages.exists()
    with pytest.raises(ScanError):
        services.finalise_scan(counting.op1, scan, 2)
    assert AuditEntry.objects.filter(action="scan.discard").get().after["pages_deleted"] == 2


def test_more_files_are_added_to_an_open_scan(batch, counting, fake_reader):
    scan = scan_of(
        counting.op1,
        batch,
        fake_reader,
        [struck_page([5]), rejected(ReaderStatus.DOUBLE_FEED, "Hai tờ dính nhau.")],
    )
    fake_reader.extend([struck_page([4]), struck_page([3])])
    scan = services.add_files(counting.op1, scan, files(2))
    scan = services.process_scan(scan, files(2))
    assert [p.number for p in scan.pages.order_by("number")] == [1, 2, 3, 4]
    created = services.finalise_scan(counting.op1, scan, 3)
    assert [b.content["struck"] for b in created.ballots.order_by("seq")] == [[5], [4], [3]]


def test_a_list_changed_after_scanning_refuses_to_finalise(batch, counting, fake_reader, users):
    from daihoi.elections import lists

    scan = scan_of(counting.op1, batch, fake_reader, [struck_page()])
    election = batch.election
    lists.unlock_list(users.east, election, "Thay một người")
    lists.withdraw_candidate(users.east, election.candidates.get(given_name="Em"), "Xin rút")
    lists.add_candidate(users.east, election, full_name="Ngô Văn Phúc")
    lists.approve_list(users.east, election)
    with pytest.raises(ScanError) as refused:
        services.finalise_scan(counting.op1, scan, 1)
    assert refused.value.code == "list_changed"


def test_recording_ballots_issued_keeps_the_printed_layout(batch, users):
    from daihoi.elections.lists import ballot_spec

    before = ballot_spec(batch.election)
    services_extra.set_ballots_issued(users.east, batch.election, 10)
    batch.election.refresh_from_db()
    assert ballot_spec(batch.election).qr_payload == before.qr_payload


def test_with_equal_ballots_the_crosscheck_points_at_the_sheet_the_leader_decides(
    batch, counting, fake_reader
):
    from daihoi.scanning.selectors import crosscheck

    scanned_order = [[], [5], [], [4]]  # two sheets alike: nothing struck
    typed_order = [[4], [2], [5], []]  # one of the two typed as "2 struck"
    typed = entry.start_entry(counting.op2, batch)
    for struck in typed_order:
        entry.save_ballot(counting.op2, typed, {"struck": struck})
    entry.finalise_entry(counting.op2, typed)
    scan = scan_of(counting.op1, batch, fake_reader, [struck_page(s) for s in scanned_order])
    services.finalise_scan(counting.op1, scan, 4)
    batch.refresh_from_db()
    finalised, comparison = entry.batch_comparison(batch)
    (difference,) = comparison.differences
    scan_entry = next(e for e in finalised if e.source == "scan")
    decided_sheet = scan_entry.ballots.get(seq=difference.seq).scanned_page.number
    ((_, found),) = crosscheck(batch).typed
    (pair,) = found.pairs
    assert crosscheck(batch).scanned.ballots[pair.b].page.number == decided_sheet


def test_a_scan_discarded_while_it_is_read_stores_nothing(batch, counting, fake_reader):
    scan = services.create_scan(counting.op1, batch, files(2))

    def discard_meanwhile():
        services.discard_scan(counting.leader, scan, "Quét nhầm hòm")
        return struck_page([5])

    fake_reader.extend([struck_page([4]), discard_meanwhile])
    scan = services.process_scan(scan, files(2))
    assert scan.status == ScanStatus.DISCARDED
    assert not ScannedPage.objects.exists()
