"""Per-cell facts the open data lists besides the verdict: the legal basis label, the rules
that decided it, and which list of other routes applies."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..context import Context
from ..extradition import PROSECUTES, alternative_routes
from ..mla import mla_alternatives
from ..results import OUTCOMES, SEVERITY
from .build import Grid


def _title(relation: Any) -> str:
    return relation.title if relation is not None else ""


def deciding_rules(grid: Grid) -> np.ndarray:
    """int32 [n, n, columns, persons]: bit r set where rule r's step decided the verdict (its
    outcome is the verdict's, see `Verdict.deciding_steps`), for verdicts other than
    possible."""
    severity, worst = grid.kinds.severity(), grid.kinds.worst()
    exact = np.zeros(grid.verdicts.shape, dtype=np.int32)
    reaching = np.zeros(grid.verdicts.shape, dtype=np.int32)
    counted = grid.verdicts > 0
    for r, layer in enumerate(grid.steps):
        exact |= ((severity[layer] == grid.verdicts) & counted).astype(np.int32) << r
        reaching |= (
            (severity[layer] == SEVERITY["unknown"]) & (worst[layer] == grid.worst) & counted
        ).astype(np.int32) << r
    # As `Verdict.deciding_steps`: where no step's outcome is the verdict, the unknown steps
    # whose bounds reach it.
    return np.where(exact != 0, exact, reaching)


def rule_names(grid: Grid, mask: int) -> str:
    """The rule ids a `deciding_rules` mask names, space-separated."""
    return " ".join(rule.id for r, rule in enumerate(grid.registry.rules) if mask >> r & 1)


def alternative_keys(ctx: Context, grid: Grid) -> tuple[np.ndarray, dict[int, tuple[str, ...]]]:
    """Which list of other routes each cell shows (int8 [n, n, columns, persons]) and the lists
    ({b}: the requested state's name). Extradition: depends on the verdict, on whether the
    nationality bar blocks and on whether the requested state prosecutes instead."""
    if grid.kind == "mla":
        routes = {v: mla_alternatives(OUTCOMES[v]) for v in range(4)}
        return grid.verdicts.astype(np.int8), routes
    prosecutes_values = ("yes", "no", "unknown")
    prosecutes = np.array(
        [
            prosecutes_values.index(v)
            if (v := ctx.read(ctx.jurisdictions[code], PROSECUTES).value) in prosecutes_values
            else 1
            for code in grid.codes
        ],
        dtype=np.int8,
    )
    nationality = [r.id for r in grid.registry.rules].index("nationality")
    blocked = grid.kinds.severity()[grid.steps[nationality]] == SEVERITY["blocked"]
    keys = (
        grid.verdicts.astype(np.int8) * 6
        + blocked.astype(np.int8) * 3
        + prosecutes[None, :, None, None]
    )
    routes = {
        verdict * 6 + bar * 3 + p: alternative_routes(
            OUTCOMES[verdict], bool(bar), prosecutes_values[p]
        )
        for verdict in range(4)
        for bar in range(2)
        for p in range(3)
    }
    return keys.astype(np.int8), routes


def basis_labels(grid: Grid) -> tuple[list[str], np.ndarray]:
    """Labels of the legal bases and, per cell (int32 [n, n, columns]), which label applies."""
    if grid.kind == "extradition":
        labels = [basis.label if basis is not None else "" for basis in grid.bases.items]
        return labels, grid.bases.ids
    labels = [_title(relation) for relation in grid.bases.items]
    ids = np.broadcast_to(grid.bases.ids[:, :, None], grid.verdicts.shape[:3])
    return labels, ids


@dataclass(frozen=True)
class Details:
    """What the open data lists per cell besides the verdict: the legal basis label, the rules
    that decided it, and which list of other routes applies."""

    labels: list[str]
    label_ids: np.ndarray  # int32 [n, n, columns]
    deciding: np.ndarray  # int32 bit mask [n, n, columns, persons]
    alternative_keys: np.ndarray  # int8 [n, n, columns, persons]
    alternatives: dict[int, tuple[str, ...]]


def details(ctx: Context, grid: Grid) -> Details:
    labels, label_ids = basis_labels(grid)
    keys, routes = alternative_keys(ctx, grid)
    return Details(labels, label_ids, deciding_rules(grid), keys, routes)
