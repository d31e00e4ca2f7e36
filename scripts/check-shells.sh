#!/usr/bin/env bash
# The iOS and Android apps' sources, checked on a machine that builds neither (no Swift
# toolchain, no Android SDK): Swift and Kotlin parsed with tree-sitter, the C header of the
# Swift bindings compiled, resources and project files read, labels present in French and
# English. See scripts/shells/check.py.
#
#   ./scripts/check-shells.sh
#
# Installs its tools when missing, in .tools/shells (a Python virtual environment with the
# tree-sitter grammars from PyPI). A missing tool is a failure, never a skip.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.tools/shells
requirements="tree-sitter==0.26.1 tree-sitter-kotlin==1.1.0 tree-sitter-swift==0.7.4 pyyaml==6.0.3"
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$venv/requirements" 2>/dev/null)" != "$requirements" ]; then
    printf '\n==> %s\n' "Installing the tree-sitter grammars of Swift and Kotlin (PyPI) into $venv"
    command -v gcc >/dev/null || { echo "gcc is needed (Debian package gcc)" >&2; exit 1; }
    rm -rf "$venv"
    python3 -m venv "$venv"
    # shellcheck disable=SC2086
    "$venv/bin/pip" install --quiet --disable-pip-version-check $requirements
    echo "$requirements" > "$venv/requirements"
fi
"$venv/bin/python" scripts/shells/check.py
# The build configuration check, fed broken copies: each mistake it is there for is caught.
"$venv/bin/python" -m unittest --quiet scripts/shells/test_build_config.py
