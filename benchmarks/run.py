"""Run every benchmark, print each figure as a value and as a ratio to its floor, save the results.

    python -m benchmarks            # everything (about 5-8 minutes on 2 cores)
    python -m benchmarks --quick    # no 100,000-person map, no 1,000-person rendering

Results go to ``benchmarks/results/latest.json`` and the table in docs/benchmarks.md
(between its ``bench:results`` markers). Nothing here is a test: no time is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "latest.json"
DOCS = ROOT / "docs" / "benchmarks.md"
START_MARK = "<!-- bench:results:start -->"
END_MARK = "<!-- bench:results:end -->"

#: Targets of issue 6.
IMPORT_TARGET = 1.3
ANALYZE_VS_VALIDATE_TARGET = 3.0
ANALYZE_10K_SECONDS = 2.0
PEAK_10K_MB = 500.0
GROWTH_TARGET = 15.0
RENDER_25_TARGET = 1.2


@dataclass
class Row:
    section: str
    measure: str
    value: float
    unit: str
    floor: str
    floor_value: float | None
    target: str = ""
    met: bool | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.floor_value is None or self.floor_value == 0:
            return None
        return self.value / self.floor_value

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ratio": self.ratio}


#: Everything measured, wall times included, for the JSON results.
RAW: dict[str, Any] = {}

#: Where a benchmark hands each figure as soon as it has it.
Add = Callable[[Row], None]


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def child(*args: str, timeout: float = 1800) -> dict[str, Any]:
    """Run ``python -m benchmarks._child ARGS`` in a fresh process and return its JSON."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks._child", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"benchmark child {args} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def best(fn: Any, repeat: int, *, floor: bool = False) -> float:
    """CPU seconds of the fastest of ``repeat`` rounds, as :func:`benchmarks._child.best` measures them."""
    from ._child import best as best_of

    return best_of(fn, repeat, floor=floor)[0]


def machine() -> dict[str, Any]:
    import graphviz
    import networkx
    import pydantic
    import yaml

    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or "unknown"
    dot = subprocess.run(["dot", "-V"], capture_output=True, text=True, check=False).stderr.strip()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "system": f"{platform.system()} {platform.release()}",
        "pydantic": pydantic.VERSION,
        "networkx": networkx.__version__,
        "pyyaml": yaml.__version__,
        "libyaml": hasattr(yaml, "CSafeLoader"),
        "graphviz_package": graphviz.__version__,
        "dot": dot,
        "load_average_at_start": list(os.getloadavg()),
    }


def fmt_time(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:,.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:,.1f} ms"
    return f"{seconds:,.2f} s"


def fmt_value(row: Row) -> str:
    if row.unit == "s":
        return fmt_time(row.value)
    if row.unit == "×":
        return f"{row.value:.1f}×"
    if row.unit == "MB":
        return f"{row.value:,.0f} MB"
    if row.unit == "B":
        return f"{row.value:,.0f} B"
    return f"{row.value:,.3g} {row.unit}"


def fmt_floor(row: Row) -> str:
    if row.floor_value is None:
        return row.floor
    shown = fmt_value(Row("", "", row.floor_value, row.unit, "", None))
    return f"{row.floor}: {shown}"


def fmt_ratio(row: Row) -> str:
    ratio = row.ratio
    return "—" if ratio is None else f"{ratio:.2f}×"


def fmt_met(row: Row) -> str:
    return "" if row.met is None else ("yes" if row.met else "**no**")


def print_row(row: Row) -> None:
    parts = [f"{row.section:<10}", f"{row.measure:<46}", f"{fmt_value(row):>12}", f"{fmt_ratio(row):>8}"]
    parts.append(f"  floor {fmt_floor(row)}")
    if row.target:
        parts.append(f"  target {row.target}: {fmt_met(row)}")
    if row.note:
        parts.append(f"  ({row.note})")
    print(" ".join(parts), flush=True)


# ---------------------------------------------------------------------------
# Inputs: generated maps written once as YAML and JSON
# ---------------------------------------------------------------------------


def write_map(folder: Path, people: int, seed: int, name: str = "map") -> None:
    """The generated map as ``name.yaml`` (fast C emitter, read by the library's loader) and ``name.json``."""
    import yaml

    from stakeholders import BuyingGroup, loads, synthetic
    from stakeholders.io.files import _dates_as_dates, to_document

    folder.mkdir(parents=True, exist_ok=True)
    group = BuyingGroup.model_validate(synthetic.generate_document(people, seed))
    document = to_document(group)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(_dates_as_dates(document), Dumper=dumper, allow_unicode=True, sort_keys=False, width=100)
    if people <= 1_000 and loads(text) != group:
        raise RuntimeError(f"the YAML written for {people} people does not read back as the same map")
    (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    (folder / f"{name}.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


# ---------------------------------------------------------------------------
# Sections
# ---------------------------------------------------------------------------


def bench_import(rounds: int, add: Add) -> None:
    """Import times in fresh processes, medians of interleaved rounds."""
    modules = {
        "ours": "stakeholders",
        "floor": "pydantic,networkx",
        "needs": "pydantic,yaml",
        "reader": "stakeholders:loads",
        "everything": "stakeholders:*",
    }
    seconds: dict[str, list[float]] = {key: [] for key in modules}
    wall: dict[str, list[float]] = {key: [] for key in modules}
    heavy: list[str] = []
    for _ in range(rounds):
        for key, names in modules.items():
            result = child("import", names)
            seconds[key].append(result["cpu"])
            wall[key].append(result["wall"])
            if key == "ours":
                heavy = result["heavy_modules_loaded"]
    RAW["import"] = {"cpu": seconds, "wall": wall}
    ours, floor, needs, reader, everything = (statistics.median(seconds[key]) for key in modules)
    note = f"median of {rounds} fresh processes; heavy modules loaded: {', '.join(heavy) or 'none'}"
    target = f"≤ {IMPORT_TARGET}×"
    add(
        Row(
            "import",
            "import stakeholders",
            ours,
            "s",
            "import pydantic, networkx",
            floor,
            target,
            ours / floor <= IMPORT_TARGET,
            note,
        )
    )
    add(Row("import", "import stakeholders", ours, "s", "import pydantic, yaml (what it needs)", needs))
    # Names load on first use (PEP 562): these two rows show where the cost went.
    first_use = "import stakeholders, then use loads (reader and map model load)"
    add(Row("import", first_use, reader, "s", "import pydantic, networkx", floor))
    every = "import stakeholders, then use every public name (chart code too; no matplotlib/graphviz)"
    add(Row("import", every, everything, "s", "import pydantic, networkx", floor))


def bench_per_map(work: Path, maps: int, add: Add) -> None:
    folder = work / "per_map"
    for seed in range(maps):
        write_map(folder, 25, seed, name=f"m{seed:02d}")
    r = child("per_map", str(folder), "7", "5")
    RAW["per_map"] = r
    note = f"mean of {r['maps']} generated 25-person maps, best of 7 rounds"
    per_second = 1 / r["pipeline"]
    add(
        Row(
            "per map",
            "validate (BuyingGroup.model_validate)",
            r["validate"],
            "s",
            "plain pydantic",
            r["validate_floor"],
        )
    )
    add(
        Row(
            "per map",
            "analyze",
            r["analyze"],
            "s",
            "validate",
            r["validate"],
            f"≤ {ANALYZE_VS_VALIDATE_TARGET:g}× validate",
            r["analyze"] / r["validate"] <= ANALYZE_VS_VALIDATE_TARGET,
            note,
        )
    )
    add(
        Row(
            "per map",
            "load + validate + analyze (YAML text)",
            r["pipeline"],
            "s",
            "validate",
            r["validate"],
            note=f"{per_second:,.0f} maps/s",
        )
    )


STEPS = [
    ("load", "load YAML (loads)", "bare YAML (libyaml)"),
    ("load_json", "load JSON (loads)", "json.loads"),
    ("validate", "validate", "plain pydantic"),
    ("to_networkx", "to_networkx", "bare networkx"),
    ("analyze", "analyze", "validate"),
    ("to_dot", "to_dot (analysis given)", "bare graphviz"),
]


def bench_scale(work: Path, sizes: list[int], add: Add) -> dict[int, dict[str, Any]]:
    raw: dict[int, dict[str, Any]] = {}
    for people in sizes:
        folder = work / f"scale_{people}"
        start = time.perf_counter()
        write_map(folder, people, 0)
        repeat = 5 if people <= 1_000 else (3 if people <= 10_000 else 1)
        r = child("scale", str(folder), str(repeat), timeout=3600)
        r["rss_floor_mb"] = child("rss_floor", str(folder))["rss_mb"]
        r["wall_s"] = time.perf_counter() - start
        raw[people] = r
        label = f"{people:,} people"
        for key, measure, floor in STEPS:
            row = Row("scale", f"{label}: {measure}", r[key], "s", floor, r[f"{key}_floor"])
            if key == "analyze" and people == 10_000:
                row.target = f"≤ {ANALYZE_10K_SECONDS:g} s"
                row.met = r[key] <= ANALYZE_10K_SECONDS
            if people == 100_000 and key == "load":
                row.note = "100,000 people completes: every step ran"
            add(row)
        peak = Row(
            "memory",
            f"{label}: peak RSS, load file + analyze",
            r["rss_load_analyze_mb"],
            "MB",
            "parse the same YAML to plain data",
            r["rss_floor_mb"],
        )
        if people == 10_000:
            peak.target = f"≤ {PEAK_10K_MB:g} MB"
            peak.met = r["rss_load_analyze_mb"] <= PEAK_10K_MB
        add(peak)
    for small, large in ((1_000, 10_000), (10_000, 100_000)):
        if small not in raw or large not in raw:
            continue
        for key, measure, floor in STEPS:
            growth = raw[large][key] / raw[small][key]
            floor_growth = raw[large][f"{key}_floor"] / raw[small][f"{key}_floor"]
            row = Row("growth", f"{measure}: time at {large:,} / at {small:,}", growth, "×", floor, floor_growth)
            row.note = f"linear would be {large // small}×"
            if large == 10_000:
                row.target = f"≤ {GROWTH_TARGET:g}×"
                row.met = growth <= GROWTH_TARGET
            add(row)
    return raw


def bench_held(work: Path, people: int, add: Add) -> None:
    folder = work / f"scale_{people}"
    if not (folder / "map.yaml").exists():
        write_map(folder, people, 0)
    r = child("held", str(folder))
    n = r["people"]
    plain = r["plain_bytes"] / n
    note = f"tracemalloc, {n:,}-person map"
    for what, key in (("the group", "group"), ("its analysis", "analysis"), ("to_networkx graph", "graph")):
        add(Row("memory", f"held per person: {what}", r[f"{key}_bytes"] / n, "B", "plain data", plain, note=note))


def bench_render(work: Path, large: bool, add: Add) -> None:
    import warnings

    warnings.simplefilter("ignore")
    folder = work / "render"
    folder.mkdir(parents=True, exist_ok=True)
    render_case(folder, 25, range(3), 5, add)
    if large:
        render_case(folder, 1_000, range(1), 1, add)


def render_case(folder: Path, people: int, seeds: range, repeat: int, add: Add) -> None:
    """Both backends end to end, against their floors, on the same generated maps."""
    import stakeholders
    from stakeholders import analyze, synthetic

    from .floors import bare_dot, bare_matplotlib

    groups = [synthetic.generate(people, seed) for seed in seeds]
    sources = [stakeholders.to_dot(g, analysis=analyze(g)) for g in groups]
    label = f"{people:,} people"
    target = folder / "chart.png"

    def ours_graphviz() -> None:
        for g in groups:
            stakeholders.render(g, target, backend="graphviz", timeout=600)

    def floor_graphviz() -> None:
        for source in sources:
            bare_dot(source)

    ours = best(ours_graphviz, repeat) / len(groups)
    floor = best(floor_graphviz, repeat, floor=True) / len(groups)
    row = Row("render", f"{label}: graphviz PNG, end to end", ours, "s", "bare dot -Tpng, same DOT", floor)
    if people == 25:
        row.target = f"≤ {RENDER_25_TARGET:g}×"
        row.met = ours / floor <= RENDER_25_TARGET
        row.note = "render() includes analysis, chart view, DOT text, dot and an atomic write"
    add(row)

    def ours_matplotlib() -> None:
        for g in groups:
            stakeholders.render(g, target, backend="matplotlib")

    ours = best(ours_matplotlib, repeat) / len(groups)
    from matplotlib import image

    height, width = image.imread(str(target)).shape[:2]
    edges = sum(1 for _ in groups[-1].iter_lines())
    names = [p.name for p in groups[-1].people]

    def floor_matplotlib() -> None:
        bare_matplotlib((width, height), 150, names, edges, str(folder / "floor.png"))

    floor = best(floor_matplotlib, repeat, floor=True)
    floor_name = "bare matplotlib, same size, a box per person"
    add(Row("render", f"{label}: matplotlib PNG, end to end", ours, "s", floor_name, floor))


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------


def markdown(rows: list[Row], info: dict[str, Any], when: str, duration: float) -> str:
    lines = [
        f"Latest run: {when}, {duration / 60:.1f} min. Machine: {info['cpu']}, {info['cores']} cores, "
        f"Python {info['python']}, pydantic {info['pydantic']}, networkx {info['networkx']}, "
        f"{info['dot']}; load average at start {info['load_average_at_start'][0]:.2f}, "
        f"at end {info.get('load_average_at_end', [0.0])[0]:.2f}.",
        "Times are CPU time (this process and the `dot` it runs), so other programs on the machine count"
        " less; wall times are in `benchmarks/results/latest.json`.",
        "",
        "| section | measure | value | floor | ratio | target | met |",
        "|---|---|---:|---|---:|---|---|",
    ]
    for row in rows:
        measure = row.measure + (f" ({row.note})" if row.note else "")
        lines.append(
            f"| {row.section} | {measure} | {fmt_value(row)} | {fmt_floor(row)} | {fmt_ratio(row)} "
            f"| {row.target} | {fmt_met(row)} |"
        )
    return "\n".join(lines)


def update_docs(table: str) -> bool:
    if not DOCS.exists():
        return False
    text = DOCS.read_text(encoding="utf-8")
    if START_MARK not in text or END_MARK not in text:
        return False
    head, rest = text.split(START_MARK, 1)
    _, tail = rest.split(END_MARK, 1)
    DOCS.write_text(f"{head}{START_MARK}\n{table}\n{END_MARK}{tail}", encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="skip the 100,000-person map and large rendering")
    parser.add_argument("--sizes", help="comma-separated map sizes (default 100,1000,10000,100000)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where to write the JSON results")
    parser.add_argument("--no-docs", action="store_true", help="do not update the table in docs/benchmarks.md")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [100, 1_000, 10_000, 100_000]
    if args.quick and not args.sizes:
        sizes = [100, 1_000, 10_000]

    started = time.perf_counter()
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    info = machine()
    print(f"stakeholders benchmarks — {info['cpu']}, {info['cores']} cores, Python {info['python']}", flush=True)
    rows: list[Row] = []

    def add(row: Row) -> None:
        rows.append(row)
        print_row(row)

    with tempfile.TemporaryDirectory(prefix="stakeholders-bench-") as tmp:
        work = Path(tmp)
        bench_import(9, add)
        bench_per_map(work, 20, add)
        raw = bench_scale(work, sizes, add)
        bench_held(work, 10_000 if 10_000 in sizes else max(sizes), add)
        bench_render(work, not args.quick, add)
    duration = time.perf_counter() - started
    info["load_average_at_end"] = list(os.getloadavg())
    result = {
        "when": when,
        "duration_s": duration,
        "machine": info,
        "sizes": sizes,
        "rows": [row.as_dict() for row in rows],
        "scale_raw": {str(k): v for k, v in raw.items()},
        "raw": RAW,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    table = markdown(rows, info, when, duration)
    updated = not args.no_docs and update_docs(table)
    missed = [row for row in rows if row.met is False]
    print(f"\nresults: {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}", flush=True)
    print(f"docs table {'updated' if updated else 'not updated'}; {duration / 60:.1f} min", flush=True)
    print("targets missed: " + (", ".join(f"{r.section} {r.measure}" for r in missed) or "none"), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
