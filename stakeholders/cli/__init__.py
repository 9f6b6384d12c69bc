"""The ``stakeholders`` command line: a thin layer over the public API.

Commands: ``validate``, ``analyze``, ``render``, ``convert``, ``schema`` and
``demo``. Every command that reads a map reads any format by its suffix: YAML
or JSON maps, contact lists (CSV, Excel), GraphML and GEXF; ``-`` is standard
input (a YAML or JSON map, or ``--from FORMAT``). The formats are those of
:mod:`stakeholders.io.formats`.

Exit codes: 0 ok; 1 invalid input, a contact list with errors, or (with
``analyze --fail-on``) findings; 2 usage error; 130 interrupted (Ctrl-C: one
line on stderr, no traceback, no partial file); 141 standard output closed early
(``stakeholders ... | head``: nothing more is said). Errors go to stderr with the
location of the problem (file, line or row and column). docs/cli.md is the
reference, with examples that the tests run.

- :mod:`~stakeholders.cli.parser`: the arguments; :mod:`~stakeholders.cli.commands`: the commands;
- :mod:`~stakeholders.cli.maps`: reading and writing through the format registry;
- :mod:`~stakeholders.cli.console`: what is said on stderr (notes, progress, summaries).

This module imports nothing heavy at the top: :func:`main` imports the rest inside its
guard, so Ctrl-C while the program is still loading is reported like any other.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..text import Text
from .terminal import escaping

if TYPE_CHECKING:
    #: Formats by file suffix (from :data:`stakeholders.io.formats.FORMATS`), loaded on first use.
    FORMATS: dict[str, str]

__all__ = ["FORMATS", "main"]

#: Exit code after Ctrl-C (128 + SIGINT), as shells report a process ended by it.
INTERRUPTED = 130
#: Exit code when standard output was closed early (128 + SIGPIPE), as for any command in a pipe.
BROKEN_PIPE = 141
_INTERRUPTED_TEXT = Text("interrupted", "已中断")


def __getattr__(name: str) -> Any:
    if name == "FORMATS":  # formats by file suffix (from stakeholders.io.formats.FORMATS), loaded on first use
        from ..io.formats import FORMATS as registry

        return {suffix: f.name for f in registry.values() for suffix in f.suffixes}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 invalid input or findings, 2 usage, 130 Ctrl-C)."""
    parsed: list[argparse.Namespace] = []
    with escaping():  # under an ASCII locale, Chinese is escaped (with a hint), never a UnicodeEncodeError
        try:
            return _run(argv, parsed)
        except KeyboardInterrupt:
            _say_interrupted(parsed[0] if parsed else None)
            # CPython remembers a KeyboardInterrupt raised inside exec() of a text (dataclasses and
            # namedtuple build code so while modules load) and would end the process by SIGINT at exit
            # instead of with this code; exec() of a text that completes clears that.
            exec("")
            return INTERRUPTED
        except BrokenPipeError:
            _quiet_stdout()
            return BROKEN_PIPE


def _run(argv: Sequence[str] | None, parsed: list[argparse.Namespace]) -> int:
    from ..errors import MapError, StakeholdersError
    from .console import UsageError
    from .parser import build_parser

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help, --version (0) and usage errors (2)
        return exit_.code if isinstance(exit_.code, int) else 2
    parsed.append(args)
    try:
        code: int = args.run(args)
    except UsageError as err:
        if err.usage:  # as argparse says its own errors: the command's usage, then the error
            args.command_parser.print_usage(sys.stderr)
        print(f"stakeholders {args.command}: error: {err}", file=sys.stderr)
        return 2
    except MapError as err:
        print(err, file=sys.stderr)
        return 1
    except BrokenPipeError:
        raise
    except (StakeholdersError, ValueError, OSError) as err:
        print(f"stakeholders {args.command}: {err}", file=sys.stderr)
        return 1
    sys.stdout.flush()  # here, so that a reader gone away is noticed here and not at exit
    return code


def _say_interrupted(args: argparse.Namespace | None) -> None:
    """One line on stderr: in English, and also in Chinese when the command's language is Chinese.

    The language is ``--lang`` when given, else that of the map being worked on (see
    :func:`stakeholders.cli.console.language_of`) once one has been read, else English.
    """
    command = f"stakeholders {args.command}" if args is not None else "stakeholders"
    lang = (getattr(args, "lang", None) or getattr(args, "map_language", None)) if args is not None else None
    message = _INTERRUPTED_TEXT.en
    if lang == "zh":
        message = f"{_INTERRUPTED_TEXT.pick('zh')} ({message})"
    with contextlib.suppress(KeyboardInterrupt, OSError):  # a second Ctrl-C, or stderr gone: the exit code says it
        print(f"{command}: {message}", file=sys.stderr, flush=True)


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so that flushing it at exit raises nothing more."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (a test's capture): nothing to flush to
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
