"""The only reader of the corpus: YAML text → validated models, or located problems.

Order of defences for untrusted files: size limit → strict UTF-8 → event pre-scan (no
anchors or aliases, no tags, no directives, bounded nesting) → ruamel round-trip load (YAML 1.2,
so every key keeps its line and column) → pydantic → problems mapped back to `file:line:col`.
An alias bomb is rejected by the pre-scan before anything is expanded.
"""

from __future__ import annotations

import difflib
import errno
import os
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..core.models import Corpus, Instrument, Jurisdiction, OffenceTaxonomy, Relation
from ..core.problems import Problem

MAX_FILE_BYTES = 512 * 1024
MAX_DEPTH = 24

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class NotRead:
    """A path under the corpus that the loader refuses to read, and why (a symlink, a FIFO,
    a device, an unreadable file). Listed so that it is reported, never silently skipped."""

    reason: str


class LoadedFile:
    """One parsed file: its display path and, on demand, its round-trip tree.

    The round-trip tree (with line and column of every key) is slow to build, so valid files
    are loaded with the C loader and the tree is built only when a problem must be located.
    """

    def __init__(self, path: str, tree: Any = None, text: str | None = None) -> None:
        self.path = path
        self._tree = tree
        self._text = text

    @property
    def tree(self) -> Any:
        if self._tree is None and self._text is not None:
            self._tree = YAML(typ="rt").load(self._text)
        return self._tree


@dataclass
class LoadResult:
    """What loading a corpus folder produced: models, the trees behind them, and problems."""

    instruments: list[tuple[LoadedFile, Instrument]] = field(default_factory=list)
    taxonomy: tuple[LoadedFile, OffenceTaxonomy] | None = None
    jurisdictions: list[tuple[LoadedFile, Jurisdiction]] = field(default_factory=list)
    relations: list[tuple[LoadedFile, Relation]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def corpus(self) -> Corpus:
        """The validated corpus, sorted by id (call only when there are no problems)."""
        return Corpus(
            instruments=tuple(sorted((m for _, m in self.instruments), key=lambda m: m.id)),
            offences=self.taxonomy[1].offences if self.taxonomy else (),
            jurisdictions=tuple(sorted((m for _, m in self.jurisdictions), key=lambda m: m.code)),
            relations=tuple(sorted((m for _, m in self.relations), key=lambda m: m.id)),
        )


# --------------------------------------------------------------------------------------------
# Reading one file
# --------------------------------------------------------------------------------------------


class _Reject(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem


def _mark_problem(path: str, mark: Any, code: str, message: str, hint: str = "") -> Problem:
    line = getattr(mark, "line", -1) + 1
    column = getattr(mark, "column", -1) + 1
    return Problem(path, max(line, 0), max(column, 0), "", message, hint, code=code)


def _prescan(path: str, text: str) -> None:
    """Reject YAML features a corpus never needs, before any node is built."""
    depth = 0
    for event in YAML(typ="rt").parse(text):
        mark = event.start_mark
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
            raise _Reject(
                _mark_problem(
                    path,
                    mark,
                    "C105",
                    "anchors and aliases (& and *) are not allowed",
                    "write the value out in full",
                )
            )
        tag = getattr(event, "tag", None)
        if tag is not None and not (isinstance(event, ScalarEvent) and tag == "!"):
            raise _Reject(
                _mark_problem(
                    path,
                    mark,
                    "C106",
                    f"YAML tags such as {str(tag)[:60]!r} are not allowed",
                    "remove the tag; quote the value if it should be text",
                )
            )
        if isinstance(event, DocumentStartEvent) and (event.version or event.tags):
            raise _Reject(
                _mark_problem(
                    path,
                    mark,
                    "C107",
                    "%YAML and %TAG directives are not allowed",
                    "delete the directive line; files are read as YAML 1.2",
                )
            )
        if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Reject(
                    _mark_problem(path, mark, "C108", f"nesting deeper than {MAX_DEPTH} levels")
                )
        elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
            depth -= 1


_SUSPECT_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|^ *\t", re.M)


def _decode(path: str, raw: bytes) -> str:
    if len(raw) > MAX_FILE_BYTES:
        raise _Reject(
            Problem(
                path,
                message=f"file is {len(raw)} bytes; the limit is {MAX_FILE_BYTES}",
                hint="split the file or shorten notes",
                code="C101",
            )
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _Reject(
            Problem(
                path,
                raw[: exc.start].count(b"\n") + 1,
                1,
                "",
                f"not valid UTF-8 (bad byte at offset {exc.start})",
                hint="save the file as UTF-8",
                code="C102",
            )
        ) from None
    if _SUSPECT_CHARS.search(text):
        for number, line in enumerate(text.splitlines(), start=1):
            for column, char in enumerate(line, start=1):
                if char == "\t" and not line[: column - 1].strip(" "):
                    raise _Reject(
                        Problem(
                            path,
                            number,
                            column,
                            "",
                            "tab used for indentation",
                            "use spaces, not tabs",
                            code="C103",
                        )
                    )
                if ord(char) < 32 and char != "\t" or 0x7F <= ord(char) <= 0x9F:
                    raise _Reject(
                        Problem(
                            path,
                            number,
                            column,
                            "",
                            f"control character U+{ord(char):04X} is not allowed",
                            "delete it",
                            code="C104",
                        )
                    )
    return text


_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_INT_DIGITS = 4300  # Python refuses to convert longer decimal strings to int


def _key_problem(path: str, key: Node) -> Problem | None:
    """A merge key or a key that is not text (YAML reads `1:`, `2026-01-01:`, `null:`,
    `true:` and `? [a, b]` as numbers, dates, None, booleans and lists)."""
    if key.tag == _MERGE_TAG:
        return _mark_problem(
            path,
            key.start_mark,
            "C109",
            "merge keys (<<) are not allowed",
            "write the keys out in full",
        )
    if isinstance(key, ScalarNode) and key.tag == _STR_TAG:
        return None
    if not isinstance(key, ScalarNode):
        return _mark_problem(
            path,
            key.start_mark,
            "C110",
            "a key must be text, not a list or mapping",
            "use a plain word as the key",
        )
    return _mark_problem(
        path,
        key.start_mark,
        "C110",
        f"key {key.value[:60]!r} is not text",
        f'put the key in quotes, e.g. "{key.value[:60]}":',
    )


def _scalar_problem(path: str, node: ScalarNode, constructor: Any) -> Problem | None:
    """A plain scalar YAML reads as a date or a number that cannot be built (2026-02-30,
    T25:00, a number of more than 4300 digits): located, instead of an unlocated error."""
    assert node.tag is not None  # a composed node's tag is always resolved
    if node.tag == _STR_TAG or node.tag.endswith(("null", "bool")):
        return None
    digits = sum(ch.isdigit() for ch in node.value)
    if node.tag.endswith("int") and digits > _INT_DIGITS:
        return _mark_problem(
            path, node.start_mark, "C111", f"a number of {digits} digits is too long"
        )
    try:
        constructor.construct_object(node, deep=True)
    except (ValueError, OverflowError, YAMLError) as exc:
        if node.tag.endswith("timestamp"):
            return _mark_problem(
                path,
                node.start_mark,
                "C112",
                f"{node.value[:40]!r} is not a valid date or time ({exc})",
                "write the date as YYYY-MM-DD, without quotes",
            )
        return _mark_problem(
            path,
            node.start_mark,
            "C113",
            f"{node.value[:40]!r} cannot be read ({str(exc)[:80]})",
            "put it in quotes to keep it as text",
        )
    return None


def _node_problems(path: str, root: Any, constructor: Any) -> list[Problem]:
    """Problems in the node tree that YAML would load without a position, or not at all."""
    problems: list[Problem] = []
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, MappingNode):
            for key, value in node.value:
                found = _key_problem(path, key)
                if found:
                    problems.append(found)
                stack.append(value)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, ScalarNode):
            found = _scalar_problem(path, node, constructor)
            if found:
                problems.append(found)
    return sorted(problems)


def parse_yaml(path: str, raw: bytes) -> tuple[Any, list[Problem]]:
    """Parse one file into a round-trip tree, or return the problems that stop it."""
    try:
        text = _decode(path, raw)
        _prescan(path, text)
        yaml = YAML(typ="rt")
        root = yaml.compose(text)  # composed once: checked, then built into the tree
        problems = _node_problems(path, root, yaml.constructor)
        if problems:
            return None, problems
        tree = yaml.constructor.construct_document(root) if root is not None else None
    except _Reject as rejected:
        return None, [rejected.problem]
    except MarkedYAMLError as exc:
        message = "YAML syntax error: " + (exc.problem or str(exc)).strip()
        hint = "use spaces, not tabs" if "\\t" in message else ""
        code = "C114"
        if "duplicate key" in message:
            hint = "each key may appear once; merge the two entries"
            code = "C115"
        mark = exc.problem_mark or exc.context_mark
        return None, [_mark_problem(path, mark, code, message, hint)]
    except (YAMLError, RecursionError, ValueError) as exc:
        message = f"YAML could not be read: {str(exc)[:200]}"
        return None, [Problem(path, message=message, code="C116")]
    if not isinstance(tree, CommentedMap):
        message = "the file must be a YAML mapping (key: value)"
        return None, [Problem(path, 1, 1, "", message, code="C117")]
    return tree, []


# --------------------------------------------------------------------------------------------
# Mapping validation errors back to positions
# --------------------------------------------------------------------------------------------


def locate(
    tree: Any, loc: tuple[Any, ...], at_key: bool = False
) -> tuple[int, int, tuple[Any, ...]]:
    """1-based (line, column) of the deepest part of `loc` found in the tree, and that part.

    Scalars point at their value, containers (and `at_key`) at their key.
    """
    found: tuple[Any, ...]
    line, column, node, found = 1, 1, tree, ()
    for key in loc:
        try:
            if isinstance(node, CommentedMap) and key in node:
                on_value = _is_scalar(node[key]) and not at_key
                line, column = node.lc.value(key) if on_value else node.lc.key(key)
            elif isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node):
                line, column = node.lc.item(key)
            else:
                break
        except (KeyError, IndexError, TypeError):  # no position kept: point at the parent
            break
        line, column = line + 1, column + 1
        node = node[key]
        found = (*found, key)
    return line, column, found


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, (CommentedMap, CommentedSeq))


def _dotted(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


_PYDANTIC_STEPS = re.compile(r"^(function-\w+\[|literal\[|int$|str$|bool$|float$|date$)")


def _clean_loc(loc: tuple[Any, ...], tree: Any) -> tuple[Any, ...]:
    """Drop pydantic's internal steps (union branches, the `value` of a shorthand fact).

    A step is kept whenever it exists in the YAML tree, so a key that merely looks like a
    pydantic step is still reported.
    """
    cleaned: list[Any] = []
    node = tree
    for part in loc:
        present = (isinstance(node, CommentedMap) and part in node) or (
            isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node)
        )
        if present:
            cleaned.append(part)
            node = node[part]
            continue
        if isinstance(part, str) and _PYDANTIC_STEPS.match(part):
            continue
        if part == "value" and _is_scalar(node):
            continue
        cleaned.append(part)
        node = None
    return tuple(cleaned)


def _raw_token(lines: list[str], line: int, column: int) -> str:
    """The value as typed in the file (YAML already turned `1.10` into 1.1)."""
    if not 0 < line <= len(lines):
        return ""
    token = lines[line - 1][column - 1 :]
    for stop in (" #", ",", "}", "]"):
        token = token.split(stop)[0]
    return token.strip()


def _hint(error: ErrorDetails, model: type[BaseModel], loc: tuple[Any, ...], typed: str) -> str:
    kind, value = error["type"], error.get("input")
    if kind == "string_type" and isinstance(value, (int, float, bool, date)):
        return f'put it in quotes to keep it as text, e.g. "{typed or value}"'
    if kind in ("int_type", "int_parsing", "number_or_unknown") and isinstance(value, str):
        return "write a whole number without quotes"
    if kind == "years_or_unknown" and isinstance(value, str):
        return "write the number without quotes (0.5 for six months)"
    if kind in ("date_type", "date_parsing"):
        return "write the date as YYYY-MM-DD, without quotes"
    if kind == "bool_type":
        return "write true or false"
    if kind == "extra_forbidden":
        return _suggest_field(model, loc) or "unknown field; check the spelling against the schema"
    if kind == "missing":
        return "add this required field"
    if kind == "literal_error" and isinstance(value, str):
        choices = re.findall(r"'([^']*)'", error.get("ctx", {}).get("expected", ""))
        close = difflib.get_close_matches(value, choices, n=1)
        return f"did you mean {close[0]!r}?" if close else "use one of the listed values"
    if kind == "literal_error":
        return "use one of the listed values (yes and no are words here, not true/false)"
    if kind.startswith("url_"):
        return "only http:// and https:// links are allowed"
    if kind == "string_pattern_mismatch":
        return "check the format described in the schema"
    return ""


def _suggest_field(model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    """'did you mean' for a misspelt key, by walking the model along `loc`."""
    if not loc:
        return ""
    current: Any = model
    for part in loc[:-1]:
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return ""
        current = _model_of(fields[part].annotation)
        if current is None:
            return ""
    names = list(getattr(current, "model_fields", {}))
    close = difflib.get_close_matches(str(loc[-1]), names, n=1)
    return f"did you mean {close[0]!r}?" if close else ""


def _model_of(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_of(arg)
        if found is not None:
            return found
    origin = getattr(annotation, "__origin__", None)
    return _model_of(origin) if origin not in (None, annotation) else None


def _message(error: ErrorDetails) -> str:
    message = str(error["msg"])
    if error["type"] == "value_error":
        message = message.removeprefix("Value error, ")
    return message


_SCHEMA_CODES = {
    "extra_forbidden": "C201",
    "missing": "C202",
    "literal_error": "C203",
    "enum": "C203",
    "string_pattern_mismatch": "C206",
    "string_too_short": "C207",
    "string_too_long": "C207",
    "too_short": "C207",
    "too_long": "C207",
    "value_error": "C209",
    "assertion_error": "C209",
}
_NUMBER_ERRORS = ("int_", "float_", "greater_than", "less_than", "number_", "years_", "finite_")


def schema_code(error_type: str) -> str:
    """The catalogue code of a pydantic error type (a type error, C204, for any other)."""
    if error_type in _SCHEMA_CODES:
        return _SCHEMA_CODES[error_type]
    if error_type.startswith("url_"):
        return "C205"
    if error_type.startswith(_NUMBER_ERRORS):
        return "C208"
    return "C204"


def validation_problems(
    path: str, tree: Any, model: type[BaseModel], exc: ValidationError, lines: list[str]
) -> list[Problem]:
    """Turn a pydantic error into located problems (never echoing the raw input)."""
    problems: dict[tuple[Any, ...], Problem] = {}
    for error in exc.errors(include_url=False):
        loc = _clean_loc(tuple(error["loc"]), tree)
        if loc in problems:
            continue  # one problem per field: the first branch of a union says enough
        line, column, _ = locate(tree, loc, at_key=error["type"] == "extra_forbidden")
        hint = _hint(error, model, loc, _raw_token(lines, line, column))
        problems[loc] = Problem(
            path, line, column, _dotted(loc), _message(error), hint, code=schema_code(error["type"])
        )
    return list(problems.values())


def validate(
    path: str, tree: Any, model: type[M], lines: list[str] | None = None
) -> tuple[M | None, list[Problem]]:
    """Validate a parsed tree against a model."""
    try:
        return model.model_validate(tree), []
    except ValidationError as exc:
        return None, validation_problems(path, tree, model, exc, lines or [])
    except RecursionError:
        return None, [Problem(path, message="structure too deep to validate", code="C108")]


def _fast_events_clean(text: str) -> bool:
    """C-parser pre-scan: True when the file has no anchor, alias, tag, directive or deep
    nesting (the pure-Python pre-scan then reports exactly where, when it is False)."""
    depth = 0
    for event in YAML(typ="safe", pure=False).parse(text):
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
            return False
        if getattr(event, "tag", None) is not None:
            return False
        if isinstance(event, ScalarEvent) and event.value == "<<" and not event.style:
            return False  # a merge key: the slow path reports it
        if isinstance(event, DocumentStartEvent) and (event.version or event.tags):
            return False
        if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                return False
        elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
            depth -= 1
    return True


def _fast_parse(display: str, raw: bytes, model: type[M]) -> tuple[LoadedFile, M] | None:
    """The C loader path for a valid file; None whenever anything needs a located report."""
    try:
        text = _decode(display, raw)
        if not _fast_events_clean(text):
            return None
        data = YAML(typ="safe", pure=False).load(text)
        if not isinstance(data, dict):
            return None
        return LoadedFile(display, text=text), model.model_validate(data)
    except Exception:  # noqa: BLE001 - any doubt: take the slow, located path
        return None


def parse_file(
    raw: bytes, model: type[M], display: str
) -> tuple[LoadedFile | None, M | None, list[Problem]]:
    """Parse and validate one corpus file's bytes."""
    fast = _fast_parse(display, raw, model)
    if fast is not None:
        return fast[0], fast[1], []
    tree, problems = parse_yaml(display, raw)
    if problems:
        return None, None, problems
    loaded = LoadedFile(display, tree=tree)
    lines = raw.decode("utf-8-sig").splitlines()
    result, problems = validate(display, tree, model, lines)
    return loaded, result, problems


# --------------------------------------------------------------------------------------------
# Reading the corpus folder
# --------------------------------------------------------------------------------------------


_KINDS: tuple[tuple[str, type[BaseModel]], ...] = (
    ("instruments", Instrument),
    ("jurisdictions", Jurisdiction),
    ("relations", Relation),
)


_MAX_READ_BYTES = 16 * MAX_FILE_BYTES  # larger files are not even read into memory


def _kind_of(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_regular_file(path: Path) -> bytes | NotRead:
    """The bytes of `path` if it is a regular file (not a symlink, FIFO or device).

    The file is opened without following a symlink and without blocking (so a FIFO cannot
    hang the loader), and its type is checked on the open descriptor, so it cannot be swapped
    between the check and the read.
    """
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        handle = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return NotRead("a symbolic link")
        return NotRead(f"cannot be read ({exc.strerror or type(exc).__name__})")
    with os.fdopen(handle, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode):
            return NotRead(_kind_of(info.st_mode))
        if info.st_size > _MAX_READ_BYTES:
            return NotRead(f"file is {info.st_size} bytes; the limit is {MAX_FILE_BYTES}")
        try:
            return stream.read(_MAX_READ_BYTES + 1)
        except OSError as exc:
            return NotRead(f"cannot be read ({exc.strerror or type(exc).__name__})")


def read_folder(root: Path) -> dict[str, bytes | NotRead] | None:
    """Every file of a corpus folder: {path relative to the folder: bytes}; None if absent.

    Only regular files inside the folder are read. Symbolic links (to files or folders), FIFOs,
    devices and unreadable files or folders are listed as NotRead, so that they are reported
    rather than followed or skipped without a word. `schema/` (generated) is not read.
    """
    if not root.is_dir():
        return None
    files: dict[str, bytes | NotRead] = {}

    def unreadable_folder(error: OSError) -> None:
        where = Path(error.filename or root).relative_to(root).as_posix()
        files[f"{where}/"] = NotRead(f"folder cannot be read ({error.strerror})")

    for folder, dirs, names in os.walk(root, onerror=unreadable_folder):
        here = Path(folder)
        relative = here.relative_to(root)
        if relative.parts[:1] == ("schema",):
            dirs[:] = []
            continue
        for name in sorted(dirs):
            if (here / name).is_symlink():
                files[(relative / name).as_posix()] = NotRead("a symbolic link to a folder")
                dirs.remove(name)
        for name in names:
            files[(relative / name).as_posix()] = read_regular_file(here / name)
    return dict(sorted(files.items()))


def load_corpus(root: Path) -> LoadResult:
    """Load every file of a corpus folder; collect all problems rather than stopping."""
    files = read_folder(root)
    if files is None:
        result = LoadResult()
        result.problems.append(Problem(str(root), message="corpus folder not found", code="C118"))
        return result
    return load_files(files, root.name or str(root))


_FOLDERS = tuple(folder for folder, _ in _KINDS)


def _documentation(relative: str) -> bool:
    """Files the corpus may hold for people, not for the loader: top-level Markdown (LICENSE.md,
    README.md) and empty-folder keepers."""
    name = relative.rsplit("/", 1)[-1]
    return ("/" not in relative and name.lower().endswith(".md")) or name == ".gitkeep"


def _name_problem(name: str) -> tuple[str, str, str] | None:
    """Why a file name is not a corpus file name (code, message, hint); None when it is one."""
    if name.endswith(".yaml") and not name.startswith("."):
        return None
    stem, dot, extension = name.rpartition(".")
    if dot and extension.lower() in ("yaml", "yml"):
        return "C120", "corpus files must end in .yaml (lower case)", f"rename it to {stem}.yaml"
    return "C121", "not a corpus file: only .yaml files are read", "rename it to .yaml or remove it"


def unread_problem(relative: str) -> tuple[str, str, str] | None:
    """(code, message, hint) for a path under the corpus that the loader does not read, or
    None when it is read (or is documentation). Every such file is reported, never skipped
    silently."""
    if relative == "offences.yaml" or _documentation(relative):
        return None
    head, _, rest = relative.partition("/")
    if not rest:
        named = _name_problem(relative)
        if named:
            return named
        return (
            "C122",
            "not read: at the top of the corpus only offences.yaml is read",
            "jurisdictions, instruments and relations go in their folders",
        )
    if head not in _FOLDERS:
        close = difflib.get_close_matches(head, _FOLDERS, n=1)
        return (
            "C123",
            f"not read: unknown folder {head!r}; corpus files are read from "
            f"{', '.join(f + '/' for f in _FOLDERS)} and offences.yaml",
            f"did you mean {close[0]}/?" if close else "move the file or remove it",
        )
    if "/" in rest:
        return ("C124", "not read: files in sub-folders are not read", f"move it to {head}/")
    return _name_problem(rest)


def load_files(files: Mapping[str, bytes | NotRead], label: str) -> LoadResult:
    """Parse and validate corpus files given as {relative path: bytes}; `label` prefixes paths.

    Every path that is not read is reported: symlinks, FIFOs and devices (NotRead), and files
    the loader does not look at (a wrong extension, an unknown folder, a sub-folder).
    """
    result = LoadResult()
    for relative, content in sorted(files.items()):
        if isinstance(content, NotRead):
            result.problems.append(
                Problem(
                    f"{label}/{relative}",
                    message=f"not read: {content.reason}",
                    hint="the corpus holds only regular files; copy the file in instead",
                    code="C119",
                )
            )
            continue
        unread = unread_problem(relative)
        if unread:
            code, message, hint = unread
            result.problems.append(
                Problem(f"{label}/{relative}", message=message, hint=hint, code=code)
            )
    kept = {k: v for k, v in files.items() if isinstance(v, bytes) and unread_problem(k) is None}
    buckets: dict[str, list[Any]] = {
        "instruments": result.instruments,
        "jurisdictions": result.jurisdictions,
        "relations": result.relations,
    }
    for folder, model in _KINDS:
        for relative in sorted(kept):
            head, _, name = relative.partition("/")
            if head != folder or "/" in name or not name.endswith(".yaml"):
                continue
            loaded, value, problems = parse_file(kept[relative], model, f"{label}/{relative}")
            result.problems.extend(problems)
            if loaded is not None and value is not None:
                buckets[folder].append((loaded, value))
    if "offences.yaml" in kept:
        loaded, taxonomy, problems = parse_file(
            kept["offences.yaml"], OffenceTaxonomy, f"{label}/offences.yaml"
        )
        result.problems.extend(problems)
        if loaded is not None and taxonomy is not None:
            result.taxonomy = (loaded, taxonomy)
    else:
        result.problems.append(
            Problem(
                f"{label}/offences.yaml", message="the offence taxonomy is missing", code="C125"
            )
        )
    for folder, hint in (
        ("jurisdictions", "add one with `comity new XX`"),
        ("instruments", "the baselines (UNTOC, ...) are needed for gap matrices"),
    ):
        if not any(name.startswith(f"{folder}/") and name.endswith(".yaml") for name in kept):
            result.problems.append(
                Problem(
                    f"{label}/{folder}",
                    message=f"the corpus has no {folder}",
                    hint=hint,
                    code="C126",
                )
            )
    return result
