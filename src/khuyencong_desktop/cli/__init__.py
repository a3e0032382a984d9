"""The ``khuyencong`` command line: a thin front over the operations."""
