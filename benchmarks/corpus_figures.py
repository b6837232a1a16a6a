"""Figures of the shipped corpus for the closing notes of issues: verdict distribution (with
bounds), answer rate by requested state, authority of the facts (by source kind, all known
facts and the facts the rules read), and completeness of the offence grid.

    .venv/bin/python benchmarks/corpus_figures.py [--corpus corpus]

Reads the corpus through the same loader as `comity check`; refuses an invalid corpus unless
--preview is given (then it analyses what loads, for a figure while research is under way).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from generator.analysis.context import Context  # noqa: E402
from generator.analysis.results import OUTCOMES  # noqa: E402
from generator.analysis.world import verdict_grids  # noqa: E402
from generator.core.facts import offence_parent, walk_facts  # noqa: E402
from generator.core.models import REQUIRED_OFFENCES  # noqa: E402
from generator.io.load import load_files, read_folder  # noqa: E402
from generator.validate.pipeline import load_and_check  # noqa: E402

# Fact paths the rules read (prefixes), for the authority of what decides verdicts.
RULE_READ = ("extradition.", "mla.", "evidence.", "death_penalty_status", "instruments.")
RULE_READ_OFFENCE = ("criminalised", "max_penalty_years", "life_imprisonment", "death_penalty")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--preview", action="store_true")
    args = parser.parse_args()
    today = date.today()
    result = load_and_check(args.corpus, today)
    if result.problems and not args.preview:
        print(f"{len(result.problems)} problem(s) in the corpus; run comity check", file=sys.stderr)
        return 1
    if result.problems:
        result = load_files(read_folder(args.corpus), "corpus")
    corpus = result.corpus()
    ctx = Context(corpus)
    grids = verdict_grids(ctx)

    full = np.array([ctx.jurisdictions[code].tier == "full" for code in grids["extradition"].codes])
    for name, grid in grids.items():
        n = len(grid.codes)
        asked = np.broadcast_to(~np.eye(n, dtype=bool)[:, :, None, None], grid.verdicts.shape)
        researched = asked & np.broadcast_to(
            (full[:, None] & full[None, :])[:, :, None, None], grid.verdicts.shape
        )
        for label, mask in (
            ("researched profiles (both states)", researched),
            ("the world (every directed pair)", asked),
        ):
            total = int(mask.sum())
            counts = Counter(OUTCOMES[v] for v in grid.verdicts[mask].tolist())
            open_only = int(((grid.verdicts == 1) & (grid.best == 0))[mask].sum())
            print(f"\n{name}, {label}: {total} verdicts")
            for outcome in OUTCOMES:
                share = counts[outcome] / total if total else 0
                print(f"  {outcome:12} {counts[outcome]:7}  {share:6.1%}")
            print(
                f"  of conditional, no known bar (only unresearched facts could add "
                f"conditions): {open_only}"
            )
        by_requested = []
        for b, code in enumerate(grid.codes):
            if full[b]:
                column = grid.verdicts[:, b][researched[:, b]]
                by_requested.append((code, float((column == 2).mean())))
        print(
            "  unknown share by requested state (researched pairs): "
            + ", ".join(
                f"{code} {share:.0%}" for code, share in sorted(by_requested, key=lambda x: -x[1])
            )
        )
    kinds_all: Counter[str] = Counter()
    kinds_read: Counter[str] = Counter()
    missing_entries = []
    for jurisdiction in (j for j in corpus.jurisdictions if j.tier == "full"):
        for offence in REQUIRED_OFFENCES:
            if offence not in jurisdiction.offences:
                missing_entries.append(f"{jurisdiction.code}:{offence}")
        for loc, item in walk_facts(jurisdiction):
            if not item.known:
                continue
            parent = offence_parent(jurisdiction, loc)
            source_id = item.source or (parent.source if parent else None)
            source = jurisdiction.sources.get(source_id) if source_id else None
            kind = "unsourced" if source is None else (source.kind or "kind not stated")
            if kind == "unofficial_copy":
                kind = (
                    "unofficial copy naming the official text"
                    if source.official_url or source.citation
                    else "copy without official location"
                )
            kinds_all[kind] += 1
            path = ".".join(str(part) for part in loc)
            if path.startswith(RULE_READ) or (
                loc[0] == "offences" and len(loc) == 3 and loc[2] in RULE_READ_OFFENCE
            ):
                kinds_read[kind] += 1
    print("\nauthority of the researched profiles' facts:")
    for label, counts in (("all known facts", kinds_all), ("facts the rules read", kinds_read)):
        total = sum(counts.values())
        print(f"\nauthority, {label}: {total}")
        for kind, count in counts.most_common():
            print(f"  {kind:32} {count:5}  {count / total:6.1%}")
    print(
        f"\nmissing offence entries in researched profiles: {len(missing_entries)} "
        f"{' '.join(missing_entries)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
