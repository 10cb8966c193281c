"""Writes the election pages need beyond lists/entry/results. Atomic and audited, like them."""

from django.core.exceptions import ValidationError
from django.db import transaction

from daihoi.audit.services import record

from . import lists, sittings
from .models import Election, ElectionStatus


@transaction.atomic
def set_ballots_issued(actor, election: Election, issued: int) -> Election:
    """The ballots handed out (from the issue sheet), printed in the minutes."""
    election = Election.objects.select_for_update().select_related("congress").get(pk=election.pk)
    figures = sittings.figures(election)
    if issued < 0:
        raise ValidationError({"ballots_issued": "Số phiếu phát ra không được âm."})
    # Never more ballots out than voters present at this election's own sitting.
    if issued > figures.present:
        raise ValidationError(
            {
                "ballots_issued": f"Số phiếu phát ra ({issued}) lớn hơn số {figures.voters} "
                f"có mặt ({figures.present}) tại {figures.name}: điểm danh trước, hoặc sửa số."
            }
        )
    before = election.ballots_issued
    election.ballots_issued = issued
    election.version += 1
    election.save(update_fields=["ballots_issued", "version"])
    record(
        actor,
        "election.ballots_issued",
        election,
        summary=f"{election.title}: {issued}",
        before={"ballots_issued": before},
        after={"ballots_issued": issued},
    )
    return election


def next_round_defaults(election: Election) -> tuple[list[str], list[str]]:
    """(names that may stand again, names picked by default) from the published result.

    QĐ 190-QĐ/TW 2024, Điều 18.2 and 30 (2014: Điều 20.2, 32): after a tie the
    congress votes again among the tied; after a shortfall, for the seats left,
    among those not elected (the congress may add names on the new list).
    """
    data = election.published.data
    elected = set(data["elected"]) | set(data.get("alternates_elected", []))
    others = [c["name"] for c in data["candidates"] if c["name"] not in elected]
    tied = data["tied_for_last_seat"]
    return others, (list(tied) if tied else others)


@transaction.atomic
def create_next_round(actor, election: Election, names: list[str]) -> Election:
    """A further round for the seats left unfilled, on the names the organiser picked."""
    election = Election.objects.select_for_update().select_related("congress").get(pk=election.pk)
    if election.status != ElectionStatus.PUBLISHED:
        raise ValidationError("Chỉ tạo lần bầu tiếp theo sau khi đã công bố kết quả lần này.")
    unfilled = election.published.data["seats_unfilled"]
    if unfilled < 1:
        raise ValidationError("Đã bầu đủ số lượng: không cần bầu thêm.")
    if election.next_rounds.exists():
        raise ValidationError("Lần bầu tiếp theo đã được tạo.")
    allowed, _ = next_round_defaults(election)
    if not names or set(names) - set(allowed):
        raise ValidationError("Chọn người trong số chưa trúng cử của lần bầu này.")
    nxt = lists.create_election(
        actor,
        election.congress,
        kind=election.kind,
        title=election.title,
        seats=unfilled,
        entries_required=election.entries_required,
        sitting=election.sitting,
    )
    nxt.round, nxt.previous_round = election.round + 1, election
    nxt.save(update_fields=["round", "previous_round"])
    previous = {c.full_name: c for c in election.candidates.all()}
    for name in names:
        old = previous[name]
        lists.add_candidate(
            actor,
            nxt,
            full_name=name,
            member=old.member,
            nominated_by=old.nominated_by,
            poll_agree=old.poll_agree,
        )
    record(
        actor,
        "election.next_round",
        nxt,
        summary=f"{election.title}: lần {nxt.round}",
        after={"previous": election.pk, "seats": unfilled, "candidates": sorted(names)},
    )
    return nxt
