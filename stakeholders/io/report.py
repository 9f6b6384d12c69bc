"""The report of a contact-list import: every value not taken as it was, with its row and column."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..errors import printable

__all__ = ["ImportProblem", "ImportReport"]


class ImportProblem(BaseModel):
    """One thing the import could not take as it was: where, what, and what was done."""

    model_config = ConfigDict(frozen=True)

    row: int | None
    """The row in the file, counted as a spreadsheet does (header = 1); ``None`` for the whole file."""
    column: str | None
    """The header of the column, as written in the file."""
    value: str | None
    message: str
    severity: Literal["error", "warning"]
    """``error``: a value could not be used (it is kept in the person's notes); ``warning``: read differently."""
    code: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        place = ", ".join(where) or "file"
        return printable(f"{place}: {self.severity}: {self.message}")  # the message quotes the cell: no escapes


class ImportReport(BaseModel):
    """What :func:`read_contacts` did with a contact list."""

    source: str
    mapping: str
    """The name of the mapping used (for ``auto``, the preset it picked)."""
    rows: int
    """Data rows read (blank rows not counted)."""
    people: int
    """People in the map, including managers added because rows named them."""
    columns: dict[str, str | None]
    """Every header of the file and the field it was read into (``None``: not read)."""
    ignored: list[str] = Field(default_factory=list)
    """Columns the mapping knows and deliberately does not read (e.g. Salesforce's Lead Source)."""
    problems: list[ImportProblem] = Field(default_factory=list)

    @property
    def errors(self) -> list[ImportProblem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[ImportProblem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        """No errors (warnings allowed)."""
        return not self.errors

    def text(self) -> str:
        """The report as lines ``source: row N, column 'X': severity: message``."""
        head = (
            f"{self.source}: {self.rows} rows, {self.people} people (mapping: {self.mapping});"
            f" {len(self.errors)} errors, {len(self.warnings)} warnings"
        )
        lines = [head]
        if self.ignored:
            lines.append(f"{self.source}: columns the mapping does not read: {', '.join(self.ignored)}")
        lines += [f"{self.source}: {p}" for p in self.problems]
        return "\n".join(map(printable, lines))

    def __str__(self) -> str:
        return self.text()
