"""The organisation tree of the demo province, planned in memory before anything is saved.

The plan is pure data (no database), so the same seed always yields the same
codes and names, and the writer can insert level by level. Each unit that
holds members carries what the member generator needs: a profile, an ethnic
mix, its locality (for hometowns) and the cadres (roles) who sit in it.
"""

import datetime as dt
from dataclasses import dataclass, field

from .chance import date_between, stream
from .names import DAO, KINH, MONG, THAI
from .places import PROVINCE_NAME, PlaceNamer
from .profiles import ETHNIC_MIXES
from .roles import Role, RoleMaker
from .scale import PROVINCE_CODE, DistrictSpec, Scale
from .units import CATALOGUES, DISTRICT_AGENCIES, AgencySpec

# district kind → (word before the place name, party committee's name, Kind)
TERRITORIAL = {
    "city": ("thành phố", "Thành ủy", "city"),
    "town": ("thị xã", "Thị ủy", "town"),
    "rural": ("huyện", "Huyện ủy", "rural_district"),
    "mountain": ("huyện", "Huyện ủy", "rural_district"),
}
# district kind → (organisation name, Kind, party committee's name)
PROVINCIAL = {
    "bloc": ("Đảng bộ Khối cơ quan và doanh nghiệp tỉnh", "agency_bloc", "Đảng ủy Khối"),
    "military": ("Đảng bộ Quân sự tỉnh", "military", "Đảng ủy Quân sự tỉnh"),
    "police": ("Đảng bộ Công an tỉnh", "police", "Đảng ủy Công an tỉnh"),
}
LOCALITY_KIND = {"xã": "commune", "phường": "ward", "thị trấn": "township"}
SCHOOLS = ("Trường Tiểu học", "Trường THCS", "Trường Mầm non")


@dataclass
class Unit:
    code: str
    name: str
    level: str
    kind: str
    parent: str | None
    founded_on: dt.date | None = None
    profile: str = ""  # blank: its members all sit in its cells
    mix: dict[str, float] = field(default_factory=dict)
    locality: str = ""  # "xã Tân Lập, huyện Đông Sơn, tỉnh Hòa Lĩnh"
    district: str = ""  # code of the district-level unit above, for hometowns
    roles: list[Role] = field(default_factory=list)  # cadres whose party cell this is
    secretary: str = ""  # title held by one ordinary member ("Bí thư Chi bộ …")
    size: int = 0  # members, set when the people are generated


@dataclass
class ProvincePlan:
    seed: int
    scale: Scale
    units: list[Unit]
    localities: dict[str, list[str]]  # district code → its communes' localities

    def at_level(self, level: str) -> list[Unit]:
        return [u for u in self.units if u.level == level]

    @property
    def all_localities(self) -> list[str]:
        return [loc for locs in self.localities.values() for loc in locs]


def plan_province(seed: int, scale: Scale) -> ProvincePlan:
    return Planner(seed, scale).plan()


def secretary_title(org_name: str) -> str:
    """ "Đảng bộ Sở Y tế" → "Bí thư Đảng ủy Sở Y tế"; "Chi bộ thôn 3" → "Bí thư Chi bộ thôn 3"."""
    if org_name.startswith("Đảng bộ "):
        return "Bí thư Đảng ủy " + org_name.removeprefix("Đảng bộ ")
    return "Bí thư " + org_name


class Planner:
    def __init__(self, seed: int, scale: Scale):
        self.seed, self.scale = seed, scale
        self.rng = stream(seed, "tree")
        self.places = PlaceNamer(self.rng, taken=(PROVINCE_NAME,))
        self.roles = RoleMaker(self.rng)
        self.units: list[Unit] = []
        self.by_code: dict[str, Unit] = {}
        self.localities: dict[str, list[str]] = {}

    def plan(self) -> ProvincePlan:
        founded = date_between(self.rng, dt.date(1930, 2, 3), dt.date(1947, 12, 31))
        self.add(
            PROVINCE_CODE, f"Đảng bộ tỉnh {PROVINCE_NAME}", "province", "province", None, founded
        )
        for index, spec in enumerate(self.scale.districts, start=1):
            code = f"{PROVINCE_CODE}.{index:02d}"
            self.localities[code] = []
            if spec.kind in TERRITORIAL:
                self.territorial_district(code, spec)
            else:
                self.provincial_unit(code, spec)
        return ProvincePlan(self.seed, self.scale, self.units, self.localities)

    def add(self, code, name, level, kind, parent, founded_on=None, **extra) -> Unit:
        unit = Unit(code, name, level, kind, parent, founded_on, **extra)
        self.units.append(unit)
        self.by_code[code] = unit
        return unit

    def founded(self, first_year: int, last_year: int) -> dt.date:
        return date_between(self.rng, dt.date(first_year, 1, 1), dt.date(last_year, 12, 31))

    # --- district level -------------------------------------------------------

    def territorial_district(self, code: str, spec: DistrictSpec) -> None:
        word, committee, kind = TERRITORIAL[spec.kind]
        # The provincial capital usually shares the province's name.
        place = PROVINCE_NAME if spec.kind == "city" else self.places.name()
        label = f"{word} {place}"
        self.add(
            code, f"Đảng bộ {label}", "district", kind, PROVINCE_CODE, self.founded(1945, 1950)
        )
        village_word = self.rng.choice(("thôn", "thôn", "xóm"))
        number = 0
        localities = (("phường", spec.wards), ("xã", spec.communes), ("thị trấn", spec.townships))
        for local_word, count in localities:
            for _ in range(count):
                number += 1
                self.locality_unit(
                    f"{code}.{number:02d}", code, local_word, label, spec, village_word
                )
        fill = {"d": label, "D": f"{committee} {place}", "P": PROVINCE_NAME}
        homes = self.agencies(code, number, DISTRICT_AGENCIES[: spec.agencies], fill, spec.mix)
        party_home = homes[0]
        state_home = homes[1] if len(homes) > 1 else homes[0]
        self.roles.leaders(
            code, f"{committee} {place}", label, "district", self.role_sink(party_home, state_home)
        )

    def provincial_unit(self, code: str, spec: DistrictSpec) -> None:
        name, kind, committee = PROVINCIAL[spec.kind]
        self.add(code, name, "district", kind, PROVINCE_CODE, self.founded(1946, 1976))
        fill = {"d": "tỉnh", "D": "Tỉnh ủy", "P": PROVINCE_NAME}
        specs = CATALOGUES[spec.kind][: spec.agencies]
        homes = self.agencies(code, 0, specs, fill, spec.mix)
        self.roles.provincial_leaders(code, spec.kind, self.role_sink(homes[0], homes[0]))

    def role_sink(self, party_home: str, state_home: str):
        """Where a new role goes: party posts to one cell, People's Committee posts to another."""

        def sink(role: Role, state: bool = False) -> None:
            self.by_code[state_home if state else party_home].roles.append(role)

        return sink

    # --- grassroots -----------------------------------------------------------

    def locality_unit(self, code, district, word, district_label, spec, village_word) -> None:
        style = self.commune_style(spec)
        place = self.places.name(style)
        label = f"{word} {place}"
        locality = f"{label}, {district_label}, tỉnh {PROVINCE_NAME}"
        self.localities[district].append(locality)
        mix = self.local_mix(spec, word)
        first = {"xã": 1945, "thị trấn": 1960, "phường": 1976}[word]
        self.add(
            code,
            f"Đảng bộ {label}",
            "grassroots",
            LOCALITY_KIND[word],
            district,
            self.founded(first, first + 30),
            mix=mix,
            locality=locality,
            district=district,
        )
        neighbourhood = self.neighbourhood_cells(word, place, mix, village_word)
        cells = neighbourhood + self.service_cells(label, place)
        self.add_cells(code, cells, mix=mix, locality=locality, district=district)
        office = f"{code}.{len(neighbourhood) + 1:02d}"  # the first service cell
        self.roles.leaders(
            code, f"Đảng ủy {label}", label, "commune", self.role_sink(office, office)
        )

    def add_cells(self, parent: str, cells: list[tuple[str, str, str]], **common) -> None:
        """Cells numbered in order under `parent`; each has a secretary among its members."""
        for number, (name, kind, profile) in enumerate(cells, start=1):
            code = f"{parent}.{number:02d}"
            secretary = secretary_title(name)
            self.add(
                code, name, "cell", kind, parent, profile=profile, secretary=secretary, **common
            )

    def commune_style(self, spec: DistrictSpec) -> str:
        if spec.kind != "mountain":
            return "lowland"
        r = self.rng.random()
        if r < 0.4:
            return "lowland"
        return "mong" if spec.mix == "mong_dao" and r < 0.7 else "highland"

    def local_mix(self, spec: DistrictSpec, word: str) -> dict[str, float]:
        base = ETHNIC_MIXES[spec.mix]
        if spec.kind != "mountain":
            return dict(base)
        # Communes differ: a highland commune may be almost all Mông, a valley one Tày.
        mix = {eth: weight * self.rng.uniform(0.4, 1.8) for eth, weight in base.items()}
        if word != "xã":  # a district town draws Kinh traders and officials
            mix[KINH] = mix.get(KINH, 0) * 3
        return mix

    def neighbourhood_cells(self, word, place, mix, village_word) -> list[tuple[str, str, str]]:
        rng, scale = self.rng, self.scale
        # Some communes simply number their villages and streets ("thôn 3", "tổ dân phố số 5").
        numbered = rng.random() < 0.3
        if word == "xã":
            count = rng.randint(*scale.villages_per_commune)
            prefix, style = self.village_naming(mix, village_word)
            if numbered and style == "lowland":
                names = [f"{prefix} {i}" for i in range(1, count + 1)]
            else:
                names = [f"{prefix} {n}" for n in self.cell_places(place, count, style)]
            return [(f"Chi bộ {name}", "village", "village") for name in names]
        count = rng.randint(*scale.streets_per_ward)
        if numbered:
            prefix = "tổ dân phố số" if word == "phường" else "khu"
            names = [f"{prefix} {i}" for i in range(1, count + 1)]
        else:
            prefix = "khu phố" if word == "phường" else "tổ dân phố"
            names = [f"{prefix} {n}" for n in self.cell_places(place, count, "lowland")]
        return [(f"Chi bộ {name}", "residential", "residential") for name in names]

    def village_naming(self, mix: dict[str, float], village_word: str) -> tuple[str, str]:
        main = max(mix, key=mix.get)
        if main == KINH:
            return village_word, "lowland"
        prefix = "bản" if main in (THAI, MONG, DAO) else self.rng.choice(("thôn", "bản"))
        return prefix, "mong" if main == MONG else "highland"

    def cell_places(self, place: str, count: int, style: str) -> list[str]:
        # Unique within the commune only: two communes may both have a "thôn Đồng Xuân".
        return PlaceNamer(self.rng, taken=(place,)).names(count, style)

    def service_cells(self, label: str, place: str) -> list[tuple[str, str, str]]:
        # The office cell (staff of the Đảng ủy, HĐND and UBND) comes first: it
        # homes the commune's leaders.
        cells = [(f"Chi bộ Cơ quan {label}", "agency", "commune_office")]
        for school in SCHOOLS[: self.rng.randint(*self.scale.schools_per_commune)]:
            cells.append((f"Chi bộ {school} {place}", "school", "school"))
        if self.scale.armed_cells:
            cells.append((f"Chi bộ Quân sự {label}", "armed_forces", "militia"))
            cells.append((f"Chi bộ Công an {label}", "armed_forces", "commune_police"))
        return cells

    def agencies(self, district, number, specs, fill, mix_key) -> list[str]:
        """Agency grassroots under a district; returns where each one's leaders sit."""
        homes = []
        for spec in specs:
            number += 1
            code = f"{district}.{number:02d}"
            homes.append(self.agency(code, district, spec, fill, mix_key))
        return homes

    def agency(self, code, district, spec: AgencySpec, fill, mix_key) -> str:
        fill = {**fill, "new": self.places.name() if "{new}" in spec.name else ""}
        name = spec.name.format(**fill)
        mix = dict(ETHNIC_MIXES[mix_key])
        common = {"mix": mix, "district": district}
        holds = "" if spec.cells else spec.profile  # a chi bộ cơ sở holds its members itself
        founded = self.founded(1955, 2010)
        self.add(code, name, "grassroots", spec.kind, district, founded, profile=holds, **common)
        count = min(len(spec.cells), self.rng.randint(*self.scale.agency_cells))
        cells = [(cell.format(**fill), spec.kind, spec.profile) for cell in spec.cells[:count]]
        self.add_cells(code, cells, **common)
        home = f"{code}.01" if count else code
        self.roles.secretary(code, secretary_title(name), self.role_sink(home, home))
        return home
