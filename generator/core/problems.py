"""The one vocabulary for things a contributor must fix."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from .catalogue import Severity, kind


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in the corpus, pointing at file, line, column and field.

    Printed in the compiler style editors and CI problem matchers understand, with the
    problem's stable code from generator/core/catalogue.py:
    ``corpus/jurisdictions/de.yaml:14:5: error[C203]: extradition.nationals: message (hint: ...)``.
    Line and column are 1-based; 0 means "the whole file" (then only the path is printed
    before the severity). The code is required and must be in the catalogue, which also gives
    the severity.
    """

    path: str
    line: int = 0
    column: int = 0
    field: str = ""
    message: str = ""
    hint: str = ""
    code: str = dataclasses.field(kw_only=True)  # `field` above is the YAML field

    def __post_init__(self) -> None:
        kind(self.code)  # KeyError for a code missing from the catalogue

    @property
    def severity(self) -> Severity:
        return kind(self.code).severity

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        text = f"{where}: {self.severity}[{self.code}]: "
        if self.field:
            text += f"{self.field}: "
        text += self.message
        if self.hint:
            text += f" (hint: {self.hint})"
        return text


class CorpusInvalid(Exception):
    """Raised when a corpus has problems; carries all of them, sorted."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the corpus")
