"""What a restructuring concerns above the registry: congresses not yet held, their delegates.

The preview (preview.py) lists them before "Áp dụng", but congresses and
delegates live in the congress wing, above the registry, which may not be
imported from here (ARCHITECTURE.md, "Wings import one way"). So the preview
asks these two hooks; daihoi.congresses answers both in CongressesConfig.ready()
(congresses/restructure_concerns.py).
"""

from dataclasses import dataclass

from daihoi.hooks import Hook


@dataclass(frozen=True)
class Reach:
    """The units and members a plan moves or closes, as primary keys and tree paths."""

    closed: list[int]  # units that close (their delegations)
    sources: list[int]  # units whose members all move elsewhere
    picked: list[int]  # members moved one by one
    moved_paths: list[str]  # subtrees moved under another parent


# ({organisation pk: why it is concerned}) -> [(congress, why)]: the congresses not yet held
# of those organisations, by the organisation's place in the tree, then name.
congresses_concerned = Hook("organizations.congresses_concerned")

# (Reach, shown) -> (how many, the first `shown`): the delegates of congresses not yet held
# who belong to a closing unit's delegation or are among the members moved.
delegates_concerned = Hook("organizations.delegates_concerned")
