"""The loader rejects every class of hostile or broken input with a located, exact message."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.app.cli import main
from generator.core.models import Jurisdiction
from generator.io.load import MAX_FILE_BYTES, parse_yaml, validate

from .conftest import make_corpus

MINIMAL = "code: DE\nreview:\n  status: draft\n"


def problems_of(text: str | bytes) -> list[str]:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    tree, problems = parse_yaml("de.yaml", raw)
    if problems:
        return [str(p) for p in problems]
    _, problems = validate("de.yaml", tree, Jurisdiction, raw.decode("utf-8").splitlines())
    return [str(p) for p in problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            MINIMAL + "code: FR\n",
            'de.yaml:4:1: error[C115]: YAML syntax error: found duplicate key "code" with value '
            '"FR" '
            '(original value: "DE") (hint: each key may appear once; merge the two entries)',
        ),
        (
            MINIMAL + "legal_system: &a unknown\n",
            "de.yaml:4:15: error[C105]: anchors and aliases (& and *) are not allowed "
            "(hint: write the value out in full)",
        ),
        (
            "%YAML 1.1\n---\n" + MINIMAL,
            "de.yaml:2:1: error[C107]: %YAML and %TAG directives are not allowed "
            "(hint: delete the directive line; files are read as YAML 1.2)",
        ),
        (
            "%TAG !e! tag:example.com,2000:\n---\n" + MINIMAL,
            "de.yaml:2:1: error[C107]: %YAML and %TAG directives are not allowed "
            "(hint: delete the directive line; files are read as YAML 1.2)",
        ),
        (
            MINIMAL + "legal_system: !!python/object/apply:os.system [ls]\n",
            "de.yaml:4:15: error[C106]: YAML tags such as "
            "'tag:yaml.org,2002:python/object/apply:os.system' "
            "are not allowed (hint: remove the tag; quote the value if it should be text)",
        ),
        (
            "code: DE\nreview:\n\tstatus: draft\n",
            "de.yaml:3:1: error[C103]: tab used for indentation (hint: use spaces, not tabs)",
        ),
        (
            b"code: DE\nlegal_system: \xe5\n",
            "de.yaml:2:1: error[C102]: not valid UTF-8 (bad byte at offset 23) (hint: save the "
            "file as UTF-8)",
        ),
        (
            MINIMAL + 'legal_system: "civil\x07law"\n',
            "de.yaml:4:21: error[C104]: control character U+0007 is not allowed (hint: delete it)",
        ),
        (
            "- code: DE\n",
            "de.yaml:1:1: error[C117]: the file must be a YAML mapping (key: value)",
        ),
    ],
    ids=[
        "duplicate",
        "anchor",
        "yaml-directive",
        "tag-directive",
        "tag",
        "tab",
        "utf8",
        "control",
        "not-mapping",
    ],
)
def test_hostile_yaml_is_rejected_with_location(text: str | bytes, expected: str) -> None:
    assert problems_of(text) == [expected]


def test_alias_bomb_is_rejected_before_expansion() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 12)]
    assert problems_of("\n".join(lines) + "\n") == [
        "de.yaml:1:5: error[C105]: anchors and aliases (& and *) are not allowed "
        "(hint: write the value out in full)"
    ]


def test_oversized_file_is_rejected_unread() -> None:
    text = MINIMAL + "# " + "x" * MAX_FILE_BYTES + "\n"
    assert problems_of(text) == [
        f"de.yaml: error[C101]: file is {len(text)} bytes; the limit is {MAX_FILE_BYTES} "
        "(hint: split the file or shorten notes)"
    ]


def test_deep_nesting_is_rejected() -> None:
    text = MINIMAL + "notes: " + "[" * 40 + "]" * 40 + "\n"
    assert problems_of(text) == ["de.yaml:4:31: error[C108]: nesting deeper than 24 levels"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "sources:\n  s: {title: 1.10, citation: x, accessed: 2026-01-01}\n",
            "de.yaml:5:14: error[C204]: sources.s.title: Input should be a valid string "
            '(hint: put it in quotes to keep it as text, e.g. "1.10")',
        ),
        (
            "mla:\n  central_authority: NO\n",
            None,  # YAML 1.2: NO is the string "NO" — accepted as text
        ),
        (
            "extradition:\n  political_offence_exception: true\n",
            "de.yaml:5:32: error[C203]: extradition.political_offence_exception: Input should be "
            "'yes', 'no', "
            "'partial' or 'unknown' (hint: use one of the listed values (yes and no are words "
            "here, "
            "not true/false))",
        ),
        (
            "extradition:\n  nationals: absolut\n",
            "de.yaml:5:14: error[C203]: extradition.nationals: Input should be 'none', "
            "'return_guarantee', "
            "'discretionary', 'treaty_only', 'person_option', 'naturalized_limited', "
            "'eu_or_icc_only', 'absolute' "
            "or 'unknown' (hint: did you mean 'absolute'?)",
        ),
        (
            "extradition:\n  min_penalty_years: '1'\n",
            "de.yaml:5:22: error[C208]: extradition.min_penalty_years: Input should be a number of "
            "years "
            "(e.g. 1, or 0.5 for six months) or 'unknown' (hint: write the number without "
            "quotes (0.5 for six months))",
        ),
        (
            "extradition:\n  legl_basis: treaty_required\n",
            "de.yaml:5:3: error[C201]: extradition.legl_basis: Extra inputs are not permitted "
            "(hint: did you mean 'legal_basis'?)",
        ),
        (
            "sources:\n  s: {title: T, url: 'javascript:alert(1)', accessed: 2026-01-01}\n",
            "de.yaml:5:22: error[C205]: sources.s.url: URL scheme should be 'http' or 'https' "
            "(hint: only http:// and https:// links are allowed)",
        ),
        (
            "sources:\n  s: {title: T, url: 'data:text/html,<script>x</script>', "
            "accessed: 2026-01-01}\n",
            "de.yaml:5:22: error[C205]: sources.s.url: Input violated strict URL syntax rules, "
            "non-URL code "
            "point (hint: only http:// and https:// links are allowed)",
        ),
        (
            "sources:\n  s: {title: T, accessed: 2026-01-01}\n",
            "de.yaml:5:3: error[C209]: sources.s: a source needs a `url` or an official `citation`",
        ),
        (
            'sources:\n  s: {title: "a\u202eb", citation: x, accessed: 2026-01-01}\n',
            "de.yaml:5:14: error[C209]: sources.s.title: contains the invisible or control "
            "character U+202E; "
            "delete it",
        ),
    ],
    ids=[
        "number-as-text",
        "norway",
        "bool",
        "typo-value",
        "quoted-number",
        "typo-key",
        "javascript-url",
        "data-url",
        "source-without-url",
        "bidi",
    ],
)
def test_wrong_types_get_located_hints(line: str, expected: str | None) -> None:
    assert problems_of(MINIMAL + line) == ([expected] if expected else [])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        alphabet=st.sampled_from(list("ab:-[]{}&*!%#'\"\n\t |>?,.0123456789\x00é")), max_size=120
    )
)
def test_arbitrary_text_gives_model_or_problems_never_exception(text: str) -> None:
    tree, problems = parse_yaml("f.yaml", text.encode("utf-8"))
    if not problems:
        model, problems = validate("f.yaml", tree, Jurisdiction)
        assert (model is None) == bool(problems)
    assert all(p.path == "f.yaml" for p in problems)


yaml_scalars = st.one_of(
    st.text(max_size=8), st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False)
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                ["code", "review", "status", "extradition", "nationals", "value", "source", "x"]
            ),
            inner,
            max_size=3,
        )
    ),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(
            ["code", "review", "extradition", "mla", "offences", "sources", "instruments", "zzz"]
        ),
        yaml_values,
        max_size=5,
    )
)
def test_arbitrary_structures_validate_or_locate(data: dict[str, object]) -> None:
    import io

    from ruamel.yaml import YAML

    stream = io.StringIO()
    YAML().dump(data, stream)
    tree, problems = parse_yaml("f.yaml", stream.getvalue().encode("utf-8"))
    if not problems:
        model, problems = validate("f.yaml", tree, Jurisdiction)
        assert (model is None) == bool(problems)
    for problem in problems:
        assert problem.line >= 0 and str(problem).startswith("f.yaml")


def test_corpus_wide_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (
        "code: FR\nreview: {status: draft}\nsources:\n"
        "  a: {title: T, kind: official, citation: C, accessed: 2030-01-01}\n"
        "extradition:\n  nationals: {value: absolute, source: b}\n"
        "  dual_criminality: {value: conduct, source: a, verified: 2026-01-01,"
        " note: Closest value in the vocabulary}\n"
        "offences:\n  piracy: {criminalised: unknown}\n"
        "  fraud:\n    criminalised: {value: partial, source: a, verified: 2026-01-01}\n"
        "    elements: {UNTOC-99-1: full}\n"
    )
    root = make_corpus(tmp_path, {"jurisdictions/de.yaml": text})
    assert main(["check", "--corpus", str(root)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "corpus/jurisdictions/de.yaml:1:7: error[C402]: code: code FR does not match the file name "
        "de.yaml "
        "(hint: rename the file to fr.yaml)",
        "corpus/jurisdictions/de.yaml:4:56: error[C418]: sources.a.accessed: date 2030-01-01 is in "
        "the future",
        "corpus/jurisdictions/de.yaml:6:3: error[C416]: extradition.nationals: a known fact needs "
        "a "
        "`verified` date (hint: add `verified: YYYY-MM-DD`, the day you checked the source)",
        "corpus/jurisdictions/de.yaml:6:40: error[C414]: extradition.nationals.source: unknown "
        "source 'b' "
        "(hint: defined sources: a)",
        "corpus/jurisdictions/de.yaml:7:3: error[C425]: extradition.dual_criminality: the note "
        "calls the "
        "value an approximation; the rules read the value (hint: choose the value that fits, "
        "or write `unknown` and say why in the note; if no value fits, propose one in an issue)",
        "corpus/jurisdictions/de.yaml:9:3: error[C411]: offences.piracy: unknown offence 'piracy' "
        "(hint: offences must be defined in corpus/offences.yaml)",
        "corpus/jurisdictions/de.yaml:11:5: error[C417]: offences.fraud.criminalised: a 'partial' "
        "fact "
        "needs a `note` saying what differs",
        "corpus/jurisdictions/de.yaml:12:16: error[C408]: offences.fraud.elements.UNTOC-99-1: "
        "unknown baseline element 'UNTOC-99-1'",
        "8 problem(s); nothing was written.",
    ]


SHIPPED_CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.mark.parametrize("folder", ["instruments", "jurisdictions", "relations"])
def test_the_fast_loader_reads_every_shipped_file_as_the_located_loader_does(folder: str) -> None:
    """Every shipped file takes the fast path (the C loader, used when a file needs no located
    report), and the models it gives equal those of the slow, located path the other tests
    exercise: the two paths cannot drift apart unnoticed. Of the generated treaty-status
    profiles, which share one shape, ten are read."""
    from generator.io.load import _KINDS, _fast_parse

    model = dict(_KINDS)[folder]
    files = sorted((SHIPPED_CORPUS / folder).glob("*.yaml"))
    assert files
    if folder == "jurisdictions":  # the generated treaty-status profiles share one shape
        status = [p for p in files if "\ntier: status" in p.read_text(encoding="utf-8")]
        files = [p for p in files if p not in status] + status[:10]
    for path in files:
        raw = path.read_bytes()
        fast = _fast_parse(path.name, raw, model)
        assert fast is not None, f"{path.name} took the slow path"
        tree, problems = parse_yaml(path.name, raw)
        assert problems == []
        slow, problems = validate(path.name, tree, model, raw.decode("utf-8-sig").splitlines())
        assert problems == []
        assert fast[1] == slow, path.name
