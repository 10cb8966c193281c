"""JSON endpoints of elections and of the counting teams' double entry.

Mounted as `api.add_router("/elections/", router)`: every path starts /api/elections/.
The API's authentication (session or HTTP Basic) answers 401 to anonymous callers;
each endpoint then looks its object up through the pages' `access_*` helpers, so
anyone outside gets 404. Writes go through the pages' services: the server's
verdict on a ballot is the one stored.

Refusals carry a stable code, as `{"code", "message"}`: a typing error in a
ballot answers 422 and saves nothing; a refused step of the entry machine
(`EntryError`) or a result not yet computable answers 409.
"""

from functools import wraps

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.errors import AuthenticationError

from daihoi.api_auth import hot_path_auth
from daihoi.rules.ballots import ballot_form

from . import access, ballot_save, entry, lists, results, services_api
from .api_schemas import (
    BallotIn,
    BallotSavedOut,
    BallotUndoneOut,
    CandidateOut,
    DifferencesOut,
    ElectionOut,
    EntryOut,
    ErrorOut,
    ExportOut,
    FinalisedOut,
    FinaliseIn,
    ProgressOut,
    ResultOut,
    entry_counts,
)
from .entry_machine import EntryError
from .judging import BallotInputError
from .models import BatchEntry, BatchStatus, EntryStatus, PublishedResult

router = Router(tags=["elections"])


def refusals(view):
    """Map the services' coded refusals to responses; ninja reads the wrapped signature."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except BallotInputError as exc:
            return Status(422, {"code": exc.code, "message": exc.message})
        except EntryError as exc:
            return Status(409, {"code": exc.code, "message": exc.message})

    return wrapper


def _access_results(user, election_id: int):
    # As the results page: the count in progress is for organisers and the counting
    # committee only; nothing of the result leaves them before it is announced.
    election = access.access_election(user, election_id)
    if not (access.is_organiser(user, election) or access.is_counter(user, election.congress)):
        raise Http404("election not found")
    return election


def _access_entry(user, entry_id: int) -> BatchEntry:
    found = get_object_or_404(BatchEntry, pk=entry_id)
    access.access_batch_for_entry(user, found.batch_id)  # 404 to anyone outside the team
    return found


# ---- elections ----------------------------------------------------------------


@router.get("/{int:election_id}", response=ElectionOut)
def get_election(request, election_id: int):
    """The election and its list in ballot order; `form` is null while the list is empty."""
    election = access.access_election(request.user, election_id)
    names = list(lists.live_candidates(election).values("position", "full_name"))
    return {
        **{f: getattr(election, f) for f in ("id", "title", "kind", "seats", "alternates")},
        **{f: getattr(election, f) for f in ("round", "status", "entries_required")},
        "list_locked": election.list_locked,
        "form": str(ballot_form(len(names), election.seats)) if names else None,
        "candidates": [{"position": c["position"], "name": c["full_name"]} for c in names],
    }


@router.get("/{int:election_id}/candidates", response=list[CandidateOut])
def get_candidates(request, election_id: int):
    """The names still on the list, in ballot order (Vietnamese alphabetical order)."""
    election = access.access_election(request.user, election_id)
    return list(lists.live_candidates(election))


@router.get("/{int:election_id}/progress", response=ProgressOut)
def get_progress(request, election_id: int):
    election = _access_results(request.user, election_id)
    return results.progress(election)


@router.get("/{int:election_id}/result", response={200: ResultOut, 409: ErrorOut})
def get_result(request, election_id: int):
    """The result (`results.compute_result`), or the frozen one once published.

    While any batch is not reconciled the answer is 409 `incomplete`, never a
    partial result: a partial count read as a result would mislead. 409
    `no_base` while the congress's summoned/present counts are missing.
    """
    election = _access_results(request.user, election_id)
    published = PublishedResult.objects.filter(election=election).first()
    if published is not None:
        return dict(published.data, published_at=published.published_at)
    state = results.progress(election)
    if not state["complete"]:
        message = f"Mới khớp {state['reconciled']}/{state['total']} hòm phiếu."
        return Status(409, {"code": "incomplete", "message": message})
    try:
        return dict(results.compute_result(election), published=False)
    except ValidationError as exc:
        return Status(409, {"code": "no_base", "message": " ".join(exc.messages)})


@router.get("/{int:election_id}/published", response=ResultOut)
def get_published(request, election_id: int):
    """The announced result, as frozen for the minutes; 404 until the committee publishes it."""
    election = access.access_election(request.user, election_id)
    published = get_object_or_404(PublishedResult, election=election)
    return dict(published.data, published_at=published.published_at)


@router.get("/{int:election_id}/ballots.json", response=ExportOut)
def get_ballots(request, election_id: int):
    """Every counted ballot in the `daihoi count` form, for an independent recount."""
    election = _access_results(request.user, election_id)
    return results.export_ballots(election)


# ---- double entry -------------------------------------------------------------


@router.post("/batches/{int:batch_id}/entries", response={200: EntryOut, 409: ErrorOut})
@refusals
def start_entry(request, batch_id: int):
    """Start the caller's own entry of the batch, or continue it if one is in progress."""
    batch = access.access_batch_for_entry(request.user, batch_id)
    return entry.start_entry(request.user, batch)


@router.post(
    "/entries/{int:entry_id}/ballots",
    response={201: BallotSavedOut, 409: ErrorOut, 422: ErrorOut},
    auth=hot_path_auth(),
)
@refusals
def save_ballot(request, entry_id: int, payload: BallotIn):
    """One typed ballot at the end of the entry: exactly one of struck, marks, invalid."""
    # One locking read checks the team, the entry, the list and (for a browser session)
    # the user's row; one insert stores it.
    content = payload.model_dump(exclude_unset=True)
    try:
        try:
            saved = ballot_save.save_ballot_at(request.auth, entry_id, content)
        except ballot_save.ActorNotConfirmed:
            # The session's user changed (password, deactivated, older key): Django decides.
            if not request.user.is_authenticated:
                raise AuthenticationError(401) from None
            saved = ballot_save.save_ballot_at(request.user, entry_id, content)
    except ballot_save.EntryNotFound:
        raise Http404("entry not found") from None
    ballot = saved.ballot
    counts = {"total": saved.total, "valid": saved.valid_total, "invalid": saved.invalid_total}
    return Status(
        201, {"seq": ballot.seq, "valid": ballot.valid, "reason": ballot.reason, "counts": counts}
    )


@router.delete(
    "/entries/{int:entry_id}/ballots/last", response={200: BallotUndoneOut, 409: ErrorOut}
)
@refusals
def undo_last_ballot(request, entry_id: int):
    target = _access_entry(request.user, entry_id)
    undone = entry.undo_last_ballot(request.user, target)
    return {"seq": undone.seq, "counts": entry_counts(target)}


@router.post("/entries/{int:entry_id}/finalise", response={200: FinalisedOut, 409: ErrorOut})
@refusals
def finalise_entry(request, entry_id: int, payload: FinaliseIn):
    """Close the entry. `count` is the ballots counted on paper; as on the entry page,
    it must equal the ballots typed (else 409 `count_mismatch`), so a skipped or
    doubled ballot is caught before the comparison with the other entries."""
    target = _access_entry(request.user, entry_id)
    batch = services_api.finalise_counted_entry(request.user, target, payload.count)
    return {
        "entry_id": target.pk,
        "slot": target.slot,
        "batch_id": batch.pk,
        "batch_status": batch.status,
    }


@router.get("/batches/{int:batch_id}/differences", response=DifferencesOut)
def get_differences(request, batch_id: int):
    """The live entries of the batch and, once they differ, each differing ballot as every
    entry read it (null where an entry has no such ballot), for the leader to decide."""
    batch = access.access_batch_for_entry(request.user, batch_id)
    live = (
        batch.entries.exclude(status=EntryStatus.DISCARDED)
        .select_related("operator")
        .annotate(n=Count("ballots"))
        .order_by("slot")
    )
    differences = []
    if batch.status == BatchStatus.DIFFERENT:
        finalised, comparison = entry.batch_comparison(batch)
        slots = [e.slot for e in finalised]
        for d in comparison.differences:
            readings = [{"slot": s, "content": c} for s, c in zip(slots, d.contents, strict=True)]
            differences.append({"seq": d.seq, "readings": readings})
    return {
        "batch_id": batch.pk,
        "number": batch.number,
        "status": batch.status,
        "leader": access.is_team_leader(request.user, batch),
        "entries": list(live),
        "differences": differences,
    }
