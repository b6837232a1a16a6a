"""All escaping of corpus text happens here, at render time.

Corpus text is plain text: in Markdown, every character that Markdown or HTML could read as
syntax becomes a numeric character reference, so `<script>`, `[x](javascript:...)`,
`{ onclick=... }` and table pipes all render as the literal characters. In raw HTML blocks,
markupsafe escapes text and attributes. Links are emitted only for http(s) URLs.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from markupsafe import Markup, escape

_SPECIAL = frozenset("\\`*_{}[]()#+-.!|<>&\"'~^=$:@%;")


def md(text: object) -> str:
    """Plain text safe to place anywhere in Markdown (one line, every special char escaped)."""
    flat = " ".join(str(text).split())
    return "".join(f"&#{ord(c)};" if c in _SPECIAL else c for c in flat)


def code(text: object) -> str:
    """Plain text as inline code. Markdown shows a code span's content literally, character
    references included (`cp&#95;153` would read as such), so the span is an HTML element
    whose text is HTML-escaped instead."""
    return f"<code>{html(text)}</code>"


def html(text: object) -> str:
    """Plain text safe inside an HTML element or a quoted attribute."""
    return str(escape(" ".join(str(text).split())))


def safe_href(url: str | None) -> str | None:
    """The URL if it is http(s), else None (pydantic already rejected other schemes)."""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return url


def md_link(text: object, url: str | None) -> str:
    """A Markdown link to an external http(s) source, or the escaped text alone."""
    href = safe_href(url)
    if href is None:
        return md(text)
    # URL characters that Markdown could read as syntax are percent- or entity-encoded.
    target = href.replace("(", "%28").replace(")", "%29").replace(" ", "%20").replace("<", "%3C")
    target = target.replace(">", "%3E").replace('"', "%22")
    return f"[{md(text)}](<{target}>)"


def html_link(text: object, url: str | None, css: str = "") -> str:
    """An HTML link to an external http(s) source, or the escaped text alone."""
    href = safe_href(url)
    if href is None:
        return html(text)
    klass = f' class="{css}"' if css else ""
    return f'<a href="{escape(href)}" rel="noopener noreferrer nofollow"{klass}>{html(text)}</a>'


# --------------------------------------------------------------------------------------------
# CSV cells (open data opened in a spreadsheet)
# --------------------------------------------------------------------------------------------

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet will not run as a formula (OWASP "CSV injection").

    Text that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading
    apostrophe, which spreadsheets read as "this is text" and do not display; numbers (`-5`,
    `+1.5`) and non-text values are left as they are. The JSON files keep the text unchanged.
    """
    if (
        isinstance(value, str)
        and value.startswith(_FORMULA_STARTS)
        and not _NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


# --------------------------------------------------------------------------------------------
# GitHub-flavoured Markdown (the `comity diff` report in a CI job summary)
# --------------------------------------------------------------------------------------------

_GFM_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Characters that start Markdown syntax somewhere (emphasis, code, links and images, headings,
# list markers, tables, strikethrough, footnotes, math), and `:` `.`, without which GitHub's
# autolinker cannot turn https://... or www.... into a link (an e-mail address still becomes a
# mailto: link); `(` `)` mean nothing once `[` `]` are escaped, so "Brazil (BR)" stays readable.
_GFM_BACKSLASHED = frozenset("\\`*_{}[]#+-.!|~^$:@")


def gfm_text(text: object) -> str:
    """Corpus text as one line of GitHub Markdown that shows exactly the text: no raw HTML, no
    comment, no image, no emphasis, no table-cell break.

    `& < >` become entities (so `<img>` and `<!--` are text); every other character Markdown
    could read as syntax is backslash-escaped (CommonMark allows it for any ASCII punctuation;
    GFM tables take `\\|` as a literal pipe); line breaks become spaces.
    """
    flat = " ".join(str(text).split())
    return "".join(_GFM_ENTITIES.get(c) or (f"\\{c}" if c in _GFM_BACKSLASHED else c) for c in flat)


def gfm_code(text: object, in_table: bool = True) -> str:
    """Corpus text as a GitHub Markdown code span that no content can close early.

    The fence is one backtick longer than the longest run of backticks inside, with a space
    on each side when the text starts or ends with a backtick (CommonMark strips exactly
    one); in a table a pipe is written `\\|`, which
    GFM reads as a literal pipe even inside a code span.
    """
    flat = " ".join(str(text).split())
    if not flat:
        return "—"
    if in_table:
        flat = flat.replace("|", "\\|")
    fence = "`" * (max(map(len, re.findall("`+", flat)), default=0) + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


__all__ = [
    "Markup",
    "csv_cell",
    "gfm_code",
    "gfm_text",
    "html",
    "html_link",
    "md",
    "md_link",
    "safe_href",
]
