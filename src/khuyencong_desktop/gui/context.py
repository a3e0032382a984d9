"""What every part of the window shares: the open file, undo, and change notifications."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from ..domain.money import MoneyUnit
from ..storage.database import Database


class AppContext(QObject):
    """The open database and the signals tabs use to stay current.

    Tabs never talk to each other: an edit emits ``data_changed`` with the table it touched
    ("project", "programme", "beneficiary", … or "*" after an import or merge), and every view that
    shows that table reloads. Opening another file emits ``database_changed``.
    """

    database_changed = Signal()
    data_changed = Signal(str)
    money_unit_changed = Signal()
    """The officer chose another unit to show amounts in (Cài đặt): redraw money columns."""

    def __init__(self, db: Database | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._db = db
        self.undo_stack = QUndoStack(self)
        self.money_unit = MoneyUnit.TRIEU
        """The unit amounts are shown in (triệu đồng unless the officer chose another)."""

    @property
    def db(self) -> Database:
        if self._db is None:
            raise RuntimeError("no database is open")
        return self._db

    @property
    def has_db(self) -> bool:
        return self._db is not None

    def set_database(self, db: Database | None) -> None:
        """Switch to ``db`` (closing the previous file); undo history belongs to a file, so it is cleared."""
        if self._db is not None and self._db is not db:
            self._db.close()
        self._db = db
        self.undo_stack.clear()
        self.database_changed.emit()

    def set_money_unit(self, unit: MoneyUnit) -> None:
        if unit != self.money_unit:
            self.money_unit = unit
            self.money_unit_changed.emit()
