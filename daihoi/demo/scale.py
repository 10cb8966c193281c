"""How big the demo province is. Change the numbers here, nowhere else.

FULL is a mid-sized province: 10 district-level units, about 200 grassroots
organisations, 1,500 cells and 60,000 members. SMALL keeps the same shapes (one
lowland and one mountain district) at about 1,000 members, for tests.
"""

import datetime as dt
from dataclasses import dataclass

# The demo's "today". The data describe a province on the eve of its 2025–2030
# congresses (cadres elected in 2020, cadre plans for 2025–2030, the district
# level still in place). It is fixed, not date.today(), so that the same seed
# gives the same dates, ages and probationary periods on any day.
DEMO_AS_OF = dt.date(2025, 3, 1)
DEFAULT_SEED = 2025
PLANNING_TERM = "2025-2030"

# Codes: 99 is no real province's number (they run 01–96), so demo codes and
# synthetic citizen ids (which start 099) cannot collide with real ones.
PROVINCE_CODE = "99"

PROBATIONARY_SHARE = 0.03


@dataclass(frozen=True)
class DistrictSpec:
    kind: str  # city | town | rural | mountain | bloc | military | police
    wards: int = 0
    communes: int = 0
    townships: int = 0
    agencies: int = 0  # agency, school, enterprise… grassroots, taken from units.py in order
    mix: str = "kinh"  # key of profiles.ETHNIC_MIXES


@dataclass(frozen=True)
class Scale:
    name: str
    districts: tuple[DistrictSpec, ...]
    members: int  # target total; unit sizes are scaled to reach it
    villages_per_commune: tuple[int, int]
    streets_per_ward: tuple[int, int]
    schools_per_commune: tuple[int, int]
    armed_cells: bool  # a militia cell and a police cell in every commune
    agency_cells: tuple[int, int]  # cells of an agency's đảng bộ


FULL = Scale(
    name="full",
    districts=(
        DistrictSpec("city", wards=12, communes=4, agencies=7),
        DistrictSpec("town", wards=8, communes=6, agencies=6),
        DistrictSpec("rural", communes=22, townships=1, agencies=6),
        DistrictSpec("rural", communes=20, townships=1, agencies=6),
        DistrictSpec("mountain", communes=18, townships=1, agencies=5, mix="tay_nung"),
        DistrictSpec("mountain", communes=16, townships=1, agencies=5, mix="thai_muong"),
        DistrictSpec("mountain", communes=15, townships=1, agencies=5, mix="mong_dao"),
        DistrictSpec("bloc", agencies=24, mix="province"),
        DistrictSpec("military", agencies=6, mix="province"),
        DistrictSpec("police", agencies=8, mix="province"),
    ),
    members=60_000,
    villages_per_commune=(3, 8),
    streets_per_ward=(4, 8),
    schools_per_commune=(1, 3),
    armed_cells=True,
    agency_cells=(2, 5),
)

SMALL = Scale(
    name="small",
    districts=(
        DistrictSpec("rural", communes=4, agencies=1),
        DistrictSpec("mountain", communes=4, agencies=1, mix="tay_nung"),
    ),
    members=1_000,
    villages_per_commune=(2, 3),
    streets_per_ward=(2, 3),
    schools_per_commune=(1, 1),
    armed_cells=False,
    agency_cells=(2, 3),
)
