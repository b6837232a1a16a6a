"""Glue for the command line: load → check, returning problems instead of raising."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path

from ..core.models import Corpus
from ..core.problems import CorpusInvalid, Problem
from ..io.load import LoadResult, NotRead, load_corpus, load_files
from .checks import check_corpus
from .integrity import INTEGRITY_RULES


def _all_checks(result: LoadResult, today: date) -> list[Problem]:
    """The corpus-wide rules (checks.RULES) and the integrity rules and limits."""
    return [
        *check_corpus(result, today),
        *(problem for rule in INTEGRITY_RULES for problem in rule(result, today)),
    ]


def load_and_check(root: Path, today: date) -> LoadResult:
    """Load every file and run the corpus-wide rules; all problems end up in `.problems`."""
    result = load_corpus(root)
    result.problems.extend(_all_checks(result, today))
    return result


def check_files(files: Mapping[str, bytes | NotRead], label: str, today: date) -> LoadResult:
    """The same, for files read from elsewhere (e.g. a git revision)."""
    result = load_files(files, label)
    result.problems.extend(_all_checks(result, today))
    return result


def load_valid_corpus(root: Path, today: date) -> Corpus:
    """The validated corpus, or CorpusInvalid with every problem."""
    result = load_and_check(root, today)
    if result.problems:
        raise CorpusInvalid(result.problems)
    return result.corpus()


def counts(result: LoadResult) -> dict[str, int]:
    """How many files of each kind were loaded."""
    return {
        "jurisdictions": len(result.jurisdictions),
        "instruments": len(result.instruments),
        "relations": len(result.relations),
        "offences": len(result.taxonomy[1].offences) if result.taxonomy else 0,
    }
