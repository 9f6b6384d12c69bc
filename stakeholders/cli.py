"""The ``stakeholders`` command line: a thin layer over the public API.

Exit codes: 0 ok, 1 invalid input or findings, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import MapError
from .io.files import load
from .model import BuyingGroup

__all__ = ["main"]

EXAMPLES = """\
examples:
  stakeholders validate examples/welding_soe.yaml
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


def _cmd_validate(args: argparse.Namespace) -> int:
    status = 0
    for path in args.files:
        try:
            group = load(path)
        except MapError as err:
            print(err, file=sys.stderr)
            status = 1
            continue
        if not args.quiet:
            print(_summary(group, path))
    return status


def _cmd_demo(args: argparse.Namespace) -> int:
    """The main job on one map: validate it and write its normalised forms to --out."""
    try:
        group = load(args.file)
    except MapError as err:
        print(err, file=sys.stderr)
        return 1
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    stem = Path(args.file).stem
    written = [group.save(out / f"{stem}.yaml"), group.save(out / f"{stem}.json")]
    print(_summary(group, args.file))
    for path in written:
        print(f"  wrote {path}")
    return 0


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
    validate.add_argument("files", nargs="+", metavar="FILE", help="YAML or JSON map files")
    validate.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    validate.set_defaults(run=_cmd_validate)

    demo = commands.add_parser("demo", help="the main job on one map: validate and write its outputs")
    demo.add_argument("file", metavar="FILE", help="a YAML or JSON map")
    demo.add_argument("--out", default="out", help="folder for the outputs (default: out)")
    demo.set_defaults(run=_cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    code: int = args.run(args)
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
