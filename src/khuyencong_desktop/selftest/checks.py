"""A self-test check's result and failure, and importing a feature module a check needs."""
from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass

from ..i18n import tr


class CheckFailed(Exception):
    """A check's one-line reason for failing."""


@dataclass
class CheckResult:
    name: str
    ok: bool
    detail: str
    seconds: float


def require(module: str):
    """Import a feature module, or fail the check with "chưa có: <module>" if it is not there yet."""
    try:
        found = importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        found = False
    if not found:
        raise CheckFailed(tr("chưa có: {module}", module=module))
    return importlib.import_module(module)
