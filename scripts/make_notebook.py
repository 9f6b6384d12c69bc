"""Write examples/analyst_walkthrough.ipynb, executed, with its outputs (the cells live here, so the
notebook is reviewed as code):

    PYTHONPATH=$PWD .venv/bin/python scripts/make_notebook.py

The cells run top to bottom in a fresh kernel (nbclient, ipykernel) in a temporary folder, so the
exported files do not land in examples/. The file is the same on every run: fixed cell ids, execution
counts 1, 2, 3 … in order, no timings, no kernel versions. The charts are embedded as PNG, which
GitHub shows (it does not show SVG outputs). tests/docs/test_notebook.py runs it again and compares.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import nbclient
import nbformat
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "examples" / "analyst_walkthrough.ipynb"

CELLS = [
    new_markdown_cell(
        "# From a map to a project review\n\n"
        "A walk-through for sales analysts: load the buying group of the welding-equipment deal "
        "(written in Chinese), look at the organisation analysis chart (组织分析图), read the analysis "
        "as tables, decide the next moves, and export the PNG for the project review.\n\n"
        "Run it from the repository root's `examples/` folder or anywhere after `pip install stakeholders[tables]`."
    ),
    new_code_cell(
        "from pathlib import Path\n\n"
        "import stakeholders as sh\n\n"
        "HERE = Path.cwd()\n"
        "MAP = HERE / 'welding_soe.yaml'\n"
        "if not MAP.exists():\n"
        "    MAP = HERE / 'examples' / 'welding_soe.yaml'\n"
        "group = sh.load(MAP)\n"
        "print(group.customer, '—', len(group.people), 'people,', len(group.units), 'units')"
    ),
    new_markdown_cell(
        "## The chart, inline\n\nA map displays itself as the chart. `lang='zh'` translates every fixed text; "
        "`format='png'` shows it as PNG rather than SVG, so the picture also shows where the notebook is read "
        "on GitHub."
    ),
    new_code_cell("sh.chart(group, lang='zh', flags=True, format='png')"),
    new_markdown_cell(
        "## The analysis at a glance\n\nAn analysis displays itself as a card in the map's language: "
        "the status (红灯, 黄灯 or 绿灯), the top red flags, the most influential people and the next moves. "
        "`analysis.report()` has everything."
    ),
    new_code_cell("analysis = sh.analyze(group)\nanalysis"),
    new_markdown_cell("## Who really has power, and why\n\nThe influence ranking with each score's components."),
    new_code_cell("ranking = sh.to_frame(analysis, 'influence')\nranking.head(8)"),
    new_code_cell(
        "# Why does the chief engineer outrank his own line manager?\n"
        "print(analysis.score_of('孙立军').explain())\n"
        "print(analysis.score_of('钱卫东').explain())"
    ),
    new_markdown_cell("## Red flags before the review"),
    new_code_cell(
        "print('status:', analysis.status.level.value, '— decided by', ', '.join(analysis.status.reasons))\n"
        "flags = sh.to_frame(analysis, 'flags')\n"
        "flags[['code', 'severity', 'message_zh']]"
    ),
    new_markdown_cell("## Milestone readiness (D9)"),
    new_code_cell("milestones = sh.to_frame(analysis, 'milestones')\nmilestones[['milestone', 'label_zh', 'status']]"),
    new_markdown_cell(
        "## Next moves\n\nWho to win over (re-scored, not guessed), who to find out about,\n"
        "and the path to the top decider."
    ),
    new_code_cell(
        "moves = analysis.next_moves\n"
        "for move in moves.stance_moves:\n"
        '    print(f\'{move.name}: {move.current.label("zh")} → {move.target.label("zh")}  (+{move.gain:.3f})\')\n'
        "print('find out:', [analysis.names[p] for p in moves.find_out])\n"
        "if moves.path:\n"
        "    print('path:', moves.path.member_name, '→', ' → '.join(analysis.names[p] for p in moves.path.people))\n"
        "for approach in moves.approaches[:5]:\n"
        "    print(approach.line_zh)"
    ),
    new_markdown_cell(
        "## The power map\n\nIt shows itself inline, with no `%matplotlib` magic; "
        "`figure, ax = sh.power_map(...)` still gives the matplotlib figure to adjust or save."
    ),
    new_code_cell("sh.power_map(group, lang='zh', analysis=analysis)"),
    new_markdown_cell(
        "## Export for the review\n\n"
        "The PNG for the slides, and a redacted PDF that is safe to send outside the team "
        "(no coach markings, initials instead of names)."
    ),
    new_code_cell(
        "out = HERE / 'out'\n"
        "out.mkdir(exist_ok=True)\n"
        "png = sh.render(group, out / 'welding_soe_review.png', lang='zh', flags=True, analysis=analysis)\n"
        "pdf = sh.render(group, out / 'welding_soe_shared.pdf', lang='zh', redact=True, names='initials')\n"
        "print(png.relative_to(HERE), png.read_bytes()[:4])\n"
        "print(pdf.relative_to(HERE), pdf.read_bytes()[:4])"
    ),
]


def notebook() -> NotebookNode:
    """The notebook, not yet run."""
    notebook = new_notebook(
        cells=CELLS,
        metadata={
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
    )
    for number, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{number:02d}"  # fixed ids: the same script writes the same file
    nbformat.validate(notebook)
    return notebook


def executed(timeout: int = 300) -> NotebookNode:
    """The notebook run top to bottom in a fresh kernel, in a folder holding only the map it loads."""
    run = notebook()
    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(ROOT / "examples" / "welding_soe.yaml", folder)
        client = nbclient.NotebookClient(
            run, timeout=timeout, kernel_name="python3", record_timing=False, resources={"metadata": {"path": folder}}
        )
        client.execute()
    run.metadata["language_info"] = {"name": "python"}  # not the kernel's versions: they differ by machine
    nbformat.validate(run)
    return run


def main(argv: list[str] | None = None) -> None:
    """Write the executed notebook to examples/ (or to the path given)."""
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else NOTEBOOK
    nbformat.write(executed(), target)


if __name__ == "__main__":
    main()
