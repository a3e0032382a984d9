"""The main window (cửa sổ chính): wires the tabs, the menus and the status bar, nothing else.

It is built in two steps so it paints before the heavy modules load: the shell (menus, an empty
tab bar, the status bar) needs only QtWidgets; :meth:`MainWindow.attach` adds the tabs once a
file is open. Other modules add their own actions through ``window.menus["reports"]`` etc.
"""
from __future__ import annotations

import importlib

from PySide6.QtCore import QByteArray, QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QTabWidget, QWidget

from ..i18n import tr, tr_as
from .settings import Settings
from .sizing import fit_to_screen, keep_on_screen

TAB_TITLES = ("Tổng quan", "Chương trình", "Đề án", "Cơ sở thụ hưởng")
TAB_CLASSES = (("dashboard", "DashboardTab"), ("programmes", "ProgrammesTab"), ("projects", "ProjectsTab"),
               ("beneficiaries", "BeneficiariesTab"))
FIRST_SIZE = QSize(1280, 800)
"""The window's size on the first start, bounded by the screen's free area."""


class MainWindow(QMainWindow):
    first_painted = Signal()
    """Emitted once, after the window's first paint: the signal to load the heavy parts."""
    ready = Signal()
    """Emitted when a file is open and the tabs are built."""

    def __init__(self, settings: Settings):
        super().__init__()
        self.settings = settings
        self.context = None
        self.opener = None
        self._painted = False
        self.pending_package = None
        """A .kcx package named on the command line, for the exchange merge action to pick up."""
        self.setWindowTitle("KhuyenCong")
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self.file_label = QLabel(tr("Đang mở tệp…"))
        self.counts_label = QLabel("")
        self.statusBar().addWidget(self.file_label, 1)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.menus: dict[str, QMenu] = {}
        for key, title in (("file", tr("&Tệp")), ("edit", tr("&Sửa")), ("view", tr("&Xem")),
                           ("reports", tr("&Báo cáo")), ("help", tr("Trợ &giúp"))):
            self.menus[key] = self.menuBar().addMenu(title)
        self.undo_action = self._action("edit", tr("&Hoàn tác"), QKeySequence.StandardKey.Undo)
        self.redo_action = self._action("edit", tr("&Làm lại"), [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.menus["edit"].addSeparator()
        self.find_action = self._action("edit", tr("&Tìm kiếm"), QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self._find)
        self.tab_actions = [self._action("view", tr_as("tab", title), QKeySequence(f"Ctrl+{n}"))
                            for n, title in enumerate(TAB_TITLES, start=1)]
        self.menus["view"].addSeparator()
        self.refresh_action = self._action("view", tr("Làm &mới"), QKeySequence(Qt.Key.Key_F5))
        self.check_action = self._action("reports", tr("&Kiểm tra tệp…"))
        self.about_action = self._action("help", tr("&Giới thiệu"))
        for action in (self.undo_action, self.redo_action, self.refresh_action, self.check_action):
            action.setEnabled(False)
        for index, action in enumerate(self.tab_actions):
            action.triggered.connect(lambda _=False, i=index: self.tabs.setCurrentIndex(i))
        self.about_action.triggered.connect(self._show_about)
        self.restore_size(settings.window_geometry)

    def restore_size(self, geometry: bytes, available: QRect | None = None) -> None:
        """The size and place saved at the last close, else :data:`FIRST_SIZE`; either within the screen.

        ``available`` is the screen's free area, by default that of the screen the window opens on.
        """
        if geometry and self.restoreGeometry(QByteArray(geometry)):
            keep_on_screen(self, available)
        else:
            fit_to_screen(self, available, FIRST_SIZE)

    def _action(self, menu: str, text: str, shortcut=None) -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, list):
            action.setShortcuts(shortcut)
        elif shortcut is not None:
            action.setShortcut(shortcut)
        self.menus[menu].addAction(action)
        return action

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            self.first_painted.emit()
        return handled

    # -- the heavy part, once a file can be opened ----------------------------------------------
    def attach(self, context, opener) -> None:
        """Connect the shared context (undo stack, change signals) and the file actions."""
        from . import exchange, report_actions
        from .file_menu import FileMenu

        self.context, self.opener = context, opener
        stack = context.undo_stack
        self.undo_action.triggered.connect(stack.undo)
        self.redo_action.triggered.connect(stack.redo)
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        stack.undoTextChanged.connect(self._undo_text_changed)
        stack.redoTextChanged.connect(self._redo_text_changed)
        self.refresh_action.triggered.connect(self._refresh)
        self.check_action.triggered.connect(self._check_file)
        self.file_menu = FileMenu(self, opener)
        report_actions.install(self)
        exchange.install(self)
        context.database_changed.connect(self._update_status)
        context.data_changed.connect(self._update_status)
        self.refresh_action.setEnabled(True)
        self.check_action.setEnabled(True)

    def _undo_text_changed(self, text: str) -> None:
        self.undo_action.setText(tr("&Hoàn tác: {what}", what=text) if text else tr("&Hoàn tác"))

    def _redo_text_changed(self, text: str) -> None:
        self.redo_action.setText(tr("&Làm lại: {what}", what=text) if text else tr("&Làm lại"))

    def _find(self) -> None:
        """Put the cursor in the search box of the list on screen (the dashboard has none)."""
        search = getattr(self.tabs.currentWidget(), "search", None)
        if search is not None:
            search.setFocus()
            search.selectAll()

    def _refresh(self) -> None:
        self.context.data_changed.emit("*")

    def build_tabs(self) -> None:
        """The four tabs, once the first file is open; each is built the first time it is shown.

        A list tab on a 100.000-project file takes seconds to build, so start-up builds only the
        tab on screen (the dashboard) and the others wait until the officer opens them.
        """
        for title in TAB_TITLES:
            self.tabs.addTab(QWidget(), tr_as("tab", title))
        self._built = [False] * len(TAB_TITLES)
        self.tabs.currentChanged.connect(self.tab)
        self.tab(self.tabs.currentIndex())
        self._update_status()
        self.ready.emit()

    def tab(self, index: int) -> QWidget:
        """The tab at ``index`` (0 Tổng quan … 3 Cơ sở thụ hưởng), built now if it was not yet."""
        if not self._built[index]:
            module_name, class_name = TAB_CLASSES[index]
            module = importlib.import_module(f"{__package__}.tabs.{module_name}")
            widget = getattr(module, class_name)(self.context)
            current = self.tabs.currentIndex()
            self.tabs.blockSignals(True)
            placeholder = self.tabs.widget(index)
            self.tabs.removeTab(index)
            placeholder.deleteLater()
            self.tabs.insertTab(index, widget, tr_as("tab", TAB_TITLES[index]))
            self.tabs.setCurrentIndex(current)
            self.tabs.blockSignals(False)
            self._built[index] = True
        return self.tabs.widget(index)

    def _update_status(self, _table: str = "") -> None:
        from .background import Operation
        from .status import record_counts

        if not self.context.has_db:
            return
        path = self.context.db.path
        original = self.opener.original
        self.file_label.setText(tr("Tệp: {name}", name=path.name) if original is None
                                else tr("Tệp: {name} (bản sao trong máy của {original})",
                                        name=path.name, original=original))
        self.file_label.setToolTip(str(path))
        self.setWindowTitle(f"{path.name} — KhuyenCong")
        # Counting a national-scale file takes ~0,1 s: read in the background, shown if still current.
        db = self.context.db
        Operation(self, record_counts, db).success(lambda counts: self._show_counts(db, counts)).run()

    def _show_counts(self, db, counts: dict[str, str]) -> None:
        if self.context.has_db and self.context.db is db:
            self.counts_label.setText(tr("{programmes} chương trình · {projects} đề án · {beneficiaries} cơ sở thụ hưởng",
                                         **counts))

    def _check_file(self) -> None:
        from .dialogs.check import run_check

        run_check(self, self.context.db)

    def _show_about(self) -> None:
        from .dialogs.about import AboutDialog

        AboutDialog(self).exec()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.window_geometry = bytes(self.saveGeometry().data())
        if self.opener is not None:
            self.opener.close()
        self.settings.sync()
        super().closeEvent(event)
