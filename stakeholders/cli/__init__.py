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
import signal
import sys
import threading
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
    interrupted: list[int] = []
    previous = _catch_interrupts(interrupted)
    try:
        with escaping():  # under an ASCII locale, Chinese is escaped (with a hint), never a UnicodeEncodeError
            return _interruptible(argv, parsed, interrupted)
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


def _interruptible(argv: Sequence[str] | None, parsed: list[argparse.Namespace], interrupted: list[int]) -> int:
    """The command, ended by a broken pipe or a Ctrl-C as :func:`main` says."""
    try:
        return _run(argv, parsed)
    except BrokenPipeError:
        _quiet_stdout()
        return BROKEN_PIPE
    except BaseException as err:
        # A Ctrl-C inside a dependency's compiled code can come out as another exception (the pydantic-core
        # of pydantic 2.6 turns it into a pyo3 PanicException while it builds a validator): whatever it
        # became, a Ctrl-C was received, so the command ends as interrupted.
        if not (isinstance(err, KeyboardInterrupt) or (interrupted and not isinstance(err, SystemExit))):
            raise
        _say_interrupted(parsed[0] if parsed else None)
        # CPython remembers a KeyboardInterrupt raised inside exec() of a text (dataclasses and
        # namedtuple build code so while modules load) and would end the process by SIGINT at exit
        # instead of with this code; exec() of a text that completes clears that.
        exec("")
        return INTERRUPTED


def _catch_interrupts(interrupted: list[int]) -> Any:
    """Note each Ctrl-C in ``interrupted`` (then raise KeyboardInterrupt as Python does); the old handler.

    Only where Python's own handler is in place, in the main thread: a caller's handler is left alone.
    """
    if threading.current_thread() is not threading.main_thread():
        return None
    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        return None

    def note(signum: int, frame: Any) -> None:
        interrupted.append(signum)
        raise KeyboardInterrupt

    return signal.signal(signal.SIGINT, note)


def _run(argv: Sequence[str] | None, parsed: list[argparse.Namespace]) -> int:
    from ..errors import StakeholdersError
    from .console import UsageError, error_text
    from .maps import take_example
    from .parser import build_parser

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help, --version (0) and usage errors (2)
        return exit_.code if isinstance(exit_.code, int) else 2
    parsed.append(args)
    try:
        take_example(args)
        code: int = args.run(args)
    except UsageError as err:
        if err.usage:  # as argparse says its own errors: the command's usage, then the error
            args.command_parser.print_usage(sys.stderr)
        print(f"stakeholders {args.command}: error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        raise
    except (StakeholdersError, ValueError, OSError) as err:  # a map's problems, a missing file, ...
        print(error_text(err, args.command, getattr(args, "lang", None)), file=sys.stderr)
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
