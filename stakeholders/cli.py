"""The ``stakeholders`` command line: a thin layer over the public API.

Exit codes: 0 ok; 1 invalid input (or, with ``--fail-on``, findings); 2 usage error.
Errors go to stderr with the location of the problem.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from . import __version__
from .errors import MapError, StakeholdersError
from .io.files import load
from .model import BuyingGroup

__all__ = ["main"]

EXAMPLES = """\
examples:
  stakeholders validate examples/*.yaml
  stakeholders analyze examples/welding_soe.yaml --lang zh
  stakeholders analyze examples/private_chairman.yaml --json > analysis.json
  stakeholders render examples/welding_soe.yaml -o chart.png --lang zh --flags
  stakeholders render examples/welding_soe.yaml -o shared.pdf --redact --names initials
  stakeholders demo examples/welding_soe.yaml --out out
"""


def _summary(group: BuyingGroup, path: str) -> str:
    roles = sum(1 for p in group.people if p.roles)
    return (
        f"{path}: valid map of {group.customer}"
        + (f" — {group.opportunity}" if group.opportunity else "")
        + f"\n  {len(group.people)} people ({roles} with a decision role), {len(group.units)} units,"
        f" {len(group.lines)} lines, {len(group.factions)} factions, {len(group.team)} in our team,"
        f" {len(group.contacts)} contacts logged"
    )


def _language_of(group: BuyingGroup) -> str:
    """zh when the map is written in Chinese (its customer or most names are), else en."""
    texts = [group.customer, *(p.name for p in group.people)]
    cjk = sum(1 for t in texts if any(unicodedata.east_asian_width(ch) in ("W", "F") for ch in t))
    return "zh" if cjk * 2 > len(texts) else "en"


def _load(path: str) -> BuyingGroup:
    if path == "-":
        from .io.files import loads

        return loads(sys.stdin.buffer.read(), source="<stdin>")
    return load(path)


def _cmd_validate(args: argparse.Namespace) -> int:
    status = 0
    for path in args.files:
        try:
            group = _load(path)
        except MapError as err:
            print(err, file=sys.stderr)
            status = 1
            continue
        if not args.quiet:
            print(_summary(group, path))
    return status


def _fails(level: str, fail_on: str) -> bool:
    order = {"green": 0, "amber": 1, "red": 2}
    return fail_on != "never" and order[level] >= order[fail_on]


def _cmd_analyze(args: argparse.Namespace) -> int:
    from .analysis import analyze

    group = _load(args.file)
    analysis = analyze(group, as_of=args.as_of)
    if args.json:
        print(analysis.model_dump_json(indent=2))
    else:
        print(analysis.report(lang=args.lang or _language_of(group)), end="")
    return 1 if _fails(analysis.status.level.value, args.fail_on) else 0


def _cmd_render(args: argparse.Namespace) -> int:
    from .render import render

    group = _load(args.file)
    path = render(
        group,
        args.output,
        backend=args.backend,
        lang=args.lang or _language_of(group),
        redact=args.redact,
        names=args.names,
        flags=args.flags,
        format=args.format,
    )
    print(f"wrote {path}")
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    """The main job on one map: validate, analyse, draw the chart and the power map."""
    from .analysis import analyze
    from .io.files import atomic_write
    from .render import render, render_power_map

    group = _load(args.file)
    lang = args.lang or _language_of(group)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    stem = Path(args.file).stem if args.file != "-" else "map"
    analysis = analyze(group)
    print(_summary(group, args.file))
    report = analysis.report(lang=lang)
    print()
    print(report, end="")
    written = [
        render(group, out / f"{stem}.png", lang=lang, flags=True, analysis=analysis),
        render_power_map(group, out / f"{stem}_power_map.png", lang=lang, analysis=analysis),
    ]
    atomic_write(out / f"{stem}_report.txt", report.encode("utf-8"))
    written.append(out / f"{stem}_report.txt")
    print()
    for path in written:
        print(f"wrote {path}")
    return 0


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (expected YYYY-MM-DD): {text!r}") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stakeholders",
        description="Map, score and draw a customer's buying group (组织分析图).",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    validate = commands.add_parser("validate", help="check maps; print every problem with its location")
    validate.add_argument("files", nargs="+", metavar="FILE", help="YAML or JSON map files ('-' for stdin)")
    validate.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    validate.set_defaults(run=_cmd_validate)

    analyze_ = commands.add_parser("analyze", help="influence ranking, support, red flags, milestones, next moves")
    analyze_.add_argument("file", metavar="FILE", help="a YAML or JSON map ('-' for stdin)")
    analyze_.add_argument("--lang", choices=["en", "zh"], help="report language (default: the map's)")
    analyze_.add_argument("--json", action="store_true", help="print the full analysis as JSON")
    analyze_.add_argument("--as-of", type=_date, help="date of the analysis (default: the map's as_of)")
    analyze_.add_argument(
        "--fail-on",
        choices=["red", "amber", "never"],
        default="never",
        help="exit 1 when the status is at least this level (default: never)",
    )
    analyze_.set_defaults(run=_cmd_analyze)

    render_ = commands.add_parser("render", help="draw the organisation analysis chart to PNG, SVG or PDF")
    render_.add_argument("file", metavar="FILE", help="a YAML or JSON map ('-' for stdin)")
    render_.add_argument("-o", "--output", required=True, help="output file; the format comes from the suffix")
    render_.add_argument("--format", choices=["png", "svg", "pdf"], help="format, if not from the suffix")
    render_.add_argument("--backend", choices=["graphviz", "matplotlib"], help="default: graphviz if installed")
    render_.add_argument("--lang", choices=["en", "zh"], help="language of fixed texts (default: the map's)")
    render_.add_argument("--redact", action="store_true", help="leave out coach/informant markings, private data")
    render_.add_argument("--names", choices=["full", "initials", "role"], help="show names, initials or roles")
    render_.add_argument("--flags", action="store_true", help="add red-flag callouts from the analysis")
    render_.set_defaults(run=_cmd_render)

    demo = commands.add_parser("demo", help="the main job on one map: report, chart and power map in --out")
    demo.add_argument("file", metavar="FILE", help="a YAML or JSON map")
    demo.add_argument("--out", default="out", help="folder for the outputs (default: out)")
    demo.add_argument("--lang", choices=["en", "zh"], help="language (default: the map's)")
    demo.set_defaults(run=_cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.run(args)
    except MapError as err:
        print(err, file=sys.stderr)
        return 1
    except (StakeholdersError, ValueError, OSError) as err:
        print(f"stakeholders {args.command}: {err}", file=sys.stderr)
        return 1
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
