"""Indexes over a validated corpus and the small helpers every rule uses to read facts."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Final

from pydantic import BaseModel

from ..core.models import (
    Corpus,
    Fact,
    Instrument,
    Jurisdiction,
    Offence,
    OffenceDefinition,
    Relation,
)
from .results import Citation, Confidence, FactRef

if TYPE_CHECKING:
    from .extradition import Basis  # extradition imports this module

UNKNOWN: Final = "unknown"


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


def _citation(
    sources: dict[str, Any], item: Fact[Any], parent: Fact[Any] | None
) -> Citation | None:
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
        kind=source.kind,
        official_url=str(source.official_url) if source.official_url else None,
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


def citation_of_relation(relation: Relation, item: object) -> Citation | None:
    """The citation of a relation, or of one of its facts (which may name its own source)."""
    source_id = getattr(item, "source", None) or relation.source
    source = relation.sources.get(source_id)
    if source is None:
        return None
    return Citation(
        title=source.title,
        url=str(source.url) if source.url else None,
        pinpoint=getattr(item, "pinpoint", None) or relation.pinpoint,
        confidence=getattr(item, "confidence", None) or relation.confidence,
        verified=(getattr(item, "verified", None) or relation.verified).isoformat(),
        kind=source.kind,
        official_url=str(source.official_url) if source.official_url else None,
    )


def read_membership(relation: Relation, code: str, field: str) -> Read | None:
    """A party's own fact in a relation (e.g. Germany's declaration on nationals)."""
    for party in relation.parties:
        item = getattr(party, field) if party.code == code else None
        if item is not None:
            return Read(
                item.value,
                FactRef(f"relation:{relation.id}", f"parties.{code}.{field}", str(item.value)),
                citation_of_relation(relation, item),
                item.confidence or relation.confidence,
            )
    return None


@dataclass
class Context:
    """Everything rules look up, indexed once. Replace a jurisdiction for a what-if."""

    corpus: Corpus
    overrides: dict[str, Jurisdiction] = field(default_factory=dict)
    _reads: dict[tuple[int, str], Read] = field(default_factory=dict, repr=False)
    bases: dict[tuple[object, ...], Basis] = field(default_factory=dict, repr=False)
    # The unchanged context of a what-if: its reads of objects this context shares stay valid
    # (keys are ids of objects both contexts keep alive; a replaced file is a new object).
    base_reads: dict[tuple[int, str], Read] = field(default_factory=dict, repr=False)

    def read(self, owner: Jurisdiction | Relation, path: str) -> Read:
        """`read`, memoised: rules read the same facts for many pairs and offences."""
        key = (id(owner), path)
        found = self._reads.get(key) or self.base_reads.get(key)
        if found is None:
            found = self._reads[key] = read(owner, path)
        return found

    def read_member(self, relation: Relation, code: str, field_name: str) -> Read | None:
        """A party's own fact in a relation (see `read_membership`); None when it states none."""
        return read_membership(relation, code, field_name)

    def read_slot(self, slot: tuple[str, str], a: str, b: str, column: str = "") -> Read:
        """The fact a step kind's slot names, for the states `a` (requesting) and `b` and the
        offence `column` ({o} in the path)."""
        owner, path = slot
        path = path.replace("{o}", column)
        if owner in ("a", "b"):
            return self.read(self.jurisdictions[a if owner == "a" else b], path)
        relation = self.relations[owner.removeprefix("relation:")]
        if path.startswith("parties.{"):
            code = a if path.startswith("parties.{a}") else b
            field_name = path.rsplit(".", 1)[1]
            found = read_membership(relation, code, field_name)
            if found is not None:
                return found
        return self.read(relation, path)

    @cached_property
    def thresholds(self) -> tuple[float, ...]:
        """Every penalty threshold a rule may compare a maximum penalty with: the corpus's
        (without what-if overrides, so signatures stay comparable), the EAW list's 3 years, the
        one year a reform proposes, and twice each threshold set on the mid-point of the range."""
        found = {1.0, 3.0}
        for j in self.corpus.jurisdictions:
            if isinstance(j.extradition.min_penalty_years.value, int | float):
                found.add(float(j.extradition.min_penalty_years.value))
        for r in self.corpus.relations:
            for item in (r.clauses.min_penalty_years, r.clauses.list_threshold_years):
                if item is not None and isinstance(item.value, int | float):
                    found.add(float(item.value))
        # A threshold on the mid-point of the range is certainly met where the maximum is at
        # least twice it (the minimum is never below zero).
        for j in self.corpus.jurisdictions:
            rules = j.extradition
            if rules.penalty_basis is not None and rules.penalty_basis.value == "midpoint":
                if isinstance(rules.min_penalty_years.value, int | float):
                    found.add(2 * float(rules.min_penalty_years.value))
        return tuple(sorted(found))

    @cached_property
    def list_thresholds(self) -> tuple[float, ...]:
        """The penalty thresholds of list schemes (EAW FD Art. 2(2): 3 years, and any list
        threshold a relation states): all a list waiver compares a maximum penalty with."""
        found = {3.0}
        for r in self.corpus.relations:
            item = r.clauses.list_threshold_years
            if item is not None and isinstance(item.value, int | float):
                found.add(float(item.value))
        return tuple(sorted(found))

    @cached_property
    def equivalence_offences(self) -> frozenset[str]:
        """Offences some treaty deems equivalent across labels (e.g. US-Italy Art. II)."""
        return frozenset(
            e.offence for r in self.corpus.relations for e in r.clauses.label_equivalences
        )

    @cached_property
    def relations(self) -> dict[str, Relation]:
        return {r.id: r for r in self.corpus.relations}

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
        return {
            e.id: e.alternative_group
            for i in self.corpus.instruments
            for e in i.elements
            if e.alternative_group
        }

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

    def with_override(self, jurisdiction: Jurisdiction) -> Context:
        """A context in which one jurisdiction's file is replaced (for what-if analysis). It
        shares this context's indexes of the rest of the corpus."""
        changed = Context(
            self.corpus,
            {**self.overrides, jurisdiction.code: jurisdiction},
            base_reads=self._reads if not self.overrides else {},
        )
        for name in _SHARED_INDEXES:
            if name in self.__dict__:
                changed.__dict__[name] = self.__dict__[name]
        changed.__dict__["jurisdictions"] = {**self.jurisdictions, jurisdiction.code: jurisdiction}
        return changed

    @cached_property
    def relations_by_pair(self) -> dict[tuple[str, str, str], tuple[Relation, ...]]:
        """(requesting, requested, covered field) → relations in force for both, by precedence
        then id."""
        index: dict[tuple[str, str, str], dict[str, Relation]] = {}
        for relation in sorted(self.corpus.relations, key=lambda r: (r.precedence, r.id)):
            codes = [p.code for p in relation.parties if _in_force_for(relation, p.code)]
            for requesting in codes:
                for requested in codes:
                    for covers in relation.covers:
                        index.setdefault((requesting, requested, covers), {})[relation.id] = (
                            relation
                        )
        return {key: tuple(found.values()) for key, found in index.items()}

    def relations_between(
        self, requesting: str, requested: str, covers: str
    ) -> tuple[Relation, ...]:
        """Relations covering `covers` to which both states belong, by precedence then id."""
        return self.relations_by_pair.get((requesting, requested, covers), ())

    def definition(self, code: str, offence: str) -> OffenceDefinition | None:
        return self.jurisdictions[code].offences.get(offence)

    def party_to(self, code: str, instrument: str) -> str:
        status = self.jurisdictions[code].instruments.get(instrument)
        return UNKNOWN if status is None else str(status.status.value)


_SHARED_INDEXES = (
    "offences",
    "instruments",
    "alternative_groups",
    "relations_of",
    "relations",
    "relations_by_pair",
    "thresholds",
    "list_thresholds",
    "equivalence_offences",
)


def _in_force_for(relation: Relation, code: str) -> bool:
    return all(p.until is None for p in relation.parties if p.code == code)


@dataclass(frozen=True)
class PairCase:
    """What every cooperation question has: the two states and the context to read facts in.

    Texts name the states through the placeholders `a` and `b` return ("{a}", "{b}"), filled
    in when a step is shown, so one step kind serves every pair with the same inputs."""

    ctx: Context
    requesting: Jurisdiction
    requested: Jurisdiction

    a = "{a}"
    b = "{b}"

    @property
    def who(self) -> tuple[str, ...]:
        """(requesting code, requested code); a case may add terms (`Case.who`)."""
        return (self.requesting.code, self.requested.code)

    def role(self, jurisdiction: Jurisdiction) -> str:
        """The placeholder for one of the two states."""
        return "{a}" if jurisdiction.code == self.requesting.code else "{b}"
