"""What only a browser shows: search, the explorer, no script errors, accessibility.

Runs Debian's chromium through Playwright (executable_path), against the built shipped site
served on 127.0.0.1 by a server this module starts and stops. In CI a missing browser fails.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import shipped_context

pytestmark = [pytest.mark.browser, pytest.mark.build]

ARGS = [
    # Nothing leaves the machine: every host name but the test server's fails to resolve. (A
    # Playwright route would do it per request, at a round trip to Python each, and routing
    # turns the browser's cache off, so every page would load every asset again.)
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("Debian's chromium is not installed (make browser installs it)")
    pytest.skip("chromium not installed; run `make browser`")


SEARCH_INDEX = "/search/search_index.json"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves the site; `search_index`, when set, is served in place of the site's own."""

    search_index: bytes | None = None

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.search_index is None or self.path.split("?")[0] != SEARCH_INDEX:
            return super().do_GET()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.search_index)))
        self.end_headers()
        self.wfile.write(self.search_index)
        return None


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """A page the browser leaves mid-download resets its connection: not a failure."""


def _served(site: Path, search_index: bytes | None) -> Iterator[str]:
    handler = type("_Handler", (_Quiet,), {"search_index": search_index})
    server = _QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def base_url(shipped_site: Path) -> Iterator[str]:
    """The built shipped site, with an empty search index: every page of the site starts its
    search at load, and indexing the world-scale index costs the browser seconds of processor
    time a page. Only the search tests need it; they read the site as built (`search_url`)."""
    index = json.loads((shipped_site / SEARCH_INDEX[1:]).read_text(encoding="utf-8"))
    empty = json.dumps({"config": index["config"], "docs": []}).encode()
    yield from _served(shipped_site, empty)


@pytest.fixture(scope="module")
def search_url(shipped_site: Path) -> Iterator[str]:
    """The built shipped site as it is, search index included."""
    yield from _served(shipped_site, None)


@pytest.fixture(scope="module")
def browser(base_url: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    executable = _chromium()
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=ARGS)
        yield instance
        instance.close()


def _watch(tab, base_url: str) -> object:  # noqa: ANN001
    """`tab` with its script errors, dialogs and requests beyond the test server recorded in
    `tab.errors` (a request beyond the server is an error: the site is self-contained; the
    browser cannot reach another host, see `ARGS`) and `tab.dialogs`."""
    tab.errors, tab.dialogs = [], []
    tab.on(
        "request",
        lambda request: (
            None
            if request.url.startswith((base_url, "data:", "blob:"))
            else tab.errors.append(f"request beyond the site: {request.url}")
        ),
    )
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.on("console", lambda msg: tab.errors.append(msg.text) if msg.type == "error" else None)
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), _dismiss(dialog)))
    return tab


@pytest.fixture
def page(browser, base_url: str) -> Iterator[object]:  # noqa: ANN001
    context = browser.new_context()
    yield _watch(context.new_page(), base_url)
    context.close()


@pytest.fixture(scope="module")
def axe_tab(browser, base_url: str) -> Iterator[object]:  # noqa: ANN001
    """One tab for the accessibility tests, each of which opens its own page in it. axe is
    injected as an inline script, which the site's CSP rightly refuses: only this tab bypasses
    it. The other tests run under the real policy."""
    context = browser.new_context(bypass_csp=True)
    yield _watch(context.new_page(), base_url)
    context.close()


@pytest.fixture(scope="module")
def heatmap(browser, base_url: str) -> Iterator[object]:  # noqa: ANN001
    """The fraud extradition heatmap, loaded once for the tests that only read it or move the
    focus in it: laying out a grid of every state takes seconds."""
    context = browser.new_context()
    tab = _watch(context.new_page(), base_url)
    tab.goto(base_url + "generated/cooperation/extradition-fraud/")
    tab.wait_for_selector(".cy-heatmap table td a")
    yield tab
    context.close()


def _dismiss(dialog) -> None:  # noqa: ANN001
    try:
        dialog.dismiss()
    except Exception:  # noqa: BLE001 - dialogs race with navigation
        pass


@pytest.fixture(scope="module")
def search_tab(browser, search_url: str) -> Iterator[object]:  # noqa: ANN001
    """The home page with its search open, shared by the search tests: the search index (a few
    megabytes at world scale) is loaded and indexed once."""
    context = browser.new_context()
    tab = _watch(context.new_page(), search_url)
    tab.goto(search_url)
    tab.keyboard.press("/")
    yield tab
    context.close()


# The result list's markup: every query's results differ from the last (each link highlights
# its query), so a changed list is the new query's.
RESULTS = "() => document.querySelector('.md-search-result__list')?.innerHTML ?? ''"


def search(tab, query: str) -> list[str]:  # noqa: ANN001
    """The addresses of the results for `query`. It is entered whole (one query, no results
    for a part of it), and the results are read once the list has changed."""
    before = tab.evaluate(RESULTS)
    box = tab.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # the search runs on a key, not on the filled value
    tab.wait_for_function(
        f"before => ({RESULTS})() !== before && ({RESULTS})().includes('href')", arg=before
    )
    return [a.get_attribute("href") for a in tab.locator(".md-search-result__item a[href]").all()]


def test_a_request_beyond_the_site_never_leaves_and_is_an_error(browser, base_url: str) -> None:  # noqa: ANN001
    """Every test's page records a request to another host as an error, and the request does
    not succeed (the browser resolves no other host name, see `ARGS`). The site's own policy
    refuses such a request first, so this page is opened with the policy bypassed."""
    context = browser.new_context(bypass_csp=True)
    try:
        page = _watch(context.new_page(), base_url)
        page.goto(base_url + "404.html")
        outcome = page.evaluate(
            "fetch('https://example.org/x').then(() => 'reached', (error) => 'refused: ' + error)"
        )
        assert outcome.startswith("refused: ")
        assert "request beyond the site: https://example.org/x" in page.errors
    finally:
        context.close()


def test_search_finds_a_jurisdiction_by_name(search_tab) -> None:  # noqa: ANN001
    hrefs = search(search_tab, "Germany")
    assert any("generated/jurisdictions/de/" in h for h in hrefs), hrefs
    assert search_tab.errors == []


@pytest.mark.parametrize(
    ("query", "profile"), [("416-bis", "it"), ("§ 261", "de"), ("Grondwet", "nl")]
)
def test_search_finds_a_provision(search_tab, query: str, profile: str) -> None:  # noqa: ANN001
    hrefs = search(search_tab, query)
    assert f"generated/jurisdictions/{profile}/" in hrefs[0], hrefs
    assert search_tab.errors == []


def test_explorer_shows_the_verdict_from_the_url_and_after_a_change(page, base_url):  # noqa: ANN001
    page.goto(base_url + "generated/explorer/#from=jp&to=it&offence=murder&person=other")
    page.wait_for_selector(".cy-trace li")
    verdict = page.locator(".cy-verdict").inner_text()
    assert "Blocked" in verdict
    trace = page.locator(".cy-trace").inner_text()
    assert "Death penalty" in trace and "223/1996" in trace
    page.select_option("#cy-from", "cn")
    page.select_option("#cy-to", "us")
    page.select_option("#cy-offence", "fraud")
    page.locator("#verdict", has_text="China asks United States").wait_for()
    assert "Blocked" in page.locator(".cy-verdict").inner_text()
    assert "3181" in page.locator(".cy-trace").inner_text()
    assert "to=us" in page.evaluate("location.hash")
    assert page.errors == [] and page.dialogs == []


@pytest.mark.parametrize(
    ("address", "select", "shown", "answer"),
    [
        (
            "explorer/#from=jp&to=it&offence=murder&person=other",
            "#cy-from",
            "#verdict",
            "Germany asks Italy",
        ),
        ("briefing/#a=jp&b=fr", "#cy-brief-a", "#cy-briefing", "Germany asks France"),
    ],
)
def test_an_earlier_answer_arriving_late_does_not_replace_the_latest(
    page,  # noqa: ANN001
    base_url: str,
    address: str,
    select: str,
    shown: str,
    answer: str,
) -> None:
    """The explorer and the pair briefing answer the question the form shows: when the reader
    changes the requesting state twice and the first state's verdicts arrive after the
    second's, the first answer is dropped, not shown under the second question."""
    page.goto(base_url + "generated/" + address)
    page.wait_for_selector(f"{shown} + p, {shown} table")
    held = []
    page.route("**/explorer/from/cn.json.gz", lambda route: held.append(route))  # held back
    page.select_option(select, "cn")
    page.select_option(select, "de")
    page.locator(shown, has_text=answer).wait_for()
    assert len(held) == 1
    with page.expect_response("**/explorer/from/cn.json.gz"):
        held[0].continue_()
    page.wait_for_timeout(500)  # China's answer, decoded, would be shown by now
    assert answer in page.locator(shown).inner_text()
    assert "China" not in page.locator(shown).inner_text()
    assert page.errors == [] and page.dialogs == []


def test_heatmap_cells_link_to_their_explanation(heatmap) -> None:  # noqa: ANN001
    page = heatmap
    link = page.locator(".cy-heatmap table td a").first
    assert link.get_attribute("aria-label").split(":")[0] in (
        "Possible",
        "Conditional",
        "No known bar",
        "Blocked",
        "Unknown",
    )
    assert "generated/explorer/#from=" in link.get_attribute("href")
    assert page.errors == []


def test_heatmap_cells_are_targets_of_at_least_24_pixels(heatmap) -> None:  # noqa: ANN001
    sizes = heatmap.eval_on_selector_all(
        ".cy-heatmap table td a", "links => links.map(a => [a.offsetWidth, a.offsetHeight])"
    )
    assert sizes and min(w for w, _ in sizes) >= 24 and min(h for _, h in sizes) >= 24


def test_a_heatmap_cell_says_why_without_hover_and_can_be_skipped(heatmap) -> None:  # noqa: ANN001
    """Keyboard users read a cell's verdict and deciding rules in the details line when the
    cell has focus, and a link before each grid skips past its cells. Column headers carry
    names, not codes."""
    page = heatmap
    box = page.locator(".cy-heatmap").first
    assert box.locator("thead th.cy-col").first.inner_text() == "Andorra"
    blocked = box.locator("td.cy-cell-B a").first
    blocked.focus()
    detail = box.locator(".cy-detail").inner_text()
    assert detail.startswith("Blocked: ") and "decided by: " in detail
    skip = box.locator("a.cy-skip")
    target = skip.get_attribute("href")
    assert page.locator(target).count() == 1
    skip.click()
    assert page.evaluate("document.activeElement.id") == target[1:]
    assert page.errors == []


def test_a_heatmap_on_a_phone_lists_one_requesting_state(browser, base_url: str) -> None:  # noqa: ANN001
    """At 390 px the page does not overflow sideways, and choosing a requesting state shows
    its verdicts as a list, one requested state per line, with the reason."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = _watch(context.new_page(), base_url)
    try:
        page.goto(base_url + "generated/cooperation/extradition-fraud/")
        page.wait_for_selector(".cy-heatmap table td a")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        box = page.locator(".cy-heatmap").first
        box.locator("select").select_option(label="Germany")
        items = box.locator("ul.cy-rowlist li")
        assert items.count() == box.locator("select option").count() - 2  # not itself
        assert "France" in box.locator("ul.cy-rowlist").inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert page.errors == []
    finally:
        context.close()


def test_printing_a_heatmap_draws_every_matrix_and_releases_its_scroll_boxes(page, base_url):  # noqa: ANN001
    """On paper every requesting and requested state of every matrix is printed: a matrix not
    yet drawn (one waits until it comes near the screen) is drawn before printing, and the
    scroll box that holds it on screen is released, so nothing is clipped. Browsers send
    `beforeprint` before printing (Chromium's PDF printer too: the briefing test prints one);
    printing these grids themselves takes Chromium tens of seconds."""
    page.goto(base_url + "generated/cooperation/extradition-fraud/")
    page.wait_for_selector(".cy-heatmap table td a")
    boxes = page.locator(".cy-heatmap")
    assert boxes.count() == 2
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    for index in range(boxes.count()):
        box = boxes.nth(index)
        for scroller in (box, box.locator(".cy-heatmap-view")):
            clipped = scroller.evaluate(
                "b => [getComputedStyle(b).overflowY, getComputedStyle(b).maxHeight]"
            )
            assert clipped == ["visible", "none"]
        rows = box.locator("table tbody tr").count()
        assert rows > 100 and rows == box.locator("table thead th").count() - 1  # every state
    assert page.errors == []


def _legend(page) -> dict[str, int]:  # noqa: ANN001
    texts = page.locator(".cy-map text[data-key]")
    return {
        texts.nth(i).get_attribute("data-key"): int(texts.nth(i).text_content().split("(")[-1][:-1])
        for i in range(texts.count())
    }


def test_a_party_status_map_is_drawn_offline_and_agrees_with_its_table(page, base_url):  # noqa: ANN001
    """The world map of an instrument's party status: a shape for every state (Tuvalu, absent
    from the map data, named under it), a legend whose counts are those of the table beside
    it, and no request beyond the site (the map is inline SVG)."""
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(base_url) else None)
    page.goto(base_url + "generated/questions/untoc-status/")
    shapes = page.locator(".cy-map svg use[data-code]")
    assert shapes.count() > 200  # states and territories; the 192 UN members drawn among them
    assert page.locator(".cy-map svg").get_attribute("role") == "img"
    assert "Tuvalu" in page.locator(".cy-map-caption").inner_text()
    answers = page.locator("article table tbody tr td:nth-child(2)").all_inner_texts()
    assert len(answers) == 193
    table_counts: dict[str, int] = {}
    for answer in answers:
        key = answer.strip().replace(" ", "_")
        table_counts[key] = table_counts.get(key, 0) + 1
    legend = _legend(page)
    tuvalu = page.locator("article table tbody tr", has_text="Tuvalu").locator("td").nth(1)
    table_counts[tuvalu.inner_text().strip().replace(" ", "_")] -= 1
    assert legend == {k: v for k, v in table_counts.items() if v}
    box = page.locator(".cy-map svg").bounding_box()
    assert box is not None and box["width"] > 600
    assert outside == [] and page.errors == []


def test_a_verdict_map_follows_the_chosen_offence(page, base_url: str) -> None:  # noqa: ANN001
    """On a researched state's page the map shows the verdicts of requests to it; choosing
    another offence recolours each state from its data and updates the legend, and the table
    behind it (closed on screen) opens on paper."""
    page.goto(base_url + "generated/jurisdictions/de/")
    controls = page.locator(".cy-map-controls")
    assert controls.is_visible()
    assert page.locator(".cy-map svg use[data-v]").count() > 180
    as_built = _legend(page)
    shapes = page.locator(".cy-map svg [data-v]")  # outlines, and markers of small states
    page.select_option(".cy-map-controls select", index=2)
    letters = shapes.evaluate_all(
        "els => [...new Map(els.map(e => [e.getAttribute('data-code'),"
        " [e.getAttribute('data-v')[2], e.getAttribute('class')]])).values()]"
    )
    names = {
        "P": "k-possible",
        "C": "k-conditional",
        "U": "k-unknown",
        "B": "k-blocked",
        "S": "k-self",
    }
    assert all(names[letter] == css for letter, css in letters)
    legend = _legend(page)
    for key in ("possible", "conditional", "unknown", "blocked"):
        assert legend[key] == sum(css == f"k-{key}" for _, css in letters)
    chosen = page.locator(".cy-map-controls select option").nth(2).inner_text()
    assert page.locator("#cy-map-de-offence").inner_text() == chosen
    page.select_option(".cy-map-controls select", index=0)
    assert _legend(page) == as_built  # the script counts as the generator does
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("details.cy-print-open").get_attribute("open") is not None
    assert page.pdf(format="A4")[:4] == b"%PDF"
    assert page.errors == []


def test_a_question_page_sorts_by_any_column_from_the_keyboard(page, base_url: str) -> None:  # noqa: ANN001
    """One question across all states: rows come sorted by name; a column heading is a button
    that sorts by that column (aria-sort says which way), and again the other way."""
    page.goto(base_url + "generated/questions/extradition-of-nationals/")
    table = page.locator("article table").first
    names = table.locator("tbody tr td:nth-child(1)").all_inner_texts()
    assert names == sorted(names, key=str.casefold) and len(names) == 20
    answer = table.locator("thead th").nth(1)
    answer.locator("button").focus()
    page.keyboard.press("Enter")
    assert answer.get_attribute("aria-sort") == "ascending"
    values = [v.strip() for v in table.locator("tbody tr td:nth-child(2)").all_inner_texts()]
    assert values == sorted(values, key=str.casefold)
    page.keyboard.press("Enter")
    assert answer.get_attribute("aria-sort") == "descending"
    values = [v.strip() for v in table.locator("tbody tr td:nth-child(2)").all_inner_texts()]
    assert values == sorted(values, key=str.casefold, reverse=True)
    assert table.locator("thead th").first.get_attribute("aria-sort") == "none"
    assert page.errors == []


def test_dark_mode_follows_the_toggle(page, base_url: str) -> None:  # noqa: ANN001
    page.goto(base_url)
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    toggled = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert {scheme, toggled} == {"default", "slate"}
    assert page.errors == []


def test_a_pair_briefing_shows_both_directions_and_prints(page, base_url: str) -> None:  # noqa: ANN001
    page.goto(base_url + "generated/briefing/#a=de&b=fr")
    page.wait_for_selector("table.cy-brief tbody tr")
    tables = page.locator("table.cy-brief")
    assert tables.count() == 4  # extradition and assistance, each way
    assert tables.nth(0).locator("tbody tr").count() == 12  # every offence
    text = page.locator("#cy-briefing").inner_text()
    assert "Germany asks France" in text and "France asks Germany" in text
    assert "European Arrest Warrant" in text and "Sources of the deciding steps" in text
    page.emulate_media(media="print")
    assert page.pdf(format="A4")[:4] == b"%PDF"
    assert page.errors == [] and page.dialogs == []


# What makes comity.js act on a page (see `start` in docs/assets/comity.js), and the maps.
SCRIPT_HOOKS = (
    'class="cy-sortable',
    'class="cy-heatmap',
    'class="cy-map-controls',
    'class="cy-map',
    'id="cy-explorer"',
    'id="cy-briefing-form"',
)


def pages_of_every_kind(site: Path) -> list[str]:
    """The first and last page of every kind: pages of one section and depth on which the
    same scripts act (`SCRIPT_HOOKS`) are one template filled with other data, so two of
    them (for example Andorra and Zimbabwe, or the first extradition heatmap and the last
    assistance one) stand for the rest."""
    kinds: dict[tuple[object, ...], list[str]] = {}
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix().removesuffix("index.html")
        text = path.read_text(encoding="utf-8")
        section = relative.split("/")[: 2 if relative.startswith("generated/") else 1]
        hooks = tuple(hook in text for hook in SCRIPT_HOOKS)
        kinds.setdefault((*section, relative.count("/"), hooks), []).append(relative)
    return sorted({page for pages in kinds.values() for page in (pages[0], pages[-1])})


def test_no_script_errors_or_dialogs_on_any_kind_of_page(page, base_url: str, shipped_site: Path):  # noqa: ANN001
    pages = pages_of_every_kind(shipped_site)
    assert len(pages) > 25 and "generated/explorer/" in pages
    for relative in pages:
        page.goto(base_url + relative, wait_until="load")
    assert page.errors == [], page.errors
    assert page.dialogs == []


AXE = Path(__import__("axe_playwright_python").__file__).parent / "axe.min.js"


def test_a_reform_example_opens_the_question_as_it_stands_today(page, base_url):  # noqa: ANN001
    page.goto(base_url + "generated/reforms/")
    example = page.locator("table td a[href*='explorer/#from=']").first
    before = example.locator("xpath=..").inner_text().split(":")[-1].split("→")[0]
    example.click()
    page.wait_for_selector(".cy-trace li")
    assert before.split()[-1].capitalize() in page.locator(".cy-verdict").inner_text()
    assert page.errors == [] and page.dialogs == []


# axe builds its model of the whole document even for nodes it is told to exclude, so rows
# that only repeat others are removed before it runs. A heatmap repeats one row per state: its
# first rows stand for the rest (over the tens of thousands of cells of a world heatmap axe
# takes minutes and finds nothing more). In other tables a row is kept when it is among the
# first eight or its markup differs from every row kept: its elements, classes, inline styles,
# or which of them hold text (an empty link or cell is a finding of its own); so every style a
# table's rows take is still checked (a status table of 193 states keeps 11 rows). A heatmap's
# columns (one per requested state) are then kept the same way, header and row cells together:
# the first eight after the row headers, and every column whose cells differ from those kept.
REPRESENTATIVE_ROWS = """() => {
  const shapeOf = (element) => [element, ...element.querySelectorAll('*')].map((e) => [e.tagName,
    e.getAttribute('class'), e.getAttribute('style'), e.textContent.trim() === ''].join('|')).join(' ');
  document.querySelectorAll('.cy-heatmap tbody tr:nth-child(n+9)').forEach((row) => row.remove());
  document.querySelectorAll('tbody').forEach((body) => {
    const kept = new Set();
    Array.from(body.rows).forEach((row, index) => {
      const shape = shapeOf(row);
      if (index >= 8 && kept.has(shape)) row.remove(); else kept.add(shape);
    });
  });
  document.querySelectorAll('.cy-heatmap table').forEach((table) => {
    const rows = Array.from(table.rows);
    const width = Math.max(...rows.map((row) => row.cells.length));
    const kept = new Set();
    const dropped = [];
    for (let column = 0; column < width; column++) {
      const shape = rows.map((row) => row.cells[column] ? shapeOf(row.cells[column]) : '-').join('/');
      if (column >= 9 && kept.has(shape)) dropped.unshift(column); else kept.add(shape);
    }
    rows.forEach((row) => dropped.forEach((column) => row.cells[column]?.remove()));
  });
}"""


def test_axe_runs_on_every_distinct_row_and_heatmap_column(page):  # noqa: ANN001
    """The thinning before axe keeps the first rows (and a heatmap's first columns) and every
    row or column whose markup differs from those kept, and drops only repeats."""
    cells = "".join(
        f'<td class="{"odd" if column == 11 else "v"}"><a href="#">x</a></td>'
        for column in range(1, 13)
    )
    heatmap = "<tr><th>h</th>" + "".join(f"<th>{c}</th>" for c in range(1, 13)) + "</tr>"
    styled = ' style="color: #900"'
    table = "".join(
        f"<tr><td{styled if index == 15 else ''}>{index}</td></tr>" for index in range(20)
    )
    page.set_content(
        f'<div class="cy-heatmap"><table><thead>{heatmap}</thead><tbody>'
        + f"<tr><th>r</th>{cells}</tr>" * 12
        + f"</tbody></table></div><table><tbody>{table}</tbody></table>"
    )
    page.evaluate(REPRESENTATIVE_ROWS)
    header = page.locator(".cy-heatmap thead th").all_inner_texts()
    assert header == ["h", *map(str, range(1, 9)), "11"]  # 9, 10 and 12 repeat 1-8
    assert page.locator(".cy-heatmap tbody tr").count() == 8
    assert all(row.locator("td").count() == 9 for row in page.locator(".cy-heatmap tbody tr").all())
    kept = page.locator("body > table td").all_inner_texts()
    assert kept == [*map(str, range(8)), "15"]


@pytest.mark.parametrize(
    "path",
    [
        "",
        "generated/jurisdictions/de/",
        "generated/reforms/",
        "generated/research/",
        "generated/cooperation/extradition-fraud/",
        "generated/explorer/#from=us&to=br&offence=money_laundering&person=national",
        "generated/jurisdictions/ad/",  # a treaty-status profile
        "generated/questions/",
        "generated/questions/assistance-legal-basis/",
        "generated/briefing/#a=de&b=fr",
        "generated/changelog/",
        "generated/questions/untoc-status/",  # a world map of party status
    ],
)
def test_no_serious_accessibility_violations(axe_tab, base_url: str, path: str) -> None:  # noqa: ANN001
    page = axe_tab
    page.goto("about:blank")  # so an address that differs by its fragment loads afresh
    page.goto(base_url + path)
    if "cooperation" in path:
        page.wait_for_selector(".cy-heatmap table")
    if "explorer" in path:
        page.wait_for_selector(".cy-trace li")
    if "briefing" in path:
        page.wait_for_selector("table.cy-brief tbody tr")
    page.evaluate(REPRESENTATIVE_ROWS)
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("""async () => await axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})""")
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


@pytest.fixture(scope="module")
def explorer_tab(browser, base_url: str) -> Iterator[object]:  # noqa: ANN001
    """One explorer tab for the trace tests: each opens its question by its address, which on
    the open explorer is a change of the address's fragment (as a reader's back and forward
    are), so the explorer's shared files are read once."""
    context = browser.new_context()
    yield _watch(context.new_page(), base_url)
    context.close()


@pytest.mark.parametrize(
    "question",
    [
        ("us", "it", "murder", "other"),  # death only for some forms: a condition, quoted values
        ("jp", "it", "murder", "other"),  # the death-penalty bar
        ("gb", "de", "fraud", "national"),  # a party's own declaration in the EU-UK agreement
        ("us", "gb", "fraud", "other"),  # a designation fixing the evidence standard
        ("co", "us", "money_laundering", "national"),
        ("ar", "au", "obstruction_of_justice", "national"),  # unknown facts named by offence path
        ("ar", "br", "illegal_access", "other"),  # a threshold on the requested state's law only
        ("ar", "ca", "illegal_access", "national"),  # a penalty below the threshold, quoted
    ],
)
def test_explorer_trace_is_the_engine_trace(explorer_tab, base_url, question):  # noqa: ANN001
    """The browser binds step kinds to facts itself; it must say what the engine says."""
    from generator.analysis.extradition import evaluate

    a, b, offence, person = question
    verdict = evaluate(shipped_context(), a.upper(), b.upper(), offence, person)  # type: ignore[arg-type]
    page = explorer_tab
    page.evaluate("document.getElementById('cy-result')?.replaceChildren()")  # the last answer
    page.goto(base_url + f"generated/explorer/#from={a}&to={b}&offence={offence}&person={person}")
    page.wait_for_selector(".cy-trace li")
    items = page.locator(".cy-trace > li")
    assert items.count() == len(verdict.steps)
    for index, step in enumerate(verdict.steps):
        text = items.nth(index).inner_text()
        assert step.reason in text
        assert f"Provision: {step.provision}" in text if step.provision else True
        for citation in step.citations:
            assert citation.title in text
        assert f"step confidence: {step.confidence}" in text
        if step.assurance:
            assert f"Needs: {step.assurance}" in text
    shown = page.locator(".cy-verdict").inner_text()
    assert f"confidence: {verdict.confidence}" in shown and verdict.basis in shown
    for route in verdict.alternatives:
        assert route in page.locator("#cy-result").inner_text()
    assert page.errors == []
