"""The result of :func:`~stakeholders.analysis.analyze`: the :class:`Analysis` model."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

from ..ids import normalise_id
from ..text import written_language
from .flags import Flag, Status
from .group_structure import Structure
from .influence_scores import InfluenceScore
from .milestones import MilestoneReadiness
from .moves import NextMoves
from .relationship import PersonRelationship
from .report import card as _card, report as _report, short_repr
from .support_base import Support
from .weights import Weights

__all__ = ["Analysis"]


class Analysis(BaseModel):
    """Everything :func:`~stakeholders.analysis.analyze` finds about a group."""

    model_config = ConfigDict(frozen=True)

    customer: str
    opportunity: str | None
    as_of: date | None
    weights: Weights
    influence: list[InfluenceScore]
    support: Support
    structure: Structure
    relationships: list[PersonRelationship]
    flags: list[Flag]
    status: Status
    milestones: list[MilestoneReadiness]
    next_moves: NextMoves
    names: dict[str, str]
    """Person id → name, so the report and other tools need not keep the group."""
    deciders: list[str]
    """Ids of the people holding the decider role."""
    team_recorded: bool
    """Whether the map records our own team (needed for the path to power)."""

    def flag_codes(self) -> list[str]:
        """The codes of the flags that fired, without repeats, most severe first."""
        return list(dict.fromkeys(f.code for f in self.flags))

    def score_of(self, person: str) -> InfluenceScore:
        """The score of the person with this id (written any way that normalises to it)."""
        wanted = (person, normalise_id(person))
        for score in self.influence:
            if score.person in wanted:
                return score
        raise KeyError(f"no person with id {person!r}")

    def report(self, lang: str = "en") -> str:
        """A readable report in English (``"en"``), Simplified (``"zh"``) or Traditional Chinese (``"zh_hant"``)."""
        return _report(self, lang=lang)

    @property
    def lang(self) -> str:
        """The map's language: ``"zh"`` when most of its names (and its customer) are Chinese, else ``"en"``."""
        return written_language([self.customer, *self.names.values()])

    def card(self, lang: str | None = None, format: Literal["markdown", "html"] = "markdown") -> str:
        """The head of the report, as notebooks show it: the status, the top three flags, the three most
        influential people and the next moves, as Markdown or HTML, in ``lang`` (default: the map's language)."""
        return _card(self, lang or self.lang, format)

    def _repr_html_(self) -> str:
        return self.card(format="html")

    def _repr_markdown_(self) -> str:
        return self.card(format="markdown")

    def __repr__(self) -> str:
        """One short line (:func:`~stakeholders.analysis.report.short_repr`), not every field."""
        return short_repr(self)

    def __str__(self) -> str:
        """The readable report in the map's language (:meth:`report`)."""
        return self.report(self.lang)
