"""Corpus-wide rules against input that validated but would be silently ignored, silently
overridden or absurd (issue 14): references to nothing, duplicate relations, parameters out
of range, and the size limits of the corpus (generator/core/limits.py).

Run after checks.RULES by the pipeline; each rule yields located problems and never raises.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from datetime import date
from typing import Any

from pydantic import BaseModel

from ..core.limits import LIMITS, MAX_NUMBER
from ..core.models import Fact, Jurisdiction
from ..core.problems import Problem
from ..io.load import LoadedFile, LoadResult, locate

Loc = tuple[Any, ...]


def _at(loaded: LoadedFile, loc: Loc, code: str, message: str, hint: str = "") -> Problem:
    line, column, _ = locate(loaded.tree, loc)
    field = ".".join(str(p) for p in loc)
    return Problem(loaded.path, line, column, field, message, hint, code=code)


# --------------------------------------------------------------------------------------------
# References
# --------------------------------------------------------------------------------------------


def instrument_parents(result: LoadResult, today: date) -> Iterator[Problem]:
    """An instrument's `parent` is another instrument of the corpus."""
    ids = {instrument.id for _, instrument in result.instruments}
    for loaded, instrument in result.instruments:
        if instrument.parent is None:
            continue
        if instrument.parent == instrument.id:
            yield _at(loaded, ("parent",), "C301", "an instrument cannot be its own parent")
        elif instrument.parent not in ids:
            yield _at(
                loaded,
                ("parent",),
                "C302",
                f"unknown instrument {instrument.parent!r}",
                "known instruments: " + ", ".join(sorted(ids)),
            )


def _unwrap(annotation: Any) -> Any:
    """The model, dict or fact type behind Annotated[...] and X | None."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        options = [_unwrap(a) for a in typing.get_args(annotation) if a is not type(None)]
        for option in options:
            if typing.get_origin(option) is dict or (
                isinstance(option, type) and issubclass(option, BaseModel)
            ):
                return option
        return options[0] if options else annotation
    return annotation


def fact_path_problem(path: str, keys: dict[str, set[str]]) -> str | None:
    """Why `path` (e.g. `instruments.UNTOC.accepts_as_extradition_basis`) names no fact of a
    jurisdiction, or None. `keys` lists the valid keys of the corpus-defined maps
    (instruments, offences)."""
    current: Any = Jurisdiction
    parts = path.split(".")
    for index, part in enumerate(parts):
        where = ".".join(parts[:index]) or "a jurisdiction"
        if isinstance(current, type) and issubclass(current, Fact):
            return f"{where} is already a fact; nothing is below it"
        if isinstance(current, type) and issubclass(current, BaseModel):
            if part not in current.model_fields:
                return f"{where} has no field {part!r}"
            current = _unwrap(current.model_fields[part].annotation)
        elif typing.get_origin(current) is dict:
            key_type, value_type = typing.get_args(current)
            allowed = keys.get(parts[index - 1])
            literal = _unwrap(key_type)
            if typing.get_origin(literal) is typing.Literal:
                allowed = {str(v) for v in typing.get_args(literal)}
            if allowed is not None and part not in allowed:
                return f"{where} has no entry {part!r}"
            current = _unwrap(value_type)
        else:
            return f"{where} is not a section"
    if not (isinstance(current, type) and issubclass(current, Fact)):
        return f"{path} is a section, not a fact"
    return None


def assessed_by_resolves(result: LoadResult, today: date) -> Iterator[Problem]:
    """An element's `assessed_by` names a fact that a jurisdiction file can hold."""
    keys = {
        "instruments": {instrument.id for _, instrument in result.instruments},
        "offences": {o.id for o in result.taxonomy[1].offences} if result.taxonomy else set(),
    }
    for loaded, instrument in result.instruments:
        for index, element in enumerate(instrument.elements):
            if element.assessed_by is None:
                continue
            why = fact_path_problem(element.assessed_by, keys)
            if why:
                yield _at(
                    loaded,
                    ("elements", index, "assessed_by"),
                    "C303",
                    f"{element.assessed_by!r} names no jurisdiction fact: {why}",
                    "use the path of a fact in a jurisdiction file, e.g. mla.bank_secrecy_refusal",
                )


# --------------------------------------------------------------------------------------------
# Duplicates and ranges
# --------------------------------------------------------------------------------------------


def relations_are_not_duplicated(result: LoadResult, today: date) -> Iterator[Problem]:
    """Two relations of the same kind between the same parties covering the same cooperation
    are one too many: the analysis would silently use one and ignore the other. (Regional
    schemes overlap by design and are ordered by `precedence`.)"""
    seen: dict[tuple[Any, ...], str] = {}
    for loaded, relation in result.relations:
        if relation.kind == "regional_scheme":
            continue
        codes = [party.code for party in relation.parties]
        parties = (codes[0], frozenset(codes[1:])) if relation.directed else frozenset(codes)
        for cover in relation.covers:
            key = (relation.kind, parties, cover)
            if key in seen:
                yield _at(
                    loaded,
                    ("parties",),
                    "C304",
                    f"relation {relation.id} duplicates {seen[key]}: both are a "
                    f"{relation.kind} between {', '.join(sorted(codes))} covering {cover}",
                    "merge the two files, or remove the one that is superseded",
                )
            seen.setdefault(key, relation.id)


def parameters_in_range(result: LoadResult, today: date) -> Iterator[Problem]:
    """Baseline parameters are whole numbers from 0 to MAX_NUMBER (jurisdictions' values are
    checked by the model)."""
    for loaded, instrument in result.instruments:
        for index, element in enumerate(instrument.elements):
            for name, parameter in element.parameters.items():
                if not 0 <= parameter.value <= MAX_NUMBER:
                    yield _at(
                        loaded,
                        ("elements", index, "parameters", name, "value"),
                        "C305",
                        f"{parameter.value} is out of range: a parameter is a whole "
                        f"number from 0 to {MAX_NUMBER:,}",
                    )


# --------------------------------------------------------------------------------------------
# Size limits
# --------------------------------------------------------------------------------------------


def _over(kind: str, count: int) -> str:
    return f"the corpus has {count:,} {kind}; the limit is {LIMITS[kind]:,}"


_LIMIT_HINT = (
    "see the limits in the contributing guide; raise them in generator/core/limits.py "
    "only with a benchmark run"
)


def corpus_within_limits(result: LoadResult, today: date) -> Iterator[Problem]:
    """The corpus stays within LIMITS, so a build stays fast and the site small."""
    if result.taxonomy and len(result.taxonomy[1].offences) > LIMITS["offences"]:
        yield _at(
            result.taxonomy[0],
            ("offences", LIMITS["offences"]),
            "C306",
            _over("offences", len(result.taxonomy[1].offences)),
            _LIMIT_HINT,
        )
    for kind, items in (
        ("jurisdictions", result.jurisdictions),
        ("instruments", result.instruments),
        ("relations", result.relations),
    ):
        if len(items) > LIMITS[kind]:
            loaded = sorted(items, key=lambda pair: pair[0].path)[LIMITS[kind]][0]
            message = _over(kind, len(items))
            yield Problem(loaded.path, message=message, hint=_LIMIT_HINT, code="C306")
    total = 0
    for loaded, instrument in sorted(result.instruments, key=lambda pair: pair[0].path):
        total += len(instrument.elements)
        if total > LIMITS["elements"]:
            yield _at(
                loaded,
                ("elements",),
                "C306",
                _over("elements", sum(len(i.elements) for _, i in result.instruments)),
                _LIMIT_HINT,
            )
            break


INTEGRITY_RULES = (
    instrument_parents,
    assessed_by_resolves,
    relations_are_not_duplicated,
    parameters_in_range,
    corpus_within_limits,
)
