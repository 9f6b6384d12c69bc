"""A copy of a map without what must stay out of anything shared (D7, D11)."""

from __future__ import annotations

from ..model import BuyingGroup

__all__ = ["redacted"]


def redacted(group: BuyingGroup) -> BuyingGroup:
    """``group`` without coach/informant markings and private profiles (the exporters' ``redact=True``)."""
    people = [p.model_copy(update={"insider": None, "private": type(p.private)()}) for p in group.people]
    return group.model_copy(update={"people": people})
