"""Build the HACS zip release: the integration with the core as real files.

HACS unpacks the zip into ``custom_components/retrowalk/`` of a user's config,
so the archive holds the integration's files at its root and the ``sim``
subpackage copied from the repository's ``sim/`` (the link is resolved).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
import sys
import zipfile

ROOT = Path(__file__).resolve().parents[2]
INTEGRATION = ROOT / "custom_components" / "retrowalk"
SKIPPED_PARTS = {"__pycache__", ".mypy_cache", ".pytest_cache"}
SKIPPED_SUFFIXES = {".pyc", ".pyo"}


def package_files() -> list[tuple[Path, str]]:
    """List (source file, name in the archive), following the ``sim`` link."""
    files: list[tuple[Path, str]] = []
    for folder, subfolders, names in os.walk(INTEGRATION, followlinks=True):
        subfolders[:] = sorted(set(subfolders) - SKIPPED_PARTS)
        for name in sorted(names):
            path = Path(folder, name)
            if path.suffix not in SKIPPED_SUFFIXES:
                relative = path.relative_to(INTEGRATION).as_posix()
                files.append((path.resolve(), relative))
    return files


def build(destination: Path) -> Path:
    """Write the zip to ``destination`` and return it."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(destination, "w", zipfile.ZIP_DEFLATED) as archive:
        for source, name in package_files():
            archive.write(source, name)
    return destination


def main(argv: list[str] | None = None) -> int:
    """Build ``dist/retrowalk.zip`` or the given path."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "destination", nargs="?", type=Path, default=ROOT / "dist" / "retrowalk.zip"
    )
    args = parser.parse_args(argv)
    path = build(args.destination)
    with zipfile.ZipFile(path) as archive:
        count = len(archive.namelist())
    print(f"{path}: {count} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
