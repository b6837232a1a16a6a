"""Frozen result types of the analysis, and the closed vocabularies they use."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

Outcome = Literal["possible", "conditional", "blocked", "unknown"]
# In order of severity (index = severity) when combining steps: a known bar blocks even if other
# facts are unknown; an unknown fact prevents a 'possible' or 'conditional' answer.
OUTCOMES: tuple[Outcome, ...] = ("possible", "conditional", "unknown", "blocked")
SEVERITY: dict[str, int] = {outcome: rank for rank, outcome in enumerate(OUTCOMES)}
Person = Literal["national", "other"]
PERSONS: tuple[Person, ...] = ("national", "other")
Confidence = Literal["low", "medium", "high"]
CONFIDENCES: tuple[Confidence, ...] = ("low", "medium", "high")  # index = rank
CONFIDENCE_RANK: dict[str, int] = {name: rank for rank, name in enumerate(CONFIDENCES)}


def severity(outcome: Outcome) -> int:
    """Outcome severity, its index in OUTCOMES: possible 0, conditional 1, unknown 2, blocked 3."""
    return SEVERITY[outcome]


def combine(outcomes: list[Outcome]) -> Outcome:
    """The verdict of a list of step outcomes: blocked > unknown > conditional > possible."""
    return max(outcomes, key=SEVERITY.__getitem__, default="possible")


def headline(best: Outcome, worst: Outcome) -> Outcome:
    """The verdict shown for a best and a worst case over the completions of unknown facts:
    the outcome itself where they agree; `conditional` where no completion blocks (no known
    bar; unresearched facts could add conditions); `unknown` where one completion blocks and
    another does not."""
    if best == worst:
        return best
    if SEVERITY[worst] <= SEVERITY["conditional"]:
        return "conditional"
    return "unknown"


def lowest(confidences: list[Confidence]) -> Confidence:
    """The weakest confidence among the inputs (`low` when there are none)."""
    return min(confidences, key=CONFIDENCE_RANK.__getitem__, default="low")


def highest(confidences: list[Confidence]) -> Confidence:
    """The strongest confidence among the inputs (`low` when there are none)."""
    return max(confidences, key=CONFIDENCE_RANK.__getitem__, default="low")


def confidence_rank(confidence: Confidence) -> int:
    """Confidence rank, its index in CONFIDENCES: low 0, medium 1, high 2."""
    return CONFIDENCE_RANK[confidence]


def verdict_confidence(verdict: Outcome, steps: tuple[Step, ...] | list[Step]) -> Confidence:
    """The confidence of the step(s) that decided a verdict: for `blocked`, the best-founded
    blocking step (one known bar suffices to block); otherwise the weakest step with a known
    outcome, since every one of them had to hold. A step's own confidence stays in the trace."""
    if verdict == "blocked":
        return highest([s.confidence for s in steps if s.outcome == "blocked"])
    return lowest([s.confidence for s in steps if s.outcome != "unknown"])


@dataclass(frozen=True)
class Citation:
    """Where a fact comes from: a jurisdiction's or relation's source, with pinpoint."""

    title: str
    url: str | None
    pinpoint: str | None
    confidence: Confidence
    verified: str | None
    kind: str | None = None  # official / secondary / unofficial_copy (the source's own word)
    official_url: str | None = None  # for a copy: where the official text is


@dataclass(frozen=True)
class FactRef:
    """A fact that decided a step: whose, which field path, and its value."""

    owner: str  # ISO code, or "relation:<id>"
    path: str
    value: str


Slot = tuple[str, str]  # (owner role "a" / "b" or "relation:<id>", fact path)


@dataclass(frozen=True)
class StepKind:
    """What one rule concluded, independent of which two states asked: the reason is a template
    with {a} and {b} for the two states' names, and `slots` say which facts it read by role. All
    cases with the same inputs share one kind, so a world of verdicts is a grid of kind ids."""

    rule: str
    title: str
    outcome: Outcome
    reason: str
    slots: tuple[Slot, ...] = ()
    provision: str = ""  # stated by the rule; otherwise the pinpoints of the facts read
    assurance: str = ""
    unblock: str = ""
    extra_citations: tuple[Citation, ...] = ()
    confidence: Confidence = "low"
    # The outcomes the rule can give over the possible values of the unknown facts it read
    # (best, worst); equal to `outcome` for a step that read no unknown fact that mattered.
    # `bounds` is what the rule itself states for an unknown it cannot enumerate.
    best: Outcome | None = None
    worst: Outcome | None = None
    bounds: tuple[Outcome, Outcome] | None = None
    # The unknown facts (by role, as `slots`) that some completion of the step read: two
    # steps that share one cannot each take the value they prefer (see `bounds.joint_best`).
    reach: tuple[Slot, ...] = ()
    # The completions the bounds came from: ((slot, value) assumed..., best, worst) each.
    leaves: tuple[tuple[tuple[tuple[Slot, object], ...], Outcome, Outcome], ...] = ()

    @property
    def range(self) -> tuple[Outcome, Outcome]:
        """(best, worst): the step's bounds, or its outcome twice."""
        return (self.best or self.outcome, self.worst or self.outcome)


def fill(
    template: str, a: str, b: str, values: tuple[object, ...] = (), terms: tuple[str, ...] = ()
) -> str:
    """A kind's text for two states' names; {value:N} quotes the value of the N-th fact read;
    `terms` (offence id, name, category) fill {o}, {offence} and {category}."""
    text = template.replace("{a}", a).replace("{b}", b)
    for marker, term in zip(("{o}", "{offence}", "{category}"), terms, strict=False):
        text = text.replace(marker, term)
    for number, value in enumerate(values):
        marker = "{value:" + str(number) + "}"
        if marker in text:
            shown = f"{value:g}" if isinstance(value, int | float) else str(value)
            text = text.replace(marker, shown)
    return text


class Step:
    """One rule applied to one case: a kind bound to the facts it read for that case."""

    __slots__ = ("default_provision", "kind", "reads", "who")

    def __init__(
        self, kind: StepKind, reads: tuple, who: tuple[str, ...], default_provision: str
    ) -> None:
        self.kind = kind
        self.reads = reads  # tuple[context.Read, ...], in slot order
        self.who = who  # (requesting code, requested code[, offence id, name, category])
        self.default_provision = default_provision

    @property
    def names(self) -> tuple[str, str]:
        from ..core.countries import country_name

        return (country_name(self.who[0]), country_name(self.who[1]))

    rule = property(lambda self: self.kind.rule)
    best = property(lambda self: self.kind.range[0])
    worst = property(lambda self: self.kind.range[1])
    title = property(lambda self: self.kind.title)
    outcome = property(lambda self: self.kind.outcome)
    confidence = property(lambda self: self.kind.confidence)

    @property
    def reason(self) -> str:
        values = tuple(r.value for r in self.reads)
        return fill(self.kind.reason, *self.names, values, self.who[2:])

    @property
    def assurance(self) -> str:
        return fill(self.kind.assurance, *self.names, (), self.who[2:])

    @property
    def unblock(self) -> str:
        return fill(self.kind.unblock, *self.names, (), self.who[2:])

    @property
    def citations(self) -> tuple[Citation, ...]:
        return tuple(
            dict.fromkeys(
                [r.citation for r in self.reads if r.citation is not None]
                + list(self.kind.extra_citations)
            )
        )

    @property
    def facts(self) -> tuple[FactRef, ...]:
        return tuple(r.ref for r in self.reads)

    @property
    def provision(self) -> str:
        if self.kind.provision:
            return self.kind.provision
        pinpoints: list[str] = []
        for read in self.reads:
            if read.citation and read.citation.pinpoint and read.citation.pinpoint not in pinpoints:
                pinpoints.append(read.citation.pinpoint)
        return "; ".join(pinpoints) or self.default_provision

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Step)
            and self.kind == other.kind
            and self.who == other.who
            and self.facts == other.facts
        )

    def __hash__(self) -> int:
        return hash((self.kind, self.who, self.facts))

    def __repr__(self) -> str:
        return f"Step({self.rule}, {self.outcome}, {self.reason!r})"


@dataclass(frozen=True)
class Verdict:
    """The answer to one cooperation question, with its trace."""

    kind: Literal["extradition", "mla"]
    requesting: str
    requested: str
    offence: str | None
    person: Person | None
    measure: str | None
    verdict: Outcome
    confidence: Confidence
    steps: tuple[Step, ...]
    alternatives: tuple[str, ...] = ()
    basis: str = ""
    best: Outcome | None = None
    worst: Outcome | None = None

    @property
    def bounds(self) -> tuple[Outcome, Outcome]:
        """(best, worst) over the completions of the unknown facts the trace read."""
        return (self.best or self.verdict, self.worst or self.verdict)

    @property
    def open_facts(self) -> tuple[FactRef, ...]:
        """The unknown facts read by steps whose outcome they leave open."""
        return tuple(
            dict.fromkeys(
                r
                for s in self.steps
                if s.outcome == "unknown"
                for r in s.facts
                if r.value == "unknown"
            )
        )

    @property
    def key(self) -> tuple[str, ...]:
        """Identity of the question (not of the answer)."""
        return (
            self.kind,
            self.requesting,
            self.requested,
            self.offence or "",
            self.person or "",
            self.measure or "",
        )

    @property
    def assurances(self) -> tuple[str, ...]:
        """Assurances or conditions named by conditional steps."""
        return tuple(s.assurance for s in self.steps if s.outcome == "conditional" and s.assurance)

    @property
    def deciding_steps(self) -> tuple[Step, ...]:
        """The steps whose outcome equals the verdict (what a reader must look at), or, where
        unknown facts decide it, the steps whose bounds reach it."""
        found = tuple(s for s in self.steps if s.outcome == self.verdict)
        if found:
            return found
        worst = self.bounds[1]
        return tuple(s for s in self.steps if s.outcome == "unknown" and s.worst == worst)


GapStatus = Literal["full", "broader", "narrower", "other", "none", "not_applicable", "unknown"]


@dataclass(frozen=True)
class GapEntry:
    """How one jurisdiction meets one baseline element (for one offence, where it has one)."""

    jurisdiction: str
    instrument: str
    element: str
    offence: str | None
    strength: str
    status: GapStatus
    deviation: str
    provision: str
    citation: Citation | None
    satisfied_by_alternative: str = ""


@dataclass(frozen=True)
class GapCounts:
    """Counts per jurisdiction and instrument; deliberately not a single score."""

    jurisdiction: str
    instrument: str
    mandatory_missing: int
    mandatory_narrower: int
    optional_missing: int
    unknown: int
    met: int
    total: int


@dataclass(frozen=True)
class ResearchNeed:
    """An unknown fact and the verdicts it keeps unknown: what research would settle most."""

    owner: str  # ISO code, or "relation:<id>"
    path: str
    waiting: int  # unknown verdicts in which an unknown step read this unknown fact
    alone: int  # of which it is the only unknown fact their unknown steps read


class Example(NamedTuple):
    """One question a what-if changes: its identity (as `Verdict.key`) and its verdict before
    and after the change."""

    kind: str
    requesting: str
    requested: str
    offence: str
    person: str
    measure: str
    before: str
    after: str


@dataclass(frozen=True)
class Reform:
    """What-if: a jurisdiction adopts the most cooperative variant of one fact."""

    jurisdiction: str
    path: str
    current: str
    proposed: str
    label: str
    changed: int
    unblocked: int
    changes: tuple[tuple[str, str, int], ...] = field(default=())  # (from, to, count)
    examples: tuple[Example, ...] = field(default=())


@dataclass(frozen=True)
class Health:
    """Completeness and freshness of one jurisdiction's file."""

    jurisdiction: str
    known: int
    unknown: int
    low_confidence: int
    stale: int
    unsourced: int
    review_status: str
    last_full_review: str | None
