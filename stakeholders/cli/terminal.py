"""What the command line does for the terminal it writes to: text it cannot show, bytes it should not get.

- Under an ASCII locale (``LC_ALL=C`` without UTF-8 mode, ``PYTHONIOENCODING=ascii``) or any encoding
  without Chinese, :func:`escaping` makes standard output and standard error write what they cannot
  encode as ``\\uXXXX`` escapes instead of failing, and says once, on stderr, how to get UTF-8.
  Files written to standard output (``-o -``, ``--json``, ``schema``) are UTF-8 whatever the locale
  (:func:`utf8_stdout`), as they are on disk: only what is said to a person is escaped.
- :func:`is_terminal` tells whether a stream is one: :func:`stakeholders.cli.maps.refuse_binary` refuses
  to write an image or a workbook to a terminal, as ``gzip`` does.

Standard library only: :func:`stakeholders.cli.main` sets this up before anything else is loaded.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import sys
from collections.abc import Iterator
from typing import IO, Any

__all__ = ["escaping", "hint", "is_terminal", "utf8_stdout"]

_HANDLER = "stakeholders.escape"
#: A text every command may print (the help's title): a stream that cannot encode it is escaped.
_PROBE = "组织分析图"


class _Escaped:
    happened = False


def _escape(err: UnicodeError) -> tuple[str | bytes, int]:
    """A file name's undecodable bytes go out as they came in; any other character as a ``\\u`` escape."""
    if not isinstance(err, UnicodeEncodeError):
        raise err
    with contextlib.suppress(UnicodeError):
        return codecs.lookup_error("surrogateescape")(err)
    _Escaped.happened = True
    return codecs.backslashreplace_errors(err)


def _cannot_show_chinese(stream: Any) -> bool:
    encoding = getattr(stream, "encoding", None)
    if not encoding or not hasattr(stream, "reconfigure"):
        return False
    try:
        _PROBE.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return True
    return False


def hint(encoding: str) -> str:
    """The one line said after text was escaped: what the encoding is, and how to get UTF-8 here."""
    if os.environ.get("PYTHONIOENCODING"):
        how = "unset PYTHONIOENCODING or set it to utf-8"
    elif sys.platform == "win32":
        how = "set PYTHONUTF8=1 (or run chcp 65001 first)"
    else:
        how = "export LANG=C.UTF-8 (or PYTHONUTF8=1)"
    return f"note: the terminal's encoding ({encoding}) cannot show Chinese, written as \\u escapes; for UTF-8, {how}"


@contextlib.contextmanager
def escaping() -> Iterator[None]:
    """Inside, stdout and stderr escape what their encoding cannot show; the hint follows on stderr, once."""
    codecs.register_error(_HANDLER, _escape)
    changed: list[tuple[Any, Any]] = []
    streams: list[Any] = [sys.stdout, sys.stderr]
    for stream in streams:
        if _cannot_show_chinese(stream):
            changed.append((stream, stream.errors))
            stream.reconfigure(errors=_HANDLER)
    _Escaped.happened = False
    try:
        yield
    finally:
        if changed:
            with contextlib.suppress(OSError, ValueError):  # stderr gone: nothing to say it on
                if _Escaped.happened:
                    encoding = str(getattr(changed[0][0], "encoding", "ascii"))
                    print(hint(encoding), file=sys.stderr, flush=True)
            for stream, errors in changed:
                with contextlib.suppress(OSError, ValueError):
                    stream.reconfigure(errors=errors)


def is_terminal(stream: Any) -> bool:
    """Whether ``stream`` is a terminal (a closed or odd stream is not)."""
    try:
        return bool(stream.isatty())
    except (AttributeError, OSError, ValueError):
        return False


@contextlib.contextmanager
def utf8_stdout() -> Iterator[IO[str]]:
    """Standard output as UTF-8 text, whatever the locale: a map or a chart written to ``-`` is UTF-8, as on disk."""
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    try:
        utf8 = codecs.lookup(str(getattr(stream, "encoding", ""))).name == "utf-8"
    except LookupError:
        utf8 = False
    if buffer is None or utf8:
        yield stream
        return
    stream.flush()
    wrapper = io.TextIOWrapper(buffer, encoding="utf-8", write_through=True)
    try:
        yield wrapper
    finally:
        wrapper.flush()
        wrapper.detach()  # not closed: standard output stays open
