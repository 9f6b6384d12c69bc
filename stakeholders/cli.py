"""The ``stakeholders`` command line: a thin layer over the public API.

Commands: ``validate``, ``analyze``, ``render``, ``convert``, ``schema`` and
``demo``. Every command that reads a map reads any format by its suffix: YAML
or JSON maps, contact lists (CSV, Excel), GraphML and GEXF; ``-`` is standard
input (a YAML or JSON map, or ``--from FORMAT``).

Exit codes: 0 ok; 1 invalid input, a contact list with errors, or (with
``analyze --fail-on``) findings; 2 usage error. Errors go to stderr with the
location of the problem (file, line or row and column). docs/cli.md is the
reference, with examples that the tests run.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from . import __version__
from .errors import MapError, StakeholdersError
from .model import BuyingGroup

__all__ = ["FORMATS", "main"]

EXAMPLES = """\
examples:
  stakeholders convert examples/contacts_zh.csv -o map.yaml      # a contact list (中文表头) to a map
  stakeholders render map.yaml -o chart.png                      # the organisation analysis chart
  stakeholders analyze map.yaml                                  # ranking, support, red flags, next moves
  stakeholders validate examples/*.yaml
  stakeholders analyze examples/private_chairman.yaml --json > analysis.json
  stakeholders render examples/welding_soe.yaml -o shared.pdf --redact --names initials
  stakeholders render examples/*.yaml --out-dir charts --format svg
  stakeholders convert crm_export.csv --mapping salesforce --customer "ACME" -o acme.xlsx
  stakeholders convert examples/welding_soe.yaml -o welding.graphml
  cat map.yaml | stakeholders convert - --to json -o -
  stakeholders schema -o schema.json
  stakeholders demo examples/welding_soe.yaml --out out

Exit codes: 0 ok, 1 invalid input or findings, 2 usage error. Reference: docs/cli.md
"""

#: Formats by file suffix, for reading and writing.
FORMATS: dict[str, str] = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".graphml": "graphml",
    ".gexf": "gexf",
    ".mmd": "mermaid",
    ".mermaid": "mermaid",
}
_READ = ("yaml", "json", "csv", "xlsx", "graphml", "gexf")
_WRITE = ("yaml", "json", "csv", "xlsx", "graphml", "gexf", "mermaid")
_SUFFIX = {"yaml": ".yaml", "json": ".json", "csv": ".csv", "xlsx": ".xlsx", "graphml": ".graphml"}
_SUFFIX.update({"gexf": ".gexf", "mermaid": ".mmd"})
_BINARY = ("xlsx",)

T = TypeVar("T")


class UsageError(StakeholdersError, ValueError):
    """A command was called wrongly (exit code 2)."""


def _say(text: str) -> None:
    """A note on stderr that does not break a progress bar."""
    try:
        from tqdm import tqdm

        tqdm.write(text, file=sys.stderr)
    except ImportError:  # pragma: no cover - tqdm is a dependency
        print(text, file=sys.stderr)


def _progress(items: Sequence[T], what: str) -> Iterable[T]:
    """A progress bar on stderr for two or more files, when stderr is a terminal."""
    if len(items) < 2:
        return items
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency
        return items
    bar: Iterable[T] = tqdm(items, desc=what, unit="file", file=sys.stderr, disable=None, leave=False)
    return bar


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


# ---------------------------------------------------------------------------
# Reading and writing any format
# ---------------------------------------------------------------------------


def _format_of(path: str, given: str | None, allowed: Sequence[str], default: str | None = None) -> str:
    if given:
        return given
    if path == "-":
        if default is not None:
            return default
        raise UsageError("writing to '-' (stdout) needs --to FORMAT")
    suffix = Path(path).suffix.lower()
    found = FORMATS.get(suffix)
    if found is None or found not in allowed:
        raise UsageError(
            f"{path}: cannot tell the format from the suffix {suffix!r} (expected one of:"
            f" {', '.join(s for s, f in FORMATS.items() if f in allowed)})"
        )
    return found


class _Status:
    """The worst outcome so far: 0 ok, 1 a problem was reported."""

    code = 0


@contextlib.contextmanager
def _notes(category: type[Warning]) -> Iterator[None]:
    """Warnings of ``category`` raised inside are printed as ``note: ...`` lines on stderr; others pass on."""
    import warnings

    caught: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", category)
            yield
    finally:  # also when reading or drawing failed: the notes may say why
        for warning in caught:
            if issubclass(warning.category, category):
                _say(f"note: {warning.message}")
            else:
                warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)


def _read(path: str, args: argparse.Namespace, status: _Status) -> BuyingGroup:
    """Read a map in any format; a contact list's import report and migration notes go to stderr."""
    from .migrations import MigrationNote

    with _notes(MigrationNote):
        return _read_any(path, args, status)


def _read_any(path: str, args: argparse.Namespace, status: _Status) -> BuyingGroup:
    fmt = _format_of(path, getattr(args, "input_format", None), _READ, default="yaml")
    name = "<stdin>" if path == "-" else path
    if fmt in ("yaml", "json"):
        from .io.files import load, loads

        if path == "-":
            return loads(sys.stdin.buffer.read(), format=fmt, source=name)
        return load(path, format=fmt)
    raw: Any = io.BytesIO(sys.stdin.buffer.read()) if path == "-" else path
    if fmt == "graphml":
        from .io.graphml import read_graphml

        return read_graphml(raw)
    if fmt == "gexf":
        from .io.gexf import read_gexf

        return read_gexf(raw)
    if fmt == "xlsx" and _is_map_workbook(raw):
        from .io.tables import read_xlsx

        if isinstance(raw, io.BytesIO):
            raw.seek(0)
        return read_xlsx(raw)
    from .io.contacts import read_contacts

    if isinstance(raw, io.BytesIO):
        raw.seek(0)
        raw.name = name
    group, report = read_contacts(
        raw,
        mapping=getattr(args, "mapping", None) or "auto",
        customer=getattr(args, "customer", None),
        opportunity=getattr(args, "opportunity", None),
        sheet=getattr(args, "sheet", None),
    )
    _say(report.text())
    if not report.ok:
        status.code = 1
    return group


def _is_map_workbook(raw: Any) -> bool:
    """Whether an .xlsx file is a whole map written by ``convert`` (sheets 'group' and 'people')."""
    try:
        import openpyxl
    except ImportError:
        return False
    try:
        workbook = openpyxl.load_workbook(raw, read_only=True)
    except Exception:  # not a workbook: let the contact reader say so
        return False
    try:
        return {"group", "people"} <= set(workbook.sheetnames)
    finally:
        workbook.close()
        if isinstance(raw, io.BytesIO):
            raw.seek(0)


def _write(group: BuyingGroup, path: str, fmt: str, args: argparse.Namespace) -> None:
    """Write a map in any format to a file (atomically) or to stdout ('-')."""
    redact = bool(getattr(args, "redact", False))
    buffer: Any = io.BytesIO() if fmt in _BINARY else io.StringIO()
    if fmt in ("yaml", "json"):
        from .io.files import dumps

        buffer.write(dumps(group, format=fmt, redact=redact))
    elif fmt == "csv":
        from .io.tables import write_csv

        left_out = write_csv(group, buffer, redact=redact)
        if left_out:
            _say(
                f"note: a CSV holds the people table; left out: {', '.join(left_out)}"
                " (write .xlsx or .yaml to keep everything)"
            )
    elif fmt == "xlsx":
        from .io.tables import write_xlsx

        write_xlsx(group, buffer, redact=redact)
    elif fmt == "graphml":
        from .io.graphml import to_graphml

        buffer.write(to_graphml(group, redact=redact))
    elif fmt == "gexf":
        from .io.gexf import to_gexf

        buffer.write(to_gexf(group, redact=redact))
    elif fmt == "mermaid":
        from .drawing.mermaid import to_mermaid

        buffer.write(to_mermaid(group, lang=args.lang or _language_of(group), redact=redact))
    data = buffer.getvalue()
    if path == "-":
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(data)
        return
    from .atomic import write_output

    write_output(path, data, bom=fmt == "csv")  # a BOM, so that Excel reads a CSV file as UTF-8


def _outputs(args: argparse.Namespace, suffix: str) -> list[tuple[str, str]]:
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


# ---------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------


def _wrote(path: str, count: int) -> None:
    """Say what was written: on stdout for one file, beside the progress bar for several."""
    if count > 1:
        _say(f"wrote {path}")
    else:
        print(f"wrote {path}")


def _report_error(err: Exception, command: str) -> None:
    if isinstance(err, MapError):
        _say(str(err))
    else:
        _say(f"stakeholders {command}: {err}")


def _cmd_validate(args: argparse.Namespace) -> int:
    status = _Status()
    for path in _progress(args.files, "validating"):
        try:
            group = _read(path, args, status)
        except UsageError:
            raise
        except (StakeholdersError, ValueError, OSError) as err:
            _report_error(err, "validate")
            status.code = 1
            continue
        if not args.quiet:
            print(_summary(group, path))
    return status.code


def _fails(level: str, fail_on: str) -> bool:
    order = {"green": 0, "amber": 1, "red": 2}
    return fail_on != "never" and order[level] >= order[fail_on]


def _cmd_analyze(args: argparse.Namespace) -> int:
    from .analysis import analyze

    status = _Status()
    group = _read(args.file, args, status)
    analysis = analyze(group, as_of=args.as_of, redact=args.redact)
    if args.json:
        print(analysis.model_dump_json(indent=2))
    else:
        print(analysis.report(lang=args.lang or _language_of(group)), end="")
    return 1 if _fails(analysis.status.level.value, args.fail_on) else status.code


def _render_one(group: BuyingGroup, output: str, args: argparse.Namespace) -> str:
    """Draw one chart; notes on how it was drawn (e.g. a PNG too large, shrunk) go to stderr."""
    from .drawing import RenderNote

    with _notes(RenderNote):
        return _draw(group, output, args)


def _draw(group: BuyingGroup, output: str, args: argparse.Namespace) -> str:
    from .drawing import render

    options: dict[str, Any] = {
        "backend": args.backend,
        "lang": args.lang or _language_of(group),
        "redact": args.redact,
        "names": args.names,
        "flags": args.flags,
    }
    if output == "-":
        fmt = args.format or "png"
        with tempfile.TemporaryDirectory() as folder:
            path = render(group, Path(folder) / f"chart.{fmt}", format=fmt, **options)
            sys.stdout.buffer.write(path.read_bytes())
            sys.stdout.buffer.flush()
        return "<stdout>"
    return str(render(group, output, format=args.format, **options))


def _cmd_render(args: argparse.Namespace) -> int:
    status = _Status()
    pairs = _outputs(args, f".{args.format or 'png'}")
    for source, output in _progress(pairs, "rendering"):
        try:
            group = _read(source, args, status)
            written = _render_one(group, output, args)
        except UsageError:
            raise
        except (StakeholdersError, ValueError, OSError) as err:
            _report_error(err, "render")
            status.code = 1
            continue
        if output != "-":
            _wrote(written, len(pairs))
    return status.code


def _cmd_convert(args: argparse.Namespace) -> int:
    status = _Status()
    if args.output is not None:
        fmt = _format_of(args.output, args.output_format, _WRITE)
        pairs = _outputs(args, _SUFFIX[fmt])
    else:
        if args.out_dir is None:
            raise UsageError("give -o/--output FILE, or --out-dir DIR with --to FORMAT")
        if args.output_format is None:
            raise UsageError("--out-dir needs --to FORMAT (yaml, json, csv, xlsx, graphml, gexf, mermaid)")
        fmt = args.output_format
        pairs = _outputs(args, _SUFFIX[fmt])
    for source, output in _progress(pairs, "converting"):
        try:
            group = _read(source, args, status)
            _write(group, output, fmt, args)
        except UsageError:
            raise
        except (StakeholdersError, ValueError, OSError) as err:
            _report_error(err, "convert")
            status.code = 1
            continue
        if output != "-":
            _wrote(output, len(pairs))
    return status.code


def _cmd_schema(args: argparse.Namespace) -> int:
    import json

    from .schema import json_schema

    text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if args.output in (None, "-"):
        sys.stdout.write(text)
        return 0
    from .atomic import atomic_write

    atomic_write(Path(args.output), text.encode("utf-8"))
    print(f"wrote {args.output}")
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    """The main job on one map: validate, analyse, draw the chart and the power map."""
    from .analysis import analyze
    from .atomic import atomic_write
    from .drawing import RenderNote, render, render_power_map

    status = _Status()
    group = _read(args.file, args, status)
    lang = args.lang or _language_of(group)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    stem = Path(args.file).stem if args.file != "-" else "map"
    analysis = analyze(group)
    print(_summary(group, args.file))
    report = analysis.report(lang=lang)
    print()
    print(report, end="")
    with _notes(RenderNote):
        written = [
            render(group, out / f"{stem}.png", lang=lang, flags=True, analysis=analysis),
            render_power_map(group, out / f"{stem}_power_map.png", lang=lang, analysis=analysis),
        ]
    atomic_write(out / f"{stem}_report.txt", report.encode("utf-8"))
    written.append(out / f"{stem}_report.txt")
    print()
    for path in written:
        print(f"wrote {path}")
    return status.code


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (expected YYYY-MM-DD): {text!r}") from None


def _input_options() -> argparse.ArgumentParser:
    """Options every command that reads maps shares: how to read contact lists and stdin."""
    parent = argparse.ArgumentParser(add_help=False)
    group = parent.add_argument_group("reading input")
    group.add_argument(
        "--from",
        dest="input_format",
        choices=_READ,
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
    return parent


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
    inputs = _input_options()
    raw = argparse.RawDescriptionHelpFormatter

    def command(name: str, help_: str, examples: str) -> argparse.ArgumentParser:
        return commands.add_parser(
            name, help=help_, description=help_, epilog="examples:\n" + examples, parents=[inputs], formatter_class=raw
        )

    validate = command(
        "validate",
        "check maps; print every problem with its location",
        "  stakeholders validate examples/*.yaml\n  stakeholders validate -q map.yaml contacts.csv\n",
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help="maps in any format ('-' for stdin)")
    validate.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    validate.set_defaults(run=_cmd_validate)

    analyze_ = command(
        "analyze",
        "influence ranking, support, red flags, milestones, next moves",
        "  stakeholders analyze map.yaml\n  stakeholders analyze map.yaml --lang en --fail-on red\n"
        "  stakeholders analyze contacts.csv --json > analysis.json\n",
    )
    analyze_.add_argument("file", metavar="FILE", help="a map in any format ('-' for stdin)")
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
    analyze_.set_defaults(run=_cmd_analyze)

    render_ = command(
        "render",
        "draw the organisation analysis chart to PNG, SVG or PDF",
        "  stakeholders render map.yaml -o chart.png\n"
        "  stakeholders render map.yaml -o shared.pdf --redact --names initials\n"
        "  stakeholders render examples/*.yaml --out-dir charts --format svg\n",
    )
    render_.add_argument("files", nargs="+", metavar="FILE", help="maps in any format ('-' for stdin)")
    render_.add_argument("-o", "--output", help="output file, the format from its suffix ('-': stdout)")
    render_.add_argument("--out-dir", metavar="DIR", help="folder for one chart per input (named after it)")
    render_.add_argument("--format", choices=["png", "svg", "pdf"], help="format, if not from the suffix")
    render_.add_argument("--backend", choices=["graphviz", "matplotlib"], help="default: graphviz if installed")
    render_.add_argument("--lang", choices=["en", "zh"], help="language of fixed texts (default: the map's)")
    render_.add_argument("--redact", action="store_true", help="leave out coach/informant markings, private data")
    render_.add_argument("--names", choices=["full", "initials", "role"], help="show names, initials or roles")
    render_.add_argument("--flags", action="store_true", help="add red-flag callouts from the analysis")
    render_.set_defaults(run=_cmd_render)

    convert = command(
        "convert",
        "convert maps between YAML, JSON, CSV, XLSX, GraphML, GEXF and Mermaid (by suffix)",
        "  stakeholders convert examples/contacts_zh.csv -o map.yaml\n"
        "  stakeholders convert crm.csv --mapping salesforce --customer ACME -o acme.xlsx\n"
        "  stakeholders convert map.yaml -o map.graphml\n"
        "  stakeholders convert lists/*.csv --out-dir maps --to yaml\n"
        "  cat map.yaml | stakeholders convert - --to json -o -\n",
    )
    convert.add_argument("files", nargs="+", metavar="FILE", help="maps or contact lists ('-' for stdin)")
    convert.add_argument("-o", "--output", help="output file, the format from its suffix ('-': stdout)")
    convert.add_argument("--out-dir", metavar="DIR", help="folder for one output per input (needs --to)")
    convert.add_argument("--to", dest="output_format", choices=_WRITE, help="output format, if not from the suffix")
    convert.add_argument("--redact", action="store_true", help="leave out coach/informant markings, private data")
    convert.add_argument("--lang", choices=["en", "zh"], help="language of Mermaid labels (default: the map's)")
    convert.set_defaults(run=_cmd_convert)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of the map file format",
        description="print the JSON Schema of the map file format (for editors and other tools)",
        epilog="examples:\n  stakeholders schema > schema.json\n  stakeholders schema -o schema.json\n",
        formatter_class=raw,
    )
    schema.add_argument("-o", "--output", help="write to this file instead of stdout")
    schema.set_defaults(run=_cmd_schema)

    demo = command(
        "demo",
        "the main job on one map: report, chart and power map in --out",
        "  stakeholders demo examples/welding_soe.yaml --out out\n",
    )
    demo.add_argument("file", metavar="FILE", help="a map in any format")
    demo.add_argument("--out", default="out", help="folder for the outputs (default: out)")
    demo.add_argument("--lang", choices=["en", "zh"], help="language (default: the map's)")
    demo.set_defaults(run=_cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 invalid input or findings, 2 usage)."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help, --version (0) and usage errors (2)
        return exit_.code if isinstance(exit_.code, int) else 2
    try:
        code: int = args.run(args)
    except UsageError as err:
        print(f"stakeholders {args.command}: error: {err}", file=sys.stderr)
        return 2
    except MapError as err:
        print(err, file=sys.stderr)
        return 1
    except (StakeholdersError, ValueError, OSError) as err:
        print(f"stakeholders {args.command}: {err}", file=sys.stderr)
        return 1
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
