"""Frozen entry point of the windowed ``KhuyenCong`` executable (also ``--self-test``)."""
from khuyencong_desktop.__main__ import main

raise SystemExit(main())
