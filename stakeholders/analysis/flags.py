"""Red flags: the pointed questions of the manuals' milestone plans (D7-D9, D12).

Each flag has a stable ``code`` other tools can store, a severity, the people
concerned and a sentence in English and in Chinese. Each code is the function
of the same name in :mod:`stakeholders.analysis.rules`; :data:`FLAGS`
describes every code, in the order the rules run; docs/analysis.md explains
each in plain words. The overall status is red when any high-severity flag
fires, amber when any medium one does, and green otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..model import BuyingGroup
from ..text import Text
from ..vocab import Vocabulary, _named
from .built import Translated, built
from .context import Context
from .influence_scores import InfluenceScore
from .rules import RULES, Finding, Rule, Severity, path_found as _path_found
from .support_base import Support, support_of
from .weights import Weights

__all__ = [
    "FLAGS",
    "Flag",
    "FlagInfo",
    "Severity",
    "Status",
    "StatusLevel",
    "overall_status",
    "red_flags",
    "red_flags_of",
]


@_named("status")
class StatusLevel(Vocabulary):
    RED = ("red", Text("red", "红", "紅"))
    AMBER = ("amber", Text("amber", "黄", "黃"), ("yellow",))
    GREEN = ("green", Text("green", "绿", "綠"))


class FlagInfo(Translated):
    """What a flag code means."""

    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    title_en: str
    title_zh: str
    condition: str
    """When it fires, in plain words."""
    _text_fields = ("title_en", "title_zh")

    def title(self, lang: str = "en") -> str:
        """The title in ``lang`` (``en``, ``zh`` or ``zh_hant``, through :meth:`Text.pick`)."""
        return self.text.pick(lang)


def _info(r: Rule) -> FlagInfo:
    info = FlagInfo(code=r.code, severity=r.severity, title_en=r.title.en, title_zh=r.title.zh, condition=r.condition)
    info._text = r.title
    return info


#: Every flag code, its default severity, its title and its condition, in the order the rules run.
FLAGS: dict[str, FlagInfo] = {r.code: _info(r) for r in RULES}


class Flag(Translated):
    """One red flag raised on a map."""

    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    people: list[str]
    message_en: str
    message_zh: str
    _text_fields = ("message_en", "message_zh")

    def message(self, lang: str = "en") -> str:
        """The message in ``lang``: English, Simplified or Traditional Chinese (through :meth:`Text.pick`)."""
        return self.text.pick(lang)


class Status(BaseModel):
    """Overall status and the flags that decided it."""

    model_config = ConfigDict(frozen=True)

    level: StatusLevel
    reasons: list[str]
    """Codes of the flags that decided the level (all flags of the deciding severity)."""


def overall_status(flags: list[Flag]) -> Status:
    """Red if any high-severity flag, amber if any medium one, else green."""
    for severity, level in ((Severity.HIGH, StatusLevel.RED), (Severity.MEDIUM, StatusLevel.AMBER)):
        codes = list(dict.fromkeys(f.code for f in flags if f.severity is severity))
        if codes:
            return built(Status, level=level, reasons=codes)
    return built(Status, level=StatusLevel.GREEN, reasons=[])


def red_flags(
    group: BuyingGroup,
    *,
    as_of: date | None = None,
    weights: Weights | Mapping[str, Any] | None = None,
    scores: list[InfluenceScore] | None = None,
    support_: Support | None = None,
    path_found: bool | None = None,
) -> list[Flag]:
    """Every red flag that fires on ``group``, most severe first.

    ``as_of`` (default: the map's ``as_of``) is the date for ``stale_contact``;
    without either date that flag is not evaluated. ``path_found`` tells whether
    a friendly path to the decider exists (computed when not given).
    """
    ctx = Context(group, weights=weights, as_of=as_of, scores=scores)
    if support_ is not None:
        ctx.given(support_of, support_)
    if path_found is not None:
        ctx.given(_path_found, path_found)
    return red_flags_of(ctx)


def _flag(r: Rule, finding: Finding) -> Flag:
    # Built without validation: the rule's code and severity, and a finding's fresh list and strings.
    return built(
        Flag,
        {"_text": finding.message},
        code=r.code,
        severity=finding.severity or r.severity,
        people=finding.people,
        message_en=finding.message.en,
        message_zh=finding.message.zh,
    )


def red_flags_of(ctx: Context) -> list[Flag]:
    """:func:`red_flags` of the context: every rule of :data:`RULES` in order, most severe first."""
    flags: list[Flag] = []
    at = 0
    while at < len(RULES):
        r = RULES[at]
        if r.each is None:
            flags.extend(_flag(r, found) for found in r.check(ctx))
            at += 1
            continue
        # Rules over the same items run item by item: all of them for the first decider, then the next.
        batch = [r]
        while at + len(batch) < len(RULES) and RULES[at + len(batch)].each is r.each:
            batch.append(RULES[at + len(batch)])
        for item in r.each(ctx):
            for member in batch:
                flags.extend(_flag(member, found) for found in member.check(ctx, item))
        at += len(batch)
    flags.sort(key=lambda f: -f.severity.weight)
    return flags
