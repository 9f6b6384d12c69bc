"""Files and processes: what the library does when the world around it goes wrong.

Real subprocesses, real signals, real limits:

- Ctrl-C (SIGINT to the whole process group, as a terminal sends it) at several moments of every
  command: one line on stderr, exit code 130, no traceback, no partial or temporary file;
- standard output closed early (``stakeholders ... | head -1``): the command stops quietly;
- several processes saving the same file at once: the file is always one whole version;
- a full disk (a file size limit, ``RLIMIT_FSIZE``): the save fails with a message naming the file,
  the old file is untouched and no temporary file is left;
- a read-only folder: the same.

Killing a saving process with SIGKILL is in ``test_atomic.py``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import stakeholders
from stakeholders import BuyingGroup

ROOT = Path(__file__).resolve().parents[2]
ENV = {
    **os.environ,
    "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests"), str(Path(__file__).parent)]),
    "PYTHONDONTWRITEBYTECODE": "1",
}


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "stakeholders", *args]


def _temps(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob(".*.tmp"))


@pytest.fixture(scope="module")
def maps(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A folder with a map of 2,000 people (most of a second to load) and one of 300 (quick to draw)."""
    from stakeholders.synthetic import generate

    folder = tmp_path_factory.mktemp("maps")
    stakeholders.save(generate(2000, seed=3), folder / "huge.yaml")
    stakeholders.save(generate(300, seed=4), folder / "big.yaml")
    yield folder


# -- Ctrl-C ------------------------------------------------------------------------------------------


def _startup() -> float:
    """Seconds until the command line's own code runs (the interpreter and ``import stakeholders.cli``)."""
    start = time.monotonic()
    subprocess.run([sys.executable, "-c", "import stakeholders.cli"], env=ENV, check=True)
    return time.monotonic() - start


#: (command line, the outputs it writes) with {maps} and {out} filled in.
_COMMANDS = [
    (["validate", "{maps}/huge.yaml", "{maps}/big.yaml"], []),
    (["analyze", "{maps}/huge.yaml"], []),
    (["convert", "{maps}/huge.yaml", "-o", "{out}/map.json"], ["map.json"]),
    (["render", "{maps}/big.yaml", "-o", "{out}/chart.svg", "--flags"], ["chart.svg"]),
    (["render", "{maps}/big.yaml", "-o", "{out}/chart.png", "--backend", "matplotlib", "--lang", "zh"], ["chart.png"]),
    (["demo", "{maps}/big.yaml", "--out", "{out}/demo"], ["demo/big.png", "demo/big_power_map.png"]),
    (["schema", "-o", "{out}/schema.json"], ["schema.json"]),
]


def _run(args: list[str], out: Path, maps: Path, after: float | None) -> tuple[int, str, float]:
    """Run the command; with ``after``, send SIGINT to its process group that many seconds in."""
    out.mkdir(parents=True, exist_ok=True)
    filled = [a.format(maps=maps, out=out) for a in args]
    start = time.monotonic()
    child = subprocess.Popen(
        _cli(*filled), env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    if after is not None:
        time.sleep(after)
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGINT)
    _, err = child.communicate(timeout=120)
    return child.returncode, err.decode("utf-8", "replace"), time.monotonic() - start


#: The panic report pydantic-core's Rust code writes straight to stderr when a Ctrl-C interrupts it
#: building a validator: seen with pydantic 2.6 (the oldest we support), not with the newest.
_RUST_PANIC = re.compile(r"\Athread '[^']*' panicked at .*?(?=^stakeholders)", re.S | re.M)


def _without_rust_panic(err: str) -> str:
    """``err`` without a Rust panic report, on pydantic before 2.7 only: Python cannot keep Rust from writing it.

    The command still ends with its one ``interrupted`` line and exit 130 (checked below).
    """
    import pydantic
    from packaging.version import Version

    return _RUST_PANIC.sub("", err) if Version(pydantic.VERSION) < Version("2.7") else err


@pytest.mark.slow
@pytest.mark.exe
@pytest.mark.parametrize(("args", "written"), _COMMANDS, ids=[c[0][0] + "-" + c[0][-1] for c in _COMMANDS])
def test_ctrl_c_ends_every_command_with_one_line_and_exit_130(
    tmp_path: Path, maps: Path, args: list[str], written: list[str]
) -> None:
    startup = _startup()
    code, err, took = _run(args, tmp_path / "full", maps, None)
    assert code == 0, err
    reference = {name: (tmp_path / "full" / name).read_bytes() for name in written}
    # From just after start-up to near the end of a whole run.
    moments = [2 * startup + f * max(took - 2 * startup, 0.05) for f in (0.0, 0.3, 0.65)]
    interrupted = 0
    for i, moment in enumerate(moments):
        out = tmp_path / f"run{i}"
        code, err, _ = _run(args, out, maps, moment)
        err = _without_rust_panic(err)
        assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
        if code == 130:
            interrupted += 1
            lines = err.strip().splitlines()
            # Before the arguments are read the command is not named yet; in Chinese too with --lang zh
            # or, once it is read, a map written in Chinese.
            assert re.fullmatch(rf"stakeholders( {args[0]})?: (已中断 \()?interrupted\)?", lines[-1]), err
            if "zh" in args and lines[-1] != "stakeholders: interrupted":
                assert "已中断" in lines[-1], err
            assert sum("interrupted" in line for line in lines) == 1, err
        elif code == -signal.SIGINT:
            # Python gives SIGINT back to the system as it exits: a Ctrl-C after the work is done ends
            # the process by the signal itself (a shell still reports 130), with every output whole.
            assert err.strip() == "", (moment, took, err)
            assert all((out / name).read_bytes() == reference[name] for name in written), (moment, took)
        else:
            assert code == 0, (moment, took, code, err)
        for name in written:  # the old file (none) or the whole new one
            path = out / name
            assert not path.exists() or path.read_bytes() == reference[name], f"a partial {name}"
        assert _temps(out) == [], "a temporary file left behind"
    assert interrupted >= (1 if args[0] == "schema" else 2), f"only {interrupted} of {len(moments)} runs interrupted"


def test_ctrl_c_says_it_in_chinese_too_when_the_command_speaks_chinese(tmp_path: Path) -> None:
    """The language is --lang, else the map's once it is read; before that, English."""
    from stakeholders.cli import _say_interrupted
    from stakeholders.cli.parser import build_parser

    parser = build_parser()
    said = []
    for argv, extra in (
        (["analyze", "m.yaml", "--lang", "zh"], {}),
        (["render", "m.yaml", "-o", "x.png"], {"map_language": "zh"}),
        (["render", "m.yaml", "-o", "x.png", "--lang", "en"], {"map_language": "zh"}),
        (["validate", "m.yaml"], {}),
    ):
        args = parser.parse_args(argv)
        vars(args).update(extra)
        said.append(args)
    import contextlib
    import io

    lines = []
    for args in [*said, None]:
        buffer = io.StringIO()
        with contextlib.redirect_stderr(buffer):
            _say_interrupted(args)
        lines.append(buffer.getvalue())
    assert lines == [
        "stakeholders analyze: 已中断 (interrupted)\n",
        "stakeholders render: 已中断 (interrupted)\n",
        "stakeholders render: interrupted\n",
        "stakeholders validate: interrupted\n",
        "stakeholders: interrupted\n",
    ]


# -- a reader that goes away -----------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.exe
@pytest.mark.parametrize(
    "args",
    [
        ["analyze", "{maps}/big.yaml", "--json"],
        ["analyze", "{maps}/big.yaml"],
        ["convert", "{maps}/huge.yaml", "--to", "json", "-o", "-"],
        ["render", "{maps}/big.yaml", "-o", "-", "--format", "svg"],
        ["validate", *["{maps}/big.yaml"] * 40],
        ["schema"],
    ],
    ids=["analyze-json", "analyze", "convert", "render", "validate", "schema"],
)
def test_a_closed_pipe_ends_the_command_quietly(maps: Path, args: list[str]) -> None:
    """``stakeholders ... | head -1``: no traceback, no message; exit 0, or 141 when the write noticed it."""
    filled = [a.format(maps=maps) for a in args]
    child = subprocess.Popen(_cli(*filled), env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None and child.stderr is not None
    child.stdout.readline()
    child.stdout.close()  # as head -1 does
    with child.stderr:
        err = child.stderr.read().decode("utf-8", "replace")
    code = child.wait(timeout=120)
    assert err == "", err  # no "Broken pipe", no traceback, no "Exception ignored"
    assert code in (0, 141), (code, err)


def test_a_closed_pipe_in_a_shell_pipeline(maps: Path) -> None:
    done = subprocess.run(
        f"{sys.executable} -m stakeholders analyze {maps}/big.yaml --json | head -1",
        shell=True,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.stdout.strip() == "{" and done.stderr == "", done.stderr


# -- several processes saving one file ------------------------------------------------------------------

_SAVER = r"""
import sys
import stakeholders
from test_processes import version

path, who, times = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
group = version(who)
print("ready", flush=True)
sys.stdin.readline()
for _ in range(times):
    stakeholders.save(group, path)
"""


def version(who: int) -> BuyingGroup:
    """One saver's version of the map: 200 people, about 700 KB, its number in every note."""
    from stakeholders.synthetic import generate

    group = generate(200, seed=11)
    people = [p.model_copy(update={"notes": f"saver {who} " + "y" * 3000}) for p in group.people]
    return group.model_copy(update={"people": people, "description": f"saver {who}"})


@pytest.mark.slow
def test_concurrent_saves_leave_one_whole_version(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    savers = 5
    versions = {who: version(who) for who in range(savers)}
    stakeholders.save(versions[0], path)
    children = [
        subprocess.Popen(
            [sys.executable, "-c", _SAVER, str(path), str(who), "6"],
            env=ENV,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        for who in range(savers)
    ]
    try:
        for child in children:
            assert child.stdout is not None and child.stdout.readline().strip() == b"ready"
        for child in children:  # all at once
            assert child.stdin is not None
            child.stdin.write(b"go\n")
            child.stdin.close()
        seen = set()
        while any(child.poll() is None for child in children):
            data = json.loads(path.read_bytes())  # every read while they write: one whole version
            who = int(data["description"].split()[1])
            assert stakeholders.loads(json.dumps(data)) == versions[who], "a mixed file"
            seen.add(who)
        assert [child.wait(timeout=120) for child in children] == [0] * savers
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()
            if child.stdout is not None:
                child.stdout.close()
    final = stakeholders.load(path)
    assert final in versions.values()
    assert _temps(tmp_path) == [], "temporary files left by concurrent saves"
    assert seen, "the file was never read while being saved"


# -- a full disk and a read-only folder -------------------------------------------------------------

_LIMITED = r"""
import resource, signal, sys
from stakeholders.cli import main

signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit then fails with EFBIG, like a full disk
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.slow
@pytest.mark.parametrize("suffix", ["yaml", "json", "svg", "png"])
def test_a_full_disk_fails_with_a_message_and_leaves_the_old_file(tmp_path: Path, maps: Path, suffix: str) -> None:
    target = tmp_path / f"out.{suffix}"
    target.write_bytes(b"the old file")
    done = subprocess.run(
        [sys.executable, "-c", _LIMITED, str(50_000), "convert", str(maps / "big.yaml"), "-o", str(target)],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    said = done.stderr.strip().splitlines()  # (a PNG too large for Graphviz adds a note before)
    assert said[-1] == f"stakeholders convert: [Errno 27] File too large: '{target}'", done.stderr
    assert "Traceback" not in done.stderr
    assert target.read_bytes() == b"the old file"
    assert _temps(tmp_path) == []


def test_a_full_disk_in_the_library_raises_an_oserror_naming_the_file(tmp_path: Path) -> None:
    target = tmp_path / "map.yaml"
    target.write_text("customer: old\n", encoding="utf-8")
    code = (
        "import resource, signal, stakeholders\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (100, 100))\n"
        "g = stakeholders.loads('customer: ' + 'x' * 500)\n"
        "try:\n"
        f"    stakeholders.save(g, {str(target)!r})\n"
        "except OSError as err:\n"
        "    print(type(err).__name__, err.errno, err.filename)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env=ENV, capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["OSError", "27", str(target)], done.stderr
    assert target.read_text(encoding="utf-8") == "customer: old\n"
    assert _temps(tmp_path) == []


def _without_root_powers(command: list[str]) -> list[str]:
    """Root ignores folder permissions: as root, the child runs without CAP_DAC_OVERRIDE (util-linux setpriv)."""
    if os.geteuid() != 0:
        return command
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: a read-only folder cannot be made")
    return [setpriv, "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search", "--", *command]


def test_a_read_only_folder_fails_with_a_message_and_leaves_the_old_file(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    source = tmp_path / "map.yaml"
    source.write_text("customer: ACME\npeople: [{name: A}]\n", encoding="utf-8")
    target = folder / "map.json"
    target.write_text("old", encoding="utf-8")
    folder.chmod(0o555)
    try:
        done = subprocess.run(
            _without_root_powers(_cli("convert", str(source), "-o", str(target))),
            env=ENV,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        folder.chmod(0o755)
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip() == f"stakeholders convert: [Errno 13] Permission denied: '{target}'", done.stderr
    assert target.read_text(encoding="utf-8") == "old"
    assert _temps(tmp_path) == []


class _Panic(BaseException):
    """What pyo3 raises when a Ctrl-C interrupts pydantic-core's Rust code (pydantic 2.6): not a KeyboardInterrupt."""


def test_ctrl_c_that_a_dependency_turns_into_another_exception_still_ends_with_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import os
    import signal

    import stakeholders.cli as cli

    def interrupted_inside_a_dependency(argv: object, parsed: object) -> int:
        try:
            os.kill(os.getpid(), signal.SIGINT)
            signal.pthread_sigmask(signal.SIG_BLOCK, [])  # let the handler run
        except KeyboardInterrupt:
            raise _Panic("KeyboardInterrupt") from None
        raise AssertionError("no KeyboardInterrupt")

    monkeypatch.setattr(cli, "_run", interrupted_inside_a_dependency)
    assert cli.main(["validate", "x.yaml"]) == 130
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "interrupted" in err and "Traceback" not in err, err
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back


def test_an_exception_without_a_ctrl_c_is_not_taken_for_one(monkeypatch: pytest.MonkeyPatch) -> None:
    import stakeholders.cli as cli

    def fails(argv: object, parsed: object) -> int:
        raise _Panic("a real bug")

    monkeypatch.setattr(cli, "_run", fails)
    with pytest.raises(_Panic):
        cli.main(["validate", "x.yaml"])
