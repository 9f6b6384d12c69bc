"""Other sales methods' words for our values: the one table of them (domain.md D2, D3, D7).

Each :class:`Term` is one word of one method (Miller Heiman, Altify, MEDDICC,
Webster & Wind, Salesforce, the Chinese decision chain) and what it means
here. The vocabularies accept the unambiguous terms as aliases (they read
them from :data:`TERMS`, see :func:`stakeholders.vocab.base._named`), and their
error messages explain the refused ones (:func:`refusal_hint`).
:mod:`stakeholders.crosswalk` interprets a word written in a contact list's
column and writes ``docs/crosswalk.md`` from the same table.

This module is the bottom of :mod:`stakeholders.vocab`: it imports none of the
vocabularies. :data:`FIELDS` is filled as they are defined.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .base import Vocabulary

__all__ = [
    "FIELDS",
    "FRAMEWORKS",
    "TERMS",
    "Framework",
    "Term",
    "frameworks_of",
    "lookup",
    "refusal_hint",
    "spelling_key",
]


def spelling_key(text: str) -> str:
    """The form in which input is compared: NFKC, case-folded, separators unified."""
    text = unicodedata.normalize("NFKC", text).strip().casefold()
    for sep in ("-", " ", "/", "."):
        text = text.replace(sep, "_")
    while "__" in text:
        text = text.replace("__", "_")
    return text


#: The fields of a person that the crosswalk maps onto, and their vocabularies
#: (``roles``: Role, ``stance``: Stance, ``insider``: Insider), in that order.
#: Each vocabulary enters itself here as it is defined (``@_named(..., field="roles")``).
FIELDS: dict[str, type[Vocabulary]] = {}


@dataclass(frozen=True)
class Framework:
    """A sales method or tool whose words the crosswalk maps."""

    id: str
    name: str
    what: str
    """What its list of words describes."""
    column: str
    """The field of ours its words are usually written in (a CRM's role column: ``roles``)."""


FRAMEWORKS: dict[str, Framework] = {
    f.id: f
    for f in (
        Framework("miller_heiman", "Miller Heiman", "buying influences (Strategic Selling)", "roles"),
        Framework("altify", "Altify", "support scale", "stance"),
        Framework("meddicc", "MEDDICC", "the people in the method", "roles"),
        Framework("webster_wind", "Webster & Wind", "buying-centre roles", "roles"),
        Framework("salesforce", "Salesforce", "OpportunityContactRole standard Role values", "roles"),
        Framework("zh_decision_chain", "决策链 (Chinese decision chain)", "decision-chain roles", "roles"),
    )
}


@dataclass(frozen=True)
class Term:
    """One word of one framework and what it means here.

    ``field`` and ``value`` are ``None`` for a refused (ambiguous) term;
    ``note`` then says why and what to write instead.
    """

    framework: str
    term: str
    field: str | None
    value: str | None
    note: str = ""
    spellings: tuple[str, ...] = ()
    """Other spellings accepted for the same word (plural, Chinese translation)."""

    @property
    def refused(self) -> bool:
        return self.field is None

    def member(self) -> Vocabulary | None:
        """The vocabulary member the term means, or ``None`` when refused."""
        if self.field is None or self.value is None:
            return None
        return FIELDS[self.field].parse(self.value)

    def written(self) -> str:
        """The term's meaning as it is written in a map, e.g. ``roles: decider``."""
        return "refused" if self.field is None else f"{self.field}: {self.value}"


_INFLUENCER = (
    "influence is not a decision role here: record how much with `influence: high` (or medium, low) and on whom"
    " with an influence line; give the person's decision role, if any, separately"
)
_GATEKEEPER = (
    "a gatekeeper controls the flow of information (an assistant, a clerk) but holds no decision role here: say so"
    " in `notes`; one who passes us information is an `insider: informant`; one who holds a technical veto is a"
    " technical_evaluator"
)
_EVALUATOR = "technical or commercial? write technical_evaluator or commercial_evaluator"
_INITIATOR = "who first raised the need is no decision role here: say so in `notes`; it is often a user"
_APPROVER = "one who signs off what others chose: write decider if they can stop the deal, otherwise say so in `notes`"

#: Every term of the crosswalk, framework by framework.
TERMS: tuple[Term, ...] = (
    # Miller Heiman: the four buying influences.
    Term(
        "miller_heiman",
        "Economic",
        "roles",
        "decider",
        "gives final approval, releases the money",
        (
            "Economic Buying Influence",
            "经济购买者",
        ),
    ),
    Term(
        "miller_heiman",
        "User",
        "roles",
        "user",
        "judges the impact on their own job",
        (
            "User Buying Influence",
            "用户购买者",
        ),
    ),
    Term(
        "miller_heiman",
        "Technical",
        "roles",
        "technical_evaluator",
        "screens the offer against specifications; those who screen price and terms are commercial_evaluator",
        ("Technical Buying Influence", "技术购买者"),
    ),
    Term("miller_heiman", "Coach", "insider", "coach", "guides us through the sale (D7)"),
    # Altify: the support scale.
    Term("altify", "Mentor", "stance", "mentor"),
    Term("altify", "Supporter", "stance", "supporter"),
    Term("altify", "Neutral", "stance", "neutral"),
    Term("altify", "Non-Supporter", "stance", "opponent"),
    Term("altify", "Enemy", "stance", "enemy"),
    # MEDDICC.
    Term("meddicc", "Economic Buyer", "roles", "decider"),
    Term(
        "meddicc",
        "Champion",
        "stance",
        "mentor",
        "a champion also has power: record `influence: high` when they do, and `insider: coach` when they guide us",
    ),
    # Webster & Wind's buying centre.
    Term("webster_wind", "Users", "roles", "user", "", ("User",)),
    Term("webster_wind", "Influencers", None, None, _INFLUENCER, ("Influencer",)),
    Term(
        "webster_wind",
        "Buyers",
        "roles",
        "commercial_evaluator",
        "formal authority over suppliers and terms",
        ("Buyer",),
    ),
    Term("webster_wind", "Deciders", "roles", "decider", "", ("Decider",)),
    Term("webster_wind", "Gatekeepers", None, None, _GATEKEEPER, ("Gatekeeper",)),
    Term("webster_wind", "Initiators", None, None, _INITIATOR, ("Initiator",)),
    Term("webster_wind", "Approvers", None, None, _APPROVER, ("Approver",)),
    # Salesforce OpportunityContactRole: the standard Role picklist.
    Term("salesforce", "Business User", "roles", "user"),
    Term("salesforce", "Decision Maker", "roles", "decider"),
    Term("salesforce", "Economic Buyer", "roles", "decider"),
    Term("salesforce", "Economic Decision Maker", "roles", "decider"),
    Term("salesforce", "Evaluator", None, None, _EVALUATOR),
    Term(
        "salesforce",
        "Executive Sponsor",
        None,
        None,
        "a senior backer of the project: write `roles: decider` if they make the final call, and their backing"
        " as a stance (mentor, supporter)",
    ),
    Term("salesforce", "Influencer", None, None, _INFLUENCER),
    Term("salesforce", "Technical Buyer", "roles", "technical_evaluator"),
    Term("salesforce", "Other", None, None, "no decision role: leave roles empty"),
    # The Chinese decision chain (决策链).
    Term("zh_decision_chain", "决策者", "roles", "decider", "", ("拍板人", "关键决策人", "最终决策者", "決策者")),
    Term("zh_decision_chain", "技术评估者", "roles", "technical_evaluator", "", ("技术把关者",)),
    Term("zh_decision_chain", "商务评估者", "roles", "commercial_evaluator", "", ("采购者", "购买者")),
    Term("zh_decision_chain", "使用者", "roles", "user", "", ("使用部门",)),
    Term("zh_decision_chain", "影响者", None, None, _INFLUENCER, ("影響者",)),
    Term("zh_decision_chain", "把关者", None, None, _GATEKEEPER, ("守门人", "把關者")),
    Term("zh_decision_chain", "发起者", None, None, _INITIATOR, ("發起者",)),
    Term("zh_decision_chain", "批准者", None, None, _APPROVER),
    Term("zh_decision_chain", "评估者", None, None, _EVALUATOR, ("評估者",)),
    Term("zh_decision_chain", "教练", "insider", "coach", "内线, an insider who guides us (D7)", ("内线", "教練")),
    Term("zh_decision_chain", "线人", "insider", "informant", "passes us information (D7)", ("線人",)),
)


def _spellings(term: Term) -> tuple[str, ...]:
    return (term.term, *term.spellings)


def lookup(text: str) -> list[Term]:
    """Every term of the crosswalk spelled ``text`` (case and separators ignored)."""
    key = spelling_key(text)
    return [t for t in TERMS if any(spelling_key(s) == key for s in _spellings(t))]


def frameworks_of(terms: list[Term]) -> str:
    """The names of the methods the terms come from, e.g. ``"Webster & Wind, Salesforce"``."""
    return ", ".join(dict.fromkeys(FRAMEWORKS[t.framework].name for t in terms))


def refusal_hint(vocabulary: type[Vocabulary], text: object) -> str | None:
    """Why ``text`` is not a value of ``vocabulary``, when the crosswalk knows the word; else ``None``.

    >>> from stakeholders.vocab import Role
    >>> print(refusal_hint(Role, "Champion"))
    'Champion' (MEDDICC) is not a role here but `stance: mentor`: write it there
    """
    if not isinstance(text, str):
        return None
    terms = lookup(text)
    if not terms:
        return None
    refused = [t for t in terms if t.refused]
    if refused:
        return f"{text.strip()!r} is refused ({frameworks_of(refused)}): {refused[0].note}"
    meanings = {(t.field, t.value) for t in terms}
    own = next((f for f, v in FIELDS.items() if v is vocabulary), None)
    elsewhere = sorted((f, v) for f, v in meanings if f != own and f is not None and v is not None)
    if len(meanings) == 1 and elsewhere:
        field, value = elsewhere[0]
        return (
            f"{text.strip()!r} ({frameworks_of(terms)}) is not a {vocabulary.kind_name()} here but"
            f" `{field}: {value}`: write it there"
        )
    return None
