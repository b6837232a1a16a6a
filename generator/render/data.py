"""Open data under `api/v1/`: the validated corpus, long-form tables, compact matrices, explorer
shards, JSON Schemas and a Frictionless datapackage. Pure: returns {relative path: text}."""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import numpy as np

from ..analysis import forked
from ..analysis.extradition import EXTRADITION, offence_terms
from ..analysis.grid import Details, Grid, rule_names
from ..analysis.mla import MLA
from ..analysis.results import CONFIDENCES, OUTCOMES, SEVERITY
from ..analysis.rules import Rule
from ..analysis.world import Analysis
from ..core.countries import country_name
from ..core.facts import offence_parent, walk_facts
from ..core.models import SCHEMA_VERSION, Corpus
from ..core.schema import schema_files
from .common import NO_KNOWN_BAR, VERDICT_CODE
from .escape import csv_cell
from .serialize import citation_dict, reform_dict, research_dict

API = "api/v1"


def dumps(data: Any) -> str:
    """Deterministic JSON text."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"


def gz(text: str) -> bytes:
    """Deterministic gzip (no timestamp): large files are published compressed, which keeps
    the site within its size budget at 193 jurisdictions; browsers decompress them with
    DecompressionStream, and any gzip tool opens them."""
    data = text.encode("utf-8")
    # The long tables run to tens of megabytes at world scale: level 3 compresses them three
    # times faster than 6 for about a third more bytes.
    return gzip.compress(data, compresslevel=6 if len(data) < 8_000_000 else 3, mtime=0)


def _document(data: Any, **meta: Any) -> str:
    return dumps({"schema_version": SCHEMA_VERSION, **meta, "data": data})


def _csv(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["schema_version", *columns])
    for row in rows:
        writer.writerow([SCHEMA_VERSION, *("" if v is None else csv_cell(v) for v in row)])
    return buffer.getvalue()


def _table(
    name: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], compress: bool = False
) -> dict[str, str | bytes]:
    csv_text = _csv(columns, rows)
    json_text = dumps(
        {
            "schema_version": SCHEMA_VERSION,
            "columns": list(columns),
            "rows": [list(r) for r in rows],
        }
    )
    if compress:
        return {f"{API}/{name}.csv.gz": gz(csv_text), f"{API}/{name}.json.gz": gz(json_text)}
    return {f"{API}/{name}.csv": csv_text, f"{API}/{name}.json": json_text}


# best / worst: the verdict's bounds over the values unresearched facts could take (added in
# schema 1.1.0; the names in 1.2.0; columns are only ever added at the end).
# What both verdict tables hold after the question's own columns.
_VERDICT_COLUMNS = (
    "verdict",
    "confidence",
    "basis",
    "deciding_rules",
    "best",
    "worst",
    "requesting_name",
    "requested_name",
)
EXTRADITION_COLUMNS = ("requesting", "requested", "offence", "person", *_VERDICT_COLUMNS)
MLA_COLUMNS = ("requesting", "requested", "measure", *_VERDICT_COLUMNS)
FACT_COLUMNS = (
    "jurisdiction",
    "name",
    "profile",
    "fact",
    "value",
    "confidence",
    "verified",
    "pinpoint",
    "source",
    "source_title",
    "source_kind",
    "source_url",
    "official_url",
    "note",
)
GAP_COLUMNS = (
    "jurisdiction",
    "instrument",
    "element",
    "offence",
    "strength",
    "status",
    "deviation",
    "provision",
    "satisfied_by_alternative",
)
HEALTH_COLUMNS = (
    "jurisdiction",
    "known",
    "unknown",
    "low_confidence",
    "stale",
    "review_status",
    "last_full_review",
)


def _csv_token(value: str) -> str:
    if value == "":
        return ""  # a lone empty field would be written as ""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow([csv_cell(value)])
    return buffer.getvalue()


def _json_token(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def verdict_table(
    name: str, grid: Grid, details: Details, among: np.ndarray | None = None
) -> dict[str, str | bytes]:
    """The long table of one grid (CSV and JSON, gzip), one row per question in the order of
    requesting, requested, column, person. Built column by column from the arrays: each
    distinct value is encoded once, and rows are joined in C (1.2 million rows at 193 states).
    `among` (bool per state): only the questions between those states, as plain CSV and JSON
    (`<name>-researched`), if small enough to open in a spreadsheet (`PLAIN_ROWS`)."""
    n, c, p = len(grid.codes), len(grid.columns), len(grid.persons)
    a, b, col, person = (
        axis.ravel()
        for axis in np.meshgrid(
            np.arange(n), np.arange(n), np.arange(c), np.arange(p), indexing="ij"
        )
    )
    asked = a != b
    if among is not None:
        asked &= among[a] & among[b]
    a, b, col, person = a[asked], b[asked], col[asked], person[asked]
    if among is not None and len(a) > PLAIN_ROWS:
        return {}  # too large for a spreadsheet: the compressed world table serves instead
    masks, deciding = np.unique(details.deciding.ravel()[asked], return_inverse=True)
    values: list[tuple[list[str], np.ndarray]] = [
        (list(grid.codes), a),
        (list(grid.codes), b),
        (list(grid.columns), col),
    ]
    if grid.kind == "extradition":
        values.append(([str(x) for x in grid.persons], person))
    values += [
        (list(OUTCOMES), grid.verdicts.ravel()[asked]),
        (list(CONFIDENCES), grid.confidences.ravel()[asked]),
        (
            details.labels,
            np.broadcast_to(details.label_ids[:, :, :, None], grid.verdicts.shape).ravel()[asked],
        ),
        ([rule_names(grid, int(m)) for m in masks], deciding),
        (list(OUTCOMES), grid.best.ravel()[asked]),
        (list(OUTCOMES), grid.worst.ravel()[asked]),
        ([country_name(code) for code in grid.codes], a),
        ([country_name(code) for code in grid.codes], b),
    ]
    columns = EXTRADITION_COLUMNS if grid.kind == "extradition" else MLA_COLUMNS
    version_csv, version_json = _csv_token(SCHEMA_VERSION), _json_token(SCHEMA_VERSION)
    csv_columns = [[version_csv] * len(a)] + [
        np.array([_csv_token(v) for v in distinct], dtype=object)[index].tolist()
        for distinct, index in values
    ]
    json_columns = [
        np.array([_json_token(v) for v in distinct], dtype=object)[index].tolist()
        for distinct, index in values
    ]
    header = ",".join(_csv_token(x) for x in ("schema_version", *columns))
    csv_text = header + "\n" + "\n".join(map(",".join, zip(*csv_columns, strict=True))) + "\n"
    rows = "],[".join(map(",".join, zip(*json_columns, strict=True)))
    json_text = (
        '{"columns":'
        + json.dumps(list(columns), ensure_ascii=False, separators=(",", ":"))
        + ',"rows":['
        + (f"[{rows}]" if rows else "")
        + '],"schema_version":'
        + version_json
        + "}\n"
    )
    if among is not None:
        return {
            f"{API}/{name}-researched.csv": csv_text,
            f"{API}/{name}-researched.json": json_text,
        }
    return {f"{API}/{name}.csv.gz": gz(csv_text), f"{API}/{name}.json.gz": gz(json_text)}


def fact_rows(corpus: Corpus) -> list[tuple[Any, ...]]:
    """One row per known or unknown fact of every jurisdiction, with its source and the kind of
    source (the per-country facts table)."""
    rows: list[tuple[Any, ...]] = []
    for jurisdiction in corpus.jurisdictions:
        for loc, item in walk_facts(jurisdiction):
            parent = offence_parent(jurisdiction, loc)
            source_id = item.source or (parent.source if parent else None)
            source = jurisdiction.sources.get(source_id) if source_id else None
            verified = item.verified or (parent.verified if parent else None)
            rows.append(
                (
                    jurisdiction.code,
                    country_name(jurisdiction.code),
                    jurisdiction.tier,
                    ".".join(str(part) for part in loc),
                    str(item.value),
                    item.confidence or (parent.confidence if parent else None),
                    verified.isoformat() if verified else None,
                    item.pinpoint or (parent.pinpoint if parent else None),
                    source_id,
                    source.title if source else None,
                    source.kind if source else None,
                    str(source.url) if source and source.url else None,
                    str(source.official_url) if source and source.official_url else None,
                    item.note,
                )
            )
    return rows


# The plain (uncompressed) tables of the researched pairs are a convenience for spreadsheets;
# beyond this many rows (a world of researched states) only the compressed tables are written.
PLAIN_ROWS = 250_000


def tables(analysis: Analysis) -> dict[str, str | bytes]:
    """Long-form tables of every result (the large ones gzip-compressed)."""
    files: dict[str, str | bytes] = {}
    researched = np.array(
        [
            analysis.context.jurisdictions[code].tier == "full"
            for code in analysis.grids["extradition"].codes
        ]
    )
    for name in ("extradition", "mla"):
        files.update(verdict_table(name, analysis.grids[name], analysis.details[name]))
        files.update(verdict_table(name, analysis.grids[name], analysis.details[name], researched))
    files.update(_table("facts", FACT_COLUMNS, fact_rows(analysis.context.corpus)))
    files.update(
        _table(
            "gaps",
            GAP_COLUMNS,
            [
                (
                    g.jurisdiction,
                    g.instrument,
                    g.element,
                    g.offence,
                    g.strength,
                    g.status,
                    g.deviation,
                    g.provision,
                    g.satisfied_by_alternative,
                )
                for g in analysis.gaps
            ],
            compress=True,
        )
    )
    files.update(
        _table(
            "health",
            HEALTH_COLUMNS,
            [
                (
                    h.jurisdiction,
                    h.known,
                    h.unknown,
                    h.low_confidence,
                    h.stale,
                    h.review_status,
                    h.last_full_review,
                )
                for h in analysis.health
            ],
        )
    )
    files[f"{API}/reforms.json"] = _document([reform_dict(r) for r in analysis.reforms])
    files[f"{API}/research.json"] = _document([research_dict(r) for r in analysis.research])
    return files


def corpus_files(corpus: Corpus) -> dict[str, str]:
    """The validated corpus as JSON, one file per jurisdiction plus indexes."""
    files = {
        f"{API}/corpus/jurisdictions/{j.code.lower()}.json": _document(j.model_dump(mode="json"))
        for j in corpus.jurisdictions
    }
    files[f"{API}/corpus/index.json"] = _document(
        [
            {
                "code": j.code,
                "name": country_name(j.code),
                "review": j.review.status,
                "file": f"jurisdictions/{j.code.lower()}.json",
            }
            for j in corpus.jurisdictions
        ]
    )
    files[f"{API}/corpus/instruments.json"] = _document(
        [i.model_dump(mode="json") for i in corpus.instruments]
    )
    files[f"{API}/corpus/offences.json"] = _document(
        [o.model_dump(mode="json") for o in corpus.offences]
    )
    files[f"{API}/corpus/relations.json"] = _document(
        [r.model_dump(mode="json") for r in corpus.relations]
    )
    for name, text in schema_files().items():
        files[f"{API}/schema/{name}"] = text
    return files


def matrices(corpus: Corpus, analysis: Analysis) -> dict[str, str]:
    """One compact matrix per offence × person and per measure: a string of verdict codes,
    row = requesting state, column = requested state ('-' on the diagonal); `N` marks a
    conditional verdict with no known bar or condition, where only unresearched facts could add
    conditions."""
    files: dict[str, str] = {}
    for kind, grid in analysis.grids.items():
        codes = list(grid.codes)
        names = [country_name(code) for code in codes]
        letters = np.array([VERDICT_CODE[name] for name in OUTCOMES])
        diagonal = np.eye(len(codes), dtype=bool)
        titles = [rule.title for rule in grid.registry.rules]
        deciding = analysis.details[kind].deciding
        for c, column in enumerate(grid.columns):
            for p, person in enumerate(grid.persons):
                reasons, why = _why(deciding[:, :, c, p], titles)
                verdicts = grid.verdicts[:, :, c, p]
                open_only = (verdicts == SEVERITY["conditional"]) & (
                    grid.best[:, :, c, p] == SEVERITY["possible"]
                )
                cells = np.where(
                    diagonal, "-", np.where(open_only, NO_KNOWN_BAR, letters[verdicts])
                )
                key = (
                    f"extradition/{column}-{person}"
                    if grid.kind == "extradition"
                    else f"mla/{column}"
                )
                files[f"{API}/matrix/{key}.json"] = dumps(
                    {
                        "schema_version": SCHEMA_VERSION,
                        "codes": codes,
                        "names": names,
                        "cells": "".join(cells.ravel().tolist()),
                        "reasons": reasons,
                        "why": why,
                    }
                )
    return dict(sorted(files.items()))


# One character per cell names its deciding rules (an index into `reasons`); printable ASCII
# without quote or backslash, so the string needs no escaping in JSON.
_WHY = "".join(chr(c) for c in range(35, 127) if chr(c) != "\\")


def _why(masks: np.ndarray, titles: list[str]) -> tuple[list[str], str]:
    """The rules that decided each cell of one matrix (`grid.deciding_rules`), as a list of
    distinct reasons ("" where no rule decided: a possible verdict) and one character per cell
    indexing it, most frequent first; beyond the alphabet, cells read "several rules"."""
    distinct, inverse, counts = np.unique(masks.ravel(), return_inverse=True, return_counts=True)
    order = np.argsort(-counts, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    labels = ["; ".join(t for r, t in enumerate(titles) if int(mask) >> r & 1) for mask in distinct]
    reasons = [labels[i] for i in order[: len(_WHY) - 1].tolist()]
    if len(order) >= len(_WHY):
        reasons.append("several rules (see the explorer)")
    index = np.minimum(rank[inverse], len(_WHY) - 1)
    alphabet = np.array(list(_WHY))
    return reasons, "".join(alphabet[index].tolist())


def explorer_files(analysis: Analysis) -> dict[str, str | bytes]:
    """What the explorer reads: the rules, every step kind (texts with {a}/{b} for the two
    names), the facts steps cite (per jurisdiction, and for relations), and one file per
    requesting state with, for each partner, each verdict as its step-kind ids. Each file is
    compressed in a worker thread while the next is made: zlib releases the GIL, so at world
    scale (a third of this function's time) the compression runs on the other core."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        pending = _explorer_files(analysis, lambda text: pool.submit(gz, text))
        return {
            path: found.result() if isinstance(found, Future) else found
            for path, found in pending.items()
        }


def _explorer_files(
    analysis: Analysis, compress: Callable[[str], Future[bytes]]
) -> dict[str, str | Future[bytes]]:
    ctx = analysis.context
    files: dict[str, str | Future[bytes]] = {}
    every_rule: list[Rule[Any]] = [*EXTRADITION.rules, *MLA.rules]
    rules = {
        rule.id: {"title": rule.title, "provisions": list(rule.provisions)} for rule in every_rule
    }
    files[f"{API}/explorer/rules.json"] = dumps({"schema_version": SCHEMA_VERSION, "rules": rules})
    citations: dict[Any, int] = {}
    kinds: dict[str, list[Any]] = {}
    alternatives: dict[str, dict[int, list[str]]] = {}
    slots: dict[str, set[str]] = {"a": set(), "b": set()}
    relation_slots: set[tuple[str, str]] = set()
    for name, grid in analysis.grids.items():
        kinds[name] = [_kind_row(kind, citations) for kind in grid.kinds.values]
        for kind in grid.kinds.values[1:]:
            for owner, template in kind.slots:
                for path in (
                    [template.replace("{o}", c) for c in grid.columns]
                    if "{o}" in template
                    else [template]
                ):
                    if owner in slots:
                        slots[owner].add(path)
                    else:
                        relation_slots.add((owner.removeprefix("relation:"), path))
        alternatives[name] = {
            key: list(texts) for key, texts in analysis.details[name].alternatives.items()
        }
    files[f"{API}/explorer/kinds.json.gz"] = compress(
        dumps(
            {
                "schema_version": SCHEMA_VERSION,
                "kinds": kinds,
                "alternatives": alternatives,
                "labels": {name: analysis.details[name].labels for name in analysis.grids},
                "offences": {
                    o.id: list(offence_terms(o)) for o in analysis.context.corpus.offences
                },
                "citations": [citation_dict(c) for c in citations],
            }
        )
    )
    paths = sorted(slots["a"] | slots["b"])
    for code in ctx.codes:
        files[f"{API}/explorer/facts/{code.lower()}.json.gz"] = compress(
            _facts_file([(path, ctx.read(ctx.jurisdictions[code], path)) for path in paths])
        )
    relation_facts: list[tuple[str, Any]] = []
    for relation_id, path in sorted(relation_slots):
        relation = ctx.relations[relation_id]
        for party in relation.parties if path.startswith("parties.{") else [None]:
            concrete = (
                path.replace("{a}", party.code).replace("{b}", party.code)
                if party is not None
                else path
            )
            found = (
                ctx.read_slot((f"relation:{relation_id}", path), party.code, party.code)
                if party is not None
                else ctx.read(relation, path)
            )
            relation_facts.append((f"{relation_id}/{concrete}", found))
    files[f"{API}/explorer/relations.json.gz"] = compress(_facts_file(relation_facts))
    for a, code in enumerate(ctx.codes):
        files[f"{API}/explorer/from/{code.lower()}.json.gz"] = compress(_partners(analysis, a))
    return files


def _kind_row(kind: Any, citations: dict[Any, int]) -> list[Any] | None:
    if kind is None:
        return None
    return [
        kind.rule,
        kind.outcome,
        kind.reason,
        [list(slot) for slot in kind.slots],
        kind.provision,
        kind.assurance,
        kind.unblock,
        [citations.setdefault(c, len(citations)) for c in kind.extra_citations],
        kind.confidence,
        *kind.range,
    ]


def _facts_file(reads: list[tuple[str, Any]]) -> str:
    citations: dict[Any, int] = {}
    facts = {
        path: [
            read.value,
            None if read.citation is None else citations.setdefault(read.citation, len(citations)),
        ]
        for path, read in reads
    }
    return dumps(
        {
            "schema_version": SCHEMA_VERSION,
            "facts": facts,
            "citations": [citation_dict(c) for c in citations],
        }
    )


def _partners(analysis: Analysis, a: int) -> str:
    """One requesting state's verdicts with every partner, as flat arrays per family indexed
    [requested][column][person] (steps: [...][rule]): verdict and confidence (indexes into
    `outcomes` and `confidences`), basis label (index into kinds.json `labels`), alternatives
    key, and the step-kind id of every rule (0: the rule did not apply)."""
    found: dict[str, Any] = {}
    for name, grid in analysis.grids.items():
        cells = analysis.details[name]
        found[name] = {
            "columns": list(grid.columns),
            "persons": [p or "" for p in grid.persons],
            "rules": [rule.id for rule in grid.registry.rules],
            "verdicts": grid.verdicts[a].ravel().tolist(),
            "confidences": grid.confidences[a].ravel().tolist(),
            "best": grid.best[a].ravel().tolist(),
            "worst": grid.worst[a].ravel().tolist(),
            "labels": cells.label_ids[a].ravel().tolist(),
            "alternatives": cells.alternative_keys[a].ravel().tolist(),
            "steps": np.moveaxis(grid.steps[:, a], 0, -1).ravel().tolist(),
        }
    codes = analysis.context.codes
    return dumps(
        {
            "schema_version": SCHEMA_VERSION,
            "requesting": codes[a],
            "codes": list(codes),
            "names": [country_name(code) for code in codes],
            "outcomes": list(OUTCOMES),
            "confidences": list(CONFIDENCES),
            **found,
        }
    )


def datapackage(files: dict[str, str | bytes]) -> str:
    """A Frictionless data package describing every CSV table."""
    resources = []
    for path in sorted(files):
        if not path.endswith((".csv", ".csv.gz")):
            continue
        content = files[path]
        first = (
            gzip.GzipFile(fileobj=io.BytesIO(content)).readline().decode()
            if isinstance(content, bytes)
            else content.split("\n", 1)[0]
        )
        header = next(csv.reader(io.StringIO(first)))
        resource = {
            "name": path.rsplit("/", 1)[-1].removesuffix(".gz").removesuffix(".csv"),
            "path": path.removeprefix(f"{API}/"),
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {
                "fields": [{"name": column, "type": _field_type(column)} for column in header]
            },
        }
        if path.endswith(".gz"):
            resource["compression"] = "gz"
        resources.append(resource)
    return dumps(
        {
            "name": "comity",
            "title": "Comity: international criminal-cooperation law",
            "version": SCHEMA_VERSION,
            "schema_version": SCHEMA_VERSION,
            "licenses": [
                {
                    "name": "CC-BY-4.0",
                    "path": "https://creativecommons.org/licenses/by/4.0/",
                    "title": "Creative Commons Attribution 4.0",
                }
            ],
            "resources": resources,
        }
    )


def _field_type(column: str) -> str:
    return "integer" if column in ("known", "unknown", "low_confidence", "stale") else "string"


def open_data(corpus: Corpus, analysis: Analysis) -> dict[str, str | bytes]:
    """Every open-data file."""
    return start_open_data(corpus, analysis, parallel=False)()


def start_open_data(
    corpus: Corpus, analysis: Analysis, parallel: bool
) -> Callable[[], dict[str, str | bytes]]:
    """Every open-data file, in two parts: where `parallel`, a forked process makes the long
    tables (with the corpus files and matrices) while the caller goes on, and the returned
    function makes the explorer's files in the caller's process, then joins them (at world
    scale each part takes about 7 s, and the pages about 6 s)."""
    first = forked.background(
        lambda: {**corpus_files(corpus), **tables(analysis), **matrices(corpus, analysis)},
        parallel,
    )

    def finish() -> dict[str, str | bytes]:
        explorer = explorer_files(analysis)
        files: dict[str, str | bytes] = {**first(), **explorer}
        files[f"{API}/datapackage.json"] = datapackage(files)
        return files

    return finish
