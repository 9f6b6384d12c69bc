"""Writing a file so that a crash leaves the old file or the new one, never half of either.

:func:`atomic_write` is what every writer of the package uses (map files, tables, charts,
reports): the bytes go to a locked temporary file beside the target, are flushed to disk,
then renamed over the old file, which keeps its permissions. A new file gets the usual
permissions (0o666 less the umask), or 0o600 (its owner only) when the caller says it holds
private data (``private=True``: an unredacted map with private profiles, coach markings,
notes ...). :func:`write_output` is the "a path or an open stream" front of it.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from pathlib import Path
from typing import IO

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: leftovers of killed saves are not cleaned up
    fcntl = None  # type: ignore[assignment]

__all__ = ["atomic_write", "write_output"]


def _hold(fd: int, name: str) -> bool:
    """Lock the new temporary file ``name`` (open as ``fd``) while it is written (POSIX): a lock dies with its process.

    False when another save's clean-up took it first: between creating the file and locking it,
    a concurrent save can see an unlocked leftover and remove it. Then the caller makes another.
    """
    if fcntl is None:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False  # a cleaner holds it, and is removing it
    except OSError:
        return True  # a file system without locks: no clean-up of leftovers there either
    try:  # locked now, so no cleaner can take it any more; but did one take it just before?
        return os.path.samestat(os.fstat(fd), os.stat(name))
    except FileNotFoundError:
        return False


def _remove_stale(directory: Path, name: str, keep: str) -> None:
    """Remove temporary files of earlier saves of ``name`` whose writer died (killed mid-write)."""
    if fcntl is None:
        return
    pattern = re.compile(rf"\.{re.escape(name)}\.[A-Za-z0-9_]{{8}}\.tmp")
    try:
        candidates = [
            entry.path
            for entry in os.scandir(directory)
            if pattern.fullmatch(entry.name) and entry.name != os.path.basename(keep)
        ]
    except OSError:
        return
    for candidate in candidates:
        try:
            fd = os.open(candidate, os.O_RDONLY)
        except OSError:
            try:  # a umask that takes the owner's read right: flock works on a write-only file too
                fd = os.open(candidate, os.O_WRONLY)
            except OSError:
                continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # a live save is writing it
        else:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(candidate)
        finally:
            os.close(fd)


def _temp_file(directory: Path, name: str, mode: int) -> tuple[int, str]:
    """Create ``.<name>.<8 hex>.tmp`` in ``directory``, exclusively, with ``mode`` less the umask.

    Not ``tempfile.mkstemp``: it always creates 0o600, and learning the umask to
    widen it means setting the umask for a moment (``os.umask``), which races with
    other threads creating files. Letting the kernel apply the umask needs none.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        candidate = os.path.join(directory, f".{name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(candidate, flags, mode), candidate
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary file name for {name!r} in {directory}")


def _locked_temp_file(path: Path, mode: int) -> tuple[int, str]:
    """A new temporary file beside ``path``, open and locked (see :func:`_temp_file` and :func:`_hold`)."""
    for _ in range(100):
        try:
            fd, tmp_name = _temp_file(path.parent, path.name, mode)
        except OSError as err:  # a read-only or missing folder: say which file could not be written
            raise _about(err, path) from None
        try:
            if _hold(fd, tmp_name):
                return fd, tmp_name
        except BaseException:
            os.close(fd)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp_name)
            raise
        os.close(fd)  # removed by a concurrent save's clean-up: make another
    raise FileExistsError(
        f"no temporary file for {path.name!r} in {path.parent} could be kept: too many concurrent saves"
    )


def _about(err: OSError, path: Path) -> OSError:
    """``err`` naming the file being saved, not its temporary file (``[Errno 28] ...: 'x.yaml'``)."""
    if err.errno is None:
        return err
    return type(err)(err.errno, err.strerror, str(path))


def write_output(
    target: str | os.PathLike[str] | IO[str] | IO[bytes], data: str | bytes, *, bom: bool = False, private: bool = False
) -> None:
    """Write ``data`` to a path, atomically (text as UTF-8, after a BOM when ``bom``), or to an open stream as is.

    Every writer that takes "a path or a stream" goes through here; ``private`` as for :func:`atomic_write`.
    """
    if isinstance(target, (str, os.PathLike)):
        raw = data if isinstance(data, bytes) else (("\ufeff" if bom else "") + data).encode("utf-8")
        atomic_write(Path(target), raw, private=private)
    else:
        target.write(data)  # type: ignore[arg-type]  # the caller passes text to text streams, bytes to binary


def atomic_write(path: Path, data: bytes, *, private: bool = False) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old file or the new one.

    An existing file keeps its permissions. A new file is created 0o666 less the
    umask, as ``open()`` would; with ``private=True`` (the data is personal or
    sensitive) it is created readable and writable by its owner only (0o600, less
    the umask), from the first byte: the temporary file already has that mode.
    A symbolic link is followed: its target is replaced, the link stays. A
    process killed while writing leaves its temporary file behind; the next
    save to the same folder removes such leftovers (those no live writer holds
    locked), so they never pile up.
    """
    path = Path(os.path.realpath(path))
    directory = path.parent
    try:
        mode: int | None = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None  # a new file: created 0o666 (0o600 when private) less the umask, as open() would
    fd, tmp_name = _locked_temp_file(path, 0o600 if mode is not None or private else 0o666)
    try:
        _remove_stale(directory, path.name, tmp_name)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            if mode is not None:
                os.chmod(tmp_name, mode)  # the old file's permissions
            os.replace(tmp_name, path)  # while the lock is held: a cleaner never takes a file being written
    except BaseException as err:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        if isinstance(err, OSError):  # a full disk, a file size limit: the old file is untouched
            raise _about(err, path) from None
        raise
    try:
        dir_fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
