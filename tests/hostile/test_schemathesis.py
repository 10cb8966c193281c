"""Issue 16.10: schemathesis against the API's own OpenAPI document, bounded for CI.

Every operation, as the province administrator and as a counting operator, with cases
that fit the schema and cases that do not (wrong types, missing fields), half of them
aimed at objects that exist: no answer is a server error, and every status code an
answer carries is listed for that operation in /api/openapi.json. Runs in `make test`
(and so in .ci/run on SQLite and on PostgreSQL). EXAMPLES bounds the run.
"""

import json
import os
from urllib.parse import urlencode

import pytest
import schemathesis
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.core import NOT_SET
from schemathesis.generation import GenerationMode

from daihoi.api import api
from daihoi.elections import entry
from tests.elections.conftest import congress, counting, election  # noqa: F401 (fixtures)

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "12"))
SCHEMA = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/"))
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]


@pytest.fixture
def world(settings, users, members, election, counting):  # noqa: F811
    settings.LOGIN_FAILURE_LIMIT = 10_000  # a fuzzer's wrong guesses must not lock anyone out
    batch = entry.create_batch(None, election, team=counting.team, number=1)
    started = entry.start_entry(counting.op1, batch)
    ids = {
        "org_id": users.east.organization_id,
        "member_id": members.an.pk if hasattr(members, "an") else 1,
        "election_id": election.pk,
        "batch_id": batch.pk,
        "entry_id": started.pk,
    }
    return ids, {"admin": users.province, "operator": counting.op1}


def documented(operation) -> set[int]:
    return {int(code) for code in operation.definition.raw["responses"] if code.isdigit()}


def send(client: Client, case):
    url = case.formatted_path
    if case.query:
        url += "?" + urlencode(case.query, doseq=True)
    kwargs = {}
    if case.body is not NOT_SET:
        data = case.body if isinstance(case.body, bytes) else json.dumps(case.body)
        kwargs = {"data": data, "content_type": case.media_type or "application/json"}
    return client.generic(case.method.upper(), url, **kwargs)


@pytest.mark.parametrize("who", ["admin", "operator"])
@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.label)
def test_no_server_error_and_every_status_documented(world, operation, who):
    ids, people = world
    client = Client(raise_request_exception=False)
    client.force_login(people[who])
    real = {p.name: ids[p.name] for p in operation.path_parameters if p.name in ids}
    cases = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE, path_parameters=real),
        operation.as_strategy(GenerationMode.NEGATIVE, path_parameters=real),
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )
    allowed = documented(operation)

    @given(case=cases)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        try:
            response = send(client, case)
        except UnicodeEncodeError:
            return  # a surrogate the client cannot put in a URL never reaches a server
        assert response.status_code < 500, (case.formatted_path, case.query, case.body)
        assert response.status_code in allowed, (
            response.status_code,
            case.formatted_path,
            case.query,
            case.body,
            response.content[:300],
        )

    check()
