"""The templates of one election round, one per paper size. Pure (no Django): the
reading processes of ``daihoi scan`` import it without setting Django up."""

from __future__ import annotations

from dataclasses import dataclass, replace

from daihoi.scanning.omr.types import Template


@dataclass(frozen=True)
class ElectionTemplates:
    """The templates of one election round, the preferred page size first."""

    payload: str
    form: str
    rows: int
    by_size: tuple[tuple[str, Template], ...]

    @property
    def preferred(self) -> str:
        return self.by_size[0][0]

    def only(self, size: str) -> ElectionTemplates:
        return replace(self, by_size=tuple(t for t in self.by_size if t[0] == size))

    def first(self, size: str) -> ElectionTemplates:
        ordered = sorted(self.by_size, key=lambda t: t[0] != size)
        return replace(self, by_size=tuple(ordered))
