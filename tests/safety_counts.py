"""Counts of what the safety tests tried, for docs/safety.md.

The fuzz, hostile-file, injection and privacy tests count what they check
(examples tried per loader, formats searched for canaries, ...). When the
``fuzz`` hypothesis profile runs (``STAKEHOLDERS_FUZZ=1`` or
``--hypothesis-profile fuzz``, as ``.ci/run`` does), each module merges its
counts into ``docs/safety-counts.json`` and ``scripts/safety_page.py``
regenerates the numbers in ``docs/safety.md`` from it, so the page always
shows the last full run. Normal runs count too but write nothing.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
COUNTS_FILE = ROOT / "docs" / "safety-counts.json"

__all__ = ["COUNTS_FILE", "Tally", "budget_settings", "fuzzing", "page_module"]


def fuzzing() -> bool:
    """Whether the long ``fuzz`` profile is the one loaded."""
    return settings.get_current_profile_name() == "fuzz"


def budget_settings(fuzz_examples: int, normal_examples: int) -> settings:
    """Settings of one safety test: ``normal_examples`` normally, ``fuzz_examples`` in the fuzz profile."""
    return settings(
        max_examples=fuzz_examples if fuzzing() else normal_examples,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )


def page_module() -> Any:
    spec = importlib.util.spec_from_file_location("safety_page", ROOT / "scripts" / "safety_page.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("safety_page", module)
    spec.loader.exec_module(module)
    return module


class Tally:
    """Counts of one test module, written to the counts file at the end of a fuzz run."""

    def __init__(self, section: str) -> None:
        self.section = section
        self.counts: Counter[str] = Counter()
        self.facts: dict[str, Any] = {}

    def add(self, key: str, n: int = 1) -> None:
        self.counts[key] += n

    def note(self, key: str, value: Any) -> None:
        self.facts[key] = value

    def write(self, **extra: Any) -> None:
        """Merge this section into the counts file and regenerate the page (fuzz runs only)."""
        if not fuzzing() or not (self.counts or self.facts):
            return
        data: dict[str, Any] = {}
        if COUNTS_FILE.exists():
            try:
                data = json.loads(COUNTS_FILE.read_text(encoding="utf-8"))
            except ValueError:
                data = {}
        data[self.section] = {
            "counts": dict(sorted(self.counts.items())),
            **self.facts,
            **extra,
            "run": {
                "finished": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
                "profile": settings.get_current_profile_name(),
                "python": ".".join(map(str, sys.version_info[:3])),
                "cpus": os.cpu_count(),
            },
        }
        from stakeholders.atomic import atomic_write

        atomic_write(COUNTS_FILE, (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode())
        page_module().write_page()
