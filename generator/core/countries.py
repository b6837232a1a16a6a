"""Country names and codes come from ISO 3166 data (pycountry), never typed by hand.

Names shown on the site are looked up here by code, so a contributor's file cannot put
arbitrary text into page titles or navigation.
"""

from __future__ import annotations

from functools import cache

import pycountry


@cache
def _by_code() -> dict[str, str]:
    names = {}
    for country in pycountry.countries:
        names[country.alpha_2] = getattr(country, "common_name", None) or country.name
    return names


def is_iso_code(code: str) -> bool:
    """Whether `code` is an ISO 3166-1 alpha-2 code (upper case)."""
    return code in _by_code()


def country_name(code: str) -> str:
    """The short English name of a country (e.g. `DE` → Germany)."""
    return _by_code().get(code.upper(), code.upper())


def all_codes() -> tuple[str, ...]:
    """Every ISO 3166-1 alpha-2 code, sorted."""
    return tuple(sorted(_by_code()))
