"""The one vocabulary for things a contributor must fix."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in the corpus, pointing at file, line, column and field.

    Printed in the compiler style editors and CI problem matchers understand:
    ``corpus/jurisdictions/de.yaml:14:5: extradition.nationals: message (hint: ...)``.
    Line and column are 1-based; 0 means "the whole file".
    """

    path: str
    line: int = 0
    column: int = 0
    field: str = ""
    message: str = ""
    hint: str = ""
    severity: str = "error"

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        text = f"{where}: "
        if self.severity != "error":
            text += f"{self.severity}: "
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
