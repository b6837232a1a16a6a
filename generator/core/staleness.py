"""One staleness rule for `comity check --stale-after` and the site's data-health sections."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

Age = tuple[int, str]  # (number, unit) with unit d, m or y
DEFAULT_AGE: Age = (24, "m")


def describe(age: Age) -> str:
    """'24 months' for (24, 'm')."""
    number, unit = age
    return f"{number} {({'d': 'day', 'm': 'month', 'y': 'year'})[unit]}{'s' if number != 1 else ''}"


def cutoff(day: date, age: Age) -> date:
    """The calendar date `age` before `day` (24 months before 2026-11-28 is 2024-11-28)."""
    number, unit = age
    if unit == "d":
        return day - timedelta(days=number)
    months = number * (12 if unit == "y" else 1)
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last_day))
