"""Regenerate every golden file: ``python -m tests.regen`` (or ``make goldens``).

Each test module that keeps goldens defines ``regenerate_goldens() -> list[Path]``; this
runs them all and lists what changed, so a reviewer can read the diff with git.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).parent


def main() -> int:
    written: list[Path] = []
    for module_path in sorted(HERE.glob("test_*.py")):
        module = importlib.import_module(f"tests.{module_path.stem}")
        regenerate = getattr(module, "regenerate_goldens", None)
        if regenerate is not None:
            written.extend(regenerate())
    for path in written:
        print(f"wrote {path.relative_to(HERE.parent)}")
    print(f"{len(written)} golden files regenerated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
