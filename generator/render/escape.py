"""All escaping of corpus text happens here, at render time.

Corpus text is plain text: in Markdown, every character that Markdown or HTML could read as
syntax becomes a numeric character reference, so `<script>`, `[x](javascript:...)`,
`{ onclick=... }` and table pipes all render as the literal characters. In raw HTML blocks,
markupsafe escapes text and attributes. Links are emitted only for http(s) URLs.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from markupsafe import Markup, escape

_SPECIAL = frozenset("\\`*_{}[]()#+-.!|<>&\"'~^=$:@%;")


def md(text: object) -> str:
    """Plain text safe to place anywhere in Markdown (one line, every special char escaped)."""
    flat = " ".join(str(text).split())
    return "".join(f"&#{ord(c)};" if c in _SPECIAL else c for c in flat)


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


__all__ = ["Markup", "html", "html_link", "md", "md_link", "safe_href"]
