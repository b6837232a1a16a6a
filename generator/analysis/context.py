"""Indexes over a validated corpus and the small helpers every rule uses to read facts."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from pydantic import BaseModel

from ..models import (
    Corpus,
    Fact,
    Instrument,
    Jurisdiction,
    Offence,
    OffenceDefinition,
    Relation,
)
from .results import Citation, Confidence, FactRef

UNKNOWN = "unknown"


def fact_at(model: BaseModel, path: str) -> Fact[Any] | None:
    """The fact at a dotted path (`extradition.nationals`, `offences.fraud.criminalised`)."""
    node: Any = model
    for part in path.split("."):
        if isinstance(node, BaseModel):
            node = getattr(node, part, None)
        elif isinstance(node, dict):
            node = node.get(part)
        else:
            return None
        if node is None:
            return None
    return node if isinstance(node, Fact) else None


def replace_fact(model: BaseModel, path: str, new: Fact[Any]) -> Any:
    """A copy of `model` with the fact at `path` replaced (creating dict entries as needed)."""
    head, _, rest = path.partition(".")
    if not rest:
        return model.model_copy(update={head: new})
    child = getattr(model, head)
    if isinstance(child, dict):
        key, _, deeper = rest.partition(".")
        inner = child.get(key)
        if inner is None:
            raise KeyError(path)
        updated = dict(child)
        updated[key] = replace_fact(inner, deeper, new) if deeper else new
        return model.model_copy(update={head: updated})
    return model.model_copy(update={head: replace_fact(child, rest, new)})


def value(item: Fact[Any] | None) -> Any:
    """A fact's value, `unknown` when absent."""
    return UNKNOWN if item is None else item.value


@dataclass(frozen=True)
class Read:
    """A fact as a rule sees it: value, citation, and the reference used for leverage."""

    value: Any
    ref: FactRef
    citation: Citation | None
    confidence: Confidence | None


def _citation(sources: dict[str, Any], item: Fact[Any], parent: Fact[Any] | None) -> Citation | None:
    source_id = item.source or (parent.source if parent else None)
    if source_id is None or source_id not in sources:
        return None
    source = sources[source_id]
    verified = item.verified or (parent.verified if parent else None)
    return Citation(
        title=source.title,
        url=str(source.url) if source.url else None,
        pinpoint=item.pinpoint or (parent.pinpoint if parent else None) or source.citation,
        confidence=item.confidence or (parent.confidence if parent else None) or "low",
        verified=verified.isoformat() if verified else None,
    )


def read(owner: Jurisdiction | Relation, path: str) -> Read:
    """Read one fact of a jurisdiction or relation, with its citation."""
    item = fact_at(owner, path)
    name = owner.code if isinstance(owner, Jurisdiction) else f"relation:{owner.id}"
    if item is None:
        return Read(UNKNOWN, FactRef(name, path, UNKNOWN), None, None)
    parent = None
    parts = path.split(".")
    if isinstance(owner, Jurisdiction) and parts[0] == "offences" and parts[-1] != "criminalised":
        definition = owner.offences.get(parts[1])
        parent = definition.criminalised if definition else None
    citation = _citation(owner.sources, item, parent)
    confidence = citation.confidence if citation else item.confidence
    return Read(item.value, FactRef(name, path, str(item.value)), citation, confidence)


@dataclass
class Context:
    """Everything rules look up, indexed once. Replace a jurisdiction for a what-if."""

    corpus: Corpus
    overrides: dict[str, Jurisdiction] = field(default_factory=dict)
    _reads: dict[tuple[int, str], Read] = field(default_factory=dict, repr=False)
    steps: Any = field(default=None, repr=False)
    bases: dict[tuple[object, ...], object] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.steps is None:
            from .rules import StepCache

            self.steps = StepCache()

    def read(self, owner: Jurisdiction | Relation, path: str) -> Read:
        """`read`, memoised: rules read the same facts for many pairs and offences."""
        key = (id(owner), path)
        found = self._reads.get(key)
        if found is None:
            found = self._reads[key] = read(owner, path)
        return found

    @cached_property
    def jurisdictions(self) -> dict[str, Jurisdiction]:
        found = {j.code: j for j in self.corpus.jurisdictions}
        found.update(self.overrides)
        return found

    @cached_property
    def offences(self) -> dict[str, Offence]:
        return {o.id: o for o in self.corpus.offences}

    @cached_property
    def instruments(self) -> dict[str, Instrument]:
        return {i.id: i for i in self.corpus.instruments}

    @cached_property
    def alternative_groups(self) -> dict[str, str]:
        """Element id → its either/or group, for elements that have one."""
        return {e.id: e.alternative_group for i in self.corpus.instruments for e in i.elements
                if e.alternative_group}

    @cached_property
    def relations_of(self) -> dict[str, tuple[Relation, ...]]:
        index: dict[str, list[Relation]] = {}
        for relation in self.corpus.relations:
            for party in relation.parties:
                index.setdefault(party.code, []).append(relation)
        return {code: tuple(items) for code, items in index.items()}

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(sorted(self.jurisdictions))

    def with_override(self, jurisdiction: Jurisdiction, same_bases: bool = False) -> Context:
        """A context in which one jurisdiction's file is replaced (for what-if analysis).

        Steps that do not involve that jurisdiction are shared with this context, and so are
        the chosen legal bases when the change cannot affect them (`same_bases`)."""
        from .rules import StepCache

        steps = StepCache(self.steps, frozenset({jurisdiction.code}))
        return Context(self.corpus, {**self.overrides, jurisdiction.code: jurisdiction},
                       steps=steps, bases=self.bases if same_bases else {})

    def relations_between(self, requesting: str, requested: str, covers: str) -> list[Relation]:
        """Relations covering `covers` to which both states belong, by precedence then id."""
        mine = self.relations_of.get(requested, ())
        found = [
            r for r in mine
            if covers in r.covers and any(p.code == requesting for p in r.parties)
            and _in_force_for(r, requesting) and _in_force_for(r, requested)
        ]
        return sorted(found, key=lambda r: (r.precedence, r.id))

    def definition(self, code: str, offence: str) -> OffenceDefinition | None:
        return self.jurisdictions[code].offences.get(offence)

    def party_to(self, code: str, instrument: str) -> str:
        status = self.jurisdictions[code].instruments.get(instrument)
        return UNKNOWN if status is None else str(status.status.value)


def _in_force_for(relation: Relation, code: str) -> bool:
    return all(p.until is None for p in relation.parties if p.code == code)


@dataclass(frozen=True)
class PairCase:
    """What every cooperation question has: the two states and the context to read facts in."""

    ctx: Context
    requesting: Jurisdiction
    requested: Jurisdiction

    @property
    def a(self) -> str:
        """The requesting state's name (from ISO data)."""
        from ..countries import country_name

        return country_name(self.requesting.code)

    @property
    def b(self) -> str:
        """The requested state's name (from ISO data)."""
        from ..countries import country_name

        return country_name(self.requested.code)
