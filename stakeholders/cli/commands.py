"""The commands: ``validate``, ``analyze``, ``render``, ``convert``, ``schema`` and ``demo``.

Each takes the parsed arguments and returns its exit code; :mod:`stakeholders.cli.parser`
builds the arguments, :mod:`stakeholders.cli.maps` reads and writes the maps.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..errors import StakeholdersError
from ..io.formats import Format, names
from ..model import BuyingGroup
from .console import Status, UsageError, language_of, notes, progress, report_error, summary, wrote
from .maps import output_format, outputs, read_map, refuse_binary, shown_name, write_map
from .terminal import utf8_stdout

__all__ = ["cmd_analyze", "cmd_convert", "cmd_demo", "cmd_render", "cmd_schema", "cmd_validate"]


def cmd_validate(args: argparse.Namespace) -> int:
    status = Status()
    for path in progress(args.files, "validating"):
        found = Status()  # this file's: an import report with errors makes it not valid
        try:
            group = read_map(path, args, found)
        except (UsageError, BrokenPipeError):  # a reader gone away ends every command
            raise
        except (StakeholdersError, ValueError, OSError) as err:
            report_error(err, "validate", getattr(args, "lang", None))
            status.code = 1
            continue
        if found.code:  # the errors are on stderr; never "valid map" after them
            status.code = 1
            continue
        if not args.quiet:
            print(summary(group, shown_name(path, args)))
    return status.code


def _fails(level: str, fail_on: str) -> bool:
    order = {"green": 0, "amber": 1, "red": 2}
    return fail_on != "never" and order[level] >= order[fail_on]


def cmd_analyze(args: argparse.Namespace) -> int:
    from ..analysis import analyze

    status = Status()
    group = read_map(args.file, args, status)
    analysis = analyze(group, as_of=args.as_of, redact=args.redact)
    if args.json:
        with utf8_stdout() as out:
            print(analysis.model_dump_json(indent=2), file=out)
    else:
        print(analysis.report(lang=args.lang or language_of(group)), end="")
    return 1 if _fails(analysis.status.level.value, args.fail_on) else status.code


def _render_one(group: BuyingGroup, output: str, fmt: Format, args: argparse.Namespace) -> str:
    """Draw one chart; notes on how it was drawn (e.g. a PNG too large, shrunk) go to stderr."""
    from ..drawing import RenderNote

    with notes(RenderNote):
        return _draw(group, output, fmt, args)


def _draw(group: BuyingGroup, output: str, fmt: Format, args: argparse.Namespace) -> str:
    from ..io.formats import write

    options: dict[str, Any] = {
        "backend": args.backend,
        "lang": args.lang or language_of(group),
        "redact": args.redact,
        "names": args.names,
        "flags": args.flags,
    }
    if output == "-":
        with utf8_stdout() as out:
            write(group, out, fmt.name, **options)
        return "<stdout>"
    return str(write(group, output, fmt.name, **options))


def cmd_render(args: argparse.Namespace) -> int:
    status = Status()
    # The format is known before anything is read: a suffix that is no chart is a usage error (exit 2).
    given = args.format or ("png" if args.output in (None, "-") else None)
    fmt = output_format(args.output or "-", given, kinds=("chart",))
    pairs = outputs(args, fmt.suffix)
    refuse_binary(pairs[0][1], fmt)
    for source, output in progress(pairs, "rendering"):
        try:
            group = read_map(source, args, status)
            written = _render_one(group, output, fmt, args)
        except (UsageError, BrokenPipeError):  # a reader gone away ends every command
            raise
        except (StakeholdersError, ValueError, OSError) as err:
            report_error(err, "render", getattr(args, "lang", None))
            status.code = 1
            continue
        if output != "-":
            wrote(written, len(pairs))
    return status.code


def cmd_convert(args: argparse.Namespace) -> int:
    status = Status()
    if args.output is not None:
        fmt = output_format(args.output, args.output_format)
        pairs = outputs(args, fmt.suffix)
    else:
        if args.out_dir is None:
            raise UsageError("give -o/--output FILE, or --out-dir DIR with --to FORMAT")
        if args.output_format is None:
            raise UsageError(f"--out-dir needs --to FORMAT ({', '.join(names('write'))})")
        fmt = output_format("-", args.output_format)
        pairs = outputs(args, fmt.suffix)
    refuse_binary(pairs[0][1], fmt)
    for source, output in progress(pairs, "converting"):
        try:
            group = read_map(source, args, status)
            write_map(group, output, fmt, args)
        except (UsageError, BrokenPipeError):  # a reader gone away ends every command
            raise
        except (StakeholdersError, ValueError, OSError) as err:
            report_error(err, "convert", getattr(args, "lang", None))
            status.code = 1
            continue
        if output != "-":
            wrote(output, len(pairs))
    return status.code


def cmd_schema(args: argparse.Namespace) -> int:
    import json

    from ..schema import json_schema

    text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if args.output in (None, "-"):
        with utf8_stdout() as out:
            out.write(text)
        return 0
    from ..atomic import atomic_write

    atomic_write(Path(args.output), text.encode("utf-8"))
    print(f"wrote {args.output}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """The main job on one map: validate, analyse, draw the chart and the power map."""
    from ..analysis import analyze
    from ..atomic import atomic_write
    from ..drawing import RenderNote, render, render_power_map

    status = Status()
    group = read_map(args.file, args, status)
    lang = args.lang or language_of(group)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    stem = Path(args.file).stem if args.file != "-" else "map"
    analysis = analyze(group)
    print(summary(group, shown_name(args.file, args)))
    report = analysis.report(lang=lang)
    print()
    print(report, end="")
    with notes(RenderNote):
        written = [
            render(group, out / f"{stem}.png", lang=lang, flags=True, analysis=analysis),
            render_power_map(group, out / f"{stem}_power_map.png", lang=lang, analysis=analysis),
        ]
    from ..redaction import shows_insiders

    # The report names coaches and introductions: then a new report is readable by its owner only.
    atomic_write(out / f"{stem}_report.txt", report.encode("utf-8"), private=shows_insiders(group))
    written.append(out / f"{stem}_report.txt")
    print()
    for path in written:
        print(f"wrote {path}")
    return status.code
