"""Findings: what a rule says about a list, a plan or a person, as data.

A finding has a stable code (tests assert it), a severity, the citation of the
rule and a plain Vietnamese message. Views translate nothing here: the message
is already the one a clerk reads; the code is what programs read.
"""

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    BLOCKING = "blocking"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    citation: str
    message: str
    subject: str = ""  # a person's name or a field; empty when about the whole object

    @property
    def blocking(self) -> bool:
        return self.severity is Severity.BLOCKING


def blocking(findings) -> list[Finding]:
    return [f for f in findings if f.blocking]
