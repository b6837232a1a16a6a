"""Open data under `api/v1/`: the validated corpus, long-form tables, compact matrices, explorer
shards, JSON Schemas and a Frictionless datapackage. Pure: returns {relative path: text}."""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from ..analysis.extradition import EXTRADITION
from ..analysis.mla import MLA
from ..analysis.results import Verdict
from ..analysis.world import Analysis
from ..countries import country_name
from ..models import SCHEMA_VERSION, Corpus
from ..schema import schema_files
from ..serialize import citation_dict, reform_dict
from .common import VERDICT_CODE

API = "api/v1"


def dumps(data: Any) -> str:
    """Deterministic JSON text."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"


def gz(text: str) -> bytes:
    """Deterministic gzip (no timestamp): large files are published compressed, which keeps
    the site within its size budget at 193 jurisdictions; browsers decompress them with
    DecompressionStream, and any gzip tool opens them."""
    return gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0)


def _document(data: Any, **meta: Any) -> str:
    return dumps({"schema_version": SCHEMA_VERSION, **meta, "data": data})


def _csv(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["schema_version", *columns])
    for row in rows:
        writer.writerow([SCHEMA_VERSION, *("" if v is None else v for v in row)])
    return buffer.getvalue()


def _table(name: str, columns: Sequence[str], rows: list[Sequence[Any]],
           compress: bool = False) -> dict[str, str | bytes]:
    csv_text = _csv(columns, rows)
    json_text = dumps({"schema_version": SCHEMA_VERSION, "columns": list(columns),
                       "rows": [list(r) for r in rows]})
    if compress:
        return {f"{API}/{name}.csv.gz": gz(csv_text), f"{API}/{name}.json.gz": gz(json_text)}
    return {f"{API}/{name}.csv": csv_text, f"{API}/{name}.json": json_text}


def _deciding(verdict: Verdict) -> str:
    return " ".join(s.rule for s in verdict.deciding_steps) if verdict.verdict != "possible" else ""


EXTRADITION_COLUMNS = ("requesting", "requested", "offence", "person", "verdict", "confidence",
                       "basis", "deciding_rules")
MLA_COLUMNS = ("requesting", "requested", "measure", "verdict", "confidence", "basis",
               "deciding_rules")
GAP_COLUMNS = ("jurisdiction", "instrument", "element", "offence", "strength", "status",
               "deviation", "provision", "satisfied_by_alternative")
HEALTH_COLUMNS = ("jurisdiction", "known", "unknown", "low_confidence", "stale", "review_status",
                  "last_full_review")


def tables(analysis: Analysis) -> dict[str, str | bytes]:
    """Long-form tables of every result (the large ones gzip-compressed)."""
    files: dict[str, str | bytes] = {}
    files.update(_table("extradition", EXTRADITION_COLUMNS, [
        (v.requesting, v.requested, v.offence, v.person, v.verdict, v.confidence, v.basis,
         _deciding(v)) for v in analysis.extradition], compress=True))
    files.update(_table("mla", MLA_COLUMNS, [
        (v.requesting, v.requested, v.measure, v.verdict, v.confidence, v.basis, _deciding(v))
        for v in analysis.mla], compress=True))
    files.update(_table("gaps", GAP_COLUMNS, [
        (g.jurisdiction, g.instrument, g.element, g.offence, g.strength, g.status, g.deviation,
         g.provision, g.satisfied_by_alternative) for g in analysis.gaps], compress=True))
    files.update(_table("health", HEALTH_COLUMNS, [
        (h.jurisdiction, h.known, h.unknown, h.low_confidence, h.stale, h.review_status,
         h.last_full_review) for h in analysis.health]))
    files[f"{API}/reforms.json"] = _document([reform_dict(r) for r in analysis.reforms])
    return files


def corpus_files(corpus: Corpus) -> dict[str, str]:
    """The validated corpus as JSON, one file per jurisdiction plus indexes."""
    files = {
        f"{API}/corpus/jurisdictions/{j.code.lower()}.json": _document(j.model_dump(mode="json"))
        for j in corpus.jurisdictions
    }
    files[f"{API}/corpus/index.json"] = _document([
        {"code": j.code, "name": country_name(j.code), "review": j.review.status,
         "file": f"jurisdictions/{j.code.lower()}.json"} for j in corpus.jurisdictions])
    files[f"{API}/corpus/instruments.json"] = _document(
        [i.model_dump(mode="json") for i in corpus.instruments])
    files[f"{API}/corpus/offences.json"] = _document(
        [o.model_dump(mode="json") for o in corpus.offences])
    files[f"{API}/corpus/relations.json"] = _document(
        [r.model_dump(mode="json") for r in corpus.relations])
    for name, text in schema_files().items():
        files[f"{API}/schema/{name}"] = text
    return files


def matrices(corpus: Corpus, analysis: Analysis) -> dict[str, str]:
    """One compact matrix per offence × person and per measure: a string of verdict codes,
    row = requesting state, column = requested state ('-' on the diagonal)."""
    codes = [j.code for j in corpus.jurisdictions]
    position = {code: i for i, code in enumerate(codes)}
    size = len(codes)
    grids: dict[str, list[str]] = {}
    def grid_for(key: str) -> list[str]:
        # not dict.setdefault: its default (a list of size²) would be built for every verdict
        if key not in grids:
            grids[key] = ["-"] * (size * size)
        return grids[key]

    for verdict in analysis.extradition:
        grid = grid_for(f"extradition/{verdict.offence}-{verdict.person}")
        grid[position[verdict.requesting] * size + position[verdict.requested]] = (
            VERDICT_CODE[verdict.verdict])
    for verdict in analysis.mla:
        grid = grid_for(f"mla/{verdict.measure}")
        grid[position[verdict.requesting] * size + position[verdict.requested]] = (
            VERDICT_CODE[verdict.verdict])
    names = [country_name(code) for code in codes]
    return {
        f"{API}/matrix/{key}.json": dumps({"schema_version": SCHEMA_VERSION, "codes": codes,
                                           "names": names, "cells": "".join(grid)})
        for key, grid in sorted(grids.items())
    }


def explorer_shards(analysis: Analysis) -> dict[str, str | bytes]:
    """One file per directed pair with every verdict and its trace; steps and citations are
    stored once per file and referenced by index."""
    by_pair: dict[tuple[str, str], list[Verdict]] = {}
    for verdict in (*analysis.extradition, *analysis.mla):
        by_pair.setdefault((verdict.requesting, verdict.requested), []).append(verdict)
    files: dict[str, str | bytes] = {
        f"{API}/explorer/{a.lower()}/{b.lower()}.json.gz": gz(_shard(a, b, verdicts))
        for (a, b), verdicts in sorted(by_pair.items())
    }
    titles = {rule.id: rule.title for rule in (*EXTRADITION.rules, *MLA.rules)}
    files[f"{API}/explorer/rules.json"] = dumps({"schema_version": SCHEMA_VERSION,
                                                 "titles": titles})
    return files


def _shard(requesting: str, requested: str, verdicts: list[Verdict]) -> str:
    citations: dict[int, int] = {}
    steps: dict[int, int] = {}
    alternatives: dict[str, int] = {}
    step_rows: list[list[Any]] = []
    citation_rows: list[dict[str, Any]] = []
    extradition: dict[str, dict[str, Any]] = {}
    mla: dict[str, Any] = {}
    for verdict in verdicts:
        indexes = []
        for step in verdict.steps:
            # Steps are shared objects (the engine caches them), so identity is a cheap key;
            # hashing a frozen step would re-hash all its nested citations every time.
            if id(step) not in steps:
                refs = []
                for citation in step.citations:
                    if id(citation) not in citations:  # shared objects, like steps
                        citations[id(citation)] = len(citation_rows)
                        citation_rows.append(citation_dict(citation))
                    refs.append(citations[id(citation)])
                steps[id(step)] = len(step_rows)
                step_rows.append([step.rule, step.outcome, step.reason, step.provision, refs,
                                  step.confidence, step.assurance, step.unblock])
            indexes.append(steps[id(step)])
        entry = {"verdict": verdict.verdict, "confidence": verdict.confidence,
                 "basis": verdict.basis, "steps": indexes,
                 "alternatives": [alternatives.setdefault(text, len(alternatives))
                                  for text in verdict.alternatives]}
        if verdict.kind == "extradition":
            extradition.setdefault(verdict.offence or "", {})[verdict.person or ""] = entry
        else:
            mla[verdict.measure or ""] = entry
    return dumps({
        "schema_version": SCHEMA_VERSION, "requesting": requesting, "requested": requested,
        "names": {requesting: country_name(requesting), requested: country_name(requested)},
        "step_columns": ["rule", "outcome", "reason", "provision", "citations", "confidence",
                         "assurance", "unblock"],
        "steps": step_rows, "citations": citation_rows, "alternatives": list(alternatives),
        "extradition": extradition, "mla": mla,
    })


def datapackage(files: dict[str, str | bytes]) -> str:
    """A Frictionless data package describing every CSV table."""
    resources = []
    for path in sorted(files):
        if not path.endswith((".csv", ".csv.gz")):
            continue
        content = files[path]
        text = gzip.decompress(content).decode() if isinstance(content, bytes) else content
        header = next(csv.reader(io.StringIO(text)))
        resource = {
            "name": path.rsplit("/", 1)[-1].removesuffix(".gz").removesuffix(".csv"),
            "path": path.removeprefix(f"{API}/"),
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "schema": {"fields": [{"name": column, "type": _field_type(column)}
                                  for column in header]},
        }
        if path.endswith(".gz"):
            resource["compression"] = "gz"
        resources.append(resource)
    return dumps({
        "name": "comity", "title": "Comity: international criminal-cooperation law",
        "version": SCHEMA_VERSION, "schema_version": SCHEMA_VERSION,
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                      "title": "Creative Commons Attribution 4.0"}],
        "resources": resources,
    })


def _field_type(column: str) -> str:
    return "integer" if column in ("known", "unknown", "low_confidence", "stale") else "string"


def open_data(corpus: Corpus, analysis: Analysis) -> dict[str, str | bytes]:
    """Every open-data file."""
    files: dict[str, str | bytes] = {}
    files.update(corpus_files(corpus))
    files.update(tables(analysis))
    files.update(matrices(corpus, analysis))
    files.update(explorer_shards(analysis))
    files[f"{API}/datapackage.json"] = datapackage(files)
    return files
