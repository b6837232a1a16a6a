"""Large generated HTML inserted into pages after MkDocs has converted them (a MkDocs plugin,
`comity-fragments`).

A researched state's page carries a map of the requests to it and a table that repeats the
map's data (every requesting state × every offence). Python-Markdown and the search plugin
each parse such raw HTML tag by tag, and at world scale these were most of the build: a bare
`mkdocs build` of the synthetic 193-state site took 59 s with them and 26 s without. So the
page's Markdown holds placeholders, the map and the table are written beside it under
`generated/fragments/` (excluded from the site, see mkdocs.yml), and this plugin puts them in
place in the finished page, after search has read it (both were excluded from search anyway).
The gap matrices of the offences' and baselines' pages (every state × the baseline elements,
excluded from search too) are fragments for the same reason: the largest of them, UNTOC's,
was 485 KB of its page's 528 KB of Markdown on the synthetic corpus.

Fragments are generated and escaped by the renderer like every page; the plugin only copies
them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from .common import GENERATED

FOLDER = f"{GENERATED}/fragments"  # under docs/, excluded from the built site (mkdocs.yml)
_NAME = "[a-z0-9-]+"
_PLACEHOLDER = re.compile(f'<div class="cy-fragment" data-fragment="({_NAME})"></div>')


def placeholder(name: str) -> str:
    """What a page's Markdown holds where fragment `name` goes."""
    if not re.fullmatch(_NAME, name):
        raise ValueError(f"not a fragment name: {name!r}")
    return f'<div class="cy-fragment" data-fragment="{name}"></div>'


def fragment_path(name: str) -> str:
    """The fragment's file, relative to docs/."""
    return f"{FOLDER}/{name}.html"


def insert_fragments(output: str, docs_dir: str, page_name: str) -> str:
    """`output` with every placeholder replaced by its fragment; a missing fragment stops
    the build (a page would otherwise lose its table silently)."""

    def fragment(match: re.Match[str]) -> str:
        path = Path(docs_dir) / fragment_path(match.group(1))
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise PluginError(
                f"{page_name}: fragment {match.group(1)!r} is missing ({path}); "
                "run `comity generate` again"
            ) from None

    return _PLACEHOLDER.sub(fragment, output)


class Fragments(BasePlugin):
    """Puts generated fragments into finished pages (after search has read them)."""

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        return insert_fragments(output, config["docs_dir"], page.file.src_uri)
