"""Measurements that need a fresh process: imports, one map size end to end, memory held.

Run by :mod:`benchmarks.run` as ``python -m benchmarks._child TASK ARGS...``; prints one JSON object.
Every step is timed together with its floor, on the same input, in this same process.
"""

from __future__ import annotations

import gc
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def cpu_seconds() -> float:
    """CPU time of this process and of the children it waited for (``dot``), in seconds."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def best(fn: Callable[[], object], repeat: int, number: int = 1, *, floor: bool = False) -> tuple[float, float]:
    """The fastest of ``repeat`` rounds, each the mean of ``number`` calls: (CPU seconds, wall seconds).

    CPU time is the figure reported: on a shared machine it does not count the
    time other programs hold the cores. The garbage collector stays on for the
    library's own steps (its cost is part of what a caller pays) and is off for
    a ``floor``: its passes over the heap can be avoided, so they are no floor.
    """
    cpu, wall = [], []
    paused = floor and gc.isenabled()
    if paused:
        gc.collect()
        gc.disable()
    try:
        for _ in range(repeat):
            start_wall, start_cpu = time.perf_counter(), cpu_seconds()
            for _ in range(number):
                fn()
            cpu.append((cpu_seconds() - start_cpu) / number)
            wall.append((time.perf_counter() - start_wall) / number)
    finally:
        if paused:
            gc.enable()
    return min(cpu), min(wall)


def put(out: dict[str, Any], key: str, times: tuple[float, float], per: int = 1) -> None:
    """Record CPU time under ``key`` and wall time under ``out["wall"][key]``."""
    out[key] = times[0] / per
    out.setdefault("wall", {})[key] = times[1] / per


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def task_import(what: str) -> dict[str, Any]:
    """Seconds spent importing ``what`` (comma-separated modules) in this fresh process.

    ``module:name`` also looks ``name`` up after the import (``stakeholders:loads``
    loads the reader and the model); ``module:*`` looks up every name in ``__all__``.
    """
    import importlib

    start_wall, start_cpu = time.perf_counter(), time.process_time()
    for spec in what.split(","):
        name, _, used = spec.partition(":")
        module = importlib.import_module(name)
        for attribute in module.__all__ if used == "*" else used.split(":") if used else ():
            getattr(module, attribute)
    cpu, wall = time.process_time() - start_cpu, time.perf_counter() - start_wall
    heavy = [m for m in ("networkx", "matplotlib", "graphviz", "numpy", "pandas") if m in sys.modules]
    return {"cpu": cpu, "wall": wall, "heavy_modules_loaded": heavy}


def _allow(size: int) -> None:
    """Let the readers take a map this large: the 100,000-person map is over their default limit, on purpose."""
    try:
        from stakeholders.io import limits
    except ImportError:  # a version without limits
        return
    limits.MAX_BYTES = max(limits.MAX_BYTES, size + 1)


def task_scale(folder: str, repeat: int) -> dict[str, Any]:
    """One map size: load, validate, to_networkx, analyze, to_dot, each with its floor."""
    import yaml

    from stakeholders import BuyingGroup, analyze, loads, to_dot
    from stakeholders.graph import to_networkx

    from .floors import bare_graphviz, bare_networkx, plain_model

    base = Path(folder)
    text = (base / "map.yaml").read_text(encoding="utf-8")
    json_text = (base / "map.json").read_text(encoding="utf-8")
    doc = json.loads(json_text)
    out: dict[str, Any] = {"rss_start_mb": peak_rss_mb()}
    _allow(max(len(text), len(json_text)))

    # The first load and analysis, before anything else: the peak memory of "read a file, analyse it".
    start = time.perf_counter()
    group = loads(text)
    analysis = analyze(group)
    out["first_load_analyze_s"] = time.perf_counter() - start
    out["rss_load_analyze_mb"] = peak_rss_mb()
    people = len(group.people)
    out["people"] = people
    out["lines"] = len(group.lines)

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    put(out, "load", best(lambda: loads(text), repeat))
    put(out, "load_floor", best(lambda: yaml.load(text, Loader=loader), repeat, floor=True))
    put(out, "load_json", best(lambda: loads(json_text, format="json"), repeat))
    put(out, "load_json_floor", best(lambda: json.loads(json_text), repeat, floor=True))
    plain = plain_model()
    put(out, "validate", best(lambda: BuyingGroup.model_validate(doc), repeat))
    put(out, "validate_floor", best(lambda: plain.model_validate(doc), repeat, floor=True))
    ids = [p.id for p in group.people]
    pairs = [(source, target) for source, target, _, _ in group.iter_lines()]
    put(out, "to_networkx", best(lambda: to_networkx(group), repeat))
    put(out, "to_networkx_floor", best(lambda: bare_networkx(ids, pairs), repeat, floor=True))
    put(out, "analyze", best(lambda: analyze(group), repeat))
    out["analyze_floor"] = out["validate"]
    out["wall"]["analyze_floor"] = out["wall"]["validate"]
    labelled = [(p.id, p.name) for p in group.people]
    put(out, "to_dot", best(lambda: to_dot(group, analysis=analysis), repeat))
    put(out, "to_dot_floor", best(lambda: bare_graphviz(labelled, pairs), repeat, floor=True))
    out["rss_end_mb"] = peak_rss_mb()
    return out


def task_per_map(folder: str, repeat: int, number: int) -> dict[str, Any]:
    """Many small maps: validate, analyze, and load + validate + analyze from YAML text, per map."""
    from stakeholders import BuyingGroup, analyze, loads

    from .floors import plain_model

    texts = [path.read_text(encoding="utf-8") for path in sorted(Path(folder).glob("*.yaml"))]
    docs = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(Path(folder).glob("*.json"))]
    groups = [BuyingGroup.model_validate(doc) for doc in docs]
    plain = plain_model()
    maps = len(docs)
    out: dict[str, Any] = {"maps": maps, "people": [len(g.people) for g in groups]}
    put(out, "validate", best(lambda: [BuyingGroup.model_validate(doc) for doc in docs], repeat, number), maps)
    plain_floor = best(lambda: [plain.model_validate(doc) for doc in docs], repeat, number, floor=True)
    put(out, "validate_floor", plain_floor, maps)
    put(out, "analyze", best(lambda: [analyze(g) for g in groups], repeat, number), maps)
    put(out, "pipeline", best(lambda: [analyze(loads(text)) for text in texts], repeat, number), maps)
    return out


def task_rss_floor(folder: str) -> dict[str, Any]:
    """Peak memory of the floor of "read a file, analyse it": parsing the same YAML to plain data."""
    import yaml

    import stakeholders  # noqa: F401 - the same imports as the measured process

    text = (Path(folder) / "map.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(text, Loader=loader)
    return {"rss_mb": peak_rss_mb(), "items": len(data)}


def task_held(folder: str) -> dict[str, Any]:
    """Memory held per person (tracemalloc): the group, its analysis and graph, against plain data."""
    import tracemalloc

    import yaml

    from stakeholders import analyze, loads
    from stakeholders.graph import to_networkx

    text = (Path(folder) / "map.yaml").read_text(encoding="utf-8")
    _allow(len(text))
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    gc.collect()
    tracemalloc.start()

    def traced() -> int:
        gc.collect()
        return tracemalloc.get_traced_memory()[0]

    start = traced()
    plain = yaml.load(text, Loader=loader)
    plain_bytes = traced() - start
    del plain
    start = traced()
    group = loads(text)
    group_bytes = traced() - start
    analysis = analyze(group)
    analysis_bytes = traced() - start - group_bytes
    graph = to_networkx(group)
    graph_bytes = traced() - start - group_bytes - analysis_bytes
    tracemalloc.stop()
    del analysis, graph
    return {
        "people": len(group.people),
        "plain_bytes": plain_bytes,
        "group_bytes": group_bytes,
        "analysis_bytes": analysis_bytes,
        "graph_bytes": graph_bytes,
    }


def main(argv: list[str]) -> int:
    task, *args = argv
    if task == "import":
        result = task_import(args[0])
    elif task == "scale":
        result = task_scale(args[0], int(args[1]))
    elif task == "per_map":
        result = task_per_map(args[0], int(args[1]), int(args[2]))
    elif task == "rss_floor":
        result = task_rss_floor(args[0])
    elif task == "held":
        result = task_held(args[0])
    else:
        raise SystemExit(f"unknown task {task!r}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
