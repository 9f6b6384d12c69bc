"""The vocabularies of the rest of the map: relationships, lines, units, our team, the deal and its competitors.

(domain.md D1, D5, D6, D9, D12.) Each member is ``NAME = (id, Text(en, zh, zh_hant), (alias, ...))``;
see :mod:`stakeholders.vocab.base`.
"""

from __future__ import annotations

from ..text import Text
from .base import Vocabulary, _named

__all__ = [
    "ChecklistItem",
    "CompetitorPosition",
    "DelegationType",
    "InterestType",
    "LineKind",
    "Milestone",
    "Ownership",
    "RelationshipStage",
    "TeamRole",
    "UnitKind",
]


@_named("relationship stage")
class RelationshipStage(Vocabulary):
    """The stage of a relationship between one of us and a customer person (D5). Ordered."""

    STRANGER = ("stranger", Text("stranger", "社会人", "社會人"), ("none", "unknown to us", "陌生人"))
    ACQUAINTANCE = ("acquaintance", Text("acquaintance", "熟人", "熟人"), ("known", "contact"))
    FRIEND = ("friend", Text("friend", "朋友", "朋友"), ("trusted",))
    CLOSE_FRIEND = ("close_friend", Text("close friend", "挚友", "摯友"), ("best friend", "intimate"))

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

    OUTSIDER = ("outsider", Text("outsider", "局外人", "局外人"))
    FRIEND = ("friend", Text("friend", "朋友", "朋友"))
    SUPPLIER = ("supplier", Text("supplier", "供应商", "供應商"))
    PARTNER = ("partner", Text("partner", "合作伙伴", "合作夥伴"))

    @classmethod
    def from_interests(cls, personal: bool, organisational: bool) -> InterestType:
        if personal and organisational:
            return cls.PARTNER
        if personal:
            return cls.FRIEND
        if organisational:
            return cls.SUPPLIER
        return cls.OUTSIDER


@_named("delegation type")
class DelegationType(Vocabulary):
    """Whether a delegation of authority is real or nominal (真授权和假授权, D6)."""

    REAL = ("real", Text("real", "真授权", "真授權"), ("genuine", "actual", "真"))
    NOMINAL = ("nominal", Text("nominal", "假授权", "假授權"), ("fake", "on paper", "formal only", "假"))


@_named("unit kind")
class UnitKind(Vocabulary):
    """A unit of the customer: a department or a related institution (关联机构, D1)."""

    DEPARTMENT = ("department", Text("department", "部门", "部門"), ("dept", "division", "team"))
    RELATED_INSTITUTION = (
        "related_institution",
        Text("related institution", "关联机构", "關聯機構"),
        ("institution", "related", "external", "parent company", "design institute", "上级单位", "设计院"),
    )


@_named("team role")
class TeamRole(Vocabulary):
    """The role of a member of our own team."""

    SELLER = ("seller", Text("seller", "销售", "銷售"), ("sales", "account manager", "salesperson", "客户经理"))
    PRESALES = (
        "presales",
        Text("presales engineer", "售前工程师", "售前工程師"),
        ("solution engineer", "sales engineer", "售前"),
    )
    MANAGER = ("manager", Text("sales manager", "销售经理", "銷售經理"), ("regional manager", "经理"))
    EXECUTIVE = ("executive", Text("executive", "高管", "高管"), ("ceo", "vp", "director", "总经理", "高层"))
    PARTNER = ("partner", Text("partner", "合作伙伴", "合作夥伴"), ("channel partner", "distributor", "代理商"))


@_named("milestone")
class Milestone(Vocabulary):
    """The sales milestones of the manual (D9), in order."""

    CUSTOMER_PLANNING = (
        "customer_planning",
        Text("industry and customer planning", "行业与客户规划", "行業與客戶規劃"),
        ("planning",),
    )
    VISIT = (
        "visit",
        Text("phone appointment and visit", "电话预约与上门拜访", "電話預約與上門拜訪"),
        ("first visit", "appointment"),
    )
    INITIATION = ("initiation", Text("project initiation", "项目立项", "專案立項"), ("立项", "qualification"))
    DEEP_CONTACT = ("deep_contact", Text("deep contact", "深度接触", "深度接觸"), ("深入接触",))
    TECHNICAL_BREAKTHROUGH = ("technical_breakthrough", Text("technical breakthrough", "技术突破", "技術突破"))
    COMMERCIAL_BREAKTHROUGH = ("commercial_breakthrough", Text("commercial breakthrough", "商务突破", "商務突破"))
    BIDDING = ("bidding", Text("on-site bidding", "现场投标", "現場投標"), ("tender", "bid", "投标"))
    CONTRACT = ("contract", Text("contract", "签约", "簽約"), ("closed", "signing", "合同"))

    @property
    def number(self) -> int:
        """1-based position of the milestone in the sales process."""
        return list(Milestone).index(self) + 1


@_named("ownership")
class Ownership(Vocabulary):
    """The customer's kind of ownership, which changes who really decides (D6)."""

    STATE_OWNED = ("state_owned", Text("state-owned enterprise", "国有企业", "國有企業"), ("soe", "国企", "state"))
    PRIVATE = ("private", Text("private enterprise", "私营企业", "私營企業"), ("民营企业", "民企", "private company"))
    PUBLIC_INSTITUTION = (
        "public_institution",
        Text("public institution", "事业单位", "事業單位"),
        ("university", "academy", "school", "hospital", "government", "政府"),
    )
    FOREIGN = ("foreign", Text("foreign-invested enterprise", "外资企业", "外資企業"), ("外企", "multinational"))
    LISTED = ("listed", Text("listed company", "上市公司", "上市公司"), ("public company",))
    OTHER = ("other", Text("other", "其他", "其他"))


@_named("competitor position")
class CompetitorPosition(Vocabulary):
    """How a competitor stands against us (D12)."""

    LEADER = ("leader", Text("market leader", "领导者", "領導者"), ("领先者",))
    EQUAL = ("equal", Text("equal", "势均力敌者", "勢均力敵者"), ("peer", "challenger", "同等"))
    FOLLOWER = ("follower", Text("follower", "跟随者", "跟隨者"))
    INDIRECT = ("indirect", Text("indirect competitor", "间接竞争者", "間接競爭者"))
    SUBSTITUTE = ("substitute", Text("substitute", "替代品竞争者", "替代品競爭者"), ("alternative", "替代"))
    BUDGET = ("budget", Text("budget competitor", "预算竞争者", "預算競爭者"), ("do nothing", "status quo"))


@_named("line kind")
class LineKind(Vocabulary):
    """Kinds of line between two people. ``reports_to`` and ``dotted_line`` are
    written on the person; the others in the group's ``lines``."""

    REPORTS_TO = ("reports_to", Text("reports to", "汇报", "匯報"), ("line manager", "solid line", "上级"))
    DOTTED_LINE = ("dotted_line", Text("dotted line", "虚线汇报", "虛線匯報"), ("dotted", "matrix"))
    INFLUENCE = ("influence", Text("influence", "影响", "影響"), ("influences", "informal influence"))
    DELEGATION = ("delegation", Text("delegation", "授权", "授權"), ("delegates", "authorisation", "authorization"))
    INTRODUCTION = ("introduction", Text("introduction", "引荐", "引薦"), ("introduces", "can introduce", "介绍"))


@_named("checklist item")
class ChecklistItem(Vocabulary):
    """Facts of a deal the map cannot derive, recorded by the analyst for milestone readiness (D9)."""

    PROCUREMENT_PROCESS_KNOWN = (
        "procurement_process_known",
        Text("procurement process known", "已了解采购流程", "已了解採購流程"),
    )
    SPECS_IN_TENDER = (
        "specs_in_tender",
        Text("our specs written into the tender", "技术参数已写入标书", "技術參數已寫入標書"),
        ("specs written our way",),
    )
    TENDER_WRITER_KNOWN = ("tender_writer_known", Text("tender writer known", "已知标书撰写人", "已知標書撰寫人"))
    TENDER_REVIEWER_KNOWN = ("tender_reviewer_known", Text("tender reviewer known", "已知标书审核人", "已知標書審核人"))
