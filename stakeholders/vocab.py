"""Controlled vocabularies of the domain (domain.md D2-D9, D12).

Every vocabulary is a ``str`` enum whose value is a stable lower snake_case
English id: that id is what files store and what other tools compare against.
Each member also carries labels in English, Simplified and Traditional Chinese
and a set of aliases, so that input written by hand (``stance: 支持者``,
``role: 决策者``, ``disc: D型``, ``stance: Champion``) is accepted,
case-insensitively, and always written back as the canonical id.

>>> Stance.parse("支持者")
<Stance.SUPPORTER: 'supporter'>
>>> Stance.MENTOR > Stance.NEUTRAL
True
>>> Disc.parse("D型").letter
'D'
"""

from __future__ import annotations

import unicodedata
from enum import Enum
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema
from typing_extensions import Self

from .text import LANGUAGES, normalise_language

__all__ = [
    "LANGUAGES",
    "CompetitorPosition",
    "Confidence",
    "DelegationType",
    "Disc",
    "Insider",
    "InterestType",
    "Layer",
    "Level",
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


def _key(text: str) -> str:
    """The form in which input is compared: NFKC, case-folded, separators unified."""
    text = unicodedata.normalize("NFKC", text).strip().casefold()
    for sep in ("-", " ", "/", "."):
        text = text.replace(sep, "_")
    while "__" in text:
        text = text.replace("__", "_")
    return text


def _named(kind: str) -> Any:
    """Class decorator: the vocabulary's name in messages ("stance", "role", ...)."""

    def decorate(cls: type[Vocabulary]) -> type[Vocabulary]:
        type.__setattr__(cls, "_kind_name", kind)
        return cls

    return decorate


class Vocabulary(str, Enum):
    """Base of all vocabularies: a canonical id plus labels and aliases.

    Members are declared as ``NAME = (id, english, simplified, traditional, *aliases)``.
    """

    _en: str
    _zh: str
    _zh_hant: str
    _aliases: tuple[str, ...]

    def __new__(cls, value: str, en: str = "", zh: str = "", zh_hant: str = "", *aliases: str) -> Self:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj._en = en or value.replace("_", " ")
        obj._zh = zh or obj._en
        obj._zh_hant = zh_hant or obj._zh
        obj._aliases = aliases
        return obj

    @classmethod
    def kind_name(cls) -> str:
        """The vocabulary's name as used in messages, e.g. ``"stance"``."""
        return str(getattr(cls, "_kind_name", cls.__name__.lower()))

    def __str__(self) -> str:
        return str(self.value)

    def label(self, lang: str = "en") -> str:
        """The label of this value in ``lang`` (``en``, ``zh`` or ``zh_hant``)."""
        lang = normalise_language(lang)
        return {"en": self._en, "zh": self._zh, "zh_hant": self._zh_hant}[lang]

    @classmethod
    def _lookup(cls) -> dict[str, Self]:
        table: dict[str, Self] | None = cls.__dict__.get("_lookup_table")
        if table is None:
            table = {}
            for member in cls:
                for spelling in (member.value, member.name, member._en, member._zh, member._zh_hant, *member._aliases):
                    table.setdefault(_key(spelling), member)
            type.__setattr__(cls, "_lookup_table", table)
        return table

    @classmethod
    def parse(cls, value: Any) -> Self:
        """Return the member for an id, a label (any language) or an alias.

        Raises :class:`ValueError` naming the valid ids when nothing matches.
        """
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            found = cls._lookup().get(_key(value))
            if found is not None:
                return found
        raise ValueError(cls.unknown_message(value))

    @classmethod
    def unknown_message(cls, value: Any) -> str:
        valid = ", ".join(m.value for m in cls)
        examples = ", ".join(m._zh for m in list(cls)[:2])
        message = (
            f"unknown {cls.kind_name()} {value!r} "
            f"(expected one of: {valid}; Chinese labels such as {examples} are accepted too)"
        )
        # Words of other sales methods (Influencer, Gatekeeper, Champion as a role, ...): say why they are refused.
        from .crosswalk import refusal_hint

        hint = refusal_hint(cls, value)
        return f"{message} — {hint}" if hint else message

    @classmethod
    def _coerce(cls, value: Any) -> Any:
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            found = cls._lookup().get(_key(value))
            if found is not None:
                return found
        raise PydanticCustomError(
            "unknown_vocabulary",
            "{message}",
            {"message": cls.unknown_message(value), "vocabulary": cls.kind_name()},
        )

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_before_validator_function(cls._coerce, handler(source))

    @classmethod
    def _schema_spellings(cls, member: Self) -> tuple[str, ...]:
        """Further spellings the JSON Schema lists (besides the id and Chinese labels)."""
        return ()

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        accepted: list[str] = [m.value for m in cls]
        for m in cls:
            for extra in (m._zh, m._zh_hant, *cls._schema_spellings(m)):
                if extra not in accepted:
                    accepted.append(extra)
        return {
            "type": "string",
            "enum": accepted,
            "title": cls.__name__,
            "description": (
                f"A {cls.kind_name()}: one of the ids "
                + ", ".join(m.value for m in cls)
                + ", or its Chinese label. Files written by the library always hold the id."
            ),
        }


@_named("role")
class Role(Vocabulary):
    """A person's role in the buying decision (D2). A person may hold several."""

    DECIDER = (
        "decider",
        "decider",
        "决策者",
        "決策者",
        "economic buyer",
        "economic decision maker",
        "decision maker",
        "final decider",
        "拍板人",
        "决策人",
        "決策人",
        "d",
        "economic",
        "economic buying influence",
        "deciders",
        "关键决策人",
        "最终决策者",
        "经济购买者",
    )
    TECHNICAL_EVALUATOR = (
        "technical_evaluator",
        "technical evaluator",
        "技术评估者",
        "技術評估者",
        "technical buyer",
        "technical",
        "technical influencer",
        "技术评估",
        "技术把关者",
        "technical buying influence",
        "技术购买者",
    )
    COMMERCIAL_EVALUATOR = (
        "commercial_evaluator",
        "commercial evaluator",
        "商务评估者",
        "商務評估者",
        "commercial buyer",
        "commercial",
        "buyer",
        "purchaser",
        "procurement",
        "商务评估",
        "采购",
        "buyers",
        "采购者",
        "购买者",
    )
    USER = (
        "user",
        "user",
        "使用者",
        "使用者",
        "user buyer",
        "end user",
        "business user",
        "用户",
        "使用部门",
        "users",
        "user buying influence",
        "用户购买者",
    )


@_named("layer")
class Layer(Vocabulary):
    """The six kinds of customer (六类客户, D2): a coarser classification by layer."""

    DECISION = ("decision", "decision layer", "决策层", "決策層", "executive", "top management", "leadership")
    DEPARTMENT_MANAGEMENT = (
        "department_management",
        "department management",
        "部门管理层",
        "部門管理層",
        "department",
        "middle management",
        "management",
    )
    TECHNICAL_MANAGEMENT = (
        "technical_management",
        "technical management",
        "技术部门管理层",
        "技術部門管理層",
        "technical department",
        "engineering management",
    )
    FINANCE_MANAGEMENT = (
        "finance_management",
        "finance management",
        "财务部门管理层",
        "財務部門管理層",
        "finance",
        "financial management",
    )
    USER = ("user", "users", "使用者", "使用者", "user layer")
    OPERATOR = ("operator", "operators", "操作者", "操作者", "operations", "operator layer")


@_named("stance")
class Stance(Vocabulary):
    """A person's stance toward us (立场, D3).

    Ordered ``mentor > supporter > neutral > opponent > enemy``; ``unknown`` is a
    real state outside that order and is never read as neutral: comparing it
    raises :class:`TypeError`, and its :attr:`score` is ``None``.
    """

    MENTOR = (
        "mentor",
        "mentor",
        "良师益友",
        "良師益友",
        "champion",
        "advocate",
        "strong supporter",
        "ally",
        "盟友",
        "铁杆",
    )
    SUPPORTER = ("supporter", "supporter", "支持者", "支持者", "support", "supportive", "positive", "支持")
    NEUTRAL = ("neutral", "neutral", "中立者", "中立者", "indifferent", "中立")
    OPPONENT = (
        "opponent",
        "opponent",
        "反对者",
        "反對者",
        "non supporter",
        "nonsupporter",
        "against",
        "negative",
        "detractor",
        "反对",
    )
    ENEMY = ("enemy", "enemy", "死敌", "死敵", "antisponsor", "anti sponsor", "blocker", "hostile", "敌人")
    UNKNOWN = ("unknown", "unknown", "未知", "未知", "?", "tbd", "不详", "不清楚")

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

    DOMINANCE = ("dominance", "D (dominance)", "D型", "D型", "d", "dominant", "driver", "d type")
    INFLUENCE = ("influence", "I (influence)", "I型", "I型", "i", "influencing", "influencer", "expressive", "i type")
    STEADINESS = ("steadiness", "S (steadiness)", "S型", "S型", "s", "steady", "amiable", "s type")
    CONSCIENTIOUSNESS = (
        "conscientiousness",
        "C (conscientiousness)",
        "C型",
        "C型",
        "c",
        "conscientious",
        "compliance",
        "analytical",
        "c type",
    )

    @property
    def letter(self) -> str:
        return str(self.value)[0].upper()

    @classmethod
    def _schema_spellings(cls, member: Disc) -> tuple[str, ...]:
        return (member.letter,)

    @property
    def approach(self) -> str:
        """How to talk to this type (D4), in English."""
        return _DISC_APPROACH[self][0]

    def approach_label(self, lang: str = "en") -> str:
        en, zh, zh_hant = _DISC_APPROACH[self]
        return {"en": en, "zh": zh, "zh_hant": zh_hant}[normalise_language(lang)]


_DISC_APPROACH = {
    Disc.DOMINANCE: (
        "give a short decision summary; let them decide",
        "给出简短的决策摘要，让对方拍板",
        "給出簡短的決策摘要，讓對方拍板",
    ),
    Disc.INFLUENCE: (
        "build the relationship; involve them personally",
        "经营关系，让对方参与其中",
        "經營關係，讓對方參與其中",
    ),
    Disc.STEADINESS: (
        "reassure; show low risk and references",
        "给予安心，强调低风险和成功案例",
        "給予安心，強調低風險和成功案例",
    ),
    Disc.CONSCIENTIOUSNESS: ("bring data, specifications and proof", "拿出数据、参数和证据", "拿出數據、參數和證據"),
}


@_named("relationship stage")
class RelationshipStage(Vocabulary):
    """The stage of a relationship between one of us and a customer person (D5). Ordered."""

    STRANGER = ("stranger", "stranger", "社会人", "社會人", "none", "unknown to us", "陌生人")
    ACQUAINTANCE = ("acquaintance", "acquaintance", "熟人", "熟人", "known", "contact")
    FRIEND = ("friend", "friend", "朋友", "朋友", "trusted")
    CLOSE_FRIEND = ("close_friend", "close friend", "挚友", "摯友", "best friend", "intimate")

    @property
    def level(self) -> int:
        return list(RelationshipStage).index(self)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, RelationshipStage):
            return NotImplemented
        return self.level < other.level

    def __le__(self, other: object) -> bool:
        if not isinstance(other, RelationshipStage):
            return NotImplemented
        return self.level <= other.level

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, RelationshipStage):
            return NotImplemented
        return self.level > other.level

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, RelationshipStage):
            return NotImplemented
        return self.level >= other.level

    __hash__ = str.__hash__


@_named("interest type")
class InterestType(Vocabulary):
    """Relationship type from whether we meet personal and organisational interest (D5). Derived."""

    OUTSIDER = ("outsider", "outsider", "局外人", "局外人")
    FRIEND = ("friend", "friend", "朋友", "朋友")
    SUPPLIER = ("supplier", "supplier", "供应商", "供應商")
    PARTNER = ("partner", "partner", "合作伙伴", "合作夥伴")

    @classmethod
    def from_interests(cls, personal: bool, organisational: bool) -> InterestType:
        if personal and organisational:
            return cls.PARTNER
        if personal:
            return cls.FRIEND
        if organisational:
            return cls.SUPPLIER
        return cls.OUTSIDER


@_named("insider kind")
class Insider(Vocabulary):
    """An insider who helps us (D7): a coach guides, an informant passes information."""

    COACH = ("coach", "coach", "教练", "教練", "guide", "sponsor", "内线", "内线教练")
    INFORMANT = ("informant", "informant", "线人", "線人", "source", "spy", "眼线", "信息员")


@_named("level")
class Level(Vocabulary):
    """A recorded level (formal authority, influence): low, medium, high. Ordered."""

    LOW = ("low", "low", "低", "低", "l", "weak", "弱", "小")
    MEDIUM = ("medium", "medium", "中", "中", "m", "mid", "moderate", "middle", "中等", "一般")
    HIGH = ("high", "high", "高", "高", "h", "strong", "强", "強", "大")

    @property
    def fraction(self) -> float:
        """The level on a 0..1 scale (low 1/3, medium 2/3, high 1)."""
        return {Level.LOW: 1 / 3, Level.MEDIUM: 2 / 3, Level.HIGH: 1.0}[self]


@_named("confidence")
class Confidence(Vocabulary):
    """How sure the analyst is of a judgement: a guess must be told from a fact."""

    CONFIRMED = ("confirmed", "confirmed", "已确认", "已確認", "fact", "certain", "verified", "sure", "确认", "事实")
    LIKELY = ("likely", "likely", "较可能", "較可能", "probable", "probably", "fairly sure", "可能")
    GUESS = ("guess", "guess", "猜测", "猜測", "assumed", "unverified", "hunch", "推测", "估计")


@_named("delegation type")
class DelegationType(Vocabulary):
    """Whether a delegation of authority is real or nominal (真授权和假授权, D6)."""

    REAL = ("real", "real", "真授权", "真授權", "genuine", "actual", "真")
    NOMINAL = ("nominal", "nominal", "假授权", "假授權", "fake", "on paper", "formal only", "假")


@_named("unit kind")
class UnitKind(Vocabulary):
    """A unit of the customer: a department or a related institution (关联机构, D1)."""

    DEPARTMENT = ("department", "department", "部门", "部門", "dept", "division", "team")
    RELATED_INSTITUTION = (
        "related_institution",
        "related institution",
        "关联机构",
        "關聯機構",
        "institution",
        "related",
        "external",
        "parent company",
        "design institute",
        "上级单位",
        "设计院",
    )


@_named("team role")
class TeamRole(Vocabulary):
    """The role of a member of our own team."""

    SELLER = ("seller", "seller", "销售", "銷售", "sales", "account manager", "salesperson", "客户经理")
    PRESALES = (
        "presales",
        "presales engineer",
        "售前工程师",
        "售前工程師",
        "solution engineer",
        "sales engineer",
        "售前",
    )
    MANAGER = ("manager", "sales manager", "销售经理", "銷售經理", "regional manager", "经理")
    EXECUTIVE = ("executive", "executive", "高管", "高管", "ceo", "vp", "director", "总经理", "高层")
    PARTNER = ("partner", "partner", "合作伙伴", "合作夥伴", "channel partner", "distributor", "代理商")


@_named("milestone")
class Milestone(Vocabulary):
    """The sales milestones of the manual (D9), in order."""

    CUSTOMER_PLANNING = (
        "customer_planning",
        "industry and customer planning",
        "行业与客户规划",
        "行業與客戶規劃",
        "planning",
    )
    VISIT = (
        "visit",
        "phone appointment and visit",
        "电话预约与上门拜访",
        "電話預約與上門拜訪",
        "first visit",
        "appointment",
    )
    INITIATION = ("initiation", "project initiation", "项目立项", "專案立項", "立项", "qualification")
    DEEP_CONTACT = ("deep_contact", "deep contact", "深度接触", "深度接觸", "深入接触")
    TECHNICAL_BREAKTHROUGH = ("technical_breakthrough", "technical breakthrough", "技术突破", "技術突破")
    COMMERCIAL_BREAKTHROUGH = ("commercial_breakthrough", "commercial breakthrough", "商务突破", "商務突破")
    BIDDING = ("bidding", "on-site bidding", "现场投标", "現場投標", "tender", "bid", "投标")
    CONTRACT = ("contract", "contract", "签约", "簽約", "closed", "signing", "合同")

    @property
    def number(self) -> int:
        """1-based position of the milestone in the sales process."""
        return list(Milestone).index(self) + 1


@_named("ownership")
class Ownership(Vocabulary):
    """The customer's kind of ownership, which changes who really decides (D6)."""

    STATE_OWNED = ("state_owned", "state-owned enterprise", "国有企业", "國有企業", "soe", "国企", "state")
    PRIVATE = ("private", "private enterprise", "私营企业", "私營企業", "民营企业", "民企", "private company")
    PUBLIC_INSTITUTION = (
        "public_institution",
        "public institution",
        "事业单位",
        "事業單位",
        "university",
        "academy",
        "school",
        "hospital",
        "government",
        "政府",
    )
    FOREIGN = ("foreign", "foreign-invested enterprise", "外资企业", "外資企業", "外企", "multinational")
    LISTED = ("listed", "listed company", "上市公司", "上市公司", "public company")
    OTHER = ("other", "other", "其他", "其他")


@_named("competitor position")
class CompetitorPosition(Vocabulary):
    """How a competitor stands against us (D12)."""

    LEADER = ("leader", "market leader", "领导者", "領導者", "领先者")
    EQUAL = ("equal", "equal", "势均力敌者", "勢均力敵者", "peer", "challenger", "同等")
    FOLLOWER = ("follower", "follower", "跟随者", "跟隨者")
    INDIRECT = ("indirect", "indirect competitor", "间接竞争者", "間接競爭者")
    SUBSTITUTE = ("substitute", "substitute", "替代品竞争者", "替代品競爭者", "alternative", "替代")
    BUDGET = ("budget", "budget competitor", "预算竞争者", "預算競爭者", "do nothing", "status quo")
