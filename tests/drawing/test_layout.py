"""The matplotlib chart's layout is pure: it is computed for an example map without importing matplotlib."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = sorted((ROOT / "examples").glob("*.yaml"))[0]

SCRIPT = f"""
import sys
import stakeholders
from stakeholders.drawing.boxes import box_content
from stakeholders.drawing.layout import Layout
from stakeholders.drawing.view import chart_view, display_width

def measure(value, size, bold=False):  # a simple estimate: half an em per column
    return max(display_width(line) for line in value.split("\\n")) * size * (0.6 if bold else 0.55)

group = stakeholders.load({str(EXAMPLE)!r})
view = chart_view(group, analysis=stakeholders.analyze(group))
contents = [box_content(p, view.lang, False, measure) for p in view.people]
layout = Layout(view, [(c.w, c.h) for c in contents], measure)
root = layout.build()
layout.place(root, 0.0, 0.0)
boxes = layout.boxes
assert len(boxes) == len(view.people) and all(w > 0 and h > 0 for _, _, w, h in boxes), boxes
for i, a in enumerate(boxes):
    for b in boxes[i + 1 :]:
        assert not (a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]), (a, b)
assert all(0 <= x and x + w <= root.w + 1e-6 and 0 <= y and y + h <= root.h + 1e-6 for x, y, w, h in boxes)
assert len(layout.rects) == len(view.units) and layout.segments
assert "matplotlib" not in sys.modules, sorted(m for m in sys.modules if m.startswith("matplotlib"))
print("ok", len(boxes))
"""


def test_the_layout_is_computed_without_matplotlib() -> None:
    done = subprocess.run([sys.executable, "-W", "error", "-c", SCRIPT], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok ")
