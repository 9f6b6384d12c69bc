"""Private data never leaks into a shared copy: canaries in every private field, searched in every byte of every format.

A map gets a unique canary in every private-profile field (and a canary
birthday), every contact-log note, every judgement's evidence and every other
``notes``/``evidence`` field; it keeps its coaches and informants. Then every
output with redaction on is searched byte by byte for any canary and for any
coach/informant marking: YAML and JSON (``dumps``/``save``), DOT, PNG, SVG and
PDF from Graphviz and from matplotlib (chart and power map), GraphML, GEXF,
Mermaid, CSV, XLSX (every member of the zip), DataFrames, the analysis (JSON,
report, tables) and the command line's ``convert``, ``render`` and ``analyze``
with ``--redact``. PNG text chunks are decompressed, PDF FlateDecode streams
are inflated, XML and JSON escapes are undone before searching.

Positive controls show that the search finds the canaries when redaction is
off. And the strongest check: two maps that differ *only* in what redaction
leaves out (other canaries, coach and informant markings moved to other
people) give byte-identical shared outputs, so nothing in them, flags and the
path to the decider included, can depend on who the coach is.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import stat
import struct
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES
from hypothesis import HealthCheck, given, settings, strategies as st
from safety_counts import Tally, fuzzing
from strategies import groups

import stakeholders
import stakeholders.io
from stakeholders import BuyingGroup
from stakeholders.cli import main
from stakeholders.drawing import render_power_map
from stakeholders.io.tables import ANALYSIS_TABLES, MAP_TABLES
from stakeholders.redaction import CONTACT_NOTES, redacted

pd = pytest.importorskip("pandas")
pytest.importorskip("openpyxl")

ROOT = Path(__file__).resolve().parents[2]
TALLY = Tally("privacy")
BIRTHDAY = date(1911, 11, 11)
#: How a coach or informant marking could show: ids, labels, chart symbols.
INSIDER_WORDS = ["coach", "informant", "教练", "教練", "线人", "線人", "★", "◆"]
_PRIVATE_TEXT = ("education", "hometown", "family", "address", "phone", "email", "notes")


def plant(group: BuyingGroup, tag: str, insiders: dict[str, str]) -> tuple[BuyingGroup, list[str]]:
    """``group`` with a canary in every secret field; ``insiders`` maps person ids to coach/informant."""
    doc = group.to_dict()
    canaries: list[str] = []

    def canary(where: str) -> str:
        value = f"QZX{tag}{len(canaries):04d}ZQ"
        canaries.append(value)
        return value

    for person in doc.get("people", []):
        pid = person.get("id") or stakeholders.derive_id(person["name"])
        person["private"] = {key: canary(f"{pid}.private.{key}") for key in _PRIVATE_TEXT}
        person["private"]["hobbies"] = [canary(f"{pid}.hobby"), canary(f"{pid}.hobby")]
        person["private"]["birthday"] = BIRTHDAY
        person["notes"] = canary(f"{pid}.notes")
        person["judgements"] = {
            field: {"confidence": "likely", "evidence": canary(f"{pid}.{field}.evidence")}
            for field in ("stance", "roles", "disc", "influence")
        }
        person.pop("insider", None)
        if pid in insiders:
            person["insider"] = insiders[pid]
    for section in ("units", "competitors", "team", "relationships", "lines", "factions"):
        for item in doc.get(section, []):
            item["notes"] = canary(f"{section}.notes")
            if section == "lines":
                item["evidence"] = canary("line.evidence")
    for contact in doc.get("contacts", []):
        for key in CONTACT_NOTES:
            contact[key] = canary(f"contact.{key}")
    return BuyingGroup.model_validate(doc), canaries


def _map() -> BuyingGroup:
    return stakeholders.load(EXAMPLES / "welding_soe.yaml")


def _insiders(group: BuyingGroup) -> dict[str, str]:
    return {p.id: p.insider.value for p in group.people if p.insider is not None}


# -- making every byte searchable ------------------------------------------------------------


def _png_texts(data: bytes) -> list[bytes]:
    """The text chunks of a PNG (tEXt, zTXt, iTXt), decompressed."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    found, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        at += 12 + length
        if kind == b"tEXt":
            found.append(body)
        elif kind == b"zTXt":
            key, _, rest = body.partition(b"\0")
            found.append(key + b" " + zlib.decompress(rest[1:]))
        elif kind == b"iTXt":
            key, _, rest = body.partition(b"\0")
            compressed, rest = rest[0], rest[2:]
            _lang, _, rest = rest.partition(b"\0")
            _translated, _, text = rest.partition(b"\0")
            found.append(key + b" " + (zlib.decompress(text) if compressed else text))
    return found


def _pdf_streams(data: bytes) -> list[bytes]:
    """Every stream of a PDF, inflated when it is FlateDecode (or any zlib data)."""
    found = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.DOTALL):
        raw = match[1]
        try:
            found.append(zlib.decompressobj().decompress(raw))
        except zlib.error:
            found.append(raw)
    return found


def blobs(name: str, data: bytes) -> list[bytes]:
    """``data`` and everything hidden inside it: zip members, PNG text chunks, PDF streams."""
    out = [data]
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [archive.read(info) for info in archive.infolist()]
        assert members, name
        out += members
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        out += _png_texts(data)
    if data[:5] == b"%PDF-":
        streams = _pdf_streams(data)
        assert streams, f"{name}: no PDF stream found"
        out += streams
    return out


def texts(blob: bytes) -> list[str]:
    """A blob as text, with XML/HTML entities and JSON \\u escapes undone."""
    text = blob.decode("utf-8", "replace")
    unescaped = html.unescape(text)
    unjson = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m[1], 16)), unescaped)
    found = [text, unescaped, unjson]
    if blob.count(b"\0") > len(blob) // 4:  # UTF-16 text (PDF strings)
        found += [blob.decode("utf-16-be", "replace"), blob.decode("utf-16-le", "replace")]
    return found


def leaks(name: str, data: bytes, needles: list[str]) -> list[str]:
    found = set()
    for blob in blobs(name, data):
        try:
            blob.decode("utf-8")
            binary = False
        except UnicodeDecodeError:
            binary = True
        # In binary data (pixels, fonts) a one-character needle such as ★ (3 bytes) turns up by chance.
        wanted = [n for n in needles if not binary or len(n.encode("utf-8")) >= 5]
        for text in texts(blob):
            found.update(n for n in wanted if n in text)
    return sorted(found)


def _birthday_cells(data: bytes) -> list[str]:
    """Cells of a workbook holding the canary birthday as a date (XLSX keeps dates as numbers)."""
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data))
    return [
        f"{ws.title}!{cell.coordinate}"
        for ws in workbook.worksheets
        for row in ws.iter_rows()
        for cell in row
        if hasattr(cell.value, "year") and cell.value.year == BIRTHDAY.year and cell.value.month == 11
    ]


# -- every output ---------------------------------------------------------------------------------


def _frames_bytes(frames: dict[str, Any]) -> bytes:
    parts = []
    for name, frame in frames.items():
        parts.append(name + "|" + "|".join(map(str, frame.columns)))
        parts += ["|".join(repr(v) for v in row) for row in frame.itertuples(index=False)]
    return "\n".join(parts).encode("utf-8")


def _cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> bytes:
    capsys.readouterr()
    code = main(args)
    out = capsys.readouterr()
    assert code in (0, 1), out.err
    return (out.out + out.err).encode("utf-8")


def outputs(
    group: BuyingGroup,
    folder: Path,
    redact: bool,
    capsys: pytest.CaptureFixture[str],
    charts: tuple[str, ...] = ("svg", "png", "pdf"),
) -> Iterator[tuple[str, bytes]]:
    """Every format the library writes, with ``redact`` on or off."""
    folder.mkdir(parents=True, exist_ok=True)

    def path(name: str) -> Path:
        return folder / name

    yield "YAML (dumps)", stakeholders.dumps(group, redact=redact).encode()
    yield "JSON (dumps)", stakeholders.dumps(group, "json", redact=redact).encode()
    for suffix in ("yaml", "json"):
        yield (
            f"{suffix.upper()} file (save)",
            stakeholders.save(group, path(f"map.{suffix}"), redact=redact).read_bytes(),
        )
    yield "DOT", stakeholders.to_dot(group, redact=redact, flags=True).encode()
    yield "DOT (initials)", stakeholders.to_dot(group, redact=redact, flags=True, names="initials").encode()
    if charts:
        for fmt in charts:
            for backend in ("graphviz", "matplotlib"):
                target = path(f"chart-{backend}.{fmt}")
                stakeholders.render(group, target, backend=backend, redact=redact, flags=True)
                yield f"{fmt.upper()} ({backend})", target.read_bytes()
            yield f"power map {fmt.upper()}", render_power_map(group, path(f"power.{fmt}"), redact=redact).read_bytes()
    yield "GraphML", stakeholders.to_graphml(group, redact=redact).encode()
    yield "GEXF", stakeholders.to_gexf(group, redact=redact).encode()
    yield "Mermaid", stakeholders.to_mermaid(group, redact=redact).encode()
    stakeholders.write_csv(group, path("people.csv"), redact=redact)
    yield "CSV", path("people.csv").read_bytes()
    stakeholders.write_xlsx(group, path("map.xlsx"), redact=redact)
    yield "XLSX", path("map.xlsx").read_bytes()
    yield "DataFrames (to_frames)", _frames_bytes(stakeholders.to_frames(group, redact=redact))
    tables = {t: stakeholders.to_frame(group, t, redact=redact) for t in (*MAP_TABLES, "edges")}
    yield "DataFrames (to_frame)", _frames_bytes(tables)
    analysis = stakeholders.analyze(group, redact=redact)
    yield "analysis JSON", analysis.model_dump_json().encode()
    yield "analysis report (en)", analysis.report("en").encode()
    yield "analysis report (zh)", analysis.report("zh").encode()
    yield "analysis tables", _frames_bytes({t: stakeholders.to_frame(analysis, t) for t in ANALYSIS_TABLES})
    source = path("map-full.yaml")
    stakeholders.save(group, source)
    flag = ["--redact"] if redact else []
    for suffix in ("yaml", "json", "csv", "xlsx", "graphml", "gexf", "mmd"):
        _cli(["convert", str(source), "-o", str(path(f"cli.{suffix}")), *flag], capsys)
        yield f"CLI convert .{suffix}", path(f"cli.{suffix}").read_bytes()
    yield "CLI convert to stdout", _cli(["convert", str(source), "--to", "json", "-o", "-", *flag], capsys)
    if charts:
        for fmt in charts:
            for backend in ("graphviz", "matplotlib"):
                target = path(f"cli-{backend}.{fmt}")
                _cli(["render", str(source), "-o", str(target), "--backend", backend, "--flags", *flag], capsys)
                yield f"CLI render {fmt.upper()} ({backend})", target.read_bytes()
    yield "CLI analyze", _cli(["analyze", str(source), *flag], capsys)
    yield "CLI analyze --json", _cli(["analyze", str(source), "--json", *flag], capsys)


#: Outputs that state the analysis's fixed texts ("A coach has been developed", "coaches"): only the
#: canaries are searched there; that they say nothing about who the coach is, is the last test's job.
_ANALYSIS = ("analysis", "CLI analyze")


@pytest.fixture(scope="module", autouse=True)
def _write_counts() -> Iterator[None]:
    yield
    formats = TALLY.facts.get("formats", [])
    TALLY.note(
        "summary",
        f"{TALLY.counts.get('canaries planted', 0):,} canaries planted; {len(formats)} outputs searched byte by"
        f" byte with redaction on: {', '.join(formats)}.",
    )
    TALLY.write()


@pytest.mark.slow
@pytest.mark.exe
def test_no_canary_in_any_byte_of_any_shared_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = _map()
    group, canaries = plant(base, "A", _insiders(base))
    assert {"coach", "informant"} <= set(_insiders(group).values())
    found: dict[str, list[str]] = {}
    formats = []
    for name, data in outputs(group, tmp_path / "shared", True, capsys):
        needles = [*canaries, "1911-11-11", "1911/11/11", "11/11/1911"]
        if not name.startswith(_ANALYSIS):
            needles += INSIDER_WORDS
        leaked = leaks(name, data, needles)
        if name.endswith(".xlsx") or name == "XLSX":
            leaked += _birthday_cells(data)
        if leaked:
            found[name] = leaked
        formats.append(name)
    assert not found, f"private data in shared outputs: {found}"
    TALLY.add("canaries planted", len(canaries) + 1)
    TALLY.note("formats", formats)


@pytest.mark.slow
def test_the_search_finds_canaries_when_redaction_is_off(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Positive control: with redaction off, every data format holds the canaries and the markings."""
    base = _map()
    group, canaries = plant(base, "B", _insiders(base))
    blind = []
    for name, data in outputs(group, tmp_path / "full", False, capsys, charts=()):
        if name.startswith(("DOT", "Mermaid", "analysis", "CLI analyze", "CLI convert .mmd")):
            continue  # these never show private fields, even unredacted: they are drawings or summaries
        if not set(canaries) & set(leaks(name, data, canaries)):
            blind.append(name)
    assert not blind, f"the search found nothing in: {blind}"
    # The chart shows the coach marking unredacted, and the search sees it in SVG.
    svg = stakeholders.render(group, tmp_path / "full.svg", backend="graphviz").read_bytes()
    assert "coach" in leaks("SVG", svg, INSIDER_WORDS)


def test_png_and_pdf_metadata_are_searched(tmp_path: Path) -> None:
    """The helpers do find text in PNG chunks and compressed PDF streams."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    figure = plt.figure()
    figure.text(0.5, 0.5, "QZXPDFZQ", parse_math=False)
    png, pdf = io.BytesIO(), io.BytesIO()
    figure.savefig(png, format="png", metadata={"Description": "QZXPNGZQ"})
    figure.savefig(pdf, format="pdf", metadata={"Title": "QZXTITLEZQ"})
    plt.close(figure)
    assert leaks("png", png.getvalue(), ["QZXPNGZQ"]) == ["QZXPNGZQ"]
    assert leaks("pdf", pdf.getvalue(), ["QZXTITLEZQ"]) == ["QZXTITLEZQ"]


@pytest.mark.slow
@pytest.mark.exe
def test_shared_outputs_do_not_depend_on_what_redaction_leaves_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Other canaries, and coach/informant markings moved to other people: the same shared bytes.

    So nothing in a shared copy (flags, path to the decider, milestone criteria,
    which fields are empty) tells who the coach is.
    """
    base = _map()
    original = _insiders(base)
    people = [p.id for p in base.people]
    moved = {people[0]: "coach", people[-1]: "informant", people[len(people) // 2]: "coach"}
    assert moved.keys() != original.keys()
    first, _ = plant(base, "C", original)
    second, _ = plant(base, "D", moved)
    third, _ = plant(base, "E", {})
    charts = ("svg", "png", "pdf") if fuzzing() else ("svg",)  # PNG and PDF draw what the SVG draws
    maps = (first, first, second, third)
    runs = [dict(outputs(g, tmp_path / f"run{i}", True, capsys, charts)) for i, g in enumerate(maps)]
    # PDF dates differ run to run; a workbook's zip times too, so workbooks are compared by their members below.
    stable = [name for name in runs[0] if runs[0][name][:4] != b"PK\x03\x04" and runs[0][name] == runs[1][name]]
    different = [name for name in stable if not (runs[0][name] == runs[2][name] == runs[3][name])]
    assert not different, f"shared outputs depend on private data or on who the coach is: {different}"
    for name in set(runs[0]) - set(stable):
        if runs[0][name][:4] == b"PK\x03\x04":  # a workbook: its sheets, without the time it was written
            sheets = [_members(run[name]) for run in runs]
            assert sheets[0] == sheets[1], name
            assert sheets[0] == sheets[2] == sheets[3], f"{name} depends on private data or on who the coach is"
            stable.append(name)
    assert len(stable) >= 28, stable
    TALLY.add("outputs identical between maps that differ only in what redaction leaves out", len(stable))
    TALLY.note("not byte-stable", sorted(set(runs[0]) - set(stable)))


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {i.filename: archive.read(i) for i in archive.infolist() if i.filename != "docProps/core.xml"}


def test_redacted_analysis_keeps_the_coach_out_of_flags_and_path() -> None:
    """A coach who is the only way to the decider and holds a nominal delegation: invisible when redacted."""
    group = stakeholders.loads(
        """
customer: X
milestone: deep_contact
team: [{name: Seller}]
people:
  - {name: Boss, roles: decider, stance: neutral, contacted: true}
  - {name: Quiet Helper, stance: neutral, insider: coach, notes: our coach, reports_to: boss}
  - {name: Buyer, roles: commercial_evaluator, stance: supporter, reports_to: boss}
relationships: [{member: seller, person: quiet_helper, stage: friend}]
lines:
  - {kind: delegation, from: boss, to: quiet_helper, delegation: nominal}
"""
    )
    full = stakeholders.analyze(group)
    assert full.next_moves.path is not None and full.next_moves.path.people == ["quiet_helper", "boss"]
    assert "nominal_delegation" in full.flag_codes() and full.support.coaches == ["quiet_helper"]
    shared = stakeholders.analyze(group, redact=True)
    plain = stakeholders.analyze(
        group.model_copy(
            update={"people": [p.model_copy(update={"insider": None, "notes": None}) for p in group.people]}
        )
    )
    assert shared.next_moves.path is None and shared.support.coaches == []
    assert "no_coach" not in shared.flag_codes() and "nominal_delegation" not in shared.flag_codes()
    assert [f.code for f in shared.flags] == [f.code for f in plain.flags if f.code != "no_coach"]
    criteria = {c.id: c for ms in shared.milestones for c in ms.criteria}
    assert criteria["coach_developed"].status.value == "unknown" and criteria["coach_developed"].people == []
    text = shared.report("en") + shared.report("zh")
    assert "Quiet Helper → " not in text and "→ Quiet Helper" not in text
    # The chart's callouts come from the same redacted analysis, even when an analysis is passed in.
    dot = stakeholders.to_dot(group, redact=True, flags=True, analysis=full)
    assert dot == stakeholders.to_dot(group, redact=True, flags=True)
    assert "We rely on" not in dot and "coach" not in dot


def test_cli_help_mentions_redaction() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "stakeholders", "analyze", "--help"], capture_output=True, text=True, check=True
    )
    assert "--redact" in done.stdout
    assert json.loads(json.dumps({"ok": True}))


# -- nothing only insiders carry shows on a shared chart ------------------------------------------


def _coach_variants(group: BuyingGroup) -> dict[str, BuyingGroup]:
    """The map with its coach marked or not, and with or without the coach's introduction lines."""
    coaches = {p.id for p in group.people if p.insider is stakeholders.Insider.COACH}
    assert coaches
    intros = [ln for ln in group.lines if ln.kind is stakeholders.LineKind.INTRODUCTION and ln.source in coaches]
    assert intros, "the map needs a coach who can introduce us"
    unmarked = group.model_copy(
        update={"people": [p.model_copy(update={"insider": None}) if p.id in coaches else p for p in group.people]}
    )
    variants = {}
    for label, base in (("marked", group), ("unmarked", unmarked)):
        variants[f"{label}, with the introduction"] = base
        without = base.model_copy(update={"lines": [ln for ln in base.lines if ln not in intros]})
        variants[f"{label}, without the introduction"] = BuyingGroup.model_validate(without.to_dict())
    return variants


def _shared_charts(group: BuyingGroup, folder: Path, backends: tuple[str, ...]) -> dict[str, bytes]:
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for names in ("full", "initials"):
        out[f"DOT ({names})"] = stakeholders.to_dot(group, redact=True, flags=True, names=names).encode()
        out[f"Mermaid ({names})"] = stakeholders.to_mermaid(group, redact=True, names=names).encode()
        for backend in backends:
            for lang in ("en", "zh"):
                target = folder / f"{backend}-{names}-{lang}.svg"
                stakeholders.render(group, target, backend=backend, redact=True, flags=True, names=names, lang=lang)
                out[f"SVG ({backend}, {names}, {lang})"] = target.read_bytes()
    out["power map SVG"] = render_power_map(group, folder / "power.svg", redact=True).read_bytes()
    out["analysis"] = stakeholders.analyze(group, redact=True).model_dump_json().encode()
    out["YAML"] = stakeholders.dumps(group, redact=True).encode()
    return out


@pytest.mark.exe
def test_a_shared_chart_of_welding_soe_cannot_point_at_the_coach(tmp_path: Path) -> None:
    """The coach marked or not, their "can introduce" line to the decider there or not: the same shared chart.

    Coaches open doors (D7): an introduction line is a coach's signature, so a shared
    chart that kept it would name the coach whose marker it hides.
    """
    variants = _coach_variants(_map())
    backends = ("graphviz", "matplotlib")
    charts = {label: _shared_charts(g, tmp_path / str(i), backends) for i, (label, g) in enumerate(variants.items())}
    first, *others = charts
    for other in others:
        differ = [name for name in charts[first] if charts[first][name] != charts[other][name]]
        assert not differ, f"a shared chart tells '{first}' from '{other}': {differ}"
    dot = charts[first]["DOT (full)"].decode()
    assert "can introduce" not in dot and "可引荐" not in stakeholders.to_dot(_map(), redact=True, lang="zh")
    # Unredacted, the line and the marker are drawn (the comparison above compares something).
    full = stakeholders.to_dot(_map())
    assert "can introduce" in full and "★" in full


def test_a_shared_chart_keeps_what_a_sales_director_needs() -> None:
    """Redaction takes out what identifies an insider, not the chart: people, stances, roles, the other lines."""
    group = _map()
    shared = redacted(group)
    assert [p.id for p in shared.people] == [p.id for p in group.people]
    assert [p.stance for p in shared.people] == [p.stance for p in group.people]
    kept = [ln for ln in group.lines if ln.kind is not stakeholders.LineKind.INTRODUCTION]
    assert [(ln.kind, ln.source, ln.target) for ln in shared.lines] == [(ln.kind, ln.source, ln.target) for ln in kept]
    dot = stakeholders.to_dot(group, redact=True, flags=True)
    assert all(p.name in dot for p in group.people)
    assert dot.count(" -> ") == stakeholders.to_dot(group).count(" -> ") - 2  # the two introduction lines


@st.composite
def _insider_facts_changed(draw: st.DrawFn) -> tuple[BuyingGroup, BuyingGroup]:
    """A generated map, and the same map with other insiders and other introduction lines."""
    group = draw(groups(max_people=6))
    ids = [p.id for p in group.people]
    marks = [None, stakeholders.Insider.COACH, stakeholders.Insider.INFORMANT]
    people = [p.model_copy(update={"insider": draw(st.sampled_from(marks))}) for p in group.people]
    lines = [ln for ln in group.lines if ln.kind is not stakeholders.LineKind.INTRODUCTION or draw(st.booleans())]
    if len(ids) >= 2:
        for _ in range(draw(st.integers(0, 3))):
            source, target = draw(st.permutations(ids).map(lambda found: found[:2]))
            lines.insert(
                draw(st.integers(0, len(lines))),
                stakeholders.Line.model_validate({"kind": "introduction", "from": source, "to": target}),
            )
    changed = BuyingGroup.model_validate(group.model_copy(update={"people": people, "lines": lines}).to_dict())
    return group, changed


@given(_insider_facts_changed())
@settings(max_examples=300 if fuzzing() else 25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_shared_outputs_do_not_change_when_insider_facts_change(pair: tuple[BuyingGroup, BuyingGroup]) -> None:
    """Property: who is marked coach or informant, and who can introduce us to whom, never shows when redacted."""
    first, second = pair
    for lang in ("en", "zh"):
        for names in ("full", "initials", "role"):
            assert stakeholders.to_dot(first, redact=True, flags=True, lang=lang, names=names) == stakeholders.to_dot(
                second, redact=True, flags=True, lang=lang, names=names
            )
        assert stakeholders.to_mermaid(first, redact=True, lang=lang) == stakeholders.to_mermaid(
            second, redact=True, lang=lang
        )
        assert stakeholders.analyze(first, redact=True).report(lang) == stakeholders.analyze(
            second, redact=True
        ).report(lang)
    assert stakeholders.dumps(first, redact=True) == stakeholders.dumps(second, redact=True)
    assert stakeholders.to_graphml(first, redact=True) == stakeholders.to_graphml(second, redact=True)
    assert (
        stakeholders.analyze(first, redact=True).model_dump_json()
        == stakeholders.analyze(second, redact=True).model_dump_json()
    )


# -- private files are readable by their owner only --------------------------------------------------

_PRIVATE_MAP = """
customer: ACME
people:
  - {name: Boss, roles: decider}
  - {name: Helper, reports_to: boss, insider: coach, private: {phone: "138 0000 0000"}}
lines:
  - {kind: introduction, from: helper, to: boss}
"""


def _writers(group: BuyingGroup, folder: Path, redact: bool) -> Iterator[tuple[str, Path]]:
    """Every writer of the library, once each, into ``folder`` (new files unless they already exist)."""

    def out(name: str) -> Path:
        return folder / name

    for suffix in ("yaml", "json"):
        yield f"save .{suffix}", stakeholders.save(group, out(f"map.{suffix}"), redact=redact)
    for name, writer in (
        ("people.csv", stakeholders.write_csv),
        ("map.xlsx", stakeholders.write_xlsx),
        ("map.graphml", stakeholders.write_graphml),
        ("map.gexf", stakeholders.write_gexf),
    ):
        writer(group, out(name), redact=redact)
        yield writer.__name__, out(name)
    stakeholders.write_mermaid(group, out("chart.mmd"), redact=redact)
    yield "write_mermaid", out("chart.mmd")
    for backend in ("graphviz", "matplotlib"):
        yield f"render {backend}", stakeholders.render(group, out(f"{backend}.svg"), backend=backend, redact=redact)
    yield "power map", render_power_map(group, out("power.png"), redact=redact)
    source = out("source.yaml")
    stakeholders.save(group, source, redact=redact)
    flag = ["--redact"] if redact else []
    for suffix in ("yaml", "json", "csv", "xlsx", "graphml", "gexf", "mmd", "dot", "svg"):
        assert main(["convert", str(source), "-o", str(out(f"cli.{suffix}")), *flag]) == 0
        yield f"CLI convert .{suffix}", out(f"cli.{suffix}")
    assert main(["render", str(source), "-o", str(out("cli-chart.png")), *flag]) == 0
    yield "CLI render", out("cli-chart.png")
    if not redact:
        assert main(["demo", str(source), "--out", str(out("demo"))]) == 0
        for written in sorted(out("demo").iterdir()):
            yield f"CLI demo {written.suffix}", written


def _modes(group: BuyingGroup, folder: Path, redact: bool, capsys: pytest.CaptureFixture[str]) -> dict[str, int]:
    folder.mkdir(parents=True, exist_ok=True)
    old = os.umask(0o022)
    try:
        modes = {
            f"{name} ({path.name})": stat.S_IMODE(path.stat().st_mode) for name, path in _writers(group, folder, redact)
        }
    finally:
        os.umask(old)
    capsys.readouterr()
    return modes


@pytest.mark.slow
@pytest.mark.exe
def test_new_files_holding_private_data_are_readable_by_their_owner_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Unredacted, a map with a coach, an introduction and a phone number: every new file is 0o600."""
    group = stakeholders.loads(_PRIVATE_MAP)
    modes = _modes(group, tmp_path / "private", False, capsys)
    readable = {name: oct(mode) for name, mode in modes.items() if mode != 0o600}
    assert not readable, f"private data readable by others: {readable}"
    assert len(modes) >= 20


@pytest.mark.slow
@pytest.mark.exe
def test_files_without_private_data_keep_the_umask(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A redacted copy, or a map holding nothing private: 0o666 less the umask, as open() makes files."""
    group = stakeholders.loads(_PRIVATE_MAP)
    plain = redacted(group)
    for label, g, redact in (("redacted", group, True), ("plain", plain, False)):
        modes = _modes(g, tmp_path / label, redact, capsys)
        odd = {name: oct(mode) for name, mode in modes.items() if mode != 0o644}
        assert not odd, f"{label}: {odd}"


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604])
@pytest.mark.parametrize("suffix", ["yaml", "json", "csv", "xlsx", "graphml", "gexf", "svg"])
def test_an_existing_file_keeps_its_mode_when_private_data_is_written(tmp_path: Path, suffix: str, mode: int) -> None:
    group = stakeholders.loads(_PRIVATE_MAP)
    path = tmp_path / f"map.{suffix}"
    path.write_bytes(b"old")
    path.chmod(mode)
    stakeholders.io.write(group, path)
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert path.read_bytes() != b"old"


def test_a_private_file_is_never_readable_by_others_not_even_while_it_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The temporary file of a new private file is created 0o600: no moment when another user can open it."""
    from stakeholders import atomic

    created: list[int] = []
    real = os.open

    def spy(path: Any, flags: int, mode: int = 0o777, *args: Any) -> int:
        if flags & os.O_CREAT:
            created.append(mode)
        return real(path, flags, mode, *args)

    monkeypatch.setattr(atomic.os, "open", spy)
    stakeholders.save(stakeholders.loads(_PRIVATE_MAP), tmp_path / "map.yaml")
    stakeholders.save(stakeholders.loads("customer: X\npeople: [{name: A}]"), tmp_path / "plain.yaml")
    assert created == [0o600, 0o666]
