"""Corpus health: how complete, confident and fresh each jurisdiction's file is."""

from __future__ import annotations

from datetime import date

from ..core.facts import offence_parent, walk_facts
from ..core.models import Jurisdiction
from .results import Health


def jurisdiction_health(jurisdiction: Jurisdiction, stale_before: date) -> Health:
    """Counts of known, unknown, low-confidence, stale and unsourced facts in one file."""
    known = unknown = low = stale = unsourced = 0
    for loc, item in walk_facts(jurisdiction):
        if not item.known:
            unknown += 1
            continue
        known += 1
        parent = offence_parent(jurisdiction, loc)
        confidence = item.confidence or (parent.confidence if parent else None)
        verified = item.verified or (parent.verified if parent else None)
        source = item.source or (parent.source if parent else None)
        low += confidence in (None, "low")
        stale += verified is not None and verified < stale_before
        unsourced += source is None
    review = jurisdiction.review
    return Health(
        jurisdiction=jurisdiction.code,
        known=known,
        unknown=unknown,
        low_confidence=low,
        stale=stale,
        unsourced=unsourced,
        review_status=review.status,
        last_full_review=review.last_full_review.isoformat() if review.last_full_review else None,
    )
