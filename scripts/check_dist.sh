#!/usr/bin/env bash
# The distributions as a pip user gets them: build the wheel and the sdist, check them, and use them.
#
#   1. build both with `python -m build`: any warning fails;
#   2. `twine check --strict`: the metadata and the README as a package index renders them;
#   3. the sdist holds every file git tracks (its tests need the examples, docs, scripts, constraints);
#   4. a fresh venv with only the wheel (and its dependencies from the registry), in an empty folder:
#      the README's Python quickstart and `stakeholders demo --example welding_soe` run and write charts;
#   5. a fresh venv with the sdist installed with its dev extra: the sdist's own tests pass, run from the
#      unpacked sdist (skipped with --quick).
#
# Usage: scripts/check_dist.sh [--quick] [WORKDIR]   (WORKDIR: default a new temporary folder, kept after)
# Environment: PYTHON (default python3). Needs the network (or a pip index) for the venvs, Graphviz and a
# CJK font for the charts and the tests (scripts/setup.sh installs them on Debian/Ubuntu).
# About 1 minute with --quick, 6 to 10 minutes in all on 2 cores (most of it installing the dev extra and the tests).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
QUICK=0
if [[ "${1:-}" == "--quick" ]]; then QUICK=1; shift; fi
WORK="$(realpath -m "${1:-$(mktemp -d -t stakeholders-dist.XXXXXX)}")"
PYTHON="${PYTHON:-python3}"
mkdir -p "$WORK"
unset PYTHONPATH PYTHONDONTWRITEBYTECODE  # the installed package, not a checkout; setuptools warns without bytecode
START=$SECONDS
step() { printf '\n== %s (%ss)\n' "$*" "$((SECONDS - START))"; }
fail() { echo "check_dist: $*" >&2; exit 1; }

step "1. build the wheel and the sdist in $WORK/dist"
[[ -x "$WORK/tools/bin/python" ]] || "$PYTHON" -m venv "$WORK/tools"
"$WORK/tools/bin/pip" install -q --upgrade build twine
rm -rf "$WORK/dist"
"$WORK/tools/bin/python" -m build --outdir "$WORK/dist" . >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; fail "the build failed"; }
if grep -i -E "warning|deprecat" "$WORK/build.log"; then fail "the build warns (above; the whole log: $WORK/build.log)"; fi
WHEEL=$(ls "$WORK"/dist/*.whl)
SDIST=$(ls "$WORK"/dist/*.tar.gz)
ls -l "$WORK/dist"

step "2. twine check"
"$WORK/tools/bin/twine" check --strict "$WORK"/dist/*

step "3. the sdist holds every tracked file"
if git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
    top=$(basename "$SDIST" .tar.gz)
    tracked=$(git -C "$ROOT" ls-files | grep -v -E '(^|/)\.git(ignore|attributes)$' | sort)  # git's own files aside
    missing=$(comm -23 <(echo "$tracked") <(tar -tzf "$SDIST" | sed "s|^$top/||" | sort))
    [[ -z "$missing" ]] || fail "tracked files missing from the sdist (add them to MANIFEST.in):"$'\n'"$missing"
    echo "all $(echo "$tracked" | wc -l) tracked files are in $(basename "$SDIST")"
else
    echo "not a git checkout: skipped"
fi

step "4. the wheel alone, in a clean venv and an empty folder"
rm -rf "$WORK/wheel" "$WORK/try"
"$PYTHON" -m venv "$WORK/wheel"
"$WORK/wheel/bin/pip" install -q "$WHEEL"
mkdir -p "$WORK/try/out"
"$WORK/tools/bin/python" - "$ROOT/README.md" >"$WORK/try/quickstart.py" <<'EOF'
import re, sys
print(re.findall(r"```python\n(.*?)```", open(sys.argv[1], encoding="utf-8").read(), re.S)[0])
EOF
(cd "$WORK/try" && "$WORK/wheel/bin/python" quickstart.py) || fail "the README quickstart failed"
(cd "$WORK/try" && "$WORK/wheel/bin/stakeholders" demo --example welding_soe --out demo) || fail "stakeholders demo --example failed"
for png in out/welding_soe.png demo/welding_soe.png demo/welding_soe_power_map.png; do
    size=$(stat -c %s "$WORK/try/$png" 2>/dev/null || echo 0)
    ((size > 10000)) || fail "$png was not written ($size bytes)"
done
ls -l "$WORK/try/out" "$WORK/try/demo"

if ((QUICK)); then
    step "5. skipped (--quick)"
else
    step "5. the sdist's tests, from the unpacked sdist"
    rm -rf "$WORK/sdist" "$WORK/src"
    mkdir -p "$WORK/src"
    tar -xzf "$SDIST" -C "$WORK/src"
    SRC=$(ls -d "$WORK"/src/*/)
    "$PYTHON" -m venv "$WORK/sdist"
    "$WORK/sdist/bin/pip" install -q "${SRC}[dev]"
    (cd "$SRC" && PATH="$WORK/sdist/bin:$PATH" "$WORK/sdist/bin/python" -m pytest -q -p no:cacheprovider) ||
        fail "the sdist's tests failed"
fi
step "done: the distributions are in $WORK/dist"
