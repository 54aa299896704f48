#!/usr/bin/env bash
# Regenerates javelin-mujoco's MjLayout.java from the headers of the MuJoCo wheel installed in a Python
# environment (default: the repository's .venv; set PYTHON to use another). Run after changing the MuJoCo
# version Javelin supports, and commit the result: MuJoCo checks mj_version() against MjLayout.VERSION at load.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
PKG="$("$PYTHON" -c 'import mujoco, os; print(os.path.dirname(mujoco.__file__))')"
LIB="$(ls "$PKG"/libmujoco.so.* | head -1)"
BIN="$(mktemp -d)/mjlayout"
gcc -std=c11 -Wall -Werror -I"$PKG/include" "$ROOT/tools/mujoco_layout/mjlayout.c" "$LIB" -Wl,-rpath,"$PKG" -o "$BIN"
"$BIN" > "$ROOT/javelin-mujoco/src/main/java/dev/javelin/mujoco/MjLayout.java"
echo "wrote javelin-mujoco/src/main/java/dev/javelin/mujoco/MjLayout.java for MuJoCo $("$PYTHON" -c 'import mujoco; print(mujoco.__version__)')"
