"""Provide a CPython >= 3.14.2 from Debian unstable's binary packages.

Runs with any Python 3 and the standard library only. The interpreter is
unpacked with ``dpkg -x`` into one prefix inside a cache folder outside the
repository and patched with ``patchelf`` to use the loader and libraries of that
prefix. The mirror comes from the machine's apt sources; file names come from
the suite's ``Packages`` index at run time.
"""

from __future__ import annotations

import argparse
import lzma
from pathlib import Path
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request

SUITE = "unstable"
ARCH = "amd64"
PACKAGES = (
    "python3.14",
    "python3.14-minimal",
    "python3.14-venv",
    "python3.14-dev",
    "libpython3.14",
    "libpython3.14-dev",
    "libpython3.14-minimal",
    "libpython3.14-stdlib",
    "libc6",
    "libssl3t64",
    "libffi8",
    "libexpat1",
    "zlib1g",
    "libsqlite3-0",
    "libbz2-1.0",
    "liblzma5",
    "libzstd1",
    "libncursesw6",
    "libtinfo6",
    "libreadline8t64",
    "libuuid1",
    "libdb5.3t64",
    "libmpdec4",
    "libgcc-s1",
    "libcrypt1",
    "libstdc++6",
    "media-types",
    "tzdata",
)
MINIMUM = (3, 14, 2)


def log(message: str) -> None:
    """Print a progress line."""
    print(f"[python3.14] {message}", file=sys.stderr, flush=True)


def apt_mirror() -> str:
    """Return the first Debian archive URI of the machine's apt sources."""
    candidates: list[str] = []
    sources = Path("/etc/apt/sources.list.d")
    for path in sorted(sources.glob("*.sources")):
        candidates += re.findall(r"^URIs:\s*(\S+)", path.read_text(), re.MULTILINE)
    legacy = Path("/etc/apt/sources.list")
    if legacy.exists():
        candidates += re.findall(
            r"^deb\s+(?:\[[^\]]*\]\s+)?(\S+)", legacy.read_text(), re.MULTILINE
        )
    for uri in candidates:
        if uri.rstrip("/").endswith("/debian"):
            return uri.rstrip("/")
    raise SystemExit("no Debian archive found in the apt sources")


def fetch(url: str) -> bytes:
    """Download a URL into memory."""
    with urllib.request.urlopen(url, timeout=120) as response:
        data: bytes = response.read()
        return data


def package_index(mirror: str) -> dict[str, str]:
    """Map package name to pool file name for the suite."""
    log(f"reading the {SUITE} package index")
    raw = lzma.decompress(
        fetch(f"{mirror}/dists/{SUITE}/main/binary-{ARCH}/Packages.xz")
    ).decode("utf-8", "replace")
    files: dict[str, str] = {}
    for stanza in raw.split("\n\n"):
        name = re.search(r"^Package: (\S+)", stanza, re.MULTILINE)
        filename = re.search(r"^Filename: (\S+)", stanza, re.MULTILINE)
        if name and filename:
            files.setdefault(name.group(1), filename.group(1))
    return files


def interpreter_ok(python: Path) -> bool:
    """Tell whether ``python`` runs, is new enough and has its C modules."""
    if not python.exists():
        return False
    probe = (
        "import sys, ssl, sqlite3, ctypes, decimal, lzma, bz2, zlib;"
        f"sys.exit(0 if sys.version_info[:3] >= {MINIMUM} else 1)"
    )
    return subprocess.run([python, "-c", probe], check=False).returncode == 0


def provide(prefix: Path) -> Path:
    """Unpack and patch the interpreter into ``prefix``; return its path."""
    python = prefix / "usr/bin/python3.14"
    if interpreter_ok(python):
        log(f"reusing {python}")
        return python
    patchelf = shutil.which("patchelf")
    if patchelf is None:
        raise SystemExit("patchelf is missing (apt-get install patchelf)")
    mirror = apt_mirror()
    files = package_index(mirror)
    missing = [name for name in PACKAGES if name not in files]
    if missing:
        raise SystemExit(f"not in the {SUITE} index: {', '.join(missing)}")
    staging = Path(tempfile.mkdtemp(prefix="py314-", dir=prefix.parent))
    try:
        for name in PACKAGES:
            log(f"unpacking {files[name].rsplit('/', 1)[-1]}")
            deb = staging / f"{name}.deb"
            deb.write_bytes(fetch(f"{mirror}/{files[name]}"))
            subprocess.run(["dpkg", "-x", deb, staging / "root"], check=True)
            deb.unlink()
        root = staging / "root"
        libdir = root / "usr/lib/x86_64-linux-gnu"
        # Keep the ld.so that matches libc6 inside the prefix.
        loader = libdir / "ld-linux-x86-64.so.2"
        if not loader.exists():
            loader.symlink_to("../../../lib64/ld-linux-x86-64.so.2")
        if prefix.exists():
            shutil.rmtree(prefix)
        root.rename(prefix)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    final_libdir = prefix / "usr/lib/x86_64-linux-gnu"
    subprocess.run(
        [
            patchelf,
            "--set-interpreter",
            final_libdir / "ld-linux-x86-64.so.2",
            "--force-rpath",
            "--set-rpath",
            final_libdir,
            python,
        ],
        check=True,
    )
    if not interpreter_ok(python):
        raise SystemExit(f"{python} does not start or lacks a C module")
    log(f"ready: {python}")
    return python


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("prefix", type=Path, help="folder to unpack into")
    args = parser.parse_args()
    args.prefix.parent.mkdir(parents=True, exist_ok=True)
    print(provide(args.prefix.resolve()))


if __name__ == "__main__":
    sys.exit(main())
