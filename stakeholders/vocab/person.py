"""What the map records about one customer person: role, layer, stance, DISC type, insider, levels, confidence.

(domain.md D2-D4, D7.) Each member is ``NAME = (id, Text(en, zh, zh_hant), (alias, ...))``;
see :mod:`stakeholders.vocab.base`.
"""

from __future__ import annotations

from ..text import Text
from .base import Vocabulary, _named

__all__ = ["Confidence", "Disc", "Insider", "JudgedField", "Layer", "Level", "Role", "Stance"]


@_named("role", field="roles")
class Role(Vocabulary):
    """A person's role in the buying decision (D2). A person may hold several."""

    DECIDER = ("decider", Text("decider", "决策者", "決策者"), ("final decider", "决策人", "決策人", "d"))
    TECHNICAL_EVALUATOR = (
        "technical_evaluator",
        Text("technical evaluator", "技术评估者", "技術評估者"),
        ("technical influencer", "技术评估"),
    )
    COMMERCIAL_EVALUATOR = (
        "commercial_evaluator",
        Text("commercial evaluator", "商务评估者", "商務評估者"),
        ("commercial buyer", "commercial", "purchaser", "procurement", "商务评估", "采购"),
    )
    USER = ("user", Text("user", "使用者", "使用者"), ("user buyer", "end user", "用户"))


@_named("layer")
class Layer(Vocabulary):
    """The six kinds of customer (六类客户, D2): a coarser classification by layer."""

    DECISION = ("decision", Text("decision layer", "决策层", "決策層"), ("executive", "top management", "leadership"))
    DEPARTMENT_MANAGEMENT = (
        "department_management",
        Text("department management", "部门管理层", "部門管理層"),
        ("department", "middle management", "management"),
    )
    TECHNICAL_MANAGEMENT = (
        "technical_management",
        Text("technical management", "技术部门管理层", "技術部門管理層"),
        ("technical department", "engineering management"),
    )
    FINANCE_MANAGEMENT = (
        "finance_management",
        Text("finance management", "财务部门管理层", "財務部門管理層"),
        ("finance", "financial management"),
    )
    USER = ("user", Text("users", "使用者", "使用者"), ("user layer",))
    OPERATOR = ("operator", Text("operators", "操作者", "操作者"), ("operations", "operator layer"))


@_named("stance", field="stance")
class Stance(Vocabulary):
    """A person's stance toward us (立场, D3).

    Ordered ``mentor > supporter > neutral > opponent > enemy``; ``unknown`` is a
    real state outside that order and is never read as neutral: comparing it
    raises :class:`TypeError`, and its :attr:`score` is ``None``.
    """

    MENTOR = (
        "mentor",
        Text("mentor", "良师益友", "良師益友"),
        ("advocate", "strong supporter", "ally", "盟友", "铁杆"),
    )
    SUPPORTER = ("supporter", Text("supporter", "支持者", "支持者"), ("support", "supportive", "positive", "支持"))
    NEUTRAL = ("neutral", Text("neutral", "中立者", "中立者"), ("indifferent", "中立"))
    OPPONENT = (
        "opponent",
        Text("opponent", "反对者", "反對者"),
        ("nonsupporter", "against", "negative", "detractor", "反对"),
    )
    ENEMY = ("enemy", Text("enemy", "死敌", "死敵"), ("antisponsor", "anti sponsor", "blocker", "hostile", "敌人"))
    UNKNOWN = ("unknown", Text("unknown", "未知", "未知"), ("?", "tbd", "不详", "不清楚"))

    @property
    def score(self) -> int | None:
        """+2 (mentor) … -2 (enemy); ``None`` for unknown."""
        return _STANCE_SCORE[self]

    @property
    def known(self) -> bool:
        return self is not Stance.UNKNOWN

    @property
    def is_support(self) -> bool:
        """Supporter or better."""
        return (self.score or 0) > 0

    @property
    def is_against(self) -> bool:
        """Opponent or worse."""
        return (self.score or 0) < 0

    @classmethod
    def ordered(cls) -> tuple[Stance, ...]:
        """The known stances from best to worst."""
        return (cls.MENTOR, cls.SUPPORTER, cls.NEUTRAL, cls.OPPONENT, cls.ENEMY)

    def _cmp(self, other: object) -> tuple[int, int]:
        if not isinstance(other, Stance):
            raise TypeError(f"cannot compare a stance with {type(other).__name__}")
        a, b = self.score, other.score
        if a is None or b is None:
            raise TypeError("'unknown' stance is outside the order mentor > supporter > neutral > opponent > enemy")
        return a, b

    def __lt__(self, other: object) -> bool:
        a, b = self._cmp(other)
        return a < b

    def __le__(self, other: object) -> bool:
        a, b = self._cmp(other)
        return a <= b

    def __gt__(self, other: object) -> bool:
        a, b = self._cmp(other)
        return a > b

    def __ge__(self, other: object) -> bool:
        a, b = self._cmp(other)
        return a >= b

    __hash__ = str.__hash__


_STANCE_SCORE = {
    Stance.MENTOR: 2,
    Stance.SUPPORTER: 1,
    Stance.NEUTRAL: 0,
    Stance.OPPONENT: -1,
    Stance.ENEMY: -2,
    Stance.UNKNOWN: None,
}


@_named("DISC type")
class Disc(Vocabulary):
    """Personality type in the DISC model (性格分析模型, D4)."""

    DOMINANCE = ("dominance", Text("D (dominance)", "D型", "D型"), ("d", "dominant", "driver", "d type"))
    INFLUENCE = (
        "influence",
        Text("I (influence)", "I型", "I型"),
        ("i", "influencing", "influencer", "expressive", "i type"),
    )
    STEADINESS = ("steadiness", Text("S (steadiness)", "S型", "S型"), ("s", "steady", "amiable", "s type"))
    CONSCIENTIOUSNESS = (
        "conscientiousness",
        Text("C (conscientiousness)", "C型", "C型"),
        ("c", "conscientious", "compliance", "analytical", "c type"),
    )

    @property
    def letter(self) -> str:
        return str(self.value)[0].upper()

    def _schema_spellings(self) -> tuple[str, ...]:
        return (self.letter,)

    @property
    def approach(self) -> str:
        """How to talk to this type (D4), in English."""
        return _DISC_APPROACH[self].en

    @property
    def approach_text(self) -> Text:
        """How to talk to this type (D4), in every language."""
        return _DISC_APPROACH[self]

    def approach_label(self, lang: str = "en") -> str:
        return _DISC_APPROACH[self].pick(lang)


_DISC_APPROACH: dict[Disc, Text] = {
    Disc.DOMINANCE: Text(
        "give a short decision summary; let them decide",
        "给出简短的决策摘要，让对方拍板",
        "給出簡短的決策摘要，讓對方拍板",
    ),
    Disc.INFLUENCE: Text(
        "build the relationship; involve them personally",
        "经营关系，让对方参与其中",
        "經營關係，讓對方參與其中",
    ),
    Disc.STEADINESS: Text(
        "reassure; show low risk and references",
        "给予安心，强调低风险和成功案例",
        "給予安心，強調低風險和成功案例",
    ),
    Disc.CONSCIENTIOUSNESS: Text(
        "bring data, specifications and proof", "拿出数据、参数和证据", "拿出數據、參數和證據"
    ),
}


@_named("insider kind", field="insider")
class Insider(Vocabulary):
    """An insider who helps us (D7): a coach guides, an informant passes information."""

    COACH = ("coach", Text("coach", "教练", "教練"), ("guide", "sponsor", "内线教练"))
    INFORMANT = ("informant", Text("informant", "线人", "線人"), ("source", "spy", "眼线", "信息员"))


@_named("level")
class Level(Vocabulary):
    """A recorded level (formal authority, influence): low, medium, high. Ordered."""

    LOW = ("low", Text("low", "低", "低"), ("l", "weak", "弱", "小"))
    MEDIUM = ("medium", Text("medium", "中", "中"), ("m", "mid", "moderate", "middle", "中等", "一般"))
    HIGH = ("high", Text("high", "高", "高"), ("h", "strong", "强", "強", "大"))

    @property
    def fraction(self) -> float:
        """The level on a 0..1 scale (low 1/3, medium 2/3, high 1)."""
        return {Level.LOW: 1 / 3, Level.MEDIUM: 2 / 3, Level.HIGH: 1.0}[self]


@_named("confidence")
class Confidence(Vocabulary):
    """How sure the analyst is of a judgement: a guess must be told from a fact."""

    CONFIRMED = (
        "confirmed",
        Text("confirmed", "已确认", "已確認"),
        ("fact", "certain", "verified", "sure", "确认", "事实"),
    )
    LIKELY = ("likely", Text("likely", "较可能", "較可能"), ("probable", "probably", "fairly sure", "可能"))
    GUESS = ("guess", Text("guess", "猜测", "猜測"), ("assumed", "unverified", "hunch", "推测", "估计"))


@_named("judged field")
class JudgedField(Vocabulary):
    """The judgement-based fields of a person that may carry a confidence."""

    STANCE = ("stance", Text("stance", "立场", "立場"))
    ROLES = ("roles", Text("roles", "角色", "角色"), ("role",))
    DISC = ("disc", Text("DISC type", "性格", "性格"), ("personality",))
    INFLUENCE = ("influence", Text("influence", "影响力", "影響力"))
