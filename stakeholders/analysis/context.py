"""One analysis context: the group with what every measure needs, each computed once.

:func:`~stakeholders.analysis.analyze` builds one :class:`Context` and hands it
to every measure and every red-flag rule; a public measure called alone
(``support(group)``) builds its own. What the context holds is computed on
first use and kept:

- ``weights``, ``facts`` (the index of :mod:`._facts`) and ``scores`` (the
  influence ranking), with the look-ups built from them (``by_id``,
  ``rank_of``, ``high``, ``key``);
- any higher measure (support, the path to power, ...) through
  :meth:`Context.once`, keyed by the function that computes it. The measures
  sit above this module, so the context names them only when they ask.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from functools import cached_property
from typing import Any, TypeVar

from ..model import BuyingGroup, Person
from ._facts import Facts, facts_of, in_id_order, key_people
from .influence_scores import InfluenceScore, is_high_influence, score_influence
from .weights import Weights, as_weights

__all__ = ["Context"]

T = TypeVar("T")


class Context:
    """A group under analysis, with its weights, facts and influence scores (each computed once).

    ``scores`` may be handed in (a public measure given its ``scores=``); they
    are then used as they are, as the measures did before.
    """

    def __init__(
        self,
        group: BuyingGroup,
        *,
        weights: Weights | Mapping[str, Any] | None = None,
        as_of: date | None = None,
        scores: list[InfluenceScore] | None = None,
    ) -> None:
        self.group = in_id_order(group)
        """The group with its sections in id order (:func:`~._facts.in_id_order`): ties go by id, not by file order."""
        self.weights: Weights = as_weights(weights)
        self.as_of: date | None = as_of or group.as_of
        """The date of the analysis: the one given, else the map's ``as_of``."""
        self._memo: dict[Callable[[Context], Any], Any] = {}
        if scores is not None:
            self.scores = scores

    @cached_property
    def facts(self) -> Facts:
        """The index of the group: people by id, depth, relationships, contacts."""
        return facts_of(self.group)

    @cached_property
    def scores(self) -> list[InfluenceScore]:
        """Every person's influence score, by rank."""
        return score_influence(self.group, self.weights, self.facts)

    @cached_property
    def by_id(self) -> dict[str, InfluenceScore]:
        return {s.person: s for s in self.scores}

    @cached_property
    def rank_of(self) -> dict[str, int]:
        return {s.person: s.rank for s in self.scores}

    @cached_property
    def high(self) -> set[str]:
        """Ids of the people of high influence (:func:`~.influence.is_high_influence`)."""
        return {s.person for s in self.scores if is_high_influence(s)}

    @cached_property
    def key(self) -> list[Person]:
        """Key people, in id order (read-only: shared by the measures)."""
        return key_people(self.group, self.high)

    @cached_property
    def deciders(self) -> list[Person]:
        """The people holding the decider role, in id order (read-only)."""
        return self.facts.deciders()

    def once(self, compute: Callable[[Context], T]) -> T:
        """``compute(self)``, computed on the first call and kept for this context."""
        if compute not in self._memo:
            self._memo[compute] = compute(self)
        result: T = self._memo[compute]
        return result

    def given(self, compute: Callable[[Context], T], value: T) -> None:
        """Use ``value`` as the result of ``compute`` (a result the caller already has)."""
        self._memo[compute] = value
