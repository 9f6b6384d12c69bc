"""The command line: every example of docs/cli.md runs as shown; exit codes, stdin/stdout, errors."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import stakeholders
from stakeholders.cli import main

ROOT = Path(__file__).resolve().parents[2]
CLI_DOC = ROOT / "docs" / "cli.md"

_FENCE = re.compile(
    r"^(?P<indent>[ \t]*)```(?P<lang>[\w-]*)(?P<info>[^\n]*)\n(?P<body>.*?)^(?P=indent)```[ \t]*$",
    re.DOTALL | re.MULTILINE,
)


def _blocks() -> list[dict[str, str]]:
    """Every fenced block of docs/cli.md: language, title, body (unindented), and the text before it."""
    text = CLI_DOC.read_text(encoding="utf-8")
    blocks, last = [], 0
    for match in _FENCE.finditer(text):
        indent = match["indent"]
        body = "".join(
            line[len(indent) :] if line.startswith(indent) else line for line in match["body"].splitlines(True)
        )
        title = re.search(r'title="([^"]+)"', match["info"])
        blocks.append(
            {
                "lang": match["lang"],
                "title": title[1] if title else "",
                "body": body,
                "before": text[last : match.start()],
                "start": str(match.start()),
            }
        )
        last = match.end()
    return blocks


def _commands(body: str) -> list[tuple[str, int]]:
    """(command, expected exit code) for each line of a bash block; '# exits N' sets the code."""
    found = []
    for line in body.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        expected = re.search(r"#\s*exits\s+(\d+)\s*$", line)
        found.append((line, int(expected[1]) if expected else 0))
    return found


def _environment() -> dict[str, str]:
    bin_dir = str(Path(sys.executable).parent)
    assert shutil.which("stakeholders", path=bin_dir), "the stakeholders console script is not installed"
    return {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""), "NO_COLOR": "1"}


def _run(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", "set -o pipefail; " + command],
        cwd=cwd,
        env=_environment(),
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    return tmp_path


# -- THE path of a new user: contact list → chart and red flags, as the docs show it --


def test_contact_list_to_chart_and_red_flags_in_three_commands(workdir: Path) -> None:
    text = CLI_DOC.read_text(encoding="utf-8")
    begin = text.index("## From a contact list to a chart and red flags")
    end = text.index("\n## ", begin + 1)
    blocks = [b for b in _blocks() if begin < int(b["start"]) < end]
    (commands,) = [b["body"] for b in blocks if b["lang"] == "bash"]
    lines = [c for c, _ in _commands(commands)]
    assert len(lines) == 3
    assert [line.split()[1] for line in lines] == ["convert", "render", "analyze"]
    results = [_run(line, workdir) for line in lines]
    for line, done in zip(lines, results, strict=True):
        assert done.returncode == 0, f"{line}\n{done.stderr}"

    convert, _, analyze = results
    shown = [b["body"] for b in blocks if b["lang"] == "text"]
    assert shown[0].strip() in convert.stderr  # the import report, as shown

    group = stakeholders.load(workdir / "map.yaml")
    assert len(group.people) == 16
    chart = workdir / "chart.png"
    from PIL import Image

    with Image.open(chart) as image:
        assert image.format == "PNG"
        assert image.width > 1000 and image.height > 600
        colours = image.convert("RGB").getcolors(1_000_000) or []
        assert len(colours) > 50  # a drawn chart, not a blank page

    report = analyze.stdout
    assert "## 风险警示" in report
    flags = [line for line in shown[1].splitlines() if line.startswith("[")]
    assert flags, "the docs show the red flags"
    for line in flags:
        assert line in report.splitlines(), line  # each flag as the docs show it, severity and sentence
    assert not re.search(r"[a-z]+_[a-z]+", report), "no English flag codes in a Chinese report"


# -- every other example of the page ----------------------------------------------


def test_every_example_on_the_cli_page_runs(workdir: Path) -> None:
    blocks = _blocks()
    for block in blocks:
        if block["title"]:
            (workdir / block["title"]).write_text(block["body"], encoding="utf-8")
    ran = 0
    for index, block in enumerate(blocks):
        if block["lang"] != "bash":
            continue
        output = ""
        for command, expected in _commands(block["body"]):
            done = _run(command, workdir)
            assert done.returncode == expected, f"{command}\nstdout: {done.stdout[-2000:]}\nstderr: {done.stderr}"
            output = done.stdout + done.stderr
            ran += 1
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if following and following["lang"] == "text" and not following["title"] and not following["before"].strip():
            for line in following["body"].splitlines():
                for part in line.split("..."):
                    assert part.strip() in output, f"docs show {line!r}, the command printed:\n{output}"
    assert ran >= 20
    assert stakeholders.load(workdir / "welding_again.yaml") == stakeholders.load(workdir / "examples/welding_soe.yaml")
    assert json.loads((workdir / "welding.json").read_text(encoding="utf-8"))["customer"].startswith("江东")
    assert sorted(p.name for p in (workdir / "charts").iterdir()) == ["music_academy_hvac.svg", "water_pump_spin.svg"]
    crm = stakeholders.load(workdir / "crm.yaml")
    assert crm.person("赵总").roles == [stakeholders.Role.DECIDER]
    assert crm.person("钱工").contacted is False


# -- exit codes, help, errors -------------------------------------------------------


def test_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "examples:" in out and "stakeholders convert --example contacts_zh -o map.yaml" in out
    for command in ("validate", "analyze", "render", "convert", "schema", "demo"):
        assert command in out
        assert main([command, "--help"]) == 0
        assert "examples:" in capsys.readouterr().out


#: Files in the help's examples that stand for the user's own (a pip user has no examples/ folder).
_USERS_OWN = ("maps/", "crm_export.csv", "contacts.csv", "crm.csv", "lists/")


def _help_examples(capsys: pytest.CaptureFixture[str]) -> list[str]:
    texts = []
    for argv in (["--help"], *([c, "--help"] for c in ("validate", "analyze", "render", "convert", "demo"))):
        assert main(argv) == 0
        texts.append(capsys.readouterr().out)
    lines = [line.split("#")[0].strip() for text in texts for line in text.split("examples:\n", 1)[1].splitlines()]
    return list(dict.fromkeys(line for line in lines if line.startswith(("stakeholders ", "cat "))))


@pytest.mark.slow
def test_the_help_s_examples_run_in_an_empty_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """As after ``pip install``: no examples/ folder, only the sample maps the package holds."""
    monkeypatch.chdir(tmp_path)
    lines = _help_examples(capsys)
    assert not [line for line in lines if "examples/" in line]
    ran = 0
    for line in lines:
        if any(own in line for own in _USERS_OWN):
            continue
        done = _run(line, tmp_path)
        allowed = (0, 1) if "--fail-on" in line else (0,)  # 1: the status is as bad as asked about
        assert done.returncode in allowed, f"{line}\n{done.stderr}"
        ran += 1
    assert ran >= 10
    assert (tmp_path / "out" / "welding_soe.png").stat().st_size > 10_000
    assert stakeholders.load(tmp_path / "map.yaml") == stakeholders.examples.load("contacts_zh")


def test_example_reads_a_sample_map_named_by_its_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "--example", "welding_soe"]) == 0
    assert capsys.readouterr().out.startswith("welding_soe.yaml: valid map of 江东")
    assert main(["convert", "--example", "contacts_zh", "-o", "m.json"]) == 0
    assert "contacts_zh.csv: 16 rows, 16 people (mapping: zh)" in capsys.readouterr().err
    assert stakeholders.load(tmp_path / "m.json") == stakeholders.examples.load("contacts_zh")


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["analyze", "--example", "weldng_soe"], "did you mean 'welding_soe'?"),
        (["demo", "map.yaml", "--example", "welding_soe"], "give FILE or --example NAME, not both"),
        (["demo"], "give FILE, or --example NAME"),
        (["validate"], "give FILE, or --example NAME"),
    ],
)
def test_example_usage_errors_exit_2(
    argv: list[str], said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    assert said in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["frobnicate"],
        ["analyze"],
        ["analyze", "x.yaml", "--lang", "fr"],
        ["render", "examples/welding_soe.yaml"],
        ["render", "a.yaml", "b.yaml", "-o", "x.png"],
        ["convert", "examples/welding_soe.yaml", "-o", "x.docx"],
        ["convert", "examples/welding_soe.yaml", "--out-dir", "out"],
        ["convert", "examples/welding_soe.yaml", "-o", "-"],
    ],
    ids=lambda argv: " ".join(argv) or "nothing",
)
def test_usage_errors_exit_2(
    argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    assert main(argv) == 2
    assert "error" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert stakeholders.__version__ in capsys.readouterr().out


def test_invalid_map_exits_1_with_the_location(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bad.yaml").write_text("customer: X\npeople:\n  - name: A\n    stance: frend\n", encoding="utf-8")
    for argv in (["validate"], ["analyze"], ["render", "-o", str(tmp_path / "x.png")], ["convert", "-o", "x.json"]):
        command = argv[0]
        assert main([command, str(tmp_path / "bad.yaml"), *argv[1:]]) == 1
        err = capsys.readouterr().err
        assert "bad.yaml: 1 problem in the map:" in err
        assert "line 4: people[0].stance: unknown stance 'frend'" in err


def test_validate_reports_every_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bad.yaml").write_text("customer: X\npeople: [{name: A, roles: Influencer}]\n", encoding="utf-8")
    good = str(ROOT / "examples" / "welding_soe.yaml")
    assert main(["validate", good, str(tmp_path / "bad.yaml"), str(ROOT / "examples" / "contacts_zh.csv")]) == 1
    captured = capsys.readouterr()
    assert captured.out.count("valid map of") == 2
    assert "is refused" in captured.err


@pytest.mark.parametrize(
    "argv",
    [
        ["convert", "no_such_list.csv", "-o", "x.yaml"],
        ["validate", "nope.yaml"],
        ["analyze", "nope.xlsx"],
        ["render", "nope.graphml", "-o", "x.png"],
        ["demo", "nope.yaml"],
    ],
    ids=" ".join,
)
def test_a_missing_file_is_one_line_no_such_file_and_exits_1(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 1
    captured = capsys.readouterr()
    assert captured.err == f"stakeholders {argv[0]}: no such file: {argv[1]}\n"
    assert captured.out == ""
    assert list(tmp_path.iterdir()) == []


def test_a_missing_file_is_said_in_chinese_too_with_lang_zh(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["analyze", "缺少.yaml", "--lang", "zh"]) == 1
    assert capsys.readouterr().err == "stakeholders analyze: 找不到文件：缺少.yaml (no such file: 缺少.yaml)\n"


def test_fail_on(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(ROOT / "examples" / "welding_soe.yaml")
    level = stakeholders.analyze(stakeholders.load(path)).status.level.value
    assert main(["analyze", path, "--fail-on", "never"]) == 0
    assert main(["analyze", path, "--fail-on", "amber"]) == (1 if level in ("red", "amber") else 0)


def test_analyze_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(ROOT / "examples" / "contacts_zh.csv"), "--json"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert "decider_not_contacted" in {f["code"] for f in data["flags"]}
    assert "16 rows, 16 people" in captured.err


# -- stdin and stdout ----------------------------------------------------------------


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_convert_stdin_to_stdout(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    source = (ROOT / "examples" / "water_pump_spin.yaml").read_bytes()
    _stdin(monkeypatch, source)
    assert main(["convert", "-", "--to", "json", "-o", "-"]) == 0
    assert stakeholders.loads(capsys.readouterr().out, format="json") == stakeholders.loads(source)


def test_contact_list_from_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _stdin(monkeypatch, (ROOT / "examples" / "contacts_zh.csv").read_bytes())
    assert main(["convert", "-", "--from", "csv", "--to", "yaml", "-o", "-"]) == 0
    captured = capsys.readouterr()
    assert len(stakeholders.loads(captured.out).people) == 16
    assert "<stdin>: 16 rows" in captured.err


def test_render_to_stdout(capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    code = main(["render", str(ROOT / "examples" / "water_pump_spin.yaml"), "-o", "-", "--format", "svg"])
    assert code == 0
    assert capfdbinary.readouterr().out.lstrip().startswith(b"<?xml")


# -- many files --------------------------------------------------------------------


def test_convert_many_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inputs = [str(p) for p in sorted((ROOT / "examples").glob("*.yaml"))]
    assert main(["convert", *inputs, "--out-dir", str(tmp_path), "--to", "graphml"]) == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(Path(p).stem + ".graphml" for p in inputs)
    assert capsys.readouterr().err.count("wrote ") == len(inputs)
    for path in inputs:
        assert stakeholders.read_graphml(tmp_path / f"{Path(path).stem}.graphml") == stakeholders.load(path)


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bad.yaml").write_text("customer: [\n", encoding="utf-8")
    good = str(ROOT / "examples" / "water_pump_spin.yaml")
    out = tmp_path / "out"
    assert main(["convert", str(tmp_path / "bad.yaml"), good, "--out-dir", str(out), "--to", "json"]) == 1
    assert [p.name for p in out.iterdir()] == ["water_pump_spin.json"]
    assert "not valid YAML" in capsys.readouterr().err


def test_csv_output_says_what_it_left_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", str(ROOT / "examples" / "welding_soe.yaml"), "-o", str(tmp_path / "p.csv")]) == 0
    assert "left out: lines, team" in capsys.readouterr().err
    assert (tmp_path / "p.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM, so Excel reads UTF-8


@pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz dot")
def test_render_prints_a_note_when_the_png_was_shrunk(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """250 people side by side pass Graphviz's bitmap limit: the PNG is written, with a note on stderr."""
    monkeypatch.chdir(tmp_path)
    group = stakeholders.BuyingGroup(customer="Flat", people=[{"name": f"Person {i}"} for i in range(250)])
    group.save("flat.yaml")
    assert main(["render", "flat.yaml", "-o", "flat.png"]) == 0
    err = capsys.readouterr().err
    assert re.search(r"^note: the chart is too large for a 150-dpi PNG: Graphviz shrank it to \d+%", err, re.M), err
    assert "Warning" not in err and "RenderNote" not in err
    assert (tmp_path / "flat.png").read_bytes().startswith(b"\x89PNG")


def test_validate_prints_a_sheet_note_for_a_merged_cell(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A merged cell of an XLSX map reads as empty: the command line says so as a note, not a Python warning."""
    import openpyxl

    group = stakeholders.loads("customer: X\npeople: [{name: Wang}, {name: Li}]")
    stakeholders.write_xlsx(group, tmp_path / "map.xlsx")
    book = openpyxl.load_workbook(tmp_path / "map.xlsx")
    sheet = book["people"]
    column = [c.value for c in sheet[1]].index("title") + 1
    sheet.merge_cells(start_row=2, start_column=column, end_row=3, end_column=column)
    book.save(tmp_path / "map.xlsx")
    assert main(["validate", str(tmp_path / "map.xlsx")]) == 0
    err = capsys.readouterr().err
    assert re.search(r"^note: .*sheet 'people'.*merged with", err, re.M), err
    assert "SheetNote" not in err and "warn(" not in err


def _titled_list(path: Path) -> Path:
    """A contact list in Excel with a merged title row above the header, as people keep them."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["华西厂 客户组织名单"])
    sheet.merge_cells("A1:E1")
    for row in (["姓名", "职位", "上级", "角色", "立场"], ["周总", "总经理", None, "决策者", "中立者"]):
        sheet.append(row)
    sheet.append(["李工", "总工程师", "周总", "技术评估者", "支持者"])
    book.save(path)
    return path


@pytest.mark.parametrize("command", ["validate", "analyze", "convert", "render"])
def test_header_row_is_an_option_of_every_command_that_reads_a_sheet(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(_titled_list(tmp_path / "list.xlsx"))
    output = {"convert": ["-o", str(tmp_path / "map.yaml")], "render": ["-o", str(tmp_path / "chart.dot")]}
    argv = [command, source, "--customer", "华西厂", *output.get(command, [])]
    assert main([*argv, "--header-row", "2"]) == 0
    err = capsys.readouterr().err
    assert "row 1, above the header (row 2), is a title" in err
    assert main([*argv, "--header-row", "1"]) == 1  # the title as the header: no name column
    assert "no column holds the name" in capsys.readouterr().err


def test_a_title_row_is_found_without_the_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(_titled_list(tmp_path / "list.xlsx")), "--customer", "华西厂"]) == 0
    assert "valid map of 华西厂" in capsys.readouterr().out


@pytest.mark.parametrize("value", ["0", "-2", "two"])
def test_a_header_row_that_is_not_a_row_number_is_a_usage_error(
    value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(_titled_list(tmp_path / "list.xlsx")), "--header-row", value]) == 2
    assert "--header-row" in capsys.readouterr().err


def test_validate_never_says_valid_after_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    typo = tmp_path / "typo.csv"
    typo.write_text("姓名,职位,上级,角色,立场\n周总,总经理,,决策者,中立者\n李工,总工程师,周总,技术评估者,支持着\n")
    good = str(ROOT / "examples" / "welding_soe.yaml")
    assert main(["validate", str(typo), good, "--customer", "华西厂"]) == 1
    captured = capsys.readouterr()
    assert "unknown stance '支持着'" in captured.err
    assert "valid map" not in captured.out.split(good)[0]  # nothing said valid of the list with the error
    assert f"{good}: valid map" in captured.out


# -- the terminal: binary output, usage of the command, ASCII locales -------------


def _on_a_terminal(argv: list[str]) -> tuple[int, bytes, str]:
    """Run the command with standard output on a pseudo-terminal: (exit code, what the terminal got, stderr)."""
    import pty
    import select

    leader, follower = pty.openpty()
    try:
        done = subprocess.Popen(
            [sys.executable, "-m", "stakeholders", *argv],
            cwd=ROOT,
            env={**_environment(), "PYTHONPATH": str(ROOT)},
            stdin=subprocess.DEVNULL,
            stdout=follower,
            stderr=subprocess.PIPE,
        )
        os.close(follower)
        _, err = done.communicate(timeout=120)
        shown = b""
        while select.select([leader], [], [], 0.1)[0]:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    return done.returncode, shown, err.decode("utf-8")


@pytest.mark.parametrize(
    ("argv", "kind"),
    [
        (["render", "examples/water_pump_spin.yaml", "-o", "-"], "PNG"),
        (["render", "examples/water_pump_spin.yaml", "-o", "-", "--format", "pdf"], "PDF"),
        (["convert", "examples/water_pump_spin.yaml", "-o", "-", "--to", "xlsx"], "XLSX"),
    ],
    ids=["png", "pdf", "xlsx"],
)
def test_binary_output_is_not_written_to_a_terminal(argv: list[str], kind: str) -> None:
    code, shown, err = _on_a_terminal(argv)
    assert code == 2
    assert shown == b""
    (line,) = err.splitlines()  # one line, like gzip's, and no usage
    assert line.startswith(f"stakeholders {argv[0]}: error: {kind} is binary, not written to a terminal")
    assert "二进制文件" in line


def test_text_output_is_written_to_a_terminal() -> None:
    code, shown, err = _on_a_terminal(["convert", "examples/water_pump_spin.yaml", "-o", "-", "--to", "yaml"])
    assert code == 0, err
    assert b"customer:" in shown


def test_binary_output_piped_is_written(capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["render", str(ROOT / "examples" / "water_pump_spin.yaml"), "-o", "-"]) == 0
    assert capfdbinary.readouterr().out.startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "argv",
    [
        ["render", "examples/welding_soe.yaml", "--bogus"],
        ["analyze", "examples/welding_soe.yaml", "extra.yaml"],
        ["convert", "examples/welding_soe.yaml", "-o", "x.json", "--out-dir", "out"],
        ["render", "examples/welding_soe.yaml", "-o", "chart.docx"],
    ],
    ids=["unknown-option", "extra-argument", "conflicting-options", "unsupported-suffix"],
)
def test_a_command_error_shows_that_command_usage(
    argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"usage: stakeholders {argv[0]} [-h]")
    assert re.search(rf"^stakeholders {argv[0]}: error: ", err, re.M), err


@pytest.mark.parametrize("output", ["chart.docx", "map.yaml", "table.csv"])
def test_render_to_a_suffix_that_is_no_chart_exits_2_before_reading(
    output: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "no_such_map.yaml")  # never read: the usage error comes first
    assert main(["render", missing, "-o", str(tmp_path / output)]) == 2
    err = capsys.readouterr().err
    assert "cannot tell the format from the suffix" in err and "no_such_map" not in err.split("error:")[0]
    assert not (tmp_path / output).exists()


_ASCII_LOCALES = {
    "PYTHONIOENCODING=ascii": {"PYTHONIOENCODING": "ascii"},
    "LC_ALL=C": {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
}


@pytest.mark.parametrize("locale", list(_ASCII_LOCALES))
@pytest.mark.parametrize(
    ("command", "code"),
    [
        ("stakeholders --help", 0),
        ("stakeholders analyze typo.yaml --lang zh", 1),
        ("stakeholders analyze examples/welding_soe.yaml", 0),
        ("stakeholders validate typo.yaml", 1),
        ("stakeholders validate broken.yaml", 1),
    ],
)
def test_an_ascii_locale_escapes_chinese_with_a_hint(locale: str, command: str, code: int, workdir: Path) -> None:
    (workdir / "typo.yaml").write_text(
        "customer: 华西厂\npeople:\n  - name: 李工\n    stance: 支持着\n", encoding="utf-8"
    )
    (workdir / "broken.yaml").write_text(
        "customer: 华西厂\npeople:\n  - name: 李工\n   title: 总工\n", encoding="utf-8"
    )
    done = subprocess.run(
        ["bash", "-c", command],
        cwd=workdir,
        env={**_environment(), "PYTHONPATH": str(ROOT), **_ASCII_LOCALES[locale]},
        capture_output=True,
        timeout=120,
    )
    out, err = done.stdout.decode("ascii"), done.stderr.decode("ascii")  # nothing but ASCII reaches the terminal
    assert done.returncode == code, err
    assert "Error" not in err and "codec" not in err, err
    escaped = out + err
    assert re.search(r"\\u[0-9a-f]{4}", escaped), escaped  # the Chinese is there, escaped
    hints = [line for line in err.splitlines() if line.startswith("note: the terminal's encoding")]
    assert len(hints) == 1 and "UTF-8" in hints[0], err


@pytest.mark.parametrize("locale", list(_ASCII_LOCALES))
def test_files_to_stdout_stay_utf8_under_an_ascii_locale(locale: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "stakeholders", "convert", "examples/welding_soe.yaml", "-o", "-", "--to", "yaml"],
        cwd=ROOT,
        env={**_environment(), "PYTHONPATH": str(ROOT), **_ASCII_LOCALES[locale]},
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert stakeholders.loads(done.stdout.decode("utf-8")) == stakeholders.load(ROOT / "examples" / "welding_soe.yaml")
    assert b"note: the terminal" not in done.stderr
