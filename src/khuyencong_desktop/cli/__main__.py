"""``python -m khuyencong_desktop.cli`` is the ``khuyencong`` command."""
from .main import main

raise SystemExit(main())
