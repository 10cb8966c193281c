"""A fingerprint of the demo data, to check that a seed reproduces the same province.

Only what a seed determines goes in: codes, names, dates, statuses and the
links between them by code. Database ids and paths (built from ids) are left
out, since they depend on the database's sequences, not on the seed.
"""

import hashlib

from daihoi.accounts.models import User
from daihoi.organizations.models import Organization
from daihoi.people.models import Member, Planning, Post

MEMBER_FIELDS = (
    "code",
    "full_name",
    "gender",
    "birth_date",
    "birth_year_only",
    "ethnicity",
    "religion",
    "hometown",
    "citizen_id",
    "admitted_on",
    "full_member_on",
    "status",
    "general_education",
    "education",
    "political_theory",
    "organization__code",
)


def demo_digest() -> str:
    sha = hashlib.sha256()
    queries = (
        Organization.objects.order_by("code").values_list(
            "code", "name", "level", "kind", "parent__code", "founded_on"
        ),
        Member.objects.order_by("code").values_list(*MEMBER_FIELDS),
        Post.objects.order_by("member__code", "started_on", "title").values_list(
            "member__code", "title", "organization__code", "key_post", "started_on", "ended_on"
        ),
        Planning.objects.order_by("member__code", "title").values_list(
            "member__code", "title", "term", "approved_on"
        ),
        User.objects.order_by("username").values_list("username", "role", "organization__code"),
    )
    for rows in queries:
        for row in rows.iterator(chunk_size=5000):
            sha.update(repr(row).encode("utf-8"))
            sha.update(b"\n")
        sha.update(b"--\n")
    return sha.hexdigest()
