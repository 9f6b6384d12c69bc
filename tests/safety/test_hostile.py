"""Hostile files: a clear MapError or a load in bounded time and memory, never a hang or a blow-up.

Every case runs the reader in a fresh subprocess with its memory (address
space) and CPU time capped by ``resource.setrlimit`` and a wall-clock timeout,
so a reader that hangs or allocates without bound fails the test instead of
the machine: YAML alias bombs (billion laughs, merge keys, one long text
referenced many times), recursive aliases, deeply nested documents, a 50 MB
file, binary garbage, GBK-encoded Chinese, byte order marks, duplicate keys,
XML entity bombs in GraphML/GEXF, a zip bomb posing as a workbook, overlong
texts and documents with very many problems.

Also here: only safe YAML loading anywhere in the package.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import re
import resource
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from safety_counts import Tally, fuzzing

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "stakeholders"
TALLY = Tally("hostile")

#: Limits of every child process: address space, CPU seconds, wall-clock seconds.
MEMORY_MB = 1024
CPU_SECONDS = 60
WALL_SECONDS = 120

_CHILD = r"""
import io, json, resource, sys, time, warnings
warnings.simplefilter("ignore")
loader, path = sys.argv[1], sys.argv[2]
import stakeholders
from stakeholders import MapError
started = time.process_time()
out = {}
try:
    if loader == "load":
        group = stakeholders.load(path)
    elif loader == "loads":
        data = open(path, "rb").read()
        group = stakeholders.loads(data, format="json" if path.endswith(".json") else "yaml")
    elif loader == "contacts":
        group, report = stakeholders.read_contacts(path)
        out["report"] = report.text()
    elif loader == "graphml":
        group = stakeholders.read_graphml(path)
    elif loader == "gexf":
        group = stakeholders.read_gexf(path)
    elif loader == "xlsx":
        group = stakeholders.read_xlsx(path)
    elif loader == "cli":
        from contextlib import redirect_stderr, redirect_stdout
        err, std = io.StringIO(), io.StringIO()
        with redirect_stderr(err), redirect_stdout(std):
            code = stakeholders.cli.main(["validate", path])
        out.update(outcome="exit %d" % code, stderr=err.getvalue()[-2000:], stdout=std.getvalue()[-2000:])
        group = None
    out.setdefault("outcome", "loaded")
    if group is not None:
        out["people"] = len(group.people)
except MapError as err:
    text = str(err)
    out.update(
        outcome="MapError",
        codes=sorted({p.code for p in err.problems}),
        problems=len(err.problems),
        first=str(err.problems[0]),
        lines=[p.line for p in err.problems[:3]],
        text_length=len(text),
    )
out["cpu"] = round(time.process_time() - started, 3)
out["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
print(json.dumps(out))
"""


def _limits() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_MB * 2**20, MEMORY_MB * 2**20))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def run_bounded(loader: str, path: Path) -> dict[str, Any]:
    """Run a reader on ``path`` in a child with capped memory and CPU; its JSON report."""
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "PYTHONPATH": str(ROOT)}
    try:
        done = subprocess.run(
            [sys.executable, "-c", "import stakeholders.cli\n" + _CHILD, loader, str(path)],
            capture_output=True,
            text=True,
            timeout=WALL_SECONDS,
            preexec_fn=_limits,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{loader}({path.name}) hung: no answer within {WALL_SECONDS} s")
    assert done.returncode == 0, (
        f"{loader}({path.name}) died (exit {done.returncode}; memory capped at {MEMORY_MB} MB,"
        f" CPU at {CPU_SECONDS} s):\n{done.stderr[-3000:]}"
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# -- the cases ------------------------------------------------------------------------------


@dataclass
class Case:
    id: str
    suffix: str
    make: Callable[[], bytes]
    loader: str = "load"
    outcome: str = "MapError"
    codes: set[str] = field(default_factory=set)
    message: str = ""
    check: Callable[[dict[str, Any]], None] | None = None


def _laughs(levels: int = 9, where: str = "people") -> bytes:
    lines = ["x0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"x{i}: &x{i} [" + ", ".join([f"*x{i - 1}"] * 9) + "]" for i in range(1, levels + 1)]
    anchors = "\n".join("  " + line for line in lines)
    return f"customer: X\nanchors:\n{anchors}\n{where}: *x{levels}\n".encode()


def _merge_bomb(levels: int = 9) -> bytes:
    lines = ["m0: &m0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9}"]
    lines += [f"m{i}: &m{i} {{<<: [" + ", ".join([f"*m{i - 1}"] * 9) + "]}" for i in range(1, levels + 1)]
    anchors = "\n".join("  " + line for line in lines)
    return f"customer: X\nanchors:\n{anchors}\npeople:\n  - {{name: A, <<: *m{levels}}}\n".encode()


def _quadratic() -> bytes:
    text = "x" * 2**20
    refs = ", ".join(["*big"] * 20_000)
    return f"customer: X\ndescription: &big {text}\npeople: [{{name: A, concerns: [{refs}]}}]\n".encode()


def _deep(opening: str, closing: str, depth: int, json_: bool = False) -> bytes:
    body = opening * depth + closing * depth
    if json_:
        return ('{"customer": "X", "people": ' + body + "}").encode()
    return f"customer: X\npeople: {body}\n".encode()


def _people_yaml(count: int, notes: int = 100) -> str:
    person = "  - {name: 'Person %d', title: Engineer, stance: supporter, notes: '" + "n" * notes + "'}\n"
    return "customer: X\npeople:\n" + "".join(person % i for i in range(count))


def _fifty_mb(fmt: str) -> bytes:
    """A valid map of exactly 50 MiB (about 100,000 people)."""
    if fmt == "json":
        people = ",".join(f'{{"name": "P{i}", "notes": "{"n" * 440}"}}' for i in range(100_000))
        data = ('{"customer": "X", "people": [' + people + "]}").encode()
        return data + b" " * (50 * 2**20 - len(data))
    data = _people_yaml(100_000, 420).encode()
    return data + b"#" * (50 * 2**20 - len(data) - 1) + b"\n"


def _garbage(size: int = 2**20) -> bytes:
    return random.Random(7).randbytes(size)


GBK_MAP = "customer: 华东汽车零部件厂\npeople:\n  - name: 张总\n    title: 总经理\n    stance: 支持者\n"


def _graphml_bomb() -> bytes:
    entities = '<!ENTITY a "lollollollollollollollollollol">' + "".join(
        f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(9)
    )
    return (
        f'<?xml version="1.0"?><!DOCTYPE graphml [{entities}]>'
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="d0" for="graph" attr.name="customer"'
        ' attr.type="string"/><graph edgedefault="directed"><data key="d0">&j;</data></graph></graphml>'
    ).encode()


def _external_entity(fmt: str) -> bytes:
    root = "graphml" if fmt == "graphml" else "gexf"
    return (
        f'<?xml version="1.0"?><!DOCTYPE {root} [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        f'<{root} xmlns="http://www.gexf.net/1.2draft"><graph><meta><description>&x;</description></meta>'
        f"</graph></{root}>"
    ).encode()


_GRAPHML_HEAD = (
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="d0" for="graph" attr.name="customer"'
    ' attr.type="string"/><graph edgedefault="directed"><data key="d0">'
)


def _xml_with_dtd(fmt: str, dtd: str, codec: str = "utf-8", before: str = "", declared: str | None = None) -> bytes:
    """A GraphML or GEXF map with a DTD, whose customer is the entity ``&x;``, in ``codec``."""
    declaration = f'<?xml version="1.0" encoding="{declared}"?>' if declared else ""
    if fmt == "graphml":
        body = f"{_GRAPHML_HEAD}&x;</data></graph></graphml>"
    else:
        body = '<gexf xmlns="http://www.gexf.net/1.2draft"><graph name="&x;"><nodes/></graph></gexf>'
    return f"{declaration}{before}{dtd}{body}".encode(codec)


def _dtd_refused(result: dict[str, Any]) -> None:
    assert "DTD (<!DOCTYPE>)" in result["first"] and result["lines"][0] is not None, result


def _located(result: dict[str, Any]) -> None:
    assert result["lines"][0] is not None, result


_ENTITY = '<!DOCTYPE r [<!ENTITY x "EVIL">]>'
_XML_CASES = (
    [
        Case(
            f"xml-entity-{fmt}-{codec}" + ("" if declared else "-undeclared"),
            f".{fmt}",
            lambda fmt=fmt, codec=codec, declared=declared: _xml_with_dtd(fmt, _ENTITY, codec, declared=declared),
            fmt,
            codes={"syntax"},
            check=_dtd_refused,
        )
        for fmt in ("graphml", "gexf")
        for codec, declared in (
            ("utf-8", None),
            ("utf-16", "UTF-16"),
            ("utf-16-le", "UTF-16"),
            ("utf-16-be", "UTF-16"),
            ("utf-16-le", None),
            ("utf-16-be", None),
            ("utf-32", "UTF-32"),
            ("latin-1", "ISO-8859-1"),
        )
    ]
    + [
        Case(
            f"xml-{name}-{fmt}",
            f".{fmt}",
            lambda fmt=fmt, dtd=dtd, codec=codec, before=before: _xml_with_dtd(
                fmt, dtd, codec, before=before, declared="UTF-16" if codec != "utf-8" else None
            ),
            fmt,
            codes={"syntax"},
            check=_dtd_refused,
        )
        for fmt in ("graphml", "gexf")
        for name, dtd, codec, before in (
            ("attlist-default", '<!DOCTYPE r [<!ATTLIST data key CDATA "d0">]>', "utf-8", ""),
            ("parameter-entity", "<!DOCTYPE r [<!ENTITY % p \"<!ENTITY x 'EVIL'>\"> %p;]>", "utf-16", ""),
            ("doctype-after-64KB-comment", _ENTITY, "utf-8", "<!--" + "x" * 70_000 + "-->\n"),
            ("external-entity-utf16", '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "utf-16", ""),
        )
    ]
    + [
        Case(
            "xml-late-doctype-after-the-root-graphml",
            ".graphml",
            lambda: f"{_GRAPHML_HEAD}X</data></graph>\n{_ENTITY}</graphml>".encode(),
            "graphml",
            codes={"syntax"},
            check=_located,
        ),
        Case(
            "xml-entity-bomb-graphml-utf16",
            ".graphml",
            lambda: (
                _graphml_bomb()
                .decode()
                .replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>')
                .encode("utf-16")
            ),
            "graphml",
            codes={"syntax"},
            check=_dtd_refused,
        ),
    ]
)


def _long_integer(fmt: str, digits: int = 100_000) -> bytes:
    if fmt == "json":
        return ('{"customer": "X",\n "people": [{"name": "A", "influence": ' + "1" * digits + "}]}").encode()
    return ("customer: X\npeople:\n  - {name: A, influence: " + "1" * digits + "}\n").encode()


def _zip_bomb() -> bytes:
    import io

    row = "<row>" + "".join(f'<c t="inlineStr"><is><t>x{i}</t></is></c>' for i in range(20)) + "</row>"
    sheet = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    sheet += row * 60_000 + "</sheetData></worksheet>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return buffer.getvalue()


def _far_cell(row: int, column: str, declared: bool) -> bytes:
    """A 2 KB workbook with one cell at row 1,000,000 or column XFD (a million empty rows to a naive reader)."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rels = "http://schemas.openxmlformats.org/package/2006/relationships"
    doc = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    cell = '<c r="{0}" t="inlineStr"><is><t>{1}</t></is></c>'
    rows = f'<row r="1">{cell.format("A1", "name")}</row><row r="2">{cell.format("A2", "Wang")}</row>'
    rows += f'<row r="{row}">{cell.format(f"{column}{row}", "x")}</row>'
    dimension = f'<dimension ref="A1:{column}{row}"/>' if declared else ""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml"'
            ' ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml"'
            ' ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{rels}"><Relationship Id="r1" Type="{doc}/officeDocument"'
            ' Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{main}" xmlns:r="{doc}"><sheets><sheet name="people" sheetId="1" r:id="r1"/>'
            "</sheets></workbook>",
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{rels}"><Relationship Id="r1" Type="{doc}/worksheet"'
            ' Target="worksheets/sheet1.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            f'<worksheet xmlns="{main}">{dimension}<sheetData>{rows}</sheetData></worksheet>',
        )
    return buffer.getvalue()


def _long_text() -> bytes:
    return b"customer: X\ndescription: " + b"a" * (10 * 2**20) + b"\n"


def _many_problems() -> bytes:
    return ("customer: X\npeople:\n" + "  - {name: A, stance: frend}\n" * (50_000 if fuzzing() else 10_000)).encode()


def _escape_in_key() -> bytes:
    return b'customer: X\n"\\e[2J\\e]0;pwned\\a\\u202e": 1\n'


def _no_escapes(result: dict[str, Any]) -> None:
    text = json.dumps(result, ensure_ascii=False)
    assert "\x1b" not in text and "\u202e" not in text and "\x07" not in text


def _short_error(result: dict[str, Any]) -> None:
    assert result["text_length"] < 2_000, "the error message quotes the whole value"


def _bounded(result: dict[str, Any]) -> None:
    assert result["cpu"] < CPU_SECONDS and result["peak_mb"] < MEMORY_MB


CASES = [
    Case("billion-laughs", ".yaml", _laughs, codes={"alias"}, message="alias bomb"),
    Case("billion-laughs-as-text", ".yaml", lambda: _laughs(where="description"), codes={"alias"}),
    Case("billion-laughs-json-of-yaml", ".yml", lambda: _laughs(8), codes={"alias"}),
    Case("merge-key-bomb", ".yaml", _merge_bomb, codes={"alias"}),
    Case("one-long-text-referenced-20000-times", ".yaml", _quadratic, codes={"alias"}),
    Case(
        "recursive-alias",
        ".yaml",
        lambda: b"customer: X\npeople: &p [{name: A, concerns: *p}]\n",
        codes={"alias"},
        message="recursive",
    ),
    Case("nested-100000-lists-yaml", ".yaml", lambda: _deep("[", "]", 100_000), codes={"syntax"}),
    Case("nested-100000-maps-yaml", ".yaml", lambda: _deep("{a: ", "}", 100_000), codes={"syntax"}),
    Case("nested-100000-lists-json", ".json", lambda: _deep("[", "]", 100_000, True), codes={"syntax"}),
    Case(
        "nested-900-lists-json", ".json", lambda: _deep("[", "]", 900, True), codes={"model_type"}, check=_short_error
    ),
    Case("50MB-yaml", ".yaml", lambda: _fifty_mb("yaml"), codes={"too_large"}, message="50.0 MB"),
    Case("50MB-json", ".json", lambda: _fifty_mb("json"), codes={"too_large"}),
    Case("50MB-text-to-loads", ".yaml", lambda: _fifty_mb("yaml"), loader="loads", codes={"too_large"}),
    Case("50MB-csv", ".csv", lambda: b"name,notes\n" + b"A,xxxxxxxx\n" * 5_000_000, "contacts", codes={"too_large"}),
    Case("5MB-yaml-loads", ".yaml", lambda: _people_yaml(20_000).encode(), outcome="loaded", check=_bounded),
    Case("binary-garbage-yaml", ".yaml", _garbage, codes={"encoding"}),
    Case("binary-garbage-json", ".json", _garbage, codes={"encoding"}),
    Case("binary-garbage-csv", ".csv", _garbage, "contacts", codes={"unreadable"}),
    Case("binary-garbage-xlsx", ".xlsx", _garbage, "contacts", codes={"unreadable"}),
    Case("binary-garbage-map-xlsx", ".xlsx", _garbage, "xlsx", codes={"syntax"}),
    Case("binary-garbage-graphml", ".graphml", _garbage, "graphml", codes={"syntax"}),
    Case("binary-garbage-gexf", ".gexf", _garbage, "gexf", codes={"syntax"}),
    Case("nul-in-the-middle", ".yaml", lambda: b"customer: X\n" + b"\x00" * 10 + b"\n", codes={"encoding"}),
    Case("utf8-encoded-surrogate", ".yaml", lambda: b"customer: \xed\xa0\x80\n", codes={"encoding"}),
    Case("gbk-chinese-yaml", ".yaml", lambda: GBK_MAP.encode("gbk"), codes={"encoding"}, message="GBK"),
    Case("gbk-chinese-json", ".json", lambda: json.dumps({"customer": "华东"}, ensure_ascii=False).encode("gbk")),
    Case(
        "gbk-chinese-csv-is-read",
        ".csv",
        lambda: "姓名,职位,立场\n张总,总经理,支持者\n".encode("gbk"),
        "contacts",
        outcome="loaded",
        check=lambda r: "GB18030" in r["report"],
    ),
    Case("utf8-bom-yaml", ".yaml", lambda: b"\xef\xbb\xbf" + GBK_MAP.encode(), outcome="loaded"),
    Case("utf8-bom-json", ".json", lambda: b'\xef\xbb\xbf{"customer": "X"}', outcome="loaded"),
    Case("utf16-bom-yaml", ".yaml", lambda: GBK_MAP.encode("utf-16"), outcome="loaded"),
    Case("utf8-bom-csv", ".csv", lambda: "\ufeff姓名,立场\n张总,支持者\n".encode(), "contacts", outcome="loaded"),
    Case("duplicate-keys-yaml", ".yaml", lambda: b"customer: X\npeople: []\ncustomer: Y\n", codes={"duplicate_key"}),
    Case(
        "duplicate-keys-json",
        ".json",
        lambda: b'{"customer": "X", "people": [{"name": "A", "name": "B"}]}',
        codes={"duplicate_key"},
    ),
    Case(
        "duplicate-keys-by-synonym",
        ".yaml",
        lambda: "customer: X\npeople: [{name: A, judgements: {stance: {}, 立场: {}}}]\n".encode(),
        codes={"duplicate_key"},
    ),
    Case("xml-entity-bomb-graphml", ".graphml", _graphml_bomb, "graphml", codes={"syntax"}, message="DTD"),
    Case("xml-external-entity-graphml", ".graphml", lambda: _external_entity("graphml"), "graphml", codes={"syntax"}),
    Case("xml-external-entity-gexf", ".gexf", lambda: _external_entity("gexf"), "gexf", codes={"syntax"}),
    *_XML_CASES,
    Case("long-integer-json", ".json", lambda: _long_integer("json"), codes={"syntax"}, check=_located),
    Case("long-integer-yaml", ".yaml", lambda: _long_integer("yaml"), codes={"syntax"}, check=_located),
    Case(
        "long-integer-as-text-json",
        ".json",
        lambda: ('{"customer": ' + "9" * 100_000 + "}").encode(),
        codes={"syntax"},
        check=_located,
    ),
    Case("zip-bomb-contact-list", ".xlsx", _zip_bomb, "contacts", codes={"too_large"}),
    Case("zip-bomb-map-workbook", ".xlsx", _zip_bomb, "xlsx", codes={"too_large"}),
    Case("xlsx-cell-at-row-1000000", ".xlsx", lambda: _far_cell(1_000_000, "A", True), "contacts", codes={"too_large"}),
    Case(
        "xlsx-cell-at-row-1000000-undeclared",
        ".xlsx",
        lambda: _far_cell(1_000_000, "A", False),
        "contacts",
        codes={"too_large"},
        message="MAX_ROWS",
        check=_bounded,
    ),
    Case("xlsx-cell-at-column-XFD", ".xlsx", lambda: _far_cell(1_048_576, "XFD", True), "xlsx", codes={"too_large"}),
    Case(
        "csv-field-of-1000000-characters",
        ".csv",
        lambda: b"name,notes,title\nWang," + b"n" * 1_000_000 + b",CFO\n",
        "contacts",
        outcome="loaded",
    ),
    Case(
        "cli-validate-csv-field-of-200000-characters",
        ".csv",
        lambda: b"name,notes\nWang," + b"n" * 200_000 + b"\n",
        "cli",
        outcome="exit 1",
        check=lambda r: "Traceback" not in r["stderr"],
    ),
    Case("10MB-single-text", ".yaml", _long_text, codes={"string_too_long"}, check=_short_error),
    Case(
        "10000-or-50000-problems", ".yaml", _many_problems, codes={"unknown_vocabulary", "duplicate_id"}, check=_bounded
    ),
    Case("terminal-escapes-in-a-key", ".yaml", _escape_in_key, codes={"extra_forbidden"}, check=_no_escapes),
    Case(
        "cli-validate-billion-laughs",
        ".yaml",
        _laughs,
        "cli",
        outcome="exit 1",
        check=lambda r: "alias bomb" in r["stderr"] and "Traceback" not in r["stderr"],
    ),
    Case(
        "cli-validate-terminal-escapes",
        ".yaml",
        _escape_in_key,
        "cli",
        outcome="exit 1",
        check=lambda r: "\x1b" not in r["stderr"] and "\\x1b" in r["stderr"],
    ),
]


@pytest.fixture(scope="module", autouse=True)
def _write_counts() -> Iterator[None]:
    yield
    if TALLY.facts.get("rows"):
        TALLY.note("columns", ["case", "reader", "outcome", "CPU s", "peak MB"])
        TALLY.note("summary", f"Each case ran in a subprocess capped at {MEMORY_MB} MB and {CPU_SECONDS} s of CPU.")
        TALLY.write()


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_file(case: Case, tmp_path: Path) -> None:
    path = tmp_path / f"hostile{case.suffix}"
    path.write_bytes(case.make())
    result = run_bounded(case.loader, path)
    assert result["outcome"] == case.outcome, result
    if case.outcome == "MapError":
        assert set(result["codes"]) <= case.codes if case.codes else True, result
        assert case.message in result["first"], result
        assert result["text_length"] < 50 * 2**20
    if case.check is not None:
        case.check(result)
    TALLY.add(case.loader)
    rows = TALLY.facts.setdefault("rows", [])
    rows.append([case.id, case.loader, result["outcome"], result["cpu"], result["peak_mb"]])


def test_a_limit_can_be_raised_on_purpose(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import stakeholders
    from stakeholders.io import limits

    path = tmp_path / "map.yaml"
    path.write_text(_people_yaml(50), encoding="utf-8")
    monkeypatch.setattr(limits, "MAX_BYTES", 1000)
    with pytest.raises(stakeholders.MapError, match="more than the 0 MB"):
        stakeholders.load(path)
    monkeypatch.setattr(limits, "MAX_BYTES", 10**6)
    assert len(stakeholders.load(path).people) == 50


def test_legitimate_aliases_still_work() -> None:
    import stakeholders

    group = stakeholders.loads(
        "customer: X\nunits: [{name: HQ}]\n"
        "defaults: &d {unit: hq, stance: supporter, concerns: [price, service]}\n".replace(
            "defaults", "description"
        ).replace("&d {unit: hq, stance: supporter, concerns: [price, service]}", "shared")
        + "people:\n  - &a {name: A, unit: hq, stance: supporter}\n  - {<<: *a, name: B}\n"
    )
    assert [p.stance.value for p in group.people] == ["supporter", "supporter"]


# -- only safe YAML loading -----------------------------------------------------------------

_UNSAFE_YAML = re.compile(
    r"yaml\.(?:load|load_all|unsafe_load|unsafe_load_all|full_load|full_load_all)\s*\("
    r"|\b(?:UnsafeLoader|FullLoader|CUnsafeLoader|CFullLoader)\b"
    r"|yaml\.(?:C?Loader|C?BaseLoader)\b"
    r"|Loader\s*=\s*yaml\.(?!C?SafeLoader|_Loader)"
)


def test_only_safe_yaml_loading_in_the_package() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if _UNSAFE_YAML.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "unsafe YAML loading:\n" + "\n".join(offenders)
    # The check itself finds what it should.
    for bad in ("yaml.load(text)", "yaml.load(text, Loader=yaml.Loader)", "yaml.full_load(x)", "yaml.UnsafeLoader"):
        assert _UNSAFE_YAML.search(bad), bad
    for good in ("yaml.safe_load(text)", "yaml.SafeLoader", "getattr(yaml, 'CSafeLoader', yaml.SafeLoader)"):
        assert not _UNSAFE_YAML.search(good), good


def test_unsafe_tags_are_refused_everywhere() -> None:
    import stakeholders

    for tag in ("!!python/object/apply:os.system ['true']", "!!python/name:os.system", "!!python/module:os"):
        with pytest.raises(stakeholders.MapError, match="not valid YAML"):
            stakeholders.loads(f"customer: {tag}\n")


def test_every_reader_keeps_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The limit holds for JSON given to the model, for streams, and for pipes (no size to look at first)."""
    import threading

    import stakeholders
    from stakeholders.io import limits

    text = json.dumps({"customer": "X", "people": [{"name": f"P{i}"} for i in range(100)]})
    monkeypatch.setattr(limits, "MAX_BYTES", 1000)
    for value in (text, text.encode()):
        with pytest.raises(stakeholders.MapError, match="more than the 0 MB"):
            stakeholders.BuyingGroup.model_validate_json(value)
    with pytest.raises(stakeholders.MapError, match="more than the 0 MB"):
        stakeholders.read_contacts(io.StringIO("name\n" + "A\n" * 600))
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    sent: list[int] = []

    def write() -> None:  # a producer that would go on for 100 MB; the reader stops after the limit
        with contextlib.suppress(BrokenPipeError), open(pipe, "wb") as out:
            for _ in range(100):
                out.write(b" " * 2**20)
                sent.append(1)

    writer = threading.Thread(target=write)
    writer.start()
    with pytest.raises(stakeholders.MapError, match="more than the 0 MB"):
        stakeholders.load(pipe)
    writer.join(timeout=30)
    assert not writer.is_alive() and len(sent) < 100
    monkeypatch.setattr(limits, "MAX_BYTES", 10**6)
    assert len(stakeholders.BuyingGroup.model_validate_json(text).people) == 100
