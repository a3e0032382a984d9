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
    """Amounts are to be shown in another unit (Cài đặt, or the office's default changed): redraw money columns."""

    def __init__(self, db: Database | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._db = db
        self.undo_stack = QUndoStack(self)
        self.unit_choice = ""
        """The unit the officer chose in Cài đặt (a ``MoneyUnit`` name), "" to follow the office's default."""
        self.money_unit = self._resolved_unit()
        """The unit amounts are shown in: the officer's own choice, else the office's default unit."""
        self.data_changed.connect(self._office_changed)

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
        self.set_money_unit(self._resolved_unit())  # each file's office has its own default unit
        self.database_changed.emit()

    def choose_money_unit(self, choice: str) -> None:
        """The officer's unit (Cài đặt): a ``MoneyUnit`` name, or "" for the office's default."""
        self.unit_choice = choice
        self.set_money_unit(self._resolved_unit())

    def _resolved_unit(self) -> MoneyUnit:
        chosen = MoneyUnit.__members__.get(self.unit_choice)
        if chosen is not None or self._db is None:
            return chosen or MoneyUnit.TRIEU
        with self._db.session() as session:
            office = self._db.local_office(session)
            return MoneyUnit.__members__.get(office.default_unit if office else "", MoneyUnit.TRIEU)

    def _office_changed(self, table: str) -> None:
        if table in ("office", "*") and not self.unit_choice:
            self.set_money_unit(self._resolved_unit())

    def set_money_unit(self, unit: MoneyUnit) -> None:
        if unit != self.money_unit:
            self.money_unit = unit
            self.money_unit_changed.emit()
