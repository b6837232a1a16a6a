"""Walking a validated model's facts: every fact with its location, and the offence
definition's `criminalised` fact that an offence's other facts inherit source and date from.
Shared by the corpus checks, the analysis (data health, summary) and the open data."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from pydantic import BaseModel

from .models import Fact, Jurisdiction, Relation

Loc = tuple[Any, ...]


def walk(value: Any, wanted: Callable[[Any], bool], loc: Loc = ()) -> Iterator[tuple[Loc, Any]]:
    """Every value inside a model that `wanted` accepts, with its location, in field order
    (an accepted value is not looked into)."""
    if wanted(value):
        yield loc, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from walk(getattr(value, name), wanted, (*loc, name))
    elif isinstance(value, dict):
        for key in value:
            yield from walk(value[key], wanted, (*loc, key))
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from walk(item, wanted, (*loc, index))


def _is_fact(value: Any) -> bool:
    return isinstance(value, Fact)


def walk_facts(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, Fact[Any]]]:
    """Every fact inside a model, with its location, in field order."""
    return walk(model, _is_fact, loc)


def offence_parent(document: Jurisdiction | Relation, loc: Loc) -> Fact[Any] | None:
    """The `criminalised` fact an offence's other facts inherit source, date and confidence
    from (None outside an offence definition, and for `criminalised` itself)."""
    if isinstance(document, Jurisdiction) and len(loc) > 2 and loc[0] == "offences":
        definition = document.offences.get(loc[1])
        if definition is not None and loc[2] != "criminalised":
            return definition.criminalised
    return None
