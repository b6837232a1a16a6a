"""Every corpus-wide rule (checks.RULES, integrity.INTEGRITY_RULES) fails at least one fixture.

Each fixture is a small corpus: the shipped instruments and taxonomy, a minimal jurisdiction
file and the files given. Every file of it loads and validates, so the problem comes from the
rule, not from the loader; the test names the catalogue code the rule must report. A new rule
without a fixture fails `test_every_rule_has_a_failing_fixture`. SYNTHETIC test data, not real
law.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.core.limits import LIMITS
from generator.io.load import load_corpus
from generator.validate.checks import RULES
from generator.validate.integrity import INTEGRITY_RULES

from .conftest import SHIPPED, TODAY, make_corpus

RULES_BY_NAME = {rule.__name__: rule for rule in (*RULES, *INTEGRITY_RULES)}

DE = "code: DE\nreview: {status: draft}\n"
SOURCED_DE = DE + ("sources:\n  a: {title: T, kind: official, citation: C, accessed: 2026-01-01}\n")


def relation(
    id: str,
    parties: tuple[str, str] = ("BR", "US"),
    kind: str = "bilateral_treaty",
    extra: str = "",
) -> str:
    return (
        f"id: {id}\nkind: {kind}\ntitle: Synthetic\nreview: {{status: draft}}\n"
        "sources:\n  t: {title: Synthetic, citation: TEST, kind: official, accessed: 2026-11-01}\n"
        "source: t\nverified: 2026-11-01\nconfidence: high\ncovers: [extradition]\n"
        f"parties: [{{code: {parties[0]}}}, {{code: {parties[1]}}}]\n{extra}"
    )


def shipped(relative: str, old: str, new: str) -> str:
    """A shipped corpus file with its first `old` replaced by `new`."""
    text = (SHIPPED / relative).read_text(encoding="utf-8")
    assert old in text, (relative, old)
    return text.replace(old, new, 1)


FAILING: dict[str, tuple[dict[str, str], str]] = {
    # checks.RULES
    "jurisdiction_codes": ({"jurisdictions/de.yaml": DE.replace("DE", "FR")}, "C402"),
    "unique_ids": (
        {
            "relations/br_us.yaml": relation("br_us"),
            "relations/ar_au.yaml": relation("br_us", ("AR", "AU")),
        },
        "C404",
    ),
    "reserved_ids": (
        {
            "offences.yaml": (SHIPPED / "offences.yaml").read_text(encoding="utf-8")
            + "  - id: index\n    name: Index\n    description: Replaces the index page.\n"
        },
        "C405",
    ),
    "instrument_file_names": ({"relations/us_br.yaml": relation("br_us")}, "C406"),
    "taxonomy_complete": (
        {"offences.yaml": shipped("offences.yaml", "id: money_laundering", "id: laundering")},
        "C407",
    ),
    "alternative_groups": (
        {
            "instruments/untoc.yaml": shipped(
                "instruments/untoc.yaml",
                "alternative_group: UNTOC-5-1-a\n",
                "alternative_group: UNTOC-5-1-x\n",
            )
        },
        "C410",
    ),
    "jurisdiction_references": (
        {"jurisdictions/de.yaml": DE + "offences:\n  piracy: {criminalised: unknown}\n"},
        "C411",
    ),
    "relation_parties": ({"relations/br_us.yaml": relation("br_us", ("BR", "BR"))}, "C412"),
    "sources_resolve": (
        {
            "jurisdictions/de.yaml": SOURCED_DE
            + "extradition:\n  nationals: {value: none, source: b, verified: 2026-01-01}\n"
        },
        "C414",
    ),
    "facts_are_sourced": (
        {"jurisdictions/de.yaml": DE + "extradition:\n  nationals: {value: none}\n"},
        "C415",
    ),
    "dates_sane": (
        {
            "relations/br_us.yaml": relation(
                "br_us", extra="signed: 2020-01-01\nin_force: 2019-01-01\n"
            )
        },
        "C419",
    ),
    "scheme_members_state_their_rules": (
        {
            "jurisdictions/de.yaml": DE,
            "relations/nordic.yaml": relation("nordic", ("DE", "FR"), "regional_scheme"),
        },
        "C420",
    ),
    "penalties_are_the_top_tier": (
        {
            "jurisdictions/de.yaml": SOURCED_DE
            + "offences:\n  fraud:\n    criminalised: {value: 'yes', source: a, verified: "
            "2026-01-01}\n    max_penalty_years: {value: 3, note: Up to 10 years if aggravated.}\n"
        },
        "C421",
    ),
    "sources_are_citable": (
        {
            "jurisdictions/de.yaml": DE
            + "sources:\n  w: {title: T, kind: secondary, url: 'https://en.wikipedia.org/wiki/X',"
            " accessed: 2026-01-01}\n"
        },
        "C424",
    ),
    "values_are_not_approximations": (
        {
            "jurisdictions/de.yaml": SOURCED_DE
            + "extradition:\n  nationals: {value: none, source: a, verified: 2026-01-01, "
            "note: The closest value in the vocabulary.}\n"
        },
        "C425",
    ),
    # integrity.INTEGRITY_RULES
    "instrument_parents": (
        {
            "instruments/untoc_som.yaml": shipped(
                "instruments/untoc_som.yaml", "parent: UNTOC\n", "parent: UNTOC_SOM\n"
            )
        },
        "C301",
    ),
    "assessed_by_resolves": (
        {
            "instruments/untoc.yaml": shipped(
                "instruments/untoc.yaml",
                "assessed_by: mla.bank_secrecy_refusal",
                "assessed_by: mla.bank_secrecy_refusals",
            )
        },
        "C303",
    ),
    "relations_are_not_duplicated": (
        {
            "relations/br_us.yaml": relation("br_us"),
            "relations/us_br.yaml": relation("us_br", ("US", "BR")),
        },
        "C304",
    ),
    "parameters_in_range": (
        {
            "instruments/untoc.yaml": shipped(
                "instruments/untoc.yaml", "min_persons: {value: 3,", "min_persons: {value: -5,"
            )
        },
        "C305",
    ),
    # with the limit on relations lowered to 0 by the test
    "corpus_within_limits": ({"relations/br_us.yaml": relation("br_us")}, "C306"),
}


def test_every_rule_has_a_failing_fixture() -> None:
    assert sorted(FAILING) == sorted(RULES_BY_NAME)


@pytest.mark.parametrize("name", sorted(FAILING))
def test_the_rule_fails_its_fixture(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files, code = FAILING[name]
    if name == "corpus_within_limits":
        monkeypatch.setitem(LIMITS, "relations", 0)
    result = load_corpus(make_corpus(tmp_path, {"jurisdictions/de.yaml": DE, **files}))
    assert result.problems == [], "the fixture itself must load and validate"
    problems = list(RULES_BY_NAME[name](result, TODAY))
    assert code in {problem.code for problem in problems}, [str(p) for p in problems]


@pytest.mark.parametrize(("life", "flagged"), [("no", True), ("partial", False), ("yes", False)])
def test_a_zero_year_maximum_is_questioned_unless_some_form_carries_life(
    life: str, flagged: bool, tmp_path: Path
) -> None:
    """A maximum of 0 years says no form of the offence carries imprisonment, which life
    imprisonment for every form (yes) or for some (partial) contradicts only in appearance:
    the years record the highest fixed term."""
    text = (
        SOURCED_DE + "offences:\n  fraud:\n    criminalised: {value: 'yes', source: a, verified: "
        f"2026-01-01}}\n    max_penalty_years: 0\n    life_imprisonment: {life}\n"
    )
    result = load_corpus(make_corpus(tmp_path, {"jurisdictions/de.yaml": text}))
    assert result.problems == []
    codes = {problem.code for problem in RULES_BY_NAME["penalties_are_the_top_tier"](result, TODAY)}
    assert ("C422" in codes) is flagged
