"""JSON endpoints of the organisation tree, scoped like the pages (404 outside the subtree).

Both take `?as_of=YYYY-MM-DD` for the tree as it stood that day (default today).
"""

import datetime as dt

from ninja import Router, Schema

from . import selectors

router = Router(tags=["organizations"])


class OrganizationOut(Schema):
    id: int
    code: str
    name: str
    level: str
    kind: str
    parent_id: int | None
    depth: int
    active: bool
    member_total: int


class OrganizationNodeOut(Schema):
    id: int
    code: str
    name: str
    level: str
    kind: str
    active: bool
    member_total: int
    child_total: int


@router.get("/{int:org_id}", response=OrganizationOut)
def get_organization(request, org_id: int, as_of: dt.date | None = None):
    user = request.auth
    org = selectors.access_organization(user, org_id, as_of)
    # A user's own organisation is the top of their world: its parent stays hidden.
    parent_hidden = not user.is_superuser and org.pk == user.organization_id
    return {
        **{f: getattr(org, f) for f in ("id", "code", "name", "level", "kind", "depth", "active")},
        "parent_id": None if parent_hidden else org.parent_id,
        "member_total": selectors.member_count(org, as_of),
    }


@router.get("/{int:org_id}/children", response=list[OrganizationNodeOut])
def get_children(request, org_id: int, as_of: dt.date | None = None):
    """Direct children with the member count of each subtree and their own child count."""
    org = selectors.access_organization(request.auth, org_id, as_of)
    return list(selectors.children_with_counts(org, as_of))
