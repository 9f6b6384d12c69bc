"""Reading maps written in older versions of the file format (``schema_version``).

:data:`~stakeholders.SCHEMA_VERSION` is the version this library writes. When a
document is read, its ``schema_version`` decides:

- **missing** (or empty): the current version. Hand-written files rarely state
  it, and they are written against the current documentation;
- **the current version**: read as it is;
- **older**: migrated step by step to the current version before validation.
  What changed is reported as a :class:`MigrationNote` warning (naming the
  file when there is one); saving the map writes the current version;
- **newer**: refused with a :class:`~stakeholders.MapError` naming both
  versions: upgrade ``stakeholders`` to read the file;
- anything else (a negative number, text, ``1.5``, ``true``): refused with a
  :class:`~stakeholders.MapError`.

Version 0 is the **pre-release draft** format. It differed from version 1 in
three ways, which :func:`migrate` turns into version 1:

1. personal data (``birthday``, ``education``, ``hometown``, ``family``,
   ``hobbies``, ``address``, ``phone``, ``email``) sat directly on the person;
   version 1 keeps it under ``private`` so that it can be left out of shared
   copies (D11);
2. coaches and informants were flags, ``coach: true`` / ``informant: true``;
   version 1 has one field, ``insider: coach`` or ``insider: informant`` (D7);
3. the lines between people were called ``links``, with ``source`` and
   ``target``; version 1 calls them ``lines``, with ``from`` and ``to``.

>>> import warnings, stakeholders
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     g = stakeholders.loads("schema_version: 0\\ncustomer: X\\npeople: [{name: A, coach: true, phone: '123'}]")
>>> g.schema_version, g.people[0].insider.value, g.people[0].private.phone
(1, 'coach', '123')
>>> for part in str(caught[0].message).replace(": ", ":\\n", 1).split("; "):
...     print(part)
read schema_version 0 (the pre-release draft) and migrated it to 1:
moved personal data under 'private' (people[0].phone)
'coach: true' is now 'insider: coach' (people[0])
save the map to write the current format
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from typing import Any

from .errors import MapError, Problem, printable

__all__ = ["SCHEMA_VERSION", "VERSIONS", "MigrationNote", "migrate", "upgrade"]

#: The version of the file format this library writes.
SCHEMA_VERSION = 1


class MigrationNote(UserWarning):
    """A map in an older format was read and migrated; the message says what changed."""


#: Every version of the format this library reads, with a description.
VERSIONS: dict[int, str] = {
    0: "the pre-release draft",
    1: "the first release",
}

_PRIVATE_V0 = ("birthday", "education", "hometown", "family", "hobbies", "address", "phone", "email")
_INSIDER_V0 = (("coach", "coach"), ("informant", "informant"))


def _v0_to_v1(doc: dict[Any, Any]) -> tuple[dict[Any, Any], list[str], list[Problem]]:
    doc = dict(doc)
    notes: list[str] = []
    problems: list[Problem] = []
    moved: list[str] = []
    insiders: dict[str, list[str]] = {}
    people = doc.get("people")
    if isinstance(people, list):
        migrated = []
        for index, person in enumerate(people):
            if not isinstance(person, Mapping):
                migrated.append(person)
                continue
            person = dict(person)
            private = person.get("private")
            private = dict(private) if isinstance(private, Mapping) else private
            for key in _PRIVATE_V0:
                if key not in person:
                    continue
                where = f"people[{index}].{key}"
                if private is None:
                    private = {}
                if not isinstance(private, dict) or key in private:
                    problems.append(
                        Problem(
                            where,
                            f"'{key}' is given both on the person (version 0) and under 'private'; keep one of them",
                            code="migration",
                            path=("people", index, key),
                        )
                    )
                    continue
                private[key] = person.pop(key)
                moved.append(where)
            if private is not None:
                person["private"] = private
            flagged = [(key, value) for key, value in _INSIDER_V0 if key in person]
            marked = [value for key, value in flagged if person.get(key) is True]
            bad = [key for key, _ in flagged if not isinstance(person.get(key), bool)]
            for key in bad:
                problems.append(
                    Problem(
                        f"people[{index}].{key}",
                        f"'{key}' must be true or false in a version 0 map, not {person.get(key)!r:.60}",
                        value=person.get(key),
                        code="migration",
                        path=("people", index, key),
                    )
                )
            if len(marked) > 1:
                problems.append(
                    Problem(
                        f"people[{index}]",
                        "a person is either a coach or an informant, not both",
                        code="migration",
                        path=("people", index),
                    )
                )
            elif not bad and flagged:
                if marked and "insider" in person:
                    problems.append(
                        Problem(
                            f"people[{index}].insider",
                            f"'{marked[0]}: true' and 'insider' are both given; keep one of them",
                            code="migration",
                            path=("people", index, "insider"),
                        )
                    )
                else:
                    for key, _ in flagged:
                        del person[key]
                    if marked:
                        person["insider"] = marked[0]
                        insiders.setdefault(marked[0], []).append(f"people[{index}]")
            migrated.append(person)
        doc["people"] = migrated
    if moved:
        notes.append(f"moved personal data under 'private' ({', '.join(moved)})")
    for value, places in insiders.items():
        notes.append(f"'{value}: true' is now 'insider: {value}' ({', '.join(places)})")
    if "links" in doc:
        links = doc.pop("links")
        if isinstance(links, list):
            converted = []
            for link in links:
                if isinstance(link, Mapping):
                    link = {
                        {"source": "from", "target": "to"}.get(k, k) if isinstance(k, str) else k: v
                        for k, v in link.items()
                    }
                converted.append(link)
            lines = doc.get("lines")
            doc["lines"] = [*(lines if isinstance(lines, list) else []), *converted]
            notes.append(f"'links' (source/target) are now 'lines' (from/to): {len(converted)} moved")
        else:
            problems.append(
                Problem("links", "'links' must be a list of lines", value=links, code="migration", path=("links",))
            )
    return doc, notes, problems


_STEPS: dict[int, Callable[[dict[Any, Any]], tuple[dict[Any, Any], list[str], list[Problem]]]] = {0: _v0_to_v1}


def _current() -> int:
    return SCHEMA_VERSION


def migrate(data: Any) -> tuple[Any, list[str]]:
    """Bring a document (the mapping a file holds) to the current version.

    Returns ``(document, notes)``: the document itself when it is current
    (or not a mapping: validation reports that), else a migrated copy with its
    ``schema_version`` set to the current one, and one note per change.
    Raises :class:`~stakeholders.MapError` for a newer, unknown or malformed version.
    """
    if not isinstance(data, Mapping) or "schema_version" not in data:
        return data, []
    if data["schema_version"] is None:  # `schema_version:` left empty: as if missing
        return {k: v for k, v in data.items() if k != "schema_version"}, []
    version = data["schema_version"]
    current = _current()
    known = ", ".join(map(str, sorted(VERSIONS)))
    if isinstance(version, bool) or not isinstance(version, int):
        raise MapError(
            [
                Problem(
                    "schema_version",
                    f"schema_version must be a whole number (one of {known}), not {version!r:.60}",
                    value=version,
                    code="schema_version",
                    path=("schema_version",),
                )
            ]
        )
    if version > current:
        raise MapError(
            [
                Problem(
                    "schema_version",
                    f"this file has schema_version {version}, but this version of stakeholders reads up to"
                    f" {current}; upgrade stakeholders to read it",
                    value=version,
                    code="schema_version",
                    path=("schema_version",),
                )
            ]
        )
    if version not in VERSIONS:
        raise MapError(
            [
                Problem(
                    "schema_version",
                    f"unknown schema_version {version} (this version of stakeholders reads {known})",
                    value=version,
                    code="schema_version",
                    path=("schema_version",),
                )
            ]
        )
    if version == current:
        return data, []
    doc = dict(data)
    notes: list[str] = []
    while version < current:
        doc, step_notes, problems = _STEPS[version](doc)
        if problems:
            raise MapError(problems)
        notes += step_notes
        version += 1
    doc["schema_version"] = current
    return doc, notes


def upgrade(data: Any, source: str | None = None, *, stacklevel: int = 3) -> Any:
    """:func:`migrate`, with a :class:`MigrationNote` warning when anything was migrated."""
    from_version = data.get("schema_version") if isinstance(data, Mapping) else None
    doc, notes = migrate(data)
    if isinstance(from_version, int) and from_version < _current():
        head = f"{printable(source)}: " if source else ""  # a file name may hold any character
        changes = "; ".join(notes) or "nothing to change"
        warnings.warn(
            f"{head}read schema_version {from_version} ({VERSIONS[from_version]}) and migrated it to {_current()}:"
            f" {changes}; save the map to write the current format",
            MigrationNote,
            stacklevel=stacklevel,
        )
    return doc
