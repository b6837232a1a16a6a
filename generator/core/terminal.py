"""Text that is safe to print to a terminal or a CI log.

Corpus text reaches the terminal in problems (a misspelt key, a value), in `explain` and in
`diff`. A key holding an OSC-8 sequence (ESC ]8;;https://evil.example ESC \\ click ...) would
otherwise draw a hyperlink, an ANSI sequence recolour or clear the screen, and U+202E reverse
what follows, so a log could show something other than what the file holds. Every character
of the Unicode categories below is therefore shown as a visible escape, as repr() shows it.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from typing import TextIO

# Cc: C0 and C1 controls (ESC, BEL, CSI...); Cf: format characters (bidi overrides and isolates,
# zero-width characters, U+061C, U+2060, tag characters); Cs: lone surrogates (from file names
# that are not UTF-8); Zl, Zp: line and paragraph separators.
UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def is_unsafe(char: str) -> bool:
    """True for a character that is invisible or acts on the terminal instead of showing."""
    return unicodedata.category(char) in UNSAFE_CATEGORIES


# The unsafe characters of ASCII: its controls (Cc) are its only ones in those categories.
_ASCII_UNSAFE = re.compile("[\x00-\x1f\x7f]")


def first_unsafe(text: str, allowed: str = "") -> str | None:
    """The first unsafe character in `text` that is not in `allowed`, or None. Corpus text is
    mostly ASCII, checked by one regular expression; other text character by character."""
    if text.isascii():
        return next((m[0] for m in _ASCII_UNSAFE.finditer(text) if m[0] not in allowed), None)
    return next((c for c in text if c not in allowed and is_unsafe(c)), None)


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def printable(text: object, keep_newlines: bool = False) -> str:
    """`text` with every unsafe character shown as an escape (`\\x1b`, `\\u202e`).

    One-line messages (problems) escape newlines too, so a value cannot forge a second,
    innocent-looking problem line; multi-line output (reports) keeps newlines and tabs.
    """
    allowed = "\n\t" if keep_newlines else ""
    text = str(text)
    if text.isascii() and text.isprintable() or not first_unsafe(text, allowed):
        return text
    return "".join(_escape(c) if c not in allowed and is_unsafe(c) else c for c in text)


def json_printable(text: str) -> str:
    """JSON text with unsafe characters written as JSON \\u escapes (still the same JSON).

    Structure is ASCII, so such characters can only be inside strings, where \\uXXXX (a
    surrogate pair above U+FFFF) means the same character.
    """

    def escape(char: str) -> str:
        data = char.encode("utf-16-be", "surrogatepass")
        return "".join(
            f"\\u{int.from_bytes(data[i : i + 2], 'big'):04x}" for i in range(0, len(data), 2)
        )

    return "".join(escape(c) if c not in "\n" and is_unsafe(c) else c for c in text)


def show(
    text: object = "",
    *,
    error: bool = False,
    keep_newlines: bool = True,
    end: str = "\n",
    flush: bool = False,
) -> None:
    """Print to stdout (or stderr with `error`), escaped for the terminal."""
    stream: TextIO = sys.stderr if error else sys.stdout
    print(printable(text, keep_newlines), file=stream, end=end, flush=flush)
