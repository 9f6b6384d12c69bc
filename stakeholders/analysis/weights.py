"""The tunable numbers of the analysis, with their documented defaults.

Every number that shapes a score or a flag lives here, so an analyst can see
it, override it (``analyze(group, weights={"network": 0.3})``) and explain the
result. docs/analysis.md describes each one.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..errors import MapError, Problem
from ..text import Text

__all__ = ["COMPONENTS", "COMPONENT_NAMES", "Weights", "as_weights"]

COMPONENTS = ("position", "authority", "recorded_influence", "role", "network", "faction")

#: How a report names each influence component: its id in English, a director's words in Chinese.
COMPONENT_NAMES: dict[str, Text] = {
    "position": Text("position", "职位层级"),
    "authority": Text("authority", "职权"),
    "recorded_influence": Text("recorded_influence", "实际影响力"),
    "role": Text("role", "决策角色"),
    "network": Text("network", "关系网络"),
    "faction": Text("faction", "派系"),
}


class Weights(BaseModel):
    """Weights of the influence components and the thresholds of the flags."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # -- influence components (relative; they are normalised to sum to 1) --
    position: float = Field(default=0.20, ge=0, description="Formal position: depth in the reporting tree, or layer.")
    authority: float = Field(default=0.15, ge=0, description="Formal authority as recorded (low/medium/high).")
    recorded_influence: float = Field(default=0.20, ge=0, description="Real influence as judged by the analyst.")
    role: float = Field(default=0.20, ge=0, description="Decision role: decider > evaluators > user.")
    network: float = Field(
        default=0.15, ge=0, description="PageRank over influence, real delegation and reporting lines."
    )
    faction: float = Field(default=0.10, ge=0, description="Leading (or belonging to) a faction.")

    # -- values of the decision roles in the role component --
    role_decider: float = Field(default=1.0, ge=0, le=1)
    role_evaluator: float = Field(default=0.6, ge=0, le=1)
    role_user: float = Field(default=0.3, ge=0, le=1)

    delegated_role: float = Field(
        default=0.8, ge=0, le=1, description="Share of the delegator's role value a real delegation passes on."
    )
    nominal_formal: float = Field(
        default=0.5, ge=0, le=1, description="Factor on the formal position and authority of a nominal delegate (D6)."
    )

    # -- network measure --
    damping: float = Field(default=0.85, gt=0, lt=1, description="PageRank damping factor.")
    reporting_link: float = Field(
        default=0.3, ge=0, le=1, description="Weight of a reporting line in the network measure."
    )
    dotted_link: float = Field(default=0.15, ge=0, le=1, description="Weight of a dotted line in the network measure.")

    # -- thresholds --
    high_influence_share: float = Field(
        default=0.34, gt=0, le=1, description="The top share of people (at least three) counted as high influence."
    )
    high_influence_floor: float = Field(
        default=0.45, ge=0, le=1, description="Least score a top-ranked person needs to count as high influence."
    )
    high_influence_score: float = Field(
        default=0.65, ge=0, le=1, description="A score from which influence counts as high, whatever the rank."
    )
    champion_min_influence: float = Field(default=0.5, ge=0, le=1, description="Least influence score of a champion.")
    stale_days: int = Field(default=30, ge=1, description="Days without contact after which a key person is stale.")
    single_thread_share: float = Field(
        default=0.8,
        gt=0,
        le=1,
        description="Share of our support influence held by one person that counts as single-threaded.",
    )

    @model_validator(mode="after")
    def _some_weight(self) -> Weights:
        if sum(getattr(self, name) for name in COMPONENTS) <= 0:
            raise ValueError("at least one influence component needs a weight above 0")
        return self

    def normalised(self) -> dict[str, float]:
        """The component weights scaled to sum to 1."""
        total = sum(getattr(self, name) for name in COMPONENTS)
        return {name: getattr(self, name) / total for name in COMPONENTS}


def as_weights(weights: Weights | Mapping[str, Any] | None) -> Weights:
    """Accept a :class:`Weights`, a mapping of overrides, or ``None`` for the defaults."""
    if weights is None:
        return Weights()
    if isinstance(weights, Weights):
        return weights
    try:
        return Weights(**dict(weights))
    except ValidationError as err:
        problems = []
        for error in err.errors(include_url=False):
            name = ".".join(str(part) for part in error["loc"]) or "weights"
            if error["type"] == "extra_forbidden":
                close = difflib.get_close_matches(name, list(Weights.model_fields), n=1)
                hint = f"did you mean {close[0]!r}?" if close else "expected one of: " + ", ".join(Weights.model_fields)
                message = f"unknown weight {name!r} ({hint})"
            else:
                message = f"{error['msg']} (got {error.get('input')!r})"
            problems.append(Problem(f"weights.{name}", message, value=error.get("input"), code=error["type"]))
        raise MapError(problems, subject="the weights") from None
    except TypeError as err:
        raise MapError([Problem("weights", str(err))], subject="the weights") from None
