"""Reading and writing maps for the commands, through the format registry (:mod:`stakeholders.io.formats`).

The commands never look at suffixes themselves: :func:`input_format` and
:func:`output_format` ask the registry, and a suffix it does not know is a
usage error that lists the known ones. ``-`` is standard input or output.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from typing import Any

from ..io.formats import Format, Kind, format_of, read, write
from ..model import BuyingGroup
from .console import Status, UsageError, language_of, notes, say
from .terminal import is_terminal, utf8_stdout

__all__ = [
    "input_format",
    "output_format",
    "outputs",
    "read_map",
    "refuse_binary",
    "shown_name",
    "take_example",
    "write_map",
]


def input_format(path: str, given: str | None) -> Format:
    """The format to read ``path`` in: ``--from``, else its suffix; standard input is YAML unless told."""
    try:
        return format_of(None if path == "-" else path, given or ("yaml" if path == "-" else None), use="read")
    except ValueError as err:
        raise UsageError(str(err)) from None


def output_format(path: str, given: str | None, kinds: tuple[Kind, ...] | None = None) -> Format:
    """The format to write ``path`` in: ``--to``/``--format``, else its suffix (``-`` needs it named)."""
    if given is None and path == "-":
        raise UsageError("writing to '-' (stdout) needs --to FORMAT")
    try:
        return format_of(None if path == "-" else path, given, use="write", kinds=kinds)
    except ValueError as err:
        raise UsageError(str(err)) from None


def take_example(args: argparse.Namespace) -> None:
    """``--example NAME`` as the command's input: the file of that sample map (:mod:`stakeholders.examples`).

    A command that reads maps takes FILE or ``--example NAME``: neither, or both, is a usage error.
    The sample map is shown by its file name (``welding_soe.yaml``), not by where it is installed.
    """
    if not hasattr(args, "example"):
        return
    single = hasattr(args, "file")
    given = ([args.file] if args.file is not None else []) if single else list(args.files)
    if args.example is None:
        if not given:
            raise UsageError("give FILE, or --example NAME for a sample map (see --help)")
        return
    if given:
        raise UsageError("give FILE or --example NAME, not both")
    from .. import examples

    try:
        sample = examples.path(args.example)
    except ValueError as err:
        raise UsageError(str(err)) from None
    args.shown_as = {str(sample): sample.name}
    if single:
        args.file = str(sample)
    else:
        args.files = [str(sample)]


def shown_name(path: str, args: argparse.Namespace) -> str:
    """How the command names an input: a sample map by its file name, any other file as given."""
    shown: dict[str, str] = getattr(args, "shown_as", {})
    return shown.get(path, path)


def refuse_binary(path: str, fmt: Format) -> None:
    """Writing an image or a workbook to standard output that is a terminal is a usage error, as for ``gzip``."""
    if path == "-" and not fmt.terminal and is_terminal(sys.stdout):
        kind, target = fmt.name.upper(), f"out{fmt.suffix}"
        raise UsageError(
            f"{kind} is binary, not written to a terminal: redirect it (> {target}), pipe it, or give -o FILE"
            f" / {kind} 是二进制文件，不能直接输出到终端：请重定向到文件（> {target}）、接管道，或用 -o 指定文件",
            usage=False,
        )


def read_map(path: str, args: argparse.Namespace, status: Status) -> BuyingGroup:
    """Read a map in any format; import reports and notes (migrations, graph files, sheets) go to stderr."""
    from ..io.sheets import SheetNote
    from ..io.xmldoc import GraphFileNote
    from ..migrations import MigrationNote

    with notes(MigrationNote), notes(GraphFileNote), notes(SheetNote):
        group = _read(path, args, status)
    args.map_language = language_of(group)  # the language of what is said now (e.g. after Ctrl-C)
    return group


def _read(path: str, args: argparse.Namespace, status: Status) -> BuyingGroup:
    fmt = input_format(path, getattr(args, "input_format", None))
    source: Any = path
    if path == "-":
        source = io.BytesIO(sys.stdin.buffer.read())
        source.name = "<stdin>"
    elif shown_name(path, args) != path:  # a sample map: its problems and notes name the file, not the folder
        source = io.BytesIO(Path(path).read_bytes())
        source.name = shown_name(path, args)
    if not fmt.options:
        return read(source, fmt.name)

    def report(found: Any) -> None:
        say(found.text())
        if not found.ok:
            status.code = 1

    given = {name: getattr(args, name, None) for name in fmt.options}
    options = {name: value for name, value in given.items() if value is not None}
    return read(source, fmt.name, report=report, **options)


def write_map(group: BuyingGroup, path: str, fmt: Format, args: argparse.Namespace) -> None:
    """Write a map in any format to a file (atomically) or to stdout ('-')."""
    redact = bool(getattr(args, "redact", False))
    options: dict[str, Any] = {"redact": redact}
    if fmt.kind == "chart":
        options["lang"] = getattr(args, "lang", None) or language_of(group)
    if fmt.kind == "table":
        from ..io.tables import csv_left_out

        left_out = csv_left_out(group, redact=redact)
        if left_out:
            say(
                f"note: a CSV holds the people table; left out: {', '.join(left_out)}"
                " (write .xlsx or .yaml to keep everything)"
            )
    if path != "-":
        write(group, path, fmt.name, **options)
        return
    with utf8_stdout() as out:
        write(group, out, fmt.name, **options)


def outputs(args: argparse.Namespace, suffix: str) -> list[tuple[str, str]]:
    """(input, output) pairs from ``-o`` (one input) or ``--out-dir`` (any number)."""
    if args.output is not None and args.out_dir is not None:
        raise UsageError("give either -o/--output or --out-dir, not both")
    if args.output is not None:
        if len(args.files) != 1:
            raise UsageError(f"-o names one output but {len(args.files)} inputs were given; use --out-dir DIR")
        return [(args.files[0], args.output)]
    if args.out_dir is None:
        raise UsageError("give -o/--output FILE (or --out-dir DIR for several inputs)")
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    pairs = []
    seen: set[Path] = set()
    for path in args.files:
        stem = "map" if path == "-" else Path(path).stem
        target = out / f"{stem}{suffix}"
        if target in seen:
            raise UsageError(f"two inputs would both be written to {target}; convert them separately")
        seen.add(target)
        pairs.append((path, str(target)))
    return pairs
