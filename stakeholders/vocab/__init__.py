"""Controlled vocabularies of the domain (domain.md D2-D9, D12).

Every vocabulary is a ``str`` enum whose value is a stable lower snake_case
English id: that id is what files store and what other tools compare against.
Each member also carries labels in English, Simplified and Traditional Chinese
(a :class:`~stakeholders.text.Text`) and a set of aliases, so that input
written by hand (``stance: 支持者``, ``role: 决策者``, ``disc: D型``,
``stance: Champion``) is accepted, case-insensitively, and always written back
as the canonical id.

The package's modules: :mod:`~stakeholders.vocab.base` (the
:class:`Vocabulary` base), :mod:`~stakeholders.vocab.methods` (other sales
methods' words, the crosswalk's table), :mod:`~stakeholders.vocab.person` and
:mod:`~stakeholders.vocab.group` (the term tables). Every name is importable
from ``stakeholders.vocab``.

>>> Stance.parse("支持者")
<Stance.SUPPORTER: 'supporter'>
>>> Stance.MENTOR > Stance.NEUTRAL
True
>>> Disc.parse("D型").letter
'D'
"""

from __future__ import annotations

from ..text import LANGUAGES, normalise_language
from .base import Vocabulary, _key as _key, _named as _named  # used by other modules of the package
from .group import (
    ChecklistItem,
    CompetitorPosition,
    DelegationType,
    InterestType,
    LineKind,
    Milestone,
    Ownership,
    RelationshipStage,
    TeamRole,
    UnitKind,
)
from .person import Confidence, Disc, Insider, JudgedField, Layer, Level, Role, Stance

__all__ = [
    "LANGUAGES",
    "ChecklistItem",
    "CompetitorPosition",
    "Confidence",
    "DelegationType",
    "Disc",
    "Insider",
    "InterestType",
    "JudgedField",
    "Layer",
    "Level",
    "LineKind",
    "Milestone",
    "Ownership",
    "RelationshipStage",
    "Role",
    "Stance",
    "TeamRole",
    "UnitKind",
    "Vocabulary",
    "normalise_language",
]
