"""The catalogue of problem kinds: every problem `comity check` can report, with a stable code.

A code is `C` and three digits; the hundreds digit is the stage that reports it (1 reading files
and the corpus folder, 2 schema validation, 3 integrity and limits, 4 corpus-wide checks, 5
staleness). Codes are stable so that people can search for them, CI annotations and editor
matchers can key on them, and the contributing guide can link to them: a code is never
renumbered and never reused for another meaning. A new kind takes the next free number of its
stage; a kind that is no longer reported moves to RETIRED and its number is not given out again.
Titles and descriptions may be reworded.

The contributing guide's table of errors is rendered from this catalogue (generator/render/
errors.py), and tests/test_catalogue.py proves that every code is unique, that every code the
code base uses is listed here, and that every entry is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Kind:
    """One kind of problem: its code, a short title, what it means and how to fix it."""

    code: str
    title: str
    description: str
    severity: Severity = "error"


@dataclass(frozen=True)
class Stage:
    """The stage of `comity check` that reports a group of kinds (the hundreds digit)."""

    number: int
    title: str
    summary: str
    kinds: tuple[Kind, ...]


READING = Stage(
    1,
    "Reading files and the corpus folder",
    "The file could not be read as a corpus file, before any field is looked at. Hostile or "
    "broken YAML is rejected with its line and column; nothing is written.",
    (
        Kind(
            "C101",
            "File too large",
            "A corpus file is larger than 512 KB. Split a long file or shorten its notes.",
        ),
        Kind(
            "C102",
            "Not UTF-8",
            "The file contains bytes that are not valid UTF-8. Save it as UTF-8 in your editor.",
        ),
        Kind(
            "C103",
            "Tab indentation",
            "A line is indented with a tab. YAML indentation is spaces only; replace the tab.",
        ),
        Kind(
            "C104",
            "Control character",
            "The file contains an invisible control character (for example one pasted from a "
            "PDF). Delete it.",
        ),
        Kind(
            "C105",
            "Anchor or alias",
            "YAML anchors and aliases (`&name`, `*name`) are not allowed: they hide what a "
            "fact says and can expand a small file enormously. Write the value out in full.",
        ),
        Kind(
            "C106",
            "YAML tag",
            "A YAML tag such as `!!python/object` is not allowed. Remove the tag; put the value "
            "in quotes if it should be text.",
        ),
        Kind(
            "C107",
            "YAML directive",
            "A `%YAML` or `%TAG` directive is not allowed; files are read as YAML 1.2. Delete "
            "the directive line.",
        ),
        Kind(
            "C108",
            "Nesting too deep",
            "Mappings and lists are nested deeper than 24 levels, which no corpus file needs. "
            "Flatten the structure.",
        ),
        Kind(
            "C109",
            "Merge key",
            "Merge keys (`<<`) are not allowed. Write the keys out in full.",
        ),
        Kind(
            "C110",
            "Key is not text",
            "YAML reads a key such as `1:`, `2026-01-01:`, `true:` or `null:` as a number, date, "
            "boolean or nothing, and `? [a, b]` as a list. Put the key in quotes or use a word.",
        ),
        Kind(
            "C111",
            "Number too long",
            "A number has more than 4,300 digits and cannot be read. No fact needs one; check "
            "the value.",
        ),
        Kind(
            "C112",
            "Invalid date",
            "A value YAML reads as a date or time does not exist (for example 2026-02-30). "
            "Write a real date as YYYY-MM-DD, without quotes.",
        ),
        Kind(
            "C113",
            "Unreadable value",
            "YAML reads a plain value as a type it then cannot build. Put the value in quotes to "
            "keep it as text.",
        ),
        Kind(
            "C114",
            "YAML syntax error",
            "The file is not valid YAML (a missing colon, a bad indent, an unclosed quote). The "
            "line and column point where the parser gave up; the mistake is often just before.",
        ),
        Kind(
            "C115",
            "Duplicate key",
            "The same key appears twice in one mapping, so one of the two values would be lost. "
            "Merge the two entries.",
        ),
        Kind(
            "C116",
            "YAML not readable",
            "The YAML reader failed without a position (for example on a structure it cannot "
            "represent). The message gives the reason; simplify the file around it.",
        ),
        Kind(
            "C117",
            "Not a mapping",
            "The top of a corpus file must be a mapping of `key: value` lines, not a list or a "
            "single value.",
        ),
        Kind(
            "C118",
            "Corpus folder not found",
            "The folder given with `--corpus` (default `./corpus`) does not exist. Run the "
            "command from the project folder or pass the right path.",
        ),
        Kind(
            "C119",
            "Not a regular file",
            "A path under the corpus is a symbolic link, a FIFO, a device, too large to read, or "
            "cannot be read. The corpus holds only regular files; copy the file in instead.",
        ),
        Kind(
            "C120",
            "Wrong extension case",
            "A corpus file ends in `.yml` or `.YAML`. Corpus files end in `.yaml`, lower case; "
            "rename it.",
        ),
        Kind(
            "C121",
            "Not a YAML file",
            "A file in a corpus folder is not a `.yaml` file, so it would be ignored. Rename it "
            "to `.yaml` or remove it.",
        ),
        Kind(
            "C122",
            "File at the top of the corpus",
            "At the top of the corpus only `offences.yaml` is read (and Markdown notes are left "
            "alone). Jurisdictions, instruments and relations go in their folders.",
        ),
        Kind(
            "C123",
            "Unknown folder",
            "A folder under the corpus is not `instruments/`, `jurisdictions/` or `relations/` "
            "(for example `relation/`), so its files would be ignored. Move them.",
        ),
        Kind(
            "C124",
            "File in a sub-folder",
            "Files in sub-folders of a corpus folder are not read. Move the file up into the "
            "folder itself.",
        ),
        Kind(
            "C125",
            "Offence taxonomy missing",
            "The corpus has no `offences.yaml`, which defines the offences every jurisdiction "
            "refers to. Restore it.",
        ),
        Kind(
            "C126",
            "Empty corpus folder",
            "The corpus has no jurisdictions or no instruments. Add a jurisdiction with "
            "`comity new XX`; the baseline instruments are needed for the gap matrices.",
        ),
    ),
)

SCHEMA = Stage(
    2,
    "Schema validation",
    "The file is valid YAML but does not fit the schema of its kind (corpus/schema/ holds the "
    "JSON Schemas editors use to show these as you type).",
    (
        Kind(
            "C201",
            "Unknown field",
            "A key is not a field of this kind of file, often a misspelling; the hint suggests "
            "the closest field. Check the spelling against the schema.",
        ),
        Kind(
            "C202",
            "Missing field",
            "A required field is absent. Add it, with `unknown` as its value if you could not "
            "confirm it.",
        ),
        Kind(
            "C203",
            "Value not in the vocabulary",
            "A field takes one of a fixed list of values and the value is not one of them; the "
            "hint suggests the closest. `yes` and `no` are words here, not true or false. If no "
            "value fits, write `unknown` and propose one in an issue.",
        ),
        Kind(
            "C204",
            "Wrong type",
            "The value is of the wrong type: a number or date where text is expected (quote "
            "it), text where a date is expected (write YYYY-MM-DD without quotes), a list where "
            "a mapping is expected, or another value of the wrong form.",
        ),
        Kind(
            "C205",
            "Invalid link",
            "A URL is malformed or is not an `http://` or `https://` link; other schemes are "
            "refused.",
        ),
        Kind(
            "C206",
            "Wrong format",
            "A code or id does not have its format: an ISO code is two upper-case letters, an "
            "offence id is lower case with underscores, an element id looks like "
            "`UNTOC-5-1-a-ii`. The schema describes each.",
        ),
        Kind(
            "C207",
            "Text empty or too long",
            "A text is empty, or longer than its limit (4,000 characters for a note, "
            "description or title; 300 for a name, citation or pinpoint). Shorten it.",
        ),
        Kind(
            "C208",
            "Number out of range",
            "A number is not a number, or is outside its range (for example a penalty in years "
            "from 0 to 1,000, a count from 0 to 1,000,000,000,000). Write a plain number, or "
            "`unknown`.",
        ),
        Kind(
            "C209",
            "Schema rule",
            "The value breaks a rule of the schema that the message states, for example a "
            "source with neither `url` nor `citation`, an unofficial copy that does not name "
            "the official text, or text with an invisible character.",
        ),
    ),
)

INTEGRITY = Stage(
    3,
    "Integrity and limits",
    "Every file is valid, but the corpus as a whole holds input that would be silently ignored "
    "or is out of bounds.",
    (
        Kind(
            "C301",
            "Instrument is its own parent",
            "An instrument's `parent` names the instrument itself. Name the instrument it "
            "supplements (a Protocol's parent is its Convention), or remove `parent`.",
        ),
        Kind(
            "C302",
            "Unknown parent instrument",
            "An instrument's `parent` names no instrument of the corpus; the hint lists the "
            "known ones. Correct the id or add the instrument.",
        ),
        Kind(
            "C303",
            "assessed_by names no fact",
            "A baseline element's `assessed_by` is not the path of a fact a jurisdiction file "
            "can hold, so no jurisdiction could ever be assessed on it. Use a path such as "
            "`mla.bank_secrecy_refusal`.",
        ),
        Kind(
            "C304",
            "Duplicate relation",
            "Two relations of the same kind between the same parties cover the same "
            "cooperation; the analysis would use one and ignore the other. Merge the files or "
            "remove the superseded one.",
        ),
        Kind(
            "C305",
            "Parameter out of range",
            "A baseline parameter is not a whole number from 0 to 1,000,000,000,000.",
        ),
        Kind(
            "C306",
            "Corpus over a limit",
            "The corpus has more offences, instruments, elements, relations or jurisdictions "
            "than the documented limits allow. Raise a limit in generator/core/limits.py only with "
            "a benchmark run.",
        ),
    ),
)

CHECKS = Stage(
    4,
    "Corpus-wide checks",
    "Rules that one file alone cannot check: references between files, sources, dates, and "
    "the conventions the analysis relies on.",
    (
        Kind(
            "C401",
            "Not an ISO code",
            "A jurisdiction's `code` or a relation party is not an ISO 3166-1 alpha-2 code. "
            "Look the code up in the ISO Online Browsing Platform.",
        ),
        Kind(
            "C402",
            "Code does not match the file name",
            "A jurisdiction file is named after its code in lower case (`de.yaml` for DE). "
            "Rename the file or correct the code.",
        ),
        Kind(
            "C403",
            "Code used twice",
            "Two jurisdiction files have the same code. Keep one.",
        ),
        Kind(
            "C404",
            "Id defined twice",
            "An instrument, element, offence or relation id is defined twice in the corpus; "
            "ids are unique across it. Rename or remove one.",
        ),
        Kind(
            "C405",
            "Reserved id",
            "An offence or instrument id (`index`, `readme`) would replace a generated index "
            "page. Choose another id.",
        ),
        Kind(
            "C406",
            "Id does not match the file name",
            "An instrument or relation file is named after its id in lower case. Rename the "
            "file or correct the id.",
        ),
        Kind(
            "C407",
            "Required offence missing",
            "The taxonomy lacks an offence the analysis relies on (for example "
            "`money_laundering`). Restore it in `offences.yaml`.",
        ),
        Kind(
            "C408",
            "Unknown baseline element",
            "An element id named in the taxonomy or a jurisdiction is not an element of any "
            "instrument in the corpus. Check the id against the instrument file.",
        ),
        Kind(
            "C409",
            "Unknown instrument",
            "An instrument id named in the taxonomy or a jurisdiction is not an instrument of "
            "the corpus. Check the id against `instruments/`.",
        ),
        Kind(
            "C410",
            "Either/or group of one",
            "A baseline element's `alternative_group` has no other member, so there is no "
            "alternative. Either/or groups need at least two elements.",
        ),
        Kind(
            "C411",
            "Unknown offence",
            "An offence named in a jurisdiction or a relation's label equivalences is not "
            "defined in `offences.yaml`. Correct the id or define the offence there.",
        ),
        Kind(
            "C412",
            "Party listed twice",
            "A relation lists the same party twice. Remove the repetition.",
        ),
        Kind(
            "C413",
            "Wrong number of parties",
            "A bilateral treaty or a statement that no treaty exists is between exactly two "
            "parties.",
        ),
        Kind(
            "C414",
            "Unknown source",
            "A `source` names no entry under the file's own `sources:`; the hint lists those "
            "defined. Correct the id or add the source.",
        ),
        Kind(
            "C415",
            "Known fact without a source",
            "Every known fact names the source it rests on. Add `source:` with a pinpoint, or "
            "write `unknown`.",
        ),
        Kind(
            "C416",
            "Known fact without a date",
            "Every known fact says when its source was read. Add `verified: YYYY-MM-DD`.",
        ),
        Kind(
            "C417",
            "Qualified value without a note",
            "A `partial`, `narrower` or `other` value needs a `note` saying what differs.",
        ),
        Kind(
            "C418",
            "Date in the future",
            "A date lies after today. Check for a typo in the year.",
        ),
        Kind(
            "C419",
            "Dates out of order",
            "A range ends before it starts: in force before signed or adopted, or a party's "
            "`until` before its `since`.",
        ),
        Kind(
            "C420",
            "Scheme member without its own rule",
            "A researched member of a surrender scheme does not record its rule on "
            "surrendering nationals under the scheme; its domestic extradition law does not "
            "apply there. Add `nationals:` from its transposition law, or `unknown` with a "
            "note of what was searched.",
        ),
        Kind(
            "C421",
            "Maximum penalty below the note",
            "An offence's `max_penalty_years` is below a term its own note names: the basic "
            "tier was recorded instead of the highest maximum. Record the highest maximum "
            "(aggravated forms included), or say 'not a maximum' in the note.",
        ),
        Kind(
            "C422",
            "Maximum penalty of zero",
            "A maximum of 0 years says no form of the offence carries imprisonment. If that is "
            "so, say 'fine only' in the note; otherwise record the highest maximum.",
        ),
        Kind(
            "C423",
            "Source without a kind",
            "A source does not say whether it is `official`, `secondary` or an "
            "`unofficial_copy`. Add `kind:`.",
        ),
        Kind(
            "C424",
            "Uncitable source",
            "A source is an upload, forum, exam-preparation or encyclopaedia page, never the "
            "source of a fact. Cite the official text or a reliable secondary source, or make "
            "the facts resting on it `unknown`.",
        ),
        Kind(
            "C425",
            "Value called an approximation",
            "The note calls the value the closest or nearest one, but the rules read the "
            "value. Choose the value that fits, or write `unknown` and propose a value in an "
            "issue.",
        ),
    ),
)

STALENESS = Stage(
    5,
    "Staleness warnings",
    "Reported only with `comity check --stale-after AGE`; warnings never fail the check.",
    (
        Kind(
            "C501",
            "Stale fact",
            "A known fact was last verified longer ago than the age given. Re-read the source "
            "and update `verified` (and the value, if the law changed).",
            "warning",
        ),
    ),
)

STAGES: tuple[Stage, ...] = (READING, SCHEMA, INTEGRITY, CHECKS, STALENESS)

KINDS: dict[str, Kind] = {kind.code: kind for stage in STAGES for kind in stage.kinds}

RETIRED: frozenset[str] = frozenset()
"""Codes no longer reported: never given out again."""


def kind(code: str) -> Kind:
    """The catalogue entry of `code`; KeyError names a code missing from the catalogue."""
    try:
        return KINDS[code]
    except KeyError:
        raise KeyError(f"problem code {code!r} is not in generator/core/catalogue.py") from None
