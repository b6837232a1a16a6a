"""The documented limits of a corpus (docs/contributing.md, "Limits"), enforced by
`comity check`: counts by generator/validate/integrity.py, numbers by the models, file size by the
loader, text lengths by the models (Text 4,000 characters, ShortText 300).

The world-scale corpus is 193 jurisdictions, about a dozen offences, eight instruments with a
few hundred elements and some thousands of relations. Build time and site size grow with
offences × jurisdictions², so the taxonomy is capped well above that scale and far below what
makes a build take minutes (5,000 offences took 206 s and made a 343 MB site). Raise a limit
only with a benchmark run (benchmarks/bench.py).
"""

from __future__ import annotations

LIMITS: dict[str, int] = {
    "jurisdictions": 300,  # ISO 3166-1 has 249 codes
    "instruments": 100,
    "elements": 5_000,  # across all instruments
    "offences": 200,
    "relations": 20_000,
}

# Parameters and thresholds are counts, days and years: far above any, and below 2**53, so a
# browser reads the open data exactly.
MAX_NUMBER = 10**12
