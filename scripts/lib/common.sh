# Shared settings for the scripts: where caches live and which lanes exist.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${RETROWALK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/retrowalk}"
LANES=(newest oldest)
UV="$CACHE/tools/bin/uv"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
fail() { printf '\033[31mERROR: %s\033[0m\n' "$*" >&2; exit 1; }

# The venv of a lane is keyed by its lock file, so a changed lock builds a new one.
lane_venv() {
  local lane=$1 digest
  digest=$(sha256sum "$ROOT/requirements/$lane.txt" "$ROOT/requirements/tools.in" | sha256sum | cut -c1-12)
  printf '%s/venvs/%s-%s\n' "$CACHE" "$lane" "$digest"
}

# Interpreter of a lane's venv, failing clearly when setup has not run.
lane_python() {
  local venv
  venv=$(lane_venv "$1")
  [ -f "$venv/.ready" ] || fail "the $1 lane is not set up: run scripts/setup"
  printf '%s/bin/python\n' "$venv"
}
