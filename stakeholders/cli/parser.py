"""The argument parser of the ``stakeholders`` command: commands, options, help and examples.

Format choices (``--from``, ``--to``, ``render --format``) come from the format
registry, :data:`stakeholders.io.formats.FORMATS`.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date

from .. import __version__, examples
from ..io.formats import names
from . import commands as run

__all__ = ["EXAMPLES", "build_parser"]

EXAMPLES = """\
examples:
  stakeholders demo --example welding_soe --out out              # try it: a sample map, its report and charts
  stakeholders convert --example contacts_zh -o map.yaml         # a contact list (中文表头) to a map
  stakeholders render map.yaml -o chart.png                      # the organisation analysis chart
  stakeholders analyze map.yaml                                  # ranking, support, red flags, next moves
  stakeholders validate maps/*.yaml
  stakeholders analyze --example private_chairman --json > analysis.json
  stakeholders render --example welding_soe -o shared.pdf --redact --names initials
  stakeholders render maps/*.yaml --out-dir charts --format svg
  stakeholders convert crm_export.csv --mapping salesforce --customer "ACME" -o acme.xlsx
  stakeholders convert --example welding_soe -o welding.graphml
  cat map.yaml | stakeholders convert - --to json -o -
  stakeholders schema -o schema.json

Sample maps (--example NAME): {samples}

Exit codes: 0 ok, 1 a problem in the input or findings, 2 usage error. Reference: docs/cli.md
"""


class _CommandParser(argparse.ArgumentParser):
    """The parser of one command: an argument it does not know is its error, said with its usage.

    (argparse hands a command's unknown arguments back to the top parser, which would say them
    with the usage of ``stakeholders`` itself.)
    """

    def parse_known_args(  # type: ignore[override]  # the signature varies across Python versions
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        parsed, extras = super().parse_known_args(args, namespace)
        if extras:
            self.error(f"unrecognized arguments: {' '.join(extras)}")
        assert parsed is not None
        return parsed, extras


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (expected YYYY-MM-DD): {text!r}") from None


def _row_number(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"not a row number (1 is the first row, as in Excel): {text!r}")
    return number


def _input_options() -> _CommandParser:
    """Options every command that reads maps shares: how to read contact lists and stdin."""
    parent = _CommandParser(add_help=False)
    group = parent.add_argument_group("reading input")
    group.add_argument(
        "--from",
        dest="input_format",
        choices=names("read"),
        help="input format when it is not given by the suffix (e.g. for '-': stdin)",
    )
    group.add_argument(
        "--mapping",
        metavar="MAPPING",
        help="columns of a contact list: auto (default), stakeholders, zh, salesforce, or a YAML/JSON mapping file",
    )
    group.add_argument("--customer", help="name of the customer, when a contact list has no such column")
    group.add_argument("--opportunity", help="name of the deal, when a contact list has no such column")
    group.add_argument("--sheet", help="the worksheet of an .xlsx contact list (default: the first)")
    group.add_argument(
        "--header-row",
        type=_row_number,
        metavar="N",
        help="the row of the headers in a sheet, 1 = the first (default: found below any title rows)",
    )
    group.add_argument(
        "--example",
        metavar="NAME",
        help="read a sample map that comes with the package instead of FILE: " + ", ".join(examples.names()),
    )
    return parent


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stakeholders",
        description="Map, score and draw a customer's buying group (组织分析图).",
        epilog=EXAMPLES.format(samples=", ".join(examples.names())),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_CommandParser)
    commands.required = True
    inputs = _input_options()
    raw = argparse.RawDescriptionHelpFormatter

    def command(name: str, help_: str, examples: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name, help=help_, description=help_, epilog="examples:\n" + examples, parents=[inputs], formatter_class=raw
        )
        sub.set_defaults(command_parser=sub)  # its usage is said with its usage errors
        return sub

    validate = command(
        "validate",
        "check maps; print every problem with its location",
        "  stakeholders validate maps/*.yaml\n  stakeholders validate -q map.yaml contacts.csv\n"
        "  stakeholders validate --example contacts_zh\n",
    )
    validate.add_argument("files", nargs="*", metavar="FILE", help="maps in any format ('-' for stdin)")
    validate.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    validate.set_defaults(run=run.cmd_validate)

    analyze_ = command(
        "analyze",
        "influence ranking, support, red flags, milestones, next moves",
        "  stakeholders analyze map.yaml\n  stakeholders analyze map.yaml --lang en --fail-on red\n"
        "  stakeholders analyze contacts.csv --json > analysis.json\n"
        "  stakeholders analyze --example welding_soe --lang en\n",
    )
    analyze_.add_argument("file", nargs="?", metavar="FILE", help="a map in any format ('-' for stdin)")
    analyze_.add_argument("--lang", choices=["en", "zh"], help="report language (default: the map's)")
    analyze_.add_argument("--json", action="store_true", help="print the full analysis as JSON")
    analyze_.add_argument("--as-of", type=_date, help="date of the analysis (default: the map's as_of)")
    analyze_.add_argument(
        "--redact", action="store_true", help="analyse the map as shared copies hold it (no coach markings, notes)"
    )
    analyze_.add_argument(
        "--fail-on",
        choices=["red", "amber", "never"],
        default="never",
        help="exit 1 when the status is at least this level (default: never)",
    )
    analyze_.set_defaults(run=run.cmd_analyze)

    render_ = command(
        "render",
        "draw the organisation analysis chart to PNG, SVG or PDF (or DOT, Mermaid)",
        "  stakeholders render map.yaml -o chart.png\n"
        "  stakeholders render map.yaml -o shared.pdf --redact --names initials\n"
        "  stakeholders render maps/*.yaml --out-dir charts --format svg\n"
        "  stakeholders render --example welding_soe -o welding.svg --flags\n",
    )
    render_.add_argument("files", nargs="*", metavar="FILE", help="maps in any format ('-' for stdin)")
    render_.add_argument("-o", "--output", help="output file, the format from its suffix ('-': stdout)")
    render_.add_argument("--out-dir", metavar="DIR", help="folder for one chart per input (named after it)")
    render_.add_argument(
        "--format", choices=names("write", kinds=("chart",)), help="format, if not from the suffix (default: png)"
    )
    render_.add_argument("--backend", choices=["graphviz", "matplotlib"], help="default: graphviz if installed")
    render_.add_argument("--lang", choices=["en", "zh"], help="language of fixed texts (default: the map's)")
    render_.add_argument("--redact", action="store_true", help="leave out coach/informant markings, private data")
    render_.add_argument("--names", choices=["full", "initials", "role"], help="show names, initials or roles")
    render_.add_argument("--flags", action="store_true", help="add red-flag callouts from the analysis")
    render_.set_defaults(run=run.cmd_render)

    convert = command(
        "convert",
        "convert maps between YAML, JSON, CSV, XLSX, GraphML, GEXF and Mermaid (by suffix)",
        "  stakeholders convert --example contacts_zh -o map.yaml\n"
        "  stakeholders convert crm.csv --mapping salesforce --customer ACME -o acme.xlsx\n"
        "  stakeholders convert map.yaml -o map.graphml\n"
        "  stakeholders convert lists/*.csv --out-dir maps --to yaml\n"
        "  cat map.yaml | stakeholders convert - --to json -o -\n",
    )
    convert.add_argument("files", nargs="*", metavar="FILE", help="maps or contact lists ('-' for stdin)")
    convert.add_argument("-o", "--output", help="output file, the format from its suffix ('-': stdout)")
    convert.add_argument("--out-dir", metavar="DIR", help="folder for one output per input (needs --to)")
    convert.add_argument(
        "--to", dest="output_format", choices=names("write"), help="output format, if not from the suffix"
    )
    convert.add_argument("--redact", action="store_true", help="leave out coach/informant markings, private data")
    convert.add_argument("--lang", choices=["en", "zh"], help="language of chart labels (default: the map's)")
    convert.set_defaults(run=run.cmd_convert)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of the map file format",
        description="print the JSON Schema of the map file format (for editors and other tools)",
        epilog="examples:\n  stakeholders schema > schema.json\n  stakeholders schema -o schema.json\n",
        formatter_class=raw,
    )
    schema.add_argument("-o", "--output", help="write to this file instead of stdout")
    schema.set_defaults(run=run.cmd_schema, command_parser=schema)

    demo = command(
        "demo",
        "the main job on one map: report, chart and power map in --out",
        "  stakeholders demo --example welding_soe --out out\n  stakeholders demo map.yaml --out out\n",
    )
    demo.add_argument("file", nargs="?", metavar="FILE", help="a map in any format")
    demo.add_argument("--out", default="out", help="folder for the outputs (default: out)")
    demo.add_argument("--lang", choices=["en", "zh"], help="language (default: the map's)")
    demo.set_defaults(run=run.cmd_demo)
    return parser
