#!/usr/bin/env bash
# Set up everything the project needs on a fresh machine:
#   - system packages: Graphviz (the `dot` program) and a Chinese-capable font
#     (Noto Sans CJK), installed with apt-get when missing;
#   - a virtual environment in .venv with the package and its dev tools.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v dot >/dev/null 2>&1 || need_apt+=(graphviz)
if ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then need_apt+=(fonts-noto-cjk); fi
if ! fc-list 2>/dev/null | grep -qi "Symbola"; then need_apt+=(fonts-symbola); fi
command -v fc-list >/dev/null 2>&1 || need_apt+=(fontconfig)

if [ ${#need_apt[@]} -gt 0 ]; then
    echo "setup: installing system packages: ${need_apt[*]}"
    if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else SUDO="none"; fi
    if [ "$SUDO" = none ] || ! command -v apt-get >/dev/null 2>&1; then
        echo "setup: WARNING: cannot install ${need_apt[*]} here (needs apt-get and root)." >&2
        echo "setup: install Graphviz and a CJK font (e.g. Noto Sans CJK SC) by hand;" >&2
        echo "setup: without them charts fall back to matplotlib and Chinese may show as boxes." >&2
    else
        export DEBIAN_FRONTEND=noninteractive
        $SUDO apt-get update -qq
        $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
    fi
fi

PYTHON=${PYTHON:-python3}
"$PYTHON" - <<'PY'
import sys
if sys.version_info < (3, 10):
    sys.exit(f"setup: Python 3.10 or newer is needed, this is {sys.version.split()[0]}")
PY

if [ ! -x .venv/bin/python ]; then
    echo "setup: creating .venv"
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e ".[dev]"
touch .venv/.installed
echo "setup: ready (.venv)"
