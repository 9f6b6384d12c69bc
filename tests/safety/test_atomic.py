"""No lost work: every file the library writes is replaced atomically, and a killed save loses nothing.

- ``save`` (through :func:`stakeholders.atomic.atomic_write`) writes a
  temporary file in the target's folder, flushes and fsyncs it, gives it the
  old file's permissions and renames it over the target;
- a real subprocess saving a big map over and over is killed with SIGKILL at
  random moments, several times: each time the target loads and is one whole
  version (the old or the new), and at most one temporary file (the one being
  written when the process died) is left; the next save removes it;
- every writer of the library (save, render with both backends, the power
  map, CSV, XLSX, GraphML, GEXF, Mermaid, and every CLI output) goes through
  ``atomic_write``: checked at run time with a spy and in the source.
"""

from __future__ import annotations

import fcntl
import json
import os
import random
import re
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from safety_counts import Tally, fuzzing

import stakeholders
from stakeholders import BuyingGroup, atomic as files
from stakeholders.cli import main

ROOT = Path(__file__).resolve().parents[2]
TALLY = Tally("atomic")


@pytest.fixture(scope="module", autouse=True)
def _write_counts() -> Iterator[None]:
    yield
    TALLY.note(
        "summary",
        "A subprocess saving a big map over and over was killed with SIGKILL at random moments; after every kill"
        " the file loaded as one whole version and at most one temporary file was left.",
    )
    TALLY.write()


def _temps(folder: Path, name: str) -> list[Path]:
    return sorted(folder.glob(f".{name}.*.tmp"))


# -- the sequence of a save ------------------------------------------------------------------


def test_save_writes_a_temporary_file_syncs_it_and_renames_it(
    small_group: BuyingGroup, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "map.yaml"
    path.write_text("customer: Old\n", encoding="utf-8")
    path.chmod(0o604)
    calls: list[tuple[str, Any]] = []
    real = {name: getattr(files.os, name) for name in ("fsync", "chmod", "replace")}

    def spy(name: str) -> Any:
        def call(*args: Any) -> Any:
            calls.append((name, args))
            return real[name](*args)

        return call

    for name in real:
        monkeypatch.setattr(files.os, name, spy(name))
    stakeholders.save(small_group, path)
    monkeypatch.undo()
    names = [name for name, _ in calls]
    assert names[:3] == ["fsync", "chmod", "replace"], names  # the file is synced before the rename
    temp = Path(calls[2][1][0])
    assert temp.parent == tmp_path and temp.name.startswith(".map.yaml.") and temp.name.endswith(".tmp")
    assert calls[1][1] == (str(temp), 0o604) and calls[2][1][1] == path
    assert names[3:] == ["fsync"]  # then the folder, so that the rename itself is on disk
    assert stat.S_IMODE(path.stat().st_mode) == 0o604
    assert stakeholders.load(path) == small_group
    assert _temps(tmp_path, "map.yaml") == []


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o077])
def test_a_new_file_gets_the_umask_without_touching_it(
    tmp_path: Path, small_group: stakeholders.BuyingGroup, umask: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new file is 0o666 less the umask, as ``open()`` makes it; the umask is never set, even for a moment
    (setting it races with other threads creating files). (A map holding private data is 0o600 instead.)"""
    from stakeholders.redaction import redacted

    small_group = redacted(small_group)
    path = tmp_path / "new.yaml"
    old = os.umask(umask)
    try:

        def no_umask(_: int) -> int:
            raise AssertionError("save changed the process umask")

        monkeypatch.setattr(files.os, "umask", no_umask)
        stakeholders.save(small_group, path)
    finally:
        monkeypatch.undo()
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
    assert stakeholders.load(path) == small_group


def test_an_unreadable_leftover_is_removed_too(
    small_group: BuyingGroup, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A umask such as 0o466 makes temporary files the owner cannot read; the cleaner opens them write-only."""
    dead = tmp_path / ".map.yaml.dead5678.tmp"
    dead.write_text("partial", encoding="utf-8")
    real_open = os.open

    def no_read(path: Any, flags: int, *args: Any) -> int:
        if str(path) == str(dead) and flags == os.O_RDONLY:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(files.os, "open", no_read)
    stakeholders.save(small_group, tmp_path / "map.yaml")
    monkeypatch.undo()
    assert _temps(tmp_path, "map.yaml") == []


# -- killing a real saving process -----------------------------------------------------------------

_SAVER = r"""
import sys
import stakeholders
from test_atomic import big_map

path = sys.argv[1]
group = big_map()
print("ready", flush=True)
k = 0
while True:
    k += 1
    stakeholders.save(group.model_copy(update={"description": f"save {k}"}), path)
    print("saved", flush=True)
"""


def big_map() -> BuyingGroup:
    """150 people with 80,000 characters of notes each: a 12 MB file, most of a save is spent writing it."""
    from stakeholders.synthetic import generate

    group = generate(150, seed=7)
    people = [p.model_copy(update={"notes": f"{p.id} " + "x" * 80_000}) for p in group.people]
    return group.model_copy(update={"people": people})


def _check_intact(path: Path, base: BuyingGroup) -> int:
    """The file is one whole save: it loads, and only the counter in the description differs."""
    group = stakeholders.load(path)
    assert group.description is not None and re.fullmatch(r"save \d+", group.description), "a mixed file"
    assert group.model_copy(update={"description": None}) == base, "a partial or mixed file"
    return int(group.description.split()[1])


@pytest.mark.slow
def test_a_killed_save_leaves_the_old_or_the_new_file(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    base = big_map()
    stakeholders.save(base.model_copy(update={"description": "save 0"}), path)
    path.chmod(0o640)
    rng = random.Random(int(os.environ.get("STAKEHOLDERS_KILL_SEED", "0")) or None)
    wanted = 10 if fuzzing() else 3  # kills that hit a save mid-write
    kills = mid_write = 0
    versions: set[int] = set()
    while mid_write < wanted:
        assert kills < 6 * wanted, f"only {mid_write} of {kills} kills hit a save mid-write"
        child = subprocess.Popen(
            [sys.executable, "-c", _SAVER, str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={
                **os.environ,
                "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests"), str(Path(__file__).parent)]),
            },
        )
        try:
            assert child.stdout is not None and child.stdout.readline().strip() == b"ready"
            if kills % 2:
                # Any moment of a later save, once one save has completed (however loaded the machine is).
                assert child.stdout.readline().strip() == b"saved"
                time.sleep(rng.uniform(0.0, 0.6))
            else:  # a moment while the file is being written: its temporary file exists
                deadline = time.monotonic() + 20
                while not _temps(tmp_path, "map.json") and time.monotonic() < deadline:
                    time.sleep(0.0002)
                time.sleep(rng.uniform(0.0, 0.01))
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
            if child.stdout is not None:
                child.stdout.close()
        kills += 1
        leftovers = _temps(tmp_path, "map.json")
        assert len(leftovers) <= 1, f"temporary files pile up: {leftovers}"
        mid_write += len(leftovers)
        versions.add(_check_intact(path, base))
        assert stat.S_IMODE(path.stat().st_mode) == 0o640, "the file lost its permissions"
    # The next save removes what the last killed save left.
    stakeholders.save(base.model_copy(update={"description": "save 0"}), path)
    assert _temps(tmp_path, "map.json") == []
    assert len(versions) > 1, "the saving process never completed a save"
    TALLY.add("kills", kills)
    TALLY.add("kills mid-write", mid_write)


def test_a_temporary_file_being_written_is_never_removed(small_group: BuyingGroup, tmp_path: Path) -> None:
    """Leftovers are removed only when no live process holds them (a concurrent save is writing)."""
    path = tmp_path / "map.yaml"
    busy = tmp_path / ".map.yaml.busy1234.tmp"
    dead = tmp_path / ".map.yaml.dead1234.tmp"
    other = tmp_path / ".other.yaml.dead1234.tmp"
    for leftover in (busy, dead, other):
        leftover.write_text("partial", encoding="utf-8")
    fd = os.open(busy, os.O_RDONLY)
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import fcntl, time; fcntl.flock({fd}, fcntl.LOCK_EX); print(1, flush=True); time.sleep(60)",
        ],
        pass_fds=(fd,),
        stdout=subprocess.PIPE,
    )
    try:
        assert child.stdout is not None and child.stdout.readline()
        stakeholders.save(small_group, path)
        assert busy.exists(), "the temporary file of a live save was removed"
        assert not dead.exists(), "a leftover of a killed save was kept"
        assert other.exists(), "a temporary file of another target was touched"
    finally:
        child.kill()
        child.wait()
        os.close(fd)
        if child.stdout is not None:
            child.stdout.close()
    stakeholders.save(small_group, path)
    assert not busy.exists()
    assert fcntl is not None


# -- every writer goes through atomic_write ------------------------------------------------------


def _outputs(tmp_path: Path, group: BuyingGroup) -> Iterator[tuple[str, Path]]:
    """Call every writer of the library once; yields what it wrote."""
    from stakeholders.drawing import render_power_map

    def out(name: str) -> Path:
        return tmp_path / name

    for suffix in ("yaml", "json"):
        yield "save", stakeholders.save(group, out(f"map.{suffix}"))
        yield "save --redact", stakeholders.save(group, out(f"shared.{suffix}"), redact=True)
    for fmt in ("png", "svg", "pdf"):
        yield "render graphviz", stakeholders.render(group, out(f"chart.{fmt}"), backend="graphviz")
        yield "render matplotlib", stakeholders.render(group, out(f"mpl.{fmt}"), backend="matplotlib")
        yield "power map", render_power_map(group, out(f"power.{fmt}"))
    stakeholders.write_csv(group, out("people.csv"))
    yield "write_csv", out("people.csv")
    stakeholders.write_xlsx(group, out("map.xlsx"))
    yield "write_xlsx", out("map.xlsx")
    stakeholders.write_graphml(group, out("map.graphml"))
    yield "write_graphml", out("map.graphml")
    stakeholders.write_gexf(group, out("map.gexf"))
    yield "write_gexf", out("map.gexf")
    stakeholders.write_mermaid(group, out("map.mmd"))
    yield "write_mermaid", out("map.mmd")
    source = out("map.yaml")
    for suffix in ("yaml", "json", "csv", "xlsx", "graphml", "gexf", "mmd"):
        assert main(["convert", str(source), "-o", str(out(f"cli.{suffix}")), "--redact"]) == 0
        yield "CLI convert", out(f"cli.{suffix}")
    assert main(["render", str(source), "-o", str(out("cli_chart.svg"))]) == 0
    yield "CLI render", out("cli_chart.svg")
    assert main(["schema", "-o", str(out("schema.json"))]) == 0
    yield "CLI schema", out("schema.json")
    assert main(["demo", str(source), "--out", str(out("demo"))]) == 0
    for written in sorted(out("demo").iterdir()):
        yield "CLI demo", written


@pytest.mark.slow
def test_every_writer_goes_through_atomic_write(
    small_group: BuyingGroup, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    written: list[Path] = []
    real = files.atomic_write

    def spy(path: Path, data: bytes, *, private: bool = False) -> None:
        written.append(Path(os.path.realpath(path)))
        real(path, data, private=private)

    monkeypatch.setattr(files, "atomic_write", spy)
    for writer, path in _outputs(tmp_path, small_group):
        assert Path(os.path.realpath(path)) in written, f"{writer} wrote {path.name} without atomic_write"
        TALLY.add("writers checked")
    on_disk = {Path(os.path.realpath(p)) for p in tmp_path.rglob("*") if p.is_file()}
    assert on_disk == set(written), f"files written some other way: {sorted(on_disk - set(written))}"
    capsys.readouterr()


# Writing calls the source may use only on in-memory buffers or inside atomic_write itself.
_WRITES = re.compile(
    r"\bopen\([^)]*['\"][wax]b?\+?['\"]|\.write_(?:text|bytes)\(|\bos\.(?:open|replace|rename|link|symlink)\("
    r"|\.savefig\(|\.to_excel\(|\.to_csv\(|\bshutil\.(?:copy\w*|move)\(|\bmkstemp\(|\bos\.fdopen\("
)
_ALLOWED = {
    ("stakeholders/atomic.py", "atomic_write"),
    ("stakeholders/atomic.py", "_remove_stale"),
    ("stakeholders/atomic.py", "_temp_file"),  # the temporary file atomic_write writes and renames
    ("stakeholders/atomic.py", "write_output"),  # a path goes to atomic_write; only a caller's open stream is written
    ("stakeholders/drawing/saving.py", "drawn_figure_bytes"),  # savefig into a BytesIO buffer
    ("stakeholders/io/tables.py", "write_xlsx"),  # to_excel into a BytesIO buffer
    ("stakeholders/cli/__init__.py", "_quiet_stdout"),  # opens /dev/null, to point a closed stdout at it
}


def test_no_file_is_written_outside_atomic_write() -> None:
    found = []
    for path in sorted((ROOT / "stakeholders").rglob("*.py")):
        function = "<module>"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if (match := re.match(r"\s*def (\w+)", line)) and not line.startswith("    " * 2):
                function = match[1]
            if _WRITES.search(line) and (str(path.relative_to(ROOT)), function) not in _ALLOWED:
                found.append(f"{path.relative_to(ROOT)}:{number} ({function}): {line.strip()}")
    assert not found, "writing outside atomic_write:\n" + "\n".join(found)


def test_redacted_copies_are_saved_atomically_too(small_group: BuyingGroup, tmp_path: Path) -> None:
    path = tmp_path / "shared.json"
    stakeholders.save(small_group, path, redact=True)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert all("insider" not in p and "private" not in p for p in data["people"])
    assert _temps(tmp_path, "shared.json") == []
