"""A long table laid out page by page in linear time: rows measured once, one Table per page."""
from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, Table, TableStyle

UNLIMITED_HEIGHT = 1e9
"""Height offered when measuring every row at once, so ReportLab measures them all."""


class PagedTable(Flowable):
    """A table (bảng nhiều trang) whose head rows repeat on every page and whose rows never split.

    ReportLab's ``Table.split`` re-measures and re-spans every remaining row at each page break,
    so a 1.000-row table costs time quadratic in its rows. Here every row is measured once, by
    ReportLab itself on the whole table (so heights, and thus the layout, are exactly those of
    one Table), and each page gets its own ``Table`` of the head rows and that page's rows with
    the measured heights, the same column widths and the same style. The ``tail`` rows (the
    total) come only at the end, never without at least one body row above them.

    ``closing`` (the words line and the signature block that follow the table) is measured and
    kept on the same page as the table's last rows: when it does not fit below them, the last
    rows move to the next page with it, so the signature never stands alone on the last page.
    """

    def __init__(self, head: Sequence[list], body: Sequence[list], tail: Sequence[list],
                 col_widths: Sequence[float], commands: Sequence[tuple], tail_commands: Sequence[tuple] = (),
                 *, heights: Sequence[float] | None = None, closing: Sequence[Flowable] = ()) -> None:
        super().__init__()
        self.head, self.body, self.tail = list(head), list(body), list(tail)
        self.col_widths = list(col_widths)
        self.commands, self.tail_commands = list(commands), list(tail_commands)
        self.heights = list(heights) if heights is not None else None
        self.closing = list(closing)

    def kept_with(self, closing: Sequence[Flowable]) -> PagedTable:
        """The same table, its last rows kept on one page with ``closing``."""
        return PagedTable(self.head, self.body, self.tail, self.col_widths, self.commands, self.tail_commands,
                          heights=self.heights, closing=closing)

    def _measure(self) -> list[float]:
        if self.heights is None:
            probe = self._table(self.head + self.body + self.tail, with_tail=bool(self.tail))
            probe.wrapOn(getattr(self, "canv", None), sum(self.col_widths), UNLIMITED_HEIGHT)
            self.heights = list(probe._rowHeights)  # ReportLab's own measure of each row
        return self.heights

    def _table(self, rows: list[list], with_tail: bool, heights: Sequence[float] | None = None) -> Table:
        table = Table(rows, colWidths=self.col_widths, rowHeights=heights, repeatRows=len(self.head),
                      splitByRow=1, splitInRow=0)
        table.setStyle(TableStyle(self.commands + (self.tail_commands if with_tail else [])))
        return table

    def _parts(self) -> tuple[list[float], list[float], list[float]]:
        heights = self._measure()
        head, body_end = len(self.head), len(self.head) + len(self.body)
        return heights[:head], heights[head:body_end], heights[body_end:]

    def _closing_height(self, avail_width: float, avail_height: float) -> float:
        return sum(part.wrapOn(self.canv, avail_width, avail_height)[1] + part.getSpaceBefore() + part.getSpaceAfter()
                   for part in self.closing)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = sum(self.col_widths)
        self.height = sum(self._measure())
        if self.closing and self.height + self._closing_height(avail_width, avail_height) > avail_height:
            # Too tall with what must follow on the same page: make the frame ask for a split.
            return self.width, max(self.height, avail_height + 1)
        return self.width, self.height

    def draw(self) -> None:
        table = self._table(self.head + self.body + self.tail, bool(self.tail), self._measure())
        table.wrapOn(self.canv, self.width, self.height)
        table.drawOn(self.canv, 0, 0)

    def _rows_that_fit(self, avail_height: float) -> int:
        head, body, _tail = self._parts()
        room = avail_height - sum(head)
        count = 0
        while count < len(body) and body[count] <= room:
            room -= body[count]
            count += 1
        return count

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        head, body, tail = self._parts()
        count = self._rows_that_fit(avail_height)
        if count == len(body):
            # Every row fits but not the tail or the closing: the last row goes on with them.
            if count == 1 and getattr(self, "_postponed", False):
                # Already moved to a fresh page once (ReportLab marks it): place what fits.
                if sum(head) + sum(body) + sum(tail) > avail_height:
                    return []
                return [self._table(self.head + self.body + self.tail, bool(self.tail), self._measure())]
            count -= 1
        if count == 0:
            return []
        first = self._table(self.head + self.body[:count], False, head + body[:count])
        rest = PagedTable(self.head, self.body[count:], self.tail, self.col_widths, self.commands,
                          self.tail_commands, heights=head + body[count:] + tail, closing=self.closing)
        return [first, rest]
