"""Small hand-made jurisdictions for rule tests. SYNTHETIC test data, not real law."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from generator.core.models import Corpus, Jurisdiction, Relation
from generator.io.load import load_corpus

SHIPPED = Path(__file__).resolve().parent.parent / "corpus"
DAY = date(2026, 11, 28)
SOURCE = {
    "t": {
        "title": "Synthetic test statute",
        "kind": "official",
        "citation": "TEST",
        "accessed": DAY,
    }
}


def fact(value: Any, pinpoint: str = "s. 1") -> dict[str, Any]:
    return {
        "value": value,
        "source": "t",
        "pinpoint": pinpoint,
        "confidence": "high",
        "verified": DAY,
    }


def offence(
    criminalised: str = "yes",
    years: int | str = 10,
    life: str = "no",
    death: str = "no",
    **extra: Any,
) -> dict[str, Any]:
    return {
        "criminalised": fact(criminalised, "offence section"),
        "max_penalty_years": years,
        "life_imprisonment": life,
        "death_penalty": death,
        **extra,
    }


COOPERATIVE_EXTRADITION = {
    "legal_basis": "treaty_or_reciprocity",
    "nationals": "none",
    "prosecutes_if_not_extradited": "yes",
    "dual_criminality": "conduct",
    "min_penalty_years": 1,
    "death_penalty_policy": "none",
    "life_sentence_policy": "none",
    "political_offence_exception": "yes",
    "military_offence_exception": "yes",
    "fiscal_offence_exception": "no",
    "lapse_of_time": "requested_law",
    "ne_bis_in_idem": "yes",
    "in_absentia": "retrial_guarantee",
    "speciality_required": "no",
    "discretionary_refusal": "no",
    "evidence_standard": "formal_review",
}


def jurisdiction(
    code: str,
    extradition: dict[str, Any] | None = None,
    offences: dict[str, Any] | None = None,
    **fields: Any,
) -> Jurisdiction:
    """A jurisdiction whose every given value is a sourced, verified fact."""
    ext = {**COOPERATIVE_EXTRADITION, **(extradition or {})}
    data: dict[str, Any] = {
        "code": code,
        "review": {"status": "draft"},
        "sources": SOURCE,
        "death_penalty_status": fact(fields.pop("death_penalty_status", "abolitionist")),
        "extradition": {k: fact(v) for k, v in ext.items()},
        "offences": offences if offences is not None else {"fraud": offence()},
        **fields,
    }
    return Jurisdiction.model_validate(data)


def relation(
    id: str,
    parties: list[str],
    kind: str = "bilateral_treaty",
    clauses: dict[str, Any] | None = None,
    precedence: int = 50,
    members: dict[str, dict[str, Any]] | None = None,
) -> Relation:
    return Relation.model_validate(
        {
            "id": id,
            "kind": kind,
            "title": f"Test relation {id}",
            "review": {"status": "draft"},
            "sources": SOURCE,
            "source": "t",
            "verified": DAY,
            "confidence": "high",
            "precedence": precedence,
            "parties": [{"code": c, **(members or {}).get(c, {})} for c in parties],
            "clauses": {
                k: fact(v) if not isinstance(v, (list, tuple)) else v
                for k, v in (clauses or {}).items()
            },
        }
    )


@cache
def _base() -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    result = load_corpus(SHIPPED)
    corpus = result.corpus()
    return corpus.instruments, corpus.offences


def corpus(*jurisdictions: Jurisdiction, relations: tuple[Relation, ...] = ()) -> Corpus:
    instruments, offences = _base()
    return Corpus(
        instruments=instruments,
        offences=offences,
        jurisdictions=tuple(sorted(jurisdictions, key=lambda j: j.code)),
        relations=relations,
    )
