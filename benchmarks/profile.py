"""Profile one step on a generated map: where does the time go?

    python -m benchmarks.profile analyze 10000            # cProfile, top functions by cumulative time
    python -m benchmarks.profile to_dot 1000 --sort tottime
    python -m benchmarks.profile load 10000 --tree        # a call tree, if pyinstrument is installed

Steps: load (YAML text), load_json, validate, to_networkx, analyze, to_dot, render (graphviz PNG).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import tempfile
from collections.abc import Callable
from pathlib import Path


def step(name: str, people: int, seed: int) -> Callable[[], object]:
    """The step as a function of no arguments, with its input prepared outside it."""
    import yaml

    import stakeholders
    from stakeholders import BuyingGroup, analyze, loads, synthetic
    from stakeholders.graph import to_networkx
    from stakeholders.io.files import _dates_as_dates, to_document

    doc = synthetic.generate_document(people, seed)
    group = BuyingGroup.model_validate(doc)
    document = to_document(group)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(_dates_as_dates(document), Dumper=dumper, allow_unicode=True, sort_keys=False)
    json_text = json.dumps(document, ensure_ascii=False)
    analysis = analyze(group)
    target = Path(tempfile.mkdtemp(prefix="stakeholders-profile-")) / "chart.png"
    steps: dict[str, Callable[[], object]] = {
        "load": lambda: loads(text),
        "load_json": lambda: loads(json_text, format="json"),
        "validate": lambda: BuyingGroup.model_validate(doc),
        "to_networkx": lambda: to_networkx(group),
        "analyze": lambda: analyze(group),
        "to_dot": lambda: stakeholders.to_dot(group, analysis=analysis),
        "render": lambda: stakeholders.render(group, target, backend="graphviz", analysis=analysis, timeout=600),
    }
    if name not in steps:
        raise SystemExit(f"unknown step {name!r} (expected one of: {', '.join(steps)})")
    return steps[name]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile", description=__doc__.split("\n\n")[0])
    parser.add_argument("step")
    parser.add_argument("people", type=int, nargs="?", default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sort", default="cumulative", help="pstats sort key (cumulative, tottime, ...)")
    parser.add_argument("--limit", type=int, default=30)
    parser.add_argument("--tree", action="store_true", help="pyinstrument call tree (pip install pyinstrument)")
    args = parser.parse_args(argv)
    run = step(args.step, args.people, args.seed)
    run()  # once before profiling: imports and first-use costs are not the step's
    if args.tree:
        from pyinstrument import Profiler  # type: ignore[import-not-found]  # not a dependency

        profiler = Profiler()
        profiler.start()
        run()
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False))
        return 0
    profile = cProfile.Profile()
    profile.runcall(run)
    pstats.Stats(profile).sort_stats(args.sort).print_stats(args.limit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
