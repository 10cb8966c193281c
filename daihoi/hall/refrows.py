"""Registry rows a package carries for reference: organisations and delegates' members.

The hall needs the congress's organisation (and its ancestors, for the tree), the
delegations and the delegates' names to check them in; nothing else of the
registry. On the hall each is matched with a row of the same code and name, or
made (under a suffixed code when the hall's database uses the code for someone
else). A return may name these rows but never change or add them.
"""

from daihoi.organizations.models import Organization
from daihoi.organizations.services import create_organization
from daihoi.people.models import Member
from daihoi.people.services import create_member

from . import rows
from .fileformat import HallFileError

ORG_FIELDS = ("code", "name", "level", "kind")
MEMBER_FIELDS = (
    "code",
    "family_name",
    "middle_name",
    "given_name",
    "gender",
    "birth_date",
    "birth_year_only",
    "admitted_on",
)


def _ids(snapshot: dict, label: str, field: str) -> set[int]:
    return {int(item["f"][field][1:]) for item in snapshot[label] if item["f"].get(field)}


def reference_rows(snapshot: dict) -> dict[str, list[dict]]:
    members = Member.objects.filter(pk__in=_ids(snapshot, "delegates.Delegate", "member"))
    org_ids = _ids(snapshot, "congresses.Congress", "organization")
    org_ids |= _ids(snapshot, "delegates.Delegate", "delegation")
    org_ids |= {m.organization_id for m in members if m.organization_id}
    orgs = {}
    for org in Organization.objects.filter(pk__in=org_ids):
        while org is not None and org.pk not in orgs:
            orgs[org.pk] = org
            org = org.parent
    return {
        rows.ORGANIZATION: [
            {
                "id": f"s{o.pk}",
                "f": {
                    **{f: getattr(o, f) for f in ORG_FIELDS},
                    "parent": f"s{o.parent_id}" if o.parent_id else None,
                },
            }
            for o in sorted(orgs.values(), key=lambda o: (o.depth, o.pk))
        ],
        rows.MEMBER: [
            {
                "id": f"s{m.pk}",
                "f": {
                    **{f: rows.plain(getattr(m, f)) for f in MEMBER_FIELDS},
                    "organization": f"s{m.organization_id}" if m.organization_id else None,
                },
            }
            for m in members.order_by("pk")
        ],
    }


def _items(references, label: str) -> list[dict]:
    items = (references or {}).get(label) if isinstance(references, dict) else None
    if not isinstance(items, list) or not all(
        isinstance(i, dict) and isinstance(i.get("id"), str) and isinstance(i.get("f"), dict)
        for i in items
    ):
        raise HallFileError("bad_rows", f"Gói thiếu hoặc hỏng bảng tham chiếu {label}.")
    return items


def _free_code(model, code: str) -> str:
    return code if not model.objects.filter(code=code).exists() else f"{code[:28]}-HT"


def load_references(actor, references, refs) -> None:
    """Match or make each carried organisation and member on the hall (`refs` filled)."""
    for item in _items(references, rows.ORGANIZATION):
        f, where = item["f"], f"tổ chức {item['id']}"
        parent = refs.get(rows.ORGANIZATION, f["parent"], where) if f.get("parent") else None
        found = Organization.objects.filter(
            code=f.get("code"), name=f.get("name"), level=f.get("level")
        ).first()
        if found is None:
            fields = {k: f.get(k) for k in ("name", "level", "kind")}
            code = _free_code(Organization, str(f.get("code")))
            parent_obj = Organization.objects.get(pk=parent) if parent else None
            found = create_organization(actor, code=code, parent=parent_obj, **fields)
        refs.add(rows.ORGANIZATION, item["id"], found.pk)
    for item in _items(references, rows.MEMBER):
        f, where = item["f"], f"đảng viên {item['id']}"
        org = (
            refs.get(rows.ORGANIZATION, f["organization"], where) if f.get("organization") else None
        )
        data = {k: f.get(k) for k in MEMBER_FIELDS}
        found = Member.objects.filter(
            code=data["code"], family_name=data["family_name"], given_name=data["given_name"]
        ).first()
        if found is None:
            data["code"] = _free_code(Member, str(data["code"]))
            found = create_member(actor, organization_id=org, **data)
        refs.add(rows.MEMBER, item["id"], found.pk)


def known_on_server(references) -> dict[str, dict[str, int]]:
    """The reference rows a return may name: those the package carried."""
    return {
        label: {item["id"]: int(item["id"][1:]) for item in _items(references, label)}
        for label in rows.REFERENCES
    }
