"""World-scale evaluation (see `build`)."""

from .build import (
    Details,
    Grid,
    Interner,
    Verdicts,
    basis_fact,
    build_grid,
    details,
    improves,
    rule_names,
    what_if,
    what_ifs,
)

__all__ = [
    "Details",
    "Grid",
    "Interner",
    "Verdicts",
    "basis_fact",
    "build_grid",
    "details",
    "improves",
    "rule_names",
    "what_if",
    "what_ifs",
]
