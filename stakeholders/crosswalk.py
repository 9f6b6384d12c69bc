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
to write instead. The terms are written once, in :mod:`stakeholders.vocab.methods`
(:data:`TERMS`, re-exported here), where the vocabularies read them too.
``docs/crosswalk.md`` is generated from :data:`TERMS` by
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

from .errors import StakeholdersError
from .vocab import Stance, Vocabulary
from .vocab.methods import FIELDS, FRAMEWORKS, TERMS, Framework, Term, frameworks_of, lookup, refusal_hint

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


class RefusedTerm(StakeholdersError, ValueError):
    """A word that other methods use but that has no unambiguous meaning here."""


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
        raise RefusedTerm(f"{text.strip()!r} is refused ({frameworks_of(refused)}): {refused[0].note}")
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
