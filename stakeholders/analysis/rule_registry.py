"""The registry of red-flag rules: :func:`rule`, what a rule is and what it finds, and :class:`Severity`.

The rules themselves are in :mod:`stakeholders.analysis.rules`, one function per
flag, registered with :func:`rule` in the order they run, which is the order of
:data:`~stakeholders.analysis.FLAGS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from ..text import Text
from ..vocab import Vocabulary, _named

if TYPE_CHECKING:
    from .context import Context

__all__ = ["RULES", "Finding", "Rule", "Severity", "rule"]


@_named("severity")
class Severity(Vocabulary):
    HIGH = ("high", Text("high", "高", "高"))
    MEDIUM = ("medium", Text("medium", "中", "中"))
    LOW = ("low", Text("low", "低", "低"))

    @property
    def weight(self) -> int:
        return {Severity.HIGH: 3, Severity.MEDIUM: 2, Severity.LOW: 1}[self]


class Finding(NamedTuple):
    """One time a rule fires: the people concerned and the message (``severity`` overrides the rule's)."""

    people: list[str]
    message: Text
    severity: Severity | None = None


@dataclass(frozen=True)
class Rule:
    """A registered rule: the flag code, its default severity, title and condition, and its check."""

    code: str
    severity: Severity
    title: Text
    condition: str
    check: Callable[..., Iterable[Finding]]
    each: Callable[[Context], Iterable[Any]] | None = None
    """Run the check once per item (``check(ctx, item)``) instead of once (``check(ctx)``)."""


#: Every rule, in the order they run and :data:`~stakeholders.analysis.FLAGS` lists them.
RULES: list[Rule] = []


def rule(
    code: str,
    severity: Severity,
    title: Text,
    *,
    condition: str,
    each: Callable[[Context], Iterable[Any]] | None = None,
) -> Callable[[Callable[..., Iterable[Finding]]], Callable[..., Iterable[Finding]]]:
    """Register the decorated function as the rule of flag ``code`` (its name must be the code)."""

    def register(check: Callable[..., Iterable[Finding]]) -> Callable[..., Iterable[Finding]]:
        if check.__name__ != code:
            raise ValueError(f"rule {code!r} must be a function named {code!r}, not {check.__name__!r}")
        if any(r.code == code for r in RULES):
            raise ValueError(f"rule {code!r} is registered twice")
        RULES.append(Rule(code, severity, title, condition, check, each))
        return check

    return register
