"""`daihoi demo --shape 2025`: the demo province rearranged as in 2025, by real decisions.

Starting from the 2020-shaped province, the same restructuring services a user
would call (organizations.restructure) apply, each with its own decision:

1. from 1 February 2025 the Đảng bộ Khối cơ quan và doanh nghiệp tỉnh ends,
   split into the province's two new sector organisations, the Đảng bộ các cơ
   quan Đảng tỉnh (party, front, council and justice agencies) and the Đảng bộ
   Ủy ban nhân dân tỉnh (departments, public services, state enterprises), as
   the provinces did early in 2025 (the military and police organisations stay);
2. from 1 July 2025 the district level ends (Hướng dẫn 31-HD/BTCTW, 23/4/2025,
   on forming the party organisations of the new communes): in each district
   the communes, townships and wards are merged, about three into one, into new
   commune and ward organisations directly under the province (a unit left
   alone is moved there as it is); the district's party and government agencies
   join the new unit of the district seat; its military and police
   organisations go to the provincial ones; its schools, health centre and
   other agencies go to the Đảng bộ Ủy ban nhân dân tỉnh; the district closes.

Both shapes and the history between them stay in the database: the tree on 31
January or 30 June 2025 is the old one. Decision numbers and new names are
invented (seeded), like everything else in the demo.
"""

import datetime as dt
from collections.abc import Callable

from django.db import transaction

from daihoi.audit.services import record
from daihoi.organizations import restructure
from daihoi.organizations.models import Level, Organization, Restructuring
from daihoi.organizations.restructure import Decision, Part
from daihoi.organizations.services import create_organization

from .chance import stream
from .places import PlaceNamer
from .scale import DEFAULT_SEED, PROVINCE_CODE

SECTOR_DECIDED, SECTOR_ON = dt.date(2025, 1, 24), dt.date(2025, 2, 1)
TWO_LEVEL_DECIDED, TWO_LEVEL_ON = dt.date(2025, 6, 27), dt.date(2025, 7, 1)
ISSUED_BY = "Ban Thường vụ Tỉnh ủy"
PARTY_SIDE = ("Đảng ủy Khối", "Tỉnh ủy", "Đoàn ĐBQH", "Trường Chính trị", "Mặt trận")
TERRITORIAL_KINDS = ("city", "town", "rural_district")
LOCALITY_KINDS = ("commune", "township", "ward")
GROUP = 3  # units merged into one, as most provinces did


class AlreadyReshaped(Exception):
    code = "demo.already_reshaped"


class Numbers:
    """Decision numbers of the provincial standing committee, in order."""

    def __init__(self, start: int):
        self.next = start

    def take(self, decided: dt.date, on: dt.date) -> Decision:
        self.next += 1
        return Decision(f"{self.next}-QĐ/TU", decided, on, ISSUED_BY)


def reshape_2025(
    seed: int = DEFAULT_SEED, progress: Callable[[str], None] | None = None
) -> dict[str, int]:
    say = progress or (lambda message: None)
    with transaction.atomic():
        province = Organization.objects.get(code=PROVINCE_CODE, parent__isnull=True)
        if Organization.objects.filter(code=f"{PROVINCE_CODE}.UBND").exists():
            raise AlreadyReshaped("the demo province already has its 2025 shape")
        rng = stream(seed, "reshape2025")
        names = PlaceNamer(rng, taken=tuple(Organization.objects.values_list("name", flat=True)))
        numbers = Numbers(1100 + rng.randrange(100))
        sectors = sector_organisations(province, numbers)
        say("Reshaping 2025: sector organisations from 01/02/2025")
        districts = list(
            province.children.filter(
                level=Level.DISTRICT, kind__in=TERRITORIAL_KINDS, active=True
            ).order_by("code")
        )
        counter = {"merged": 0, "moved": 0}
        for district in districts:
            abolish_district(district, province, sectors, names, numbers, counter)
        counts = {
            "decisions": Restructuring.objects.filter(issued_by=ISSUED_BY).count(),
            "districts_closed": Organization.objects.filter(
                parent=province, level=Level.DISTRICT, active=False
            ).count(),
            "new_grassroots": counter["merged"],
            "grassroots_under_province": province.children.filter(
                level=Level.GRASSROOTS, active=True
            ).count(),
        }
        say(
            f"Reshaping 2025: {counts['districts_closed']} district-level units closed, "
            f"{counts['new_grassroots']} new communes and wards, "
            f"{counts['grassroots_under_province']} grassroots organisations under the province"
        )
        record(None, "demo.reshape2025", province, summary="Demo: 2025 shape", after=counts)
    return counts


def sector_organisations(province: Organization, numbers: Numbers) -> dict[str, Organization]:
    """The province's party-agency and government organisations (and its armed ones)."""
    bloc = province.children.filter(kind="agency_bloc", active=True).first()
    codes = {"party": f"{PROVINCE_CODE}.CQD", "state": f"{PROVINCE_CODE}.UBND"}
    if bloc is not None:
        children = {
            child.pk: 0 if any(word in child.name for word in PARTY_SIDE) else 1
            for child in bloc.children.filter(active=True)
        }
        members = dict.fromkeys(bloc.members.filter(active=True).values_list("pk", flat=True), 0)
        restructure.split(
            None,
            bloc,
            parts=[
                Part(codes["party"], "Đảng bộ các cơ quan Đảng tỉnh", "agency_bloc"),
                Part(codes["state"], "Đảng bộ Ủy ban nhân dân tỉnh", "agency_bloc"),
            ],
            children=children,
            members=members,
            decision=numbers.take(SECTOR_DECIDED, SECTOR_ON),
        )
    else:  # the small demo has no bloc: the government organisation is founded empty
        create_organization(
            None,
            code=codes["state"],
            name="Đảng bộ Ủy ban nhân dân tỉnh",
            level="district",
            kind="agency_bloc",
            parent=province,
            founded_on=SECTOR_ON,
        )
    found = {
        key: Organization.objects.get(code=code)
        for key, code in codes.items()
        if Organization.objects.filter(code=code).exists()
    }
    for kind in ("military", "police"):
        unit = province.children.filter(kind=kind, active=True).first()
        found[kind] = unit or found["state"]
    return found


def _groups(units: list[Organization]) -> list[list[Organization]]:
    """Neighbours (by code) in threes; a remainder of one joins the last group."""
    groups = [units[i : i + GROUP] for i in range(0, len(units), GROUP)]
    if len(groups) > 1 and len(groups[-1]) == 1:
        last = groups.pop()
        groups[-1] = groups[-1] + last
    return groups


def abolish_district(district, province, sectors, names, numbers, counter) -> None:
    children = list(district.children.filter(active=True).order_by("code"))
    wards = [c for c in children if c.kind == "ward"]
    communes = [c for c in children if c.kind in ("commune", "township")]
    agencies = [c for c in children if c.kind not in LOCALITY_KINDS]
    seats = []
    for kind, units in (("ward", wards), ("commune", communes)):
        for group in _groups(units):
            seats.append(_new_unit(group, kind, province, names, numbers, counter))
    for agency in agencies:
        decision = numbers.take(TWO_LEVEL_DECIDED, TWO_LEVEL_ON)
        if agency.name.startswith(("Đảng bộ Cơ quan Đảng", "Đảng bộ Cơ quan Chính quyền")):
            restructure.absorb(None, [agency], into=seats[0], decision=decision)
        else:
            target = (
                sectors["military"]
                if "Quân sự" in agency.name
                else (sectors["police"] if "Công an" in agency.name else sectors["state"])
            )
            restructure.move_subtree(None, agency, new_parent=target, decision=decision)
    restructure.dissolve(None, district, decision=numbers.take(TWO_LEVEL_DECIDED, TWO_LEVEL_ON))


def _new_unit(group, kind, province, names, numbers, counter) -> Organization:
    decision = numbers.take(TWO_LEVEL_DECIDED, TWO_LEVEL_ON)
    if len(group) == 1:
        restructure.move_subtree(None, group[0], new_parent=province, decision=decision)
        counter["moved"] += 1
        return group[0]
    counter["merged"] += 1
    word, letter = ("phường", "P") if kind == "ward" else ("xã", "X")
    code = f"{PROVINCE_CODE}.{letter}{counter['merged']:03d}"
    restructure.merge_into_new(
        None,
        group,
        code=code,
        name=f"Đảng bộ {word} {names.name()}",
        kind=kind,
        parent=province,
        decision=decision,
    )
    return Organization.objects.get(code=code)
