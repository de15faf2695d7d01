"""Parse a gradebook cell as a percent score, or report why it cannot be read."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

#: Cells that mean "no score" in a Canvas export: excused, dash for not graded.
NO_SCORE_MARKS = {
    "EX": "excused (EX)",
    "-": "not graded (-)",
    "N/A": "not applicable (N/A)",
}

#: Highest percent accepted. Extra credit can push a score past 100, but a score
#: beyond this is a wrong column or a wrong Points Possible row, never a result.
MAX_PERCENT = 1000.0

_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


@dataclass(frozen=True)
class Score:
    """A parsed score in percent, or ``problem`` when the cell cannot be read."""

    percent: float | None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.percent is not None


def parse_percent(cell: str, points_possible: float | None = None) -> Score:
    """Parse ``cell`` as a percent score.

    Accepted: ``85.5``, ``85.5%``, ``85,5`` (comma as the decimal mark) and scores
    above 100 (extra credit) up to ``MAX_PERCENT``. When ``points_possible`` is given, a plain number is
    points and is converted to a percent of it; a number with ``%`` stays a percent.
    Blanks, ``EX``, ``-``, negatives and anything else return a problem, never a guess.
    Problems never quote the cell, so that no grade reaches a log.
    """
    text = cell.strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return Score(None, "blank score")
    mark = NO_SCORE_MARKS.get(text.upper())
    if mark:
        return Score(None, f"no score: {mark}")

    is_percent = text.endswith("%")
    number_text = text[:-1] if is_percent else text
    if not _NUMBER.match(number_text):
        return Score(None, "the score is not a number")
    if re.search(r",\d{3}$", number_text):
        return Score(
            None, "the score is ambiguous: its comma may separate thousands or decimals"
        )
    value = float(number_text.replace(",", "."))
    if value < 0:
        return Score(None, "the score is negative")

    if points_possible is not None and not is_percent:
        if points_possible <= 0:
            return Score(
                None, "the column's Points Possible is 0, so no percent can be computed"
            )
        value = value / points_possible * 100
    if not math.isfinite(value) or value > MAX_PERCENT:
        return Score(
            None,
            f"the score is above {MAX_PERCENT:g} %; check the score column and its Points Possible",
        )
    return Score(round(value, 4))


def parse_points_possible(cell: str) -> float | None:
    """Return the Points Possible of a column, or None for ``(read only)`` and blanks."""
    text = cell.strip().replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None
