"""The one error the preparation services raise: a stable code (tests assert it) and a message
a clerk reads, naming the row and the field."""

from dataclasses import dataclass, field


@dataclass
class PreparationError(Exception):
    code: str
    message: str
    details: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return self.message

    @property
    def messages(self) -> list[str]:
        return [self.message, *self.details]
