"""``khuyencong-desktop``: starts the window (the heavy Qt modules load after it shows)."""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    if "--self-test" in arguments:
        # Before any Qt import: the self-test chooses the offscreen platform and its own data folder.
        from .selftest import main as self_test

        return self_test(arguments)
    from .gui.app import run

    return run(sys.argv if argv is None else [sys.argv[0], *argv])


if __name__ == "__main__":
    raise SystemExit(main())
