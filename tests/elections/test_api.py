"""The elections API: the count by JSON, with the pages' access rules and the services' codes."""

import base64

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from daihoi.elections import entry, results
from daihoi.elections.models import BatchStatus, CountedBallot, EnteredBallot

# Ballot order: An, Bình, Cường, Dung, Em (4 seats, 5 names: strike-through form).
# With base 11 this elects four; [] keeps five names for four seats (too_many).
BALLOTS = [[5], [5], [4], [5], [1], [4], [5], [2], [5], [], [1, 2]]
ELECTION_GETS = ["", "/candidates", "/progress", "/result", "/published", "/ballots.json"]


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def call(client, method, path, body=None):
    send = getattr(client, method)
    url = f"/api/elections/{path}"
    return send(url, body, content_type="application/json") if body is not None else send(url)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The real hasher costs a second a user on a busy machine; these tests are about ballots.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def batch(election, counting):
    return entry.create_batch(None, election, team=counting.team, number=1)


def enter(op, batch, ballots=BALLOTS) -> int:
    client = client_for(op)
    entry_id = call(client, "post", f"batches/{batch.pk}/entries").json()["entry_id"]
    for struck in ballots:
        assert (
            call(client, "post", f"entries/{entry_id}/ballots", {"struck": struck}).status_code
            == 201
        )
    response = call(client, "post", f"entries/{entry_id}/finalise", {"count": len(ballots)})
    assert response.status_code == 200, response.json()
    return entry_id


def test_it_refuses_anonymous_callers_with_401(election, batch):
    client = Client()
    for suffix in ELECTION_GETS:
        assert call(client, "get", f"{election.pk}{suffix}").status_code == 401, suffix
    assert call(client, "post", f"batches/{batch.pk}/entries").status_code == 401
    assert call(client, "get", f"batches/{batch.pk}/differences").status_code == 401
    assert call(client, "post", "entries/1/ballots", {"struck": [1]}).status_code == 401
    assert call(client, "delete", "entries/1/ballots/last").status_code == 401


def test_it_shows_the_election_with_its_list_in_ballot_order(election, users):
    body = call(client_for(users.east), "get", f"{election.pk}").json()
    assert (body["seats"], body["status"], body["form"], body["list_locked"]) == (
        4,
        "list_approved",
        "struck",
        True,
    )
    assert [c["name"] for c in body["candidates"]][:2] == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert [c["position"] for c in body["candidates"]] == [1, 2, 3, 4, 5]
    names = call(client_for(users.east), "get", f"{election.pk}/candidates").json()
    assert names[2] == {
        "position": 3,
        "full_name": "Lê Quốc Cường",
        "family_name": "Lê",
        "middle_name": "Quốc",
        "given_name": "Cường",
        "nominated_by": "convening",
    }


def test_it_hides_the_election_from_another_organisation(election, batch, users):
    west = client_for(users.west)
    for suffix in ELECTION_GETS:
        assert call(west, "get", f"{election.pk}{suffix}").status_code == 404, suffix
    assert call(west, "get", "999999").status_code == 404


def test_it_hides_the_count_from_a_viewer_until_it_is_published(election, batch, counting, users):
    viewer = client_for(users.east_viewer)
    assert call(viewer, "get", f"{election.pk}").status_code == 200
    for suffix in ("/progress", "/result", "/ballots.json", "/published"):
        assert call(viewer, "get", f"{election.pk}{suffix}").status_code == 404, suffix
    enter(counting.op1, batch)
    enter(counting.op2, batch)
    results.publish_result(users.east, election)
    published = call(viewer, "get", f"{election.pk}/published").json()
    assert published["published"] is True
    assert published["elected"] and published["audit_head"]


def test_it_keeps_batches_from_users_outside_the_team(election, batch, counting, users):
    entry_id = enter(counting.op1, batch)
    for outsider in (users.east, users.west):  # an organiser is not a counter
        client = client_for(outsider)
        assert call(client, "post", f"batches/{batch.pk}/entries").status_code == 404
        assert call(client, "get", f"batches/{batch.pk}/differences").status_code == 404
        response = call(client, "post", f"entries/{entry_id}/ballots", {"struck": [1]})
        assert response.status_code == 404
        assert call(client, "delete", f"entries/{entry_id}/ballots/last").status_code == 404
    assert call(client_for(counting.op1), "post", "batches/999999/entries").status_code == 404


def test_it_counts_a_batch_entered_twice_and_answers_the_result(election, batch, counting, users):
    organiser = client_for(users.east)
    enter(counting.op1, batch)
    response = call(organiser, "get", f"{election.pk}/result")
    assert response.status_code == 409
    assert response.json() == {"code": "incomplete", "message": "Mới khớp 0/1 hòm phiếu."}
    enter(counting.op2, batch)
    progress = call(organiser, "get", f"{election.pk}/progress").json()
    assert progress == {
        "batches": [{"number": 1, "status": "reconciled", "team": "Tổ 1"}],
        "reconciled": 1,
        "total": 1,
        "ballots_counted": 11,
        "complete": True,
    }
    result = call(organiser, "get", f"{election.pk}/result").json()
    assert (result["collected"], result["valid"], result["invalid"]) == (11, 10, 1)
    assert result["published"] is False
    assert result["invalid_by_reason"] == {"too_many": 1}
    exported = call(organiser, "get", f"{election.pk}/ballots.json").json()
    assert sorted(map(str, exported["ballots"])) == sorted(str({"struck": b}) for b in BALLOTS)
    assert call(organiser, "get", f"{election.pk}/published").status_code == 404


def test_it_saves_a_ballot_with_its_verdict_and_running_counts(election, batch, counting):
    op = client_for(counting.op1)
    started = call(op, "post", f"batches/{batch.pk}/entries").json()
    assert (started["slot"], started["status"], started["counts"]["total"]) == (1, "in_progress", 0)
    url = f"entries/{started['entry_id']}/ballots"
    response = call(op, "post", url, {"struck": [2, 1]})
    assert response.status_code == 201
    assert response.json() == {
        "seq": 1,
        "counts": {"total": 1, "valid": 1, "invalid": 0},
        "valid": True,
        "reason": "",
    }
    second = call(op, "post", url, {"invalid": "signed_or_marked"}).json()
    assert (second["seq"], second["valid"], second["reason"]) == (2, False, "signed_or_marked")
    assert second["counts"] == {"total": 2, "valid": 1, "invalid": 1}
    again = call(op, "post", f"batches/{batch.pk}/entries").json()  # reopening continues it
    assert (again["entry_id"], again["counts"]["total"]) == (started["entry_id"], 2)


@pytest.mark.parametrize(
    "body, code",
    [
        ({"struck": [6]}, "out_of_range"),
        ({"struck": [2, 2]}, "repeated"),
        ({"marks": {"1": "agree"}}, "wrong_form"),
        ({"struck": [1], "invalid": "not_issued"}, "bad_shape"),
        ({}, "bad_shape"),
        ({"invalid": "too_many"}, "bad_reason"),
    ],
)
def test_it_refuses_a_typing_error_with_422_and_saves_nothing(batch, counting, body, code):
    op = client_for(counting.op1)
    entry_id = call(op, "post", f"batches/{batch.pk}/entries").json()["entry_id"]
    response = call(op, "post", f"entries/{entry_id}/ballots", body)
    assert response.status_code == 422
    assert response.json()["code"] == code and response.json()["message"]
    assert not EnteredBallot.objects.exists()


def test_it_refuses_a_body_of_the_wrong_shape_and_saves_nothing(batch, counting):
    op = client_for(counting.op1)
    entry_id = call(op, "post", f"batches/{batch.pk}/entries").json()["entry_id"]
    for body in ({"struck": [1], "strcuk": [2]}, {"struck": "1 2"}):
        response = call(op, "post", f"entries/{entry_id}/ballots", body)
        assert response.status_code == 422 and "detail" in response.json(), body
    assert not EnteredBallot.objects.exists()


def test_it_undoes_the_last_ballot(batch, counting):
    op = client_for(counting.op1)
    entry_id = call(op, "post", f"batches/{batch.pk}/entries").json()["entry_id"]
    for struck in ([1], [2]):
        call(op, "post", f"entries/{entry_id}/ballots", {"struck": struck})
    undone = call(op, "delete", f"entries/{entry_id}/ballots/last").json()
    assert undone == {"seq": 2, "counts": {"total": 1, "valid": 1, "invalid": 0}}
    assert call(op, "delete", f"entries/{entry_id}/ballots/last").status_code == 200
    response = call(op, "delete", f"entries/{entry_id}/ballots/last")
    assert response.status_code == 409 and response.json()["code"] == "nothing_to_undo"


def test_it_answers_409_with_the_code_of_a_refused_step(batch, counting):
    op1, op2 = client_for(counting.op1), client_for(counting.op2)
    entry_id = call(op1, "post", f"batches/{batch.pk}/entries").json()["entry_id"]
    response = call(op1, "post", f"entries/{entry_id}/finalise", {"count": 0})
    assert (response.status_code, response.json()["code"]) == (409, "empty_entry")
    # A team mate may not type into someone else's entry.
    response = call(op2, "post", f"entries/{entry_id}/ballots", {"struck": [1]})
    assert (response.status_code, response.json()["code"]) == (409, "not_your_entry")
    call(op1, "post", f"entries/{entry_id}/ballots", {"struck": [1]})
    response = call(op1, "post", f"entries/{entry_id}/finalise", {"count": 2})
    assert (response.status_code, response.json()["code"]) == (409, "count_mismatch")
    response = call(op2, "post", f"entries/{entry_id}/finalise", {"count": 1})
    assert (response.status_code, response.json()["code"]) == (409, "not_your_entry")
    finalised = call(op1, "post", f"entries/{entry_id}/finalise", {"count": 1}).json()
    assert (finalised["slot"], finalised["batch_status"]) == (1, "entering")
    response = call(op1, "post", f"batches/{batch.pk}/entries")
    assert (response.status_code, response.json()["code"]) == (409, "same_operator")
    response = call(op1, "post", f"entries/{entry_id}/ballots", {"struck": [1]})
    assert (response.status_code, response.json()["code"]) == (409, "entry_not_in_progress")


def test_it_shows_the_team_how_the_entries_differ(batch, counting):
    enter(counting.op1, batch)
    typo = [list(b) for b in BALLOTS]
    typo[2] = [3]
    enter(counting.op2, batch, typo)
    body = call(client_for(counting.leader), "get", f"batches/{batch.pk}/differences").json()
    assert (body["status"], body["leader"]) == (BatchStatus.DIFFERENT, True)
    assert [(e["slot"], e["operator"], e["ballots"]) for e in body["entries"]] == [
        (1, "nhap1", 11),
        (2, "nhap2", 11),
    ]
    assert body["differences"] == [
        {
            "seq": 3,
            "readings": [
                {"slot": 1, "content": {"struck": [4]}},
                {"slot": 2, "content": {"struck": [3]}},
            ],
        }
    ]
    assert not CountedBallot.objects.exists()
    other = call(client_for(counting.op1), "get", f"batches/{batch.pk}/differences").json()
    assert other["leader"] is False


def test_it_refuses_a_result_without_a_base(election, batch, counting, users, congress):
    from daihoi.congresses.services import update_attendance

    enter(counting.op1, batch)
    enter(counting.op2, batch)
    update_attendance(users.east, congress, summoned=0, present=0)
    response = call(client_for(users.east), "get", f"{election.pk}/result")
    assert (response.status_code, response.json()["code"]) == (409, "no_base")


def test_it_accepts_http_basic_credentials(election, counting):
    token = base64.b64encode(b"nhap1:mat-khau-9xq").decode()
    response = Client().get(f"/api/elections/{election.pk}", HTTP_AUTHORIZATION=f"Basic {token}")
    assert response.status_code == 200


def test_it_lists_every_endpoint_with_its_schemas_in_openapi(users):
    schema = client_for(users.east).get("/api/openapi.json").json()
    paths = {p: set(ops) for p, ops in schema["paths"].items() if p.startswith("/api/elections/")}
    assert paths == {
        "/api/elections/{election_id}": {"get"},
        "/api/elections/{election_id}/candidates": {"get"},
        "/api/elections/{election_id}/progress": {"get"},
        "/api/elections/{election_id}/result": {"get"},
        "/api/elections/{election_id}/published": {"get"},
        "/api/elections/{election_id}/ballots.json": {"get"},
        "/api/elections/batches/{batch_id}/entries": {"post"},
        "/api/elections/batches/{batch_id}/differences": {"get"},
        "/api/elections/entries/{entry_id}/ballots": {"post"},
        "/api/elections/entries/{entry_id}/ballots/last": {"delete"},
        "/api/elections/entries/{entry_id}/finalise": {"post"},
    }
    save = schema["paths"]["/api/elections/entries/{entry_id}/ballots"]["post"]
    assert set(save["responses"]) == {"201", "400", "401", "404", "409", "415", "422", "429"}
    assert save["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("BallotIn")
    assert {"ResultOut", "ElectionOut", "ErrorOut", "DifferencesOut"} <= set(
        schema["components"]["schemas"]
    )


def test_a_save_costs_a_handful_of_queries_however_long_the_entry(batch, counting):
    """Issue 17: 12 statements per save before. Now: the session (none where the cache
    is shared), the locked entry with its list, team and the user's row, the entry's
    counts, the insert."""
    client = client_for(counting.op1)
    entry_id = call(client, "post", f"batches/{batch.pk}/entries").json()["entry_id"]
    for struck in ([1], [2], [3]):
        call(client, "post", f"entries/{entry_id}/ballots", {"struck": struck})
    with CaptureQueriesContext(connection) as done:
        saved = call(client, "post", f"entries/{entry_id}/ballots", {"struck": [4]})
    statements = [q["sql"] for q in done.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert len(statements) <= 4, "\n".join(statements)
    assert saved.status_code == 201
    assert saved.json()["seq"] == saved.json()["counts"]["total"] == 4


def test_a_save_into_another_teams_entry_is_404_and_writes_nothing(batch, counting, users):
    entry_id = call(client_for(counting.op1), "post", f"batches/{batch.pk}/entries").json()[
        "entry_id"
    ]
    outsider = client_for(users.east)
    assert call(outsider, "post", f"entries/{entry_id}/ballots", {"struck": [1]}).status_code == 404
    assert call(outsider, "post", "entries/999999/ballots", {"struck": [1]}).status_code == 404
    assert not EnteredBallot.objects.exists()
