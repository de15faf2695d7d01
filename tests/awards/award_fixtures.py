"""Award test fixtures: a catalogue whose credential has a badge class in the emulator.

The grade exports in ``data/`` are synthetic. They end in ``.csv.sample``, so the
privacy rule MC500, which flags tracked CSV files with learner and score columns,
leaves them alone. Tests copy them to ``.csv`` files in a temporary folder.
"""

from __future__ import annotations

import base64
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from microcred.canvas.client import CanvasClient
from microcred.canvas.emulator import Emulator
from microcred.catalogue import Catalogue
from microcred.yamledit import update_fields

DATA = Path(__file__).resolve().parent / "data"
CREDENTIAL = "data-visualization-python"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>'


@dataclass
class AwardSetup:
    root: Path
    emulator: Emulator
    badge_class: str

    def grades(self, sample: str, name: str = "Grades export.csv") -> Path:
        """Copy a sample export into the ignored grades/ folder, as a user would save it."""
        target = self.root / "grades" / name
        target.parent.mkdir(exist_ok=True)
        shutil.copy2(DATA / sample, target)
        return target

    def assertions(self) -> list[dict]:  # type: ignore[type-arg]
        return [
            a
            for a in self.emulator.state()["assertions"]
            if a["badgeclass"] == self.badge_class
        ]


def create_badge_class(root: Path) -> str:
    """Create the sample credential's badge class and record its entityId, as sync would."""
    governance = Catalogue.load(root).governance
    assert governance is not None
    client = CanvasClient.from_governance(governance)
    body = {
        "name": "Data Visualization with Python",
        "description": "Sample badge class for award tests.",
        "image": "data:image/svg+xml;base64," + base64.b64encode(SVG).decode(),
        "criteriaNarrative": "Reach the passing score.",
        "tags": [f"microcred:{CREDENTIAL}"],
    }
    entity_id = str(client.create_badge_class(body)["entityId"])
    update_fields(
        root / "credentials" / "computing" / f"{CREDENTIAL}.yaml",
        {"canvas": {"badge_class": entity_id}},
    )
    return entity_id


@pytest.fixture
def award_setup(
    repo_copy: Path, canvas_env: Emulator, monkeypatch: pytest.MonkeyPatch
) -> AwardSetup:
    monkeypatch.delenv("MICROCRED_STATE_DIR", raising=False)
    monkeypatch.delenv("CI", raising=False)
    return AwardSetup(repo_copy, canvas_env, create_badge_class(repo_copy))
