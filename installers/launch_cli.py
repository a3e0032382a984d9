"""Frozen entry point of the console twin ``khuyencong-cli``: the command line, and debugging."""
from khuyencong_desktop.cli.main import main

raise SystemExit(main())
