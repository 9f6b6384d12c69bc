"""The ``stakeholders`` command line: a thin layer over the public API.

Commands: ``validate``, ``analyze``, ``render``, ``convert``, ``schema`` and
``demo``. Every command that reads a map reads any format by its suffix: YAML
or JSON maps, contact lists (CSV, Excel), GraphML and GEXF; ``-`` is standard
input (a YAML or JSON map, or ``--from FORMAT``). The formats are those of
:mod:`stakeholders.io.formats`.

Exit codes: 0 ok; 1 invalid input, a contact list with errors, or (with
``analyze --fail-on``) findings; 2 usage error. Errors go to stderr with the
location of the problem (file, line or row and column). docs/cli.md is the
reference, with examples that the tests run.

- :mod:`~stakeholders.cli.parser`: the arguments; :mod:`~stakeholders.cli.commands`: the commands;
- :mod:`~stakeholders.cli.maps`: reading and writing through the format registry;
- :mod:`~stakeholders.cli.console`: what is said on stderr (notes, progress, summaries).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from ..errors import MapError, StakeholdersError
from ..io.formats import FORMATS as _REGISTRY
from .console import UsageError
from .parser import build_parser

__all__ = ["FORMATS", "main"]

#: Formats by file suffix (from :data:`stakeholders.io.formats.FORMATS`).
FORMATS: dict[str, str] = {suffix: f.name for f in _REGISTRY.values() for suffix in f.suffixes}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 invalid input or findings, 2 usage)."""
    parser = build_parser()
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
