"""The input of a checker: the catalogue, the records to check, and the options."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..catalogue import Catalogue
    from ..records import Record


@dataclass
class CheckContext:
    """Input of one check run.

    ``targets`` are the records whose problems are reported: every record when no
    paths were given, otherwise the records at those paths. Catalogue-wide checks
    still compare the targets against every record in ``catalogue``.
    ``extra_records`` contains records that compete but are not reported on, such as
    proposals fetched from other open pull requests.
    """

    catalogue: Catalogue
    targets: list[Record]
    today: dt.date = field(default_factory=dt.date.today)
    whole_repository: bool = True
    all_pairs: bool = False
    extra_records: list[Record] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)
    #: Sections that checkers add to the Markdown job summary, keyed by title.
    summary_sections: dict[str, str] = field(default_factory=dict)
