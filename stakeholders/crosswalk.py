"""The vocabulary crosswalk: other sales methods' words beside ours.

Sellers and CRMs describe a buying group in the words of the method they were
trained in. This module records, term by term, what each of those words means
in this library's vocabularies (domain.md D2, D3, D7):

- Miller Heiman (Strategic Selling): the buying influences *Economic*, *User*,
  *Technical* and *Coach*;
- Altify: the support scale *Mentor*, *Supporter*, *Neutral*, *Non-Supporter*,
  *Enemy*;
- MEDDICC: the *Economic Buyer* and the *Champion*;
- Webster & Wind's buying centre: *users*, *influencers*, *buyers*, *deciders*,
  *gatekeepers* (and the *initiators* and *approvers* later authors added);
- Salesforce: the standard ``OpportunityContactRole.Role`` values;
- the Chinese decision chain (决策链) as sales trainings teach it.

A term maps only where the mapping is unambiguous; those terms are accepted as
input (they are aliases in :mod:`stakeholders.vocab`, and a contact list may
use them). Ambiguous terms are *refused*: the error message says why and what
to write instead. ``docs/crosswalk.md`` is generated from :data:`TERMS` by
:func:`crosswalk_markdown` (see :data:`REGENERATE`).

>>> interpret("roles", "Economic Buyer")
('roles', <Role.DECIDER: 'decider'>)
>>> interpret("roles", "Coach")
('insider', <Insider.COACH: 'coach'>)
>>> interpret("roles", "Influencer")
Traceback (most recent call last):
...
stakeholders.crosswalk.RefusedTerm: 'Influencer' is refused (Webster & Wind, Salesforce): ...
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import StakeholdersError
from .vocab import Insider, Role, Stance, Vocabulary, _key

__all__ = [
    "FIELDS",
    "FRAMEWORKS",
    "REGENERATE",
    "TERMS",
    "Framework",
    "RefusedTerm",
    "Term",
    "crosswalk_markdown",
    "interpret",
    "lookup",
    "refusal_hint",
]

#: The fields of a person that the crosswalk maps onto, and their vocabularies.
FIELDS: dict[str, type[Vocabulary]] = {"roles": Role, "stance": Stance, "insider": Insider}


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


class RefusedTerm(StakeholdersError, ValueError):
    """A word that other methods use but that has no unambiguous meaning here."""


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
    key = _key(text)
    return [t for t in TERMS if any(_key(s) == key for s in _spellings(t))]


def _frameworks(terms: list[Term]) -> str:
    return ", ".join(dict.fromkeys(FRAMEWORKS[t.framework].name for t in terms))


def refusal_hint(vocabulary: type[Vocabulary], text: object) -> str | None:
    """Why ``text`` is not a value of ``vocabulary``, when the crosswalk knows the word; else ``None``.

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
        return f"{text.strip()!r} is refused ({_frameworks(refused)}): {refused[0].note}"
    meanings = {(t.field, t.value) for t in terms}
    own = next((f for f, v in FIELDS.items() if v is vocabulary), None)
    elsewhere = sorted((f, v) for f, v in meanings if f != own and f is not None and v is not None)
    if len(meanings) == 1 and elsewhere:
        field, value = elsewhere[0]
        return (
            f"{text.strip()!r} ({_frameworks(terms)}) is not a {vocabulary.kind_name()} here but"
            f" `{field}: {value}`: write it there"
        )
    return None


def interpret(field: str, text: str) -> tuple[str, Vocabulary]:
    """What ``text``, written in the column of ``field``, means: ``(field, member)``.

    A value of the field's own vocabulary (any id, label or alias) comes first.
    Otherwise a crosswalk term that belongs to another field is moved there
    (Miller Heiman's *Coach* written among the roles is ``insider: coach``).
    A refused term raises :class:`RefusedTerm`; an unknown word raises
    :class:`ValueError` listing the valid ids.
    """
    vocabulary = FIELDS[field]
    try:
        return field, vocabulary.parse(text)
    except ValueError as err:
        unknown = err
    terms = lookup(text)
    refused = [t for t in terms if t.refused]
    if refused:
        raise RefusedTerm(f"{text.strip()!r} is refused ({_frameworks(refused)}): {refused[0].note}")
    mapped = [t for t in terms if t.field is not None]
    if len({(t.field, t.value) for t in mapped}) == 1:
        member = mapped[0].member()
        if mapped[0].field is not None and member is not None:
            return mapped[0].field, member
    raise ValueError(str(unknown)) from None


# ---------------------------------------------------------------------------
# The docs page
# ---------------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


#: The shell command that rewrites docs/crosswalk.md.
REGENERATE = (
    "python -c \"from stakeholders.crosswalk import crosswalk_markdown as m; print(m(), end='')\" > docs/crosswalk.md"
)


def crosswalk_markdown() -> str:
    """``docs/crosswalk.md``, generated from :data:`TERMS` so the page cannot drift from the code."""
    out = [
        f"<!-- Generated from stakeholders/crosswalk.py; do not edit. Regenerate with: {REGENERATE} -->",
        "",
        "# Vocabulary crosswalk",
        "",
        "Other sales methods and CRMs name the people of a buying group in their own words. This page puts them"
        " beside this library's roles (D2), stances (D3) and insiders (D7). A word that maps unambiguously is"
        " accepted as input, in a map file and in a contact list, and is always written back as our id. A word"
        " that could mean two things is **refused**: the error says why and what to write instead.",
        "",
        "## Our values beside each method",
        "",
    ]
    frameworks = list(FRAMEWORKS.values())
    header = ["ours", *(f.name for f in frameworks)]
    out.append("| " + " | ".join(header) + " |")
    out.append("|" + "---|" * len(header))
    for field, vocabulary in FIELDS.items():
        for member in vocabulary:
            if field == "stance" and member is Stance.UNKNOWN:
                continue
            cells = [f"`{field}: {member.value}` ({member.label('zh')})"]
            for f in frameworks:
                words = [t.term for t in TERMS if t.framework == f.id and t.field == field and t.value == member.value]
                cells.append(_cell(", ".join(words)) or "—")
            out.append("| " + " | ".join(cells) + " |")
    out += [
        "",
        "A word is accepted in any case, with spaces, hyphens or underscores, and in the other spellings listed"
        " below. Where a method's word belongs to another field than the column it is usually written in"
        " (MEDDICC's *Champion* is a stance, Miller Heiman's *Coach* an insider), a contact list that has it in"
        " its role column is read into the right field and the move is reported; a map file must write it in its"
        " own field.",
        "",
        "## Every term",
        "",
        "| method | term | other spellings | written here as | note |",
        "|---|---|---|---|---|",
    ]
    for t in TERMS:
        written = "**refused**" if t.refused else f"`{t.written()}`"
        spellings = ", ".join(t.spellings) or "—"
        out.append(
            f"| {FRAMEWORKS[t.framework].name} | {_cell(t.term)} | {_cell(spellings)} | {written} |"
            f" {_cell(t.note) or '—'} |"
        )
    out += [
        "",
        "## Refused terms",
        "",
        "These words are refused because they do not say which of our values is meant. Writing one in a map"
        " (`roles: Influencer`) is an error whose message gives the reason below; in a contact list the word is"
        " kept in the person's notes and reported as a warning, so nothing is lost.",
        "",
    ]
    seen: set[str] = set()
    for t in TERMS:
        if t.refused and t.note not in seen:
            seen.add(t.note)
            words = [f"*{x.term}* ({FRAMEWORKS[x.framework].name})" for x in TERMS if x.note == t.note]
            out.append(f"- {', '.join(words)}: {t.note}.")
    return "\n".join(out) + "\n"
