"""``khuyencong-desktop``: starts the window (the heavy Qt modules load after it shows)."""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from .gui.app import run

    return run(sys.argv if argv is None else [sys.argv[0], *argv])


if __name__ == "__main__":
    raise SystemExit(main())
