"""background.Operation: success, failure (known error and bug), progress and cancel, off the main thread."""
from __future__ import annotations

import threading

import pytest
from khuyencong_desktop.gui.background import Cancelled, Operation
from khuyencong_desktop.operations.summary import period_summary
from khuyencong_desktop.storage.errors import DiskFull
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_success_brings_plain_data_back_to_the_main_thread(qtbot, parent, demo_db):
    threads = []

    def summary(db, first, last):
        threads.append(threading.current_thread())
        return period_summary(db, first, last)

    received = []
    operation = Operation(parent, summary, demo_db, 2017, 2021).success(received.append)
    with qtbot.waitSignal(operation.finished, timeout=10000):
        operation.run()
    assert threads and threads[0] is not threading.main_thread()
    assert received[0].projects == 58 and received[0].jobs == 519


def test_a_known_error_reaches_the_failure_callback(qtbot, parent, tmp_path):
    def fails():
        raise DiskFull(tmp_path / "a.kcdb")

    failures = []
    operation = Operation(parent, fails).success(lambda _: failures.append("success?")).failure(failures.append)
    with qtbot.waitSignal(operation.finished, timeout=10000):
        operation.run()
    assert [f.message for f in failures] == [f"Ổ đĩa chứa «{tmp_path / 'a.kcdb'}» đã đầy. Hãy giải phóng dung lượng rồi thử lại."]


def test_without_a_failure_callback_errors_go_to_the_one_handler(qtbot, parent, shown, tmp_path, user_folders):
    for fn in (lambda: (_ for _ in ()).throw(DiskFull(tmp_path / "a.kcdb")), lambda: 1 / 0):
        operation = Operation(parent, fn)
        with qtbot.waitSignal(operation.finished, timeout=10000):
            operation.run()
    assert shown.errors == [f"Ổ đĩa chứa «{tmp_path / 'a.kcdb'}» đã đầy. Hãy giải phóng dung lượng rồi thử lại."]
    assert shown.bugs == ["ZeroDivisionError: division by zero"]
    log = (user_folders / "logs" / "khuyencong.log").read_text(encoding="utf-8")
    assert "ZeroDivisionError" in log and "Traceback" in log


def test_progress_and_cancel(qtbot, parent):
    started = threading.Event()
    reached = []

    def long_work(progress, cancelled):
        for done in range(1_000_000):
            if cancelled():
                reached.append(done)
                raise Cancelled
            progress(done, 1_000_000, f"Đang xử lý đề án {done}")
            started.set()
            threading.Event().wait(0.001)
        return "finished"

    results = []
    operation = Operation(parent, long_work).with_progress("Đang tính", cancellable=True).success(results.append)
    with qtbot.waitSignal(operation.was_cancelled, timeout=10000):
        operation.run()
        assert operation.dialog.labelText() == "Đang tính"
        assert started.wait(5)
        qtbot.waitUntil(lambda: operation.dialog.isVisible() and operation.dialog.value() > 0, timeout=5000)
        assert operation.dialog.labelText().startswith("Đang xử lý đề án ")
        cancel_button = operation.dialog.findChild(QPushButton)
        assert cancel_button.text() == "Hủy"
        qtbot.mouseClick(cancel_button, Qt.MouseButton.LeftButton)
    assert results == [] and reached and reached[0] < 1_000_000


def test_the_window_keeps_answering_while_work_runs(qtbot, parent):
    release = threading.Event()
    operation = Operation(parent, lambda: release.wait(10) and "done")
    results = []
    operation.success(results.append)
    operation.run()
    timer_fired = []
    from PySide6.QtCore import QTimer

    QTimer.singleShot(10, lambda: timer_fired.append(True))
    qtbot.waitUntil(lambda: timer_fired == [True], timeout=2000)
    assert results == []
    with qtbot.waitSignal(operation.finished, timeout=10000):
        release.set()
    assert results == ["done"]


def test_work_whose_window_closed_is_let_go_on_the_main_thread(qtbot):
    """A worker never releases the last reference to what the work was given (a printer, a model):
    released on a worker thread, a Qt object is destroyed there and the window crashes."""
    import shiboken6
    from PySide6.QtCore import QThreadPool

    finalised_on_main: list[bool] = []

    class Given:
        def __del__(self):
            finalised_on_main.append(threading.current_thread() is threading.main_thread())

    release = threading.Event()
    called: list[int] = []
    window = QWidget()

    def work(_given):
        release.wait(10)
        return 1

    Operation(window, work, Given()).success(called.append).run()
    shiboken6.delete(window)  # the officer closes the window while the work runs
    release.set()
    QThreadPool.globalInstance().waitForDone()
    qtbot.waitUntil(lambda: bool(finalised_on_main), timeout=5000)
    assert finalised_on_main == [True] and called == []
