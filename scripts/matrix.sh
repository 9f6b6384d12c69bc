#!/usr/bin/env bash
# The dependency matrix (docs/getting-started.md, "Supported versions"): the test suite, and the
# safety tests at the CI size, on the oldest and on the newest versions of the dependencies.
#   scripts/matrix.sh oldest   every floor of pyproject.toml exactly (constraints/oldest.txt), in .venv-oldest
#   scripts/matrix.sh newest   the newest releases pip can resolve (pip install --upgrade), in .venv-newest
#   scripts/matrix.sh          both, the oldest first
# Each venv is created on first use and brought up to date on every run. System packages (Graphviz,
# fonts) are the ones scripts/setup.sh installs. MATRIX_PYTHON picks the interpreter (default python3).
# Left out here, as dev-tool checks that hold on .venv only:
#   - tests/model/test_typing.py: the type checkers (`make typecheck` runs them on .venv);
#   - docs/schema.json and the generated docs compared with what this pydantic generates: older pydantic
#     writes the same schema with its enums under $defs (`make docs` writes them with the dev tools);
#   - the PDF holding the Noto Sans CJK *SC* face (oldest only): matplotlib before 3.11 takes the first face
#     of a font collection (.ttc), so Chinese is drawn with the JP face of the same font (docs/chart.md).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${MATRIX_PYTHON:-python3}
export CI="${CI:-true}"  # hypothesis derandomized at the CI size, as .ci/run runs it (tests/conftest.py)

run() {
    local job=$1 venv=".venv-$1"
    local install=(-e ".[dev]")
    local skip=(--ignore=tests/model/test_typing.py
        --deselect tests/model/test_schema.py::test_published_schema_is_the_libraries_schema
        --deselect tests/docs/test_docs.py::test_generated_docs_are_up_to_date)
    case "$job" in
        oldest) install+=(-c constraints/oldest.txt)
            skip+=(-k "not (test_example_saves_png_svg_and_pdf and zh)") ;;
        newest) install+=(--upgrade --upgrade-strategy eager) ;;
        *) echo "matrix: unknown job '$job' (oldest or newest)" >&2; exit 2 ;;
    esac
    echo "matrix: $job: installing into $venv"
    [ -x "$venv/bin/python" ] || "$PYTHON" -m venv "$venv"
    "$venv/bin/python" -m pip install -q --upgrade pip >/dev/null
    "$venv/bin/python" -m pip install -q "${install[@]}"
    "$venv/bin/python" - <<'PY'
from importlib.metadata import version
names = ["pydantic", "pydantic-core", "networkx", "graphviz", "matplotlib", "PyYAML", "tqdm", "opencc",
         "lazy_loader", "pandas", "openpyxl", "numpy"]
print("matrix: " + ", ".join(f"{name} {version(name)}" for name in names))
PY
    echo "matrix: $job: the test suite"
    "$venv/bin/python" -m pytest -q -p no:cacheprovider "${skip[@]}"
}

jobs=("$@")
[ ${#jobs[@]} -gt 0 ] || jobs=(oldest newest)
for job in "${jobs[@]}"; do
    run "$job"
done
