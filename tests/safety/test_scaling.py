"""Long reporting chains and deep unit trees load in linear time (a ratio between two sizes in one run).

A check that walks up the chain from every person is quadratic or worse: the
5,000-person chain of issue 12 took 222 s. Times are CPU times
(``time.process_time``), the least of a few runs, and never compared with an
absolute number: the large map may take at most :data:`SLACK` times as long
per entry as the small one. A linear reader gives a ratio near 1 per entry, a
quadratic one 10. The large run is stopped once it has used its whole budget,
so a regression fails in seconds instead of hanging the suite.
"""

from __future__ import annotations

import gc
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

import pytest
import yaml

import stakeholders
from stakeholders import BuyingGroup, MapError

SMALL, LARGE = 500, 5_000
#: How much slower per entry the large map may be than the small one (linear: about 1; quadratic: 10).
SLACK = 2.0
RUNS = 3


class _OverBudget(BaseException):
    """Not an ``Exception``: a reader that maps every ``Exception`` to a ``MapError`` must not swallow it."""


@contextmanager
def _cpu_budget(seconds: float) -> Iterator[None]:
    """Stop the block with :class:`_OverBudget` once it has used ``seconds`` of CPU time."""

    def stop(signum: int, frame: Any) -> None:
        raise _OverBudget

    previous = signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, max(seconds, 0.01), 0.05)  # and again every 50 ms until stopped
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def _cpu(work: Callable[[], object], runs: int = RUNS, budget: float | None = None) -> float:
    """The least CPU time of ``runs`` runs, with the garbage collector off as ``timeit`` does.

    A full collection walks the whole heap of the test process, which grows over a suite run: with it on,
    the large map's time would depend on what ran before, not on the reader. Each run is stopped with
    :class:`_OverBudget` once it has used ``budget`` seconds (the collection before it not counted).
    """
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        gc.disable()
        try:
            with _cpu_budget(budget) if budget is not None else nullcontext():
                start = time.process_time()
                work()
                best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best


def assert_linear(make: Callable[[int], Callable[[], object]]) -> None:
    """``make(n)`` gives the work for size ``n``; the large size must take about ``LARGE / SMALL`` times as long."""
    make(10)()  # warm up: pydantic builds its validators on first use
    small = max(_cpu(make(SMALL)), 1e-3)
    budget = small * LARGE / SMALL * SLACK
    large_work = make(LARGE)
    try:
        large = _cpu(large_work, runs=2, budget=budget * 1.5)
    except _OverBudget:
        pytest.fail(f"{LARGE:,} entries used more than {budget * 1.5:.2f} s of CPU; {SMALL:,} took {small:.3f} s")
    print(f"{SMALL:,}: {small:.3f} s, {LARGE:,}: {large:.3f} s")
    ratio = large / small
    assert ratio <= LARGE / SMALL * SLACK, f"{LARGE:,} entries took {ratio:.1f}× as long as {SMALL:,}"


def chain(n: int) -> dict[str, Any]:
    people = [{"name": f"P{i}", **({"reports_to": f"p{i - 1}"} if i else {})} for i in range(n)]
    return {"customer": "X", "people": people}


def unit_tree(n: int) -> dict[str, Any]:
    units = [{"name": f"U{i}", **({"parent": f"u{i - 1}"} if i else {})} for i in range(n)]
    return {"customer": "X", "units": units, "people": [{"name": "A", "unit": f"u{n - 1}"}]}


@pytest.mark.parametrize("document", [chain, unit_tree], ids=["reporting-chain", "unit-tree"])
def test_a_long_chain_loads_in_linear_time(document: Callable[[int], dict[str, Any]]) -> None:
    def make(n: int) -> Callable[[], object]:
        text = yaml.safe_dump(document(n), allow_unicode=True)
        return lambda: stakeholders.loads(text)

    assert_linear(make)


@pytest.mark.parametrize("document", [chain, unit_tree], ids=["reporting-chain", "unit-tree"])
def test_a_long_chain_is_validated_in_linear_time(document: Callable[[int], dict[str, Any]]) -> None:
    assert_linear(lambda n: lambda: BuyingGroup(**document(n)))


def _cycle(n: int) -> dict[str, Any]:
    return {"customer": "X", "people": [{"name": f"P{i}", "reports_to": f"p{(i - 1) % n}"} for i in range(n)]}


def test_a_long_cycle_is_refused_in_linear_time_with_short_messages() -> None:
    def make(n: int) -> Callable[[], object]:
        document = _cycle(n)

        def refuse() -> None:
            with pytest.raises(MapError):
                BuyingGroup(**document)

        return refuse

    assert_linear(make)
    with pytest.raises(MapError) as caught:
        BuyingGroup(**_cycle(LARGE))
    problems = caught.value.problems
    assert len(problems) == LARGE and {p.code for p in problems} == {"reporting_cycle"}
    assert problems[0].location == "people[0].reports_to"
    assert problems[0].message.startswith("reporting cycle: p0 → p4999 → p4998")
    assert f"({LARGE:,} in all) → p0" in problems[0].message
    assert max(len(p.message) for p in problems) < 300


def test_a_long_chain_is_analysed_and_charted_in_linear_time() -> None:
    def make(n: int) -> Callable[[], object]:
        group = BuyingGroup(**chain(n))
        return lambda: (stakeholders.analyze(group), stakeholders.to_dot(group))

    assert_linear(make)
