#!/usr/bin/env bash
# One-command set-up: system packages (Graphviz; Chromium for the browser tests), a
# virtual environment with archgen and its test tools, then the main job:
# `archgen build` turns every spec in specs/ into output/<name>/.
#   bash scripts/setup.sh            # set up and build
#   bash scripts/setup.sh --no-build # set up only (used by scripts/test.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
# Graphviz lays out text with the fonts it finds, so the font set is part of the output:
# install the same fonts on every machine (DejaVu is what archgen's diagrams name).
command -v dot >/dev/null 2>&1 || need_apt+=(graphviz)
if command -v dpkg >/dev/null 2>&1; then
  for font in fonts-dejavu-core fonts-liberation2; do
    dpkg -s "$font" >/dev/null 2>&1 || need_apt+=("$font")
  done
fi
if [[ "${ARCHGEN_BROWSER_TESTS:-1}" != 0 ]] && ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  need_apt+=(chromium)
fi
if ((${#need_apt[@]})); then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
    echo "setup: installing ${need_apt[*]} with apt-get"
    $sudo apt-get update -qq >/dev/null || true
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  elif [[ " ${need_apt[*]} " == *" graphviz "* ]]; then
    echo "setup: Graphviz ('dot') is missing: install it with 'brew install graphviz' (macOS)," >&2
    echo "       'choco install graphviz' (Windows) or your package manager, then rerun." >&2
    exit 2
  fi
fi

python=${PYTHON:-python3}
if [[ ! -x .venv/bin/python ]]; then
  "$python" -c 'import sys; sys.exit(sys.version_info < (3, 10))' || { echo "setup: Python >= 3.10 needed" >&2; exit 2; }
  "$python" -m venv .venv
fi
stamp=.venv/.archgen-installed
if [[ ! -f $stamp || pyproject.toml -nt $stamp ]]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[dev]'
  touch "$stamp"
fi

if [[ "${1:-}" != "--no-build" ]]; then
  .venv/bin/archgen build
fi
