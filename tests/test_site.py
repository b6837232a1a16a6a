"""The generated site: strict build, golden pages, escaping of hostile corpora, determinism,
atomic publication, open data."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generator.analysis.context import Context
from generator.analysis.mla import evaluate_mla
from generator.analysis.world import analyse
from generator.app.cli import main
from generator.core.models import SCHEMA_VERSION
from generator.render.site import render_site
from generator.validate.pipeline import load_valid_corpus

from .conftest import (
    SHIPPED,
    TODAY,
    build_project,
    make_corpus,
    make_project,
    shipped_context,
    tree_hash,
)
from .factory import DAY, corpus, fact, jurisdiction, offence, relation

GOLDEN = Path(__file__).parent / "golden"


# --------------------------------------------------------------------------------------------
# Golden pages (synthetic fixture corpus)
# --------------------------------------------------------------------------------------------


def fixture_corpus():
    participation = offence(
        parameters={"min_persons": fact(4)}, elements={"UNTOC-5-1-a-ii": fact("full")}
    )
    us = jurisdiction(
        "US",
        offences={
            "fraud": offence(death="yes"),
            "participation_ocg": offence(elements={"UNTOC-5-1-a-i": fact("full")}),
        },
        death_penalty_status="retentionist",
    )
    it = jurisdiction(
        "IT",
        extradition={"nationals": "treaty_only", "death_penalty_policy": "absolute_bar"},
        offences={"fraud": offence(), "participation_ocg": participation},
    )
    treaty = relation("us_it", ["US", "IT"], clauses={"nationals": "obligatory"})
    return corpus(us, it, relations=(treaty,))


@pytest.mark.parametrize(
    "page",
    [
        "generated/jurisdictions/it.md",
        "generated/offences/participation_ocg.md",
        "generated/fragments/offence-participation-ocg-gaps.html",
        "generated/reforms.md",
        "generated/research.md",
        "generated/cooperation/extradition-fraud.md",
    ],
)
def test_golden_pages(page: str) -> None:
    small = fixture_corpus()
    files = render_site(small, analyse(small, DAY))
    golden = GOLDEN / (page.replace("/", "__"))
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(files[page], encoding="utf-8")
    assert files[page] == golden.read_text(encoding="utf-8")


def test_every_generated_table_row_has_the_header_width() -> None:
    small = fixture_corpus()
    for path, text in render_site(small, analyse(small, DAY)).items():
        if not path.endswith(".md"):
            continue
        width = None
        for line in text.splitlines():
            if line.startswith("|"):
                cells = line.count("|")
                width = width or cells
                assert cells == width, (path, line)
            else:
                width = None


# --------------------------------------------------------------------------------------------
# Hostile corpus: every free-text field carries payloads
# --------------------------------------------------------------------------------------------

PAYLOAD = (
    "<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) "
    "{ onclick=alert(4) } <svg onload=alert(5)> | ** _ `x` # &amp; </td></table>"
)


def hostile_files() -> dict[str, str]:
    text = json.dumps(PAYLOAD)
    return {
        "jurisdictions/br.yaml": f"""
code: BR
review: {{status: draft, reviewers: [{text}]}}
sources:
  s: {{title: {text}, kind: unofficial_copy, url: "https://example.org/a_(b)?q=*w*&r=_x_", official_url: "https://example.org/official", citation: {text}, accessed: 2026-01-01}}
instruments:
  UNTOC: {{status: {{value: party, source: s, note: {text}, pinpoint: {text}, verified: 2026-01-01}},
          reservations: [{text}], declarations: [{text}]}}
offences:
  fraud:
    criminalised: {{value: partial, source: s, pinpoint: {text}, note: {text}, verified: 2026-01-01}}
    provision: {{value: {text}, source: s, verified: 2026-01-01}}
    max_penalty_years: 5
  participation_ocg:
    criminalised: {{value: yes, source: s, verified: 2026-01-01}}
    elements: {{UNTOC-5-1-b: {{value: narrower, note: {text}}}}}
elements:
  UNTOC-10-1: {{value: other, source: s, note: {text}, verified: 2026-01-01}}
extradition:
  nationals: {{value: absolute, source: s, pinpoint: {text}, note: {text}, verified: 2026-01-01}}
  legal_basis: {{value: treaty_or_reciprocity, source: s, pinpoint: {text}, verified: 2026-01-01}}
mla:
  central_authority: {{value: {text}, source: s, verified: 2026-01-01}}
  channels: [{text}]
  languages: [{text}]
  refusal_grounds: [{text}]
"""
    }


class _Scanner(HTMLParser):
    """Flags active content inside the article of a page."""

    DANGEROUS = {
        "script",
        "iframe",
        "object",
        "embed",
        "style",
        "form",
        "meta",
        "base",
        "link",
        "frame",
        "svg",
        "math",
        "img",
    }

    # The one SVG a page may hold: a world map the generator draws (render/maps.py), directly
    # inside <div class="cy-map">, made only of these shapes.
    MAP_TAGS = {"defs", "pattern", "rect", "circle", "path", "g", "title", "text", "use"}

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.findings: list[str] = []
        self.previous: tuple[str, dict[str, str | None]] = ("", {})
        self.in_map = False

    def handle_starttag(self, tag, attrs):  # noqa: ANN001
        if tag == "article":
            self.depth += 1
        previous, self.previous = self.previous, (tag, dict(attrs))
        if not self.depth:
            return
        is_map = tag == "svg" and previous[0] == "div" and previous[1].get("class") == "cy-map"
        if is_map:
            self.in_map = True
        elif self.in_map and tag not in self.MAP_TAGS:
            self.findings.append(f"<{tag}> in a map")
        elif tag in self.DANGEROUS and tag != "form":
            self.findings.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or (
                name == "style" and value not in ("text-align: left;", "text-align: right;")
            ):
                self.findings.append(f"{tag}[{name}]")
            if (
                name in ("href", "src", "action", "formaction")
                and value
                and re.match(r"\s*(javascript|data|vbscript):", value, re.I)
            ):
                self.findings.append(f"{tag}[{name}={value}]")

    def handle_endtag(self, tag):  # noqa: ANN001
        if tag == "article":
            self.depth -= 1
        if tag == "svg":
            self.in_map = False


def scan(site: Path) -> list[str]:
    findings = []
    for page in sorted(site.rglob("*.html")):
        scanner = _Scanner()
        html = page.read_text(encoding="utf-8")
        scanner.feed(html)
        findings += [f"{page.relative_to(site)}: {f}" for f in scanner.findings]
        head = html.split("<body", 1)[0]
        if "alert(" in head:
            findings.append(f"{page.relative_to(site)}: payload in <head>")
        if re.search(r"<script>(?!\s*$)", html):
            findings.append(f"{page.relative_to(site)}: inline script")
    return findings


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("hostile")
    root = make_corpus(base, hostile_files())
    (root / "jurisdictions" / "br.yaml").write_text(
        "# yaml-language-server: $schema=../schema/jurisdiction.schema.json\n"
        + (root / "jurisdictions" / "br.yaml").read_text()
    )
    project = make_project(base, root)
    assert build_project(project) == 0
    return project / "site"


@pytest.mark.build
def test_hostile_text_is_inert_in_every_page(hostile_site: Path) -> None:
    assert scan(hostile_site) == []
    profile = (hostile_site / "generated" / "jurisdictions" / "br" / "index.html").read_text()
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt;"
        in profile.replace("&#60;", "&lt;").replace("&#62;", "&gt;")
        or "&#60;script&#62;" in profile
    )
    title = re.search(r"<title>(.*?)</title>", profile).group(1)
    assert title.startswith("Brazil")


@pytest.mark.build
def test_csp_forbids_inline_scripts(hostile_site: Path) -> None:
    page = (hostile_site / "index.html").read_text()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    assert page.index("Content-Security-Policy") < page.index("<script")
    assert "fonts.googleapis" not in page and "fonts.gstatic" not in page


# --------------------------------------------------------------------------------------------
# Shipped corpus: strict build, open data, budgets
# --------------------------------------------------------------------------------------------


@pytest.mark.build
def test_shipped_site_is_complete(shipped_site: Path) -> None:
    for page in [
        "index.html",
        "generated/explorer/index.html",
        "generated/jurisdictions/de/index.html",
        "generated/offences/fraud/index.html",
        "generated/baselines/untoc/index.html",
        "generated/reforms/index.html",
        "generated/methodology/index.html",
        "generated/data/index.html",
        "contributing/index.html",
        "api/v1/datapackage.json",
        "api/v1/explorer/from/us.json.gz",
        "api/v1/explorer/kinds.json.gz",
        "api/v1/explorer/facts/br.json.gz",
        "api/v1/matrix/extradition/fraud-national.json",
        "api/v1/corpus/jurisdictions/de.json",
        "api/v1/schema/jurisdiction.schema.json",
    ]:
        assert (shipped_site / page).is_file(), page
    assert scan(shipped_site) == []
    largest = max(p.stat().st_size for p in shipped_site.rglob("*.html"))
    assert largest < 1_000_000


def test_a_researched_page_carries_its_requests_table_put_in_place_after_conversion(
    shipped_site: Path,
) -> None:
    """The requests table is written as a fragment beside the page and put in place by the
    `comity-fragments` MkDocs plugin: the built page has the table where the placeholder was,
    every requesting state named once, and the fragments are not published on their own."""
    page = (shipped_site / "generated/jurisdictions/de/index.html").read_text(encoding="utf-8")
    assert 'class="cy-fragment"' not in page
    details = page[page.index('<details class="cy-print-open">') :]
    table = details[: details.index("</details>")]
    assert '<table class="cy-matrix">' in table
    headers = re.findall(r'<th scope="row">([^<]*)</th>', table)
    named = [n for h in headers for n in re.sub(r" \(\d+ states\)$", "", h).split("; ")]
    assert len(named) == 192 and "Germany" not in named  # every state but the requested one
    assert not (shipped_site / "generated/fragments").exists()


def test_a_missing_fragment_stops_the_build_with_the_page_named(tmp_path: Path) -> None:
    from mkdocs.exceptions import PluginError

    from generator.render.fragments import fragment_path, insert_fragments, placeholder

    (tmp_path / fragment_path("requests-de")).parent.mkdir(parents=True)
    (tmp_path / fragment_path("requests-de")).write_text("<table></table>", encoding="utf-8")
    page = f"<p>before</p>{placeholder('requests-de')}<p>after</p>"
    assert insert_fragments(page, str(tmp_path), "de.md") == (
        "<p>before</p><table></table><p>after</p>"
    )
    with pytest.raises(PluginError, match="de.md: fragment 'requests-fr' is missing"):
        insert_fragments(placeholder("requests-fr"), str(tmp_path), "de.md")
    with pytest.raises(ValueError):
        placeholder('x" onload="alert(1)')


@pytest.mark.build
def test_no_character_reference_shows_through_in_the_built_site(shipped_site: Path) -> None:
    """Escaping happens once: a reader never sees `&#95;` (an escape inside a code span, where
    Markdown shows character references literally) in a page or in the search index."""
    visible = re.compile(r"&amp;#\d+;|&amp;#x[0-9a-f]+;", re.IGNORECASE)
    found = [
        str(path.relative_to(shipped_site))
        for path in sorted(shipped_site.rglob("*.html"))
        if visible.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []
    index = (shipped_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert not re.search(r"&amp;#\d+;|&#\d+;", index)


class _Links(HTMLParser):
    """Every address a page links to or loads (href, src)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):  # noqa: ANN001
        self.found += [value for name, value in attrs if name in ("href", "src") and value]


def broken_links(site: Path) -> dict[str, list[str]]:
    """Internal links of the built site whose target file does not exist, with the pages that
    hold them (external addresses, fragments and mail links are not followed)."""
    broken: dict[str, list[str]] = {}
    for page in sorted(site.rglob("*.html")):
        links = _Links()
        links.feed(page.read_text(encoding="utf-8"))
        for link in links.found:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            path = unquote(parts.path)
            target = site / path.lstrip("/") if path.startswith("/") else page.parent / path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.setdefault(link, []).append(str(page.relative_to(site)))
    return broken


@pytest.mark.build
def test_no_internal_link_is_broken(shipped_site: Path) -> None:
    """A crawler over every page of the shipped site: each internal link and asset resolves
    to a file (the heatmaps' open-data fallback once pointed one level too shallow)."""
    assert broken_links(shipped_site) == {}


@pytest.mark.build
def test_open_data_carries_schema_version_and_matches_the_verdicts(shipped_site: Path) -> None:
    api = shipped_site / "api" / "v1"
    for path in api.rglob("*.json"):
        data = json.loads(path.read_text())
        if "schema" in path.parts:
            continue
        assert data.get("schema_version") == SCHEMA_VERSION, path
    for path in api.glob("*.csv.gz"):
        assert gzip.decompress(path.read_bytes()).decode().startswith("schema_version,"), path
    package = json.loads((api / "datapackage.json").read_text())
    assert {r["path"] for r in package["resources"]} >= {
        "extradition.csv.gz",
        "gaps.csv.gz",
        "mla.csv.gz",
        "health.csv",
    }
    # Japan → Italy, murder: blocked by Italy's bar on surrender where death may be imposed
    # (every homicide in Japan may be punished by death).
    shard = json.loads(gzip.decompress((api / "explorer" / "from" / "jp.json.gz").read_bytes()))
    kinds = json.loads(gzip.decompress((api / "explorer" / "kinds.json.gz").read_bytes()))
    assert shard["schema_version"] == kinds["schema_version"] == SCHEMA_VERSION
    grid = shard["extradition"]
    cell = (
        shard["codes"].index("IT") * len(grid["columns"]) + grid["columns"].index("murder")
    ) * len(grid["persons"]) + grid["persons"].index("other")
    assert shard["outcomes"][grid["verdicts"][cell]] == "blocked"
    steps = grid["steps"][cell * len(grid["rules"]) : (cell + 1) * len(grid["rules"])]
    death = [
        kinds["kinds"]["extradition"][k]
        for k in steps
        if k and kinds["kinds"]["extradition"][k][0] == "death_penalty"
    ]
    assert death and death[0][1] == "blocked" and "{a}" in death[0][2]


@pytest.mark.build
def test_open_data_has_plain_tables_with_names_and_a_facts_table(shipped_site: Path) -> None:
    """Beside the compressed world tables: the researched pairs as plain CSV, names beside
    codes, and one row per fact with its source and the kind of source."""
    import csv as csvlib

    api = shipped_site / "api" / "v1"
    corpus = shipped_context().corpus
    researched = [j.code for j in corpus.jurisdictions if j.tier == "full"]
    with (api / "extradition-researched.csv").open(encoding="utf-8") as handle:
        rows = list(csvlib.DictReader(handle))
    assert len(rows) == len(researched) * (len(researched) - 1) * len(corpus.offences) * 2
    jp_it = next(
        r
        for r in rows
        if r["requesting"] == "JP"
        and r["requested"] == "IT"
        and r["offence"] == "murder"
        and r["person"] == "other"
    )
    assert (jp_it["verdict"], jp_it["requested_name"]) == ("blocked", "Italy")
    with (api / "facts.csv").open(encoding="utf-8") as handle:
        facts = list(csvlib.DictReader(handle))
    assert {r["jurisdiction"] for r in facts} == {j.code for j in corpus.jurisdictions}
    sourced = [r for r in facts if r["source"]]
    assert sourced and all(
        r["source_kind"] in ("official", "secondary", "unofficial_copy") for r in sourced
    )


def test_methodology_is_generated_from_the_rule_registry() -> None:
    from generator.analysis.extradition import EXTRADITION
    from generator.analysis.mla import MLA
    from generator.render.pages import methodology_page

    text = methodology_page()
    for rule in [*EXTRADITION.rules, *MLA.rules]:
        assert f"Rule id `{rule.id}`" in text


# --------------------------------------------------------------------------------------------
# Determinism and atomicity
# --------------------------------------------------------------------------------------------


def _generate(project: Path, seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed, "COMITY_TODAY": TODAY.isoformat()}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "generate",
            "--corpus",
            str(project / "corpus"),
            "--project",
            str(project),
        ],
        env=env,
        check=True,
        capture_output=True,
    )


def test_same_corpus_gives_byte_identical_output(tmp_path: Path, shipped_site: Path) -> None:
    """Generating the shipped corpus again, in another folder and another process with another
    hash seed, over a copy of the shared build's output (modification times kept), writes the
    same bytes: the writer rewrites a file only when its bytes change, so nothing is touched
    and every file is as the shared build wrote it."""
    built = shipped_site.parent
    again = tmp_path / "project"
    shutil.copytree(built, again, ignore=shutil.ignore_patterns("site", ".site*"))
    before = {p.relative_to(again): p.stat().st_mtime_ns for p in (again / "docs").rglob("*")}
    _generate(again, "1" if os.environ.get("PYTHONHASHSEED") != "1" else "2")
    after = {p.relative_to(again): p.stat().st_mtime_ns for p in (again / "docs").rglob("*")}
    assert tree_hash(again / "docs") == tree_hash(built / "docs")
    assert before == after, "a second run rewrites nothing"


@pytest.mark.build
def test_a_failed_build_leaves_the_previous_site(tmp_path: Path) -> None:
    """A build that fails in mkdocs, or in loading the corpus, leaves the previous site as it
    was (two researched profiles suffice: the swap does not depend on the corpus's size)."""
    files = {
        f"jurisdictions/{code}.yaml": (SHIPPED / "jurisdictions" / f"{code}.yaml").read_text(
            "utf-8"
        )
        for code in ("br", "de")
    }
    project = make_project(tmp_path, make_corpus(tmp_path / "src", files))
    args = [
        "build",
        "--corpus",
        str(project / "corpus"),
        "--project",
        str(project),
        "--site-dir",
        str(project / "site"),
    ]
    assert main(args) == 0
    before = tree_hash(project / "site")
    contributing = project / "docs" / "contributing.md"
    contributing.write_text(contributing.read_text() + "\n[broken](missing-page.md)\n")
    assert main(args) == 1
    assert tree_hash(project / "site") == before
    assert not list(project.glob(".site.tmp-*"))
    (project / "corpus" / "jurisdictions" / "de.yaml").write_text("code: [\n")
    assert main(args) == 1
    assert tree_hash(project / "site") == before


MLA_WORLD = {
    "jurisdictions/us.yaml": """code: US
review: {status: draft}
sources:
  t: {title: Synthetic test statute, citation: TEST, kind: official, accessed: 2026-11-28}
evidence:
  foreign_evidence: {value: lawful_where_obtained, source: t, pinpoint: s. 1, verified: 2026-11-28}
""",
    "jurisdictions/gb.yaml": """code: GB
review: {status: draft}
sources:
  t: {title: Synthetic test statute, citation: TEST, kind: official, accessed: 2026-11-28}
mla:
  dual_criminality_coercive: {value: required, source: t, pinpoint: s. 2, verified: 2026-11-28}
""",
    "relations/us_gb_mla.yaml": """id: us_gb_mla
kind: bilateral_treaty
title: Synthetic MLA and extradition treaty
covers: [extradition, mla]
review: {status: draft}
sources:
  t: {title: Synthetic treaty text, citation: TEST, kind: official, accessed: 2026-11-28}
source: t
verified: 2026-11-28
confidence: high
parties: [{code: US}, {code: GB}]
clauses:
  mla_dual_criminality_coercive: {value: not_required, source: t, pinpoint: Art. 1(3), verified: 2026-11-28}
  mla_measures: [bank_records]
""",
}


@pytest.mark.build
def test_a_relation_covering_extradition_and_mla_builds_and_is_the_assistance_basis(
    tmp_path: Path,
) -> None:
    """A relation that `covers: [extradition, mla]` once crashed the grid (a relation is not
    hashable); it builds, and its clauses decide the assistance verdicts it governs."""
    project = make_project(tmp_path, make_corpus(tmp_path / "src", MLA_WORLD))
    site = project / "site"
    assert build_project(project) == 0
    ctx = Context(load_valid_corpus(project / "corpus", DAY))
    verdict = evaluate_mla(ctx, "US", "GB", "bank_records")
    steps = {s.rule: s for s in verdict.steps}
    assert steps["mla_basis"].outcome == "possible"
    assert "Synthetic MLA and extradition treaty" in steps["mla_basis"].reason
    assert steps["measure_available"].outcome == "possible"  # the treaty provides for it
    assert steps["mla_dual_criminality"].outcome == "possible"  # the clause overrides GB's law
    table = gzip.decompress((site / "api/v1/mla.csv.gz").read_bytes()).decode()
    assert "Synthetic MLA and extradition treaty" in table


@pytest.mark.build
def test_the_published_address_gives_a_sitemap_and_canonical_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The publishing workflow sets the site's address and the repository (mkdocs.yml reads
    them from the environment): the sitemap lists full URLs, pages carry canonical links, the
    404 page loads its assets from the project path, and the header links to the repository."""
    monkeypatch.setenv("COMITY_SITE_URL", "https://example.org/comity/")
    monkeypatch.setenv("COMITY_REPO_URL", "https://example.org/code/comity")
    files = {
        f"jurisdictions/{code}.yaml": (SHIPPED / "jurisdictions" / f"{code}.yaml").read_text(
            "utf-8"
        )
        for code in ("br", "de")
    }
    project = make_project(tmp_path, make_corpus(tmp_path, files))
    site = project / "site"
    assert build_project(project) == 0
    assert "<loc>https://example.org/comity/generated/explorer/</loc>" in (
        site / "sitemap.xml"
    ).read_text(encoding="utf-8")
    index = (site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/comity/">' in index
    assert 'href="https://example.org/code/comity"' in index
    profile = (site / "generated" / "jurisdictions" / "br" / "index.html").read_text("utf-8")
    edit = "https://example.org/code/comity/edit/main/corpus/jurisdictions/br.yaml"
    assert f'class="cy-edit" href="{edit}"' in profile
    missing = (site / "404.html").read_text(encoding="utf-8")
    assert 'href="/comity/assets/comity.css"' in missing or "/comity/assets/" in missing


def test_the_changelog_page_and_feed_escape_commit_subjects() -> None:
    """Commit subjects and file names are contributors' text: inert in the page, escaped in
    the Atom feed (which parses as XML); a corpus outside git gives a page that says so."""
    from xml.dom import minidom

    from generator.io.git import Entry
    from generator.render.pages import changelog_feed, changelog_page

    hostile = Entry(
        "abc1234",
        "2026-12-01",
        "<script>alert(1)</script> & [x](javascript:y)",
        ("corpus/jurisdictions/de.yaml",),
    )
    text = changelog_page((hostile,))
    assert "<script>" not in text and "](javascript:" not in text
    assert "Germany &#40;DE&#41;" in text and "## 2026" in text
    feed = changelog_feed((hostile,))
    parsed = minidom.parseString(feed)
    title = parsed.getElementsByTagName("entry")[0].getElementsByTagName("title")[0]
    assert title.firstChild.data == hostile.subject
    assert "No history is available" in changelog_page(())
    minidom.parseString(changelog_feed(()))
