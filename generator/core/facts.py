"""Walking a validated model's facts: every fact with its location, and the offence
definition's `criminalised` fact that an offence's other facts inherit source and date from.
Shared by the corpus checks, the analysis (data health, summary) and the open data."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from .models import Fact, Jurisdiction, Relation

Loc = tuple[Any, ...]


def walk_facts(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, Fact[Any]]]:
    """Every fact inside a model, with its location, in field order."""
    if isinstance(model, Fact):
        yield loc, model
        return
    for name in type(model).model_fields:
        yield from _walk_value(getattr(model, name), (*loc, name))


def _walk_value(value: Any, loc: Loc) -> Iterator[tuple[Loc, Fact[Any]]]:
    if isinstance(value, BaseModel):
        yield from walk_facts(value, loc)
    elif isinstance(value, dict):
        for key in value:
            yield from _walk_value(value[key], (*loc, key))
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _walk_value(item, (*loc, index))


def offence_parent(document: Jurisdiction | Relation, loc: Loc) -> Fact[Any] | None:
    """The `criminalised` fact an offence's other facts inherit source, date and confidence
    from (None outside an offence definition, and for `criminalised` itself)."""
    if isinstance(document, Jurisdiction) and len(loc) > 2 and loc[0] == "offences":
        definition = document.offences.get(loc[1])
        if definition is not None and loc[2] != "criminalised":
            return definition.criminalised
    return None
