"""Which rows a hall package carries, and how a row is written as JSON and read back.

The same spec serves both directions. A row is ``{"id": REF, "f": {field: value}}``;
a reference to another carried row is ``"s<pk>"`` (the server's primary key) or
``"h<pk>"`` (a row the hall created, by the hall's key). Users travel by username.
Organisations and members travel only as reference rows (hall.refrows): the
congress's organisation and the delegates' delegations and cards need them; every
other link to the registry (a candidate's member record) stays on the server.
"""

import json

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q

# In dependency order: a row refers only to rows of earlier models (or, for
# Election.previous_round, to an earlier row of its own model).
SPEC: tuple[tuple[str, str], ...] = (
    ("congresses.Congress", "pk"),
    ("elections.Sitting", "congress"),
    ("elections.SittingMember", "sitting__congress"),
    ("elections.Election", "congress"),
    ("elections.Candidate", "election__congress"),
    ("elections.ShowOfHands", "congress"),
    ("elections.CountingTeam", "congress"),
    ("elections.BallotBatch", "election__congress"),
    ("elections.BatchEntry", "batch__election__congress"),
    ("elections.EnteredBallot", "entry__batch__election__congress"),
    ("elections.UndoneBallot", "entry__batch__election__congress"),
    ("elections.CountedBallot", "batch__election__congress"),
    ("elections.BallotDecision", "batch__election__congress"),
    ("elections.PublishedResult", "election__congress"),
    ("delegates.QuorumSetting", "congress"),
    ("delegates.Delegate", "congress"),
    ("delegates.CheckIn", "congress"),
)
LABELS = tuple(label for label, _ in SPEC)
# Set in a second pass: the sitting names the election whose elected members sit in it.
LATE = {("elections.Sitting", "source_election")}
# Registry rows carried for reference only (made on the hall, never changed by a return).
ORGANIZATION, MEMBER = "organizations.Organization", "people.Member"
REFERENCES = (ORGANIZATION, MEMBER)
REFERENCE_FIELDS = {
    ("congresses.Congress", "organization"),
    ("delegates.Delegate", "member"),
    ("delegates.Delegate", "delegation"),
}
USER = "accounts.User"
# Re-made on each side from its own audit chain after a load (hall.seals).
SERVER_ONLY = {("elections.PublishedResult", "audit_hash")}


def model(label: str):
    return apps.get_model(label)


def scope(label: str, congress_id: int) -> Q:
    path = dict(SPEC)[label]
    return Q(pk=congress_id) if path == "pk" else Q(**{path: congress_id})


def carried_fields(label: str) -> list:
    """Concrete fields but the primary key and the links left out."""
    fields = []
    for f in model(label)._meta.concrete_fields:
        if f.primary_key or (label, f.name) in SERVER_ONLY:
            continue
        target = f.related_model._meta.label if f.is_relation else ""
        if target in REFERENCES and (label, f.name) not in REFERENCE_FIELDS:
            continue  # e.g. a candidate's member record: the hall needs the name only
        fields.append(f)
    return fields


def m2m_fields(label: str) -> list:
    return [f for f in model(label)._meta.many_to_many if f.related_model._meta.label == USER]


def plain(value):
    """What the value becomes in JSON (so digests compare what the file holds). Text,
    numbers and JSON columns already are; dates and times go through Django's encoder."""
    if value is None or isinstance(value, str | int | float | dict | list):
        return value
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def dump(label: str, obj, ref, usernames: dict[int, str]) -> dict:
    """One row: `ref(label, pk)` names carried rows; users by username."""
    values = {}
    for f in carried_fields(label):
        raw = getattr(obj, f.attname)
        if not f.is_relation:
            values[f.name] = plain(f.value_from_object(obj))
        elif raw is None:
            values[f.name] = None
        elif f.related_model._meta.label == USER:
            values[f.name] = usernames[raw]
        else:
            values[f.name] = ref(f.related_model._meta.label, raw)
    for f in m2m_fields(label):
        values[f.name] = sorted(usernames[u.pk] for u in getattr(obj, f.name).all())
    return {"id": ref(label, obj.pk), "f": values}


def user_ids(congress_id: int) -> set[int]:
    """Every user the carried rows name (so the package can carry their accounts)."""
    ids: set[int] = set()
    for label in LABELS:
        fields = [f for f in carried_fields(label) if f.is_relation]
        names = [f.attname for f in fields if f.related_model._meta.label == USER]
        names += [f"{f.name}__id" for f in m2m_fields(label)]
        for name in names:
            values = model(label).objects.filter(scope(label, congress_id)).values_list(name)
            ids |= {v for (v,) in values if v is not None}
    return ids


def snapshot(congress_id: int, ref, usernames: dict[int, str]) -> dict[str, list[dict]]:
    """Every carried row of the congress, by model, in primary-key order."""
    rows = {}
    for label in LABELS:
        query = model(label).objects.filter(scope(label, congress_id)).order_by("pk")
        if m2m_fields(label):
            query = query.prefetch_related(*[f.name for f in m2m_fields(label)])
        rows[label] = [dump(label, obj, ref, usernames) for obj in query]
    return rows
