# Shared settings for the scripts: where caches live and which lanes exist.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${RETROWALK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/retrowalk}"
LANES=(newest oldest)
UV="$CACHE/tools/bin/uv"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
fail() { printf '\033[31mERROR: %s\033[0m\n' "$*" >&2; exit 1; }

# A venv is keyed by its lock file, so a changed lock builds a new one.
venv_path() {  # venv_path NAME LOCKFILE
  printf '%s/venvs/%s-%s\n' "$CACHE" "$1" "$(sha256sum "$2" | cut -c1-12)"
}

lane_venv() {
  venv_path "$1" "$ROOT/requirements/$1.txt"
}

# Interpreter of a lane's venv, failing clearly when setup has not run.
lane_python() {
  local venv
  venv=$(lane_venv "$1")
  [ -f "$venv/.ready" ] || fail "the $1 lane is not set up: run scripts/setup"
  printf '%s/bin/python\n' "$venv"
}

python_at_least() {  # python_at_least PYTHON MAJOR MINOR MICRO
  "$1" -c "import sys; sys.exit(0 if sys.version_info[:3] >= ($2, $3, $4) else 1)" 2>/dev/null
}

find_python314() {
  local candidate
  if candidate=$(command -v python3.14) && python_at_least "$candidate" 3 14 2; then
    printf '%s\n' "$candidate"; return
  fi
  say "no python3.14 >= 3.14.2 on PATH: providing one from Debian's unstable packages" >&2
  python3 "$ROOT/scripts/lib/provide_python.py" "$CACHE/python3.14" | tail -n 1
}

find_python313() {
  local candidate
  for candidate in "$(command -v python3.13 || true)" "$HOME"/.pyenv/versions/3.13*/bin/python3.13 /usr/bin/python3.13; do
    if [ -n "$candidate" ] && [ -x "$candidate" ] && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 13))' 2>/dev/null; then
      printf '%s\n' "$candidate"; return
    fi
  done
  fail "no Python 3.13 found (PATH or pyenv); install one for the oldest lane"
}

# Install a pinned requirements file into a venv keyed by its content; print the venv.
ensure_venv() {  # ensure_venv NAME PYTHON LOCKFILE
  local name=$1 python=$2 lock=$3 venv
  venv=$(venv_path "$name" "$lock")
  if [ ! -f "$venv/.ready" ]; then
    say "$name: creating $venv with $("$python" --version)" >&2
    rm -rf "$venv"
    "$UV" venv -q --python "$python" "$venv" >&2
    # Packages without wheels for this Python build against its own headers.
    CPATH="$(dirname "$(dirname "$(readlink -f "$python")")")/include${CPATH:+:$CPATH}" \
      "$UV" pip install -q --python "$venv/bin/python" -r "$lock" >&2 \
      || fail "$name: installing $lock failed"
    touch "$venv/.ready"
    find "$CACHE/venvs" -maxdepth 1 -type d -name "$name-*" ! -path "$venv" -exec rm -rf {} +
  fi
  printf '%s\n' "$venv"
}
