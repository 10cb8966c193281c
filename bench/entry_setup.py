"""Set-up for bench/entry.py: an election, its counting team, one started entry per typist.

Runs in the benchmark's own process with Django ready (bench/scratch.py). Logins
are made as Django's login view makes them (a session holding the user and the
password's hash), without hashing a password per typist; the CSRF token is the
cookie a browser would have been given.
"""

import random
import secrets
import string

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Quốc", "Minh", "Thanh", "Ngọc"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hùng", "Lan", "Long", "Mai"]
CANDIDATES, SEATS = 60, 50


def set_up(groups: list[int], candidates: int = CANDIDATES, seats: int = SEATS) -> list[list[int]]:
    """An approved list and, for each group, that many boxes each with one started entry
    by its own operator: the entry ids, group by group."""
    from daihoi.accounts.models import Role, User
    from daihoi.congresses.services import create_congress, update_attendance
    from daihoi.elections import entry, lists
    from daihoi.organizations.services import create_organization

    org = create_organization(
        None, code="T99", name="Đảng bộ tỉnh Thử Nghiệm", level="province", kind="province"
    )

    def user(username: str, role: str):
        return User.objects.create_user(username=username, organization=org, role=role)

    organiser = user("to_chuc", Role.STAFF)
    congress = create_congress(organiser, org, name="Đại hội thử tải", kind="delegates")
    update_attendance(organiser, congress, summoned=2400, present=2300)
    election = lists.create_election(
        organiser, congress, kind="committee", title="Bầu Ban Chấp hành", seats=seats
    )
    names = [f"{f} {m} {g}" for f in FAMILY for m in MIDDLE for g in GIVEN]
    for name in random.Random(2025).sample(names, candidates):
        lists.add_candidate(organiser, election, full_name=name)
    election = lists.approve_list(organiser, election)
    total = sum(groups)
    operators = [user(f"nhap{k:03d}", Role.COUNTING) for k in range(1, total + 1)]
    leader = user("to_truong", Role.COUNTING)
    team = entry.create_team(organiser, congress, name="Tổ 1", leader=leader, members=operators)
    started = []
    for number, op in enumerate(operators, start=1):
        batch = entry.create_batch(organiser, election, team=team, number=number)
        started.append(entry.start_entry(op, batch).pk)
    out, at = [], 0
    for size in groups:
        out.append(started[at : at + size])
        at += size
    return out


def sessions(entries: list[list[int]]) -> dict[int, tuple[str, str]]:
    """Per entry id: (session key, CSRF token) of its operator, logged in."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils.module_loading import import_string

    from daihoi.elections.models import BatchEntry

    store = import_string(settings.SESSION_ENGINE + ".SessionStore")
    ids = [e for group in entries for e in group]
    out = {}
    for found in BatchEntry.objects.filter(pk__in=ids).select_related("operator"):
        session = store()
        session[SESSION_KEY] = str(found.operator.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = found.operator.get_session_auth_hash()
        session.create()
        token = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
        out[found.pk] = (session.session_key, token)
    return out


def make_box(seed: int, ballots: int, candidates: int = CANDIDATES) -> list[dict]:
    """Mostly valid ballots (10–14 names struck); now and then one keeping too many names,
    or one the team set aside as signed."""
    rnd = random.Random(seed)
    box = []
    for _ in range(ballots):
        roll = rnd.random()
        if roll < 0.02:
            box.append({"invalid": "signed_or_marked"})
            continue
        strikes = rnd.randint(3, 9) if roll < 0.06 else rnd.randint(10, 14)
        box.append({"struck": sorted(rnd.sample(range(1, candidates + 1), strikes))})
    return box
