"""Shared values for the Canvas Credentials tests: images, bodies, a fake sleep."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from typing import Any

from microcred.canvas.payload import build_desired
from microcred.catalogue import Catalogue

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
PNG_URI = "data:image/png;base64," + base64.b64encode(PNG).decode()
SVG_URI = "data:image/svg+xml;base64," + base64.b64encode(SVG).decode()


class Sleeps(list[float]):
    """An injectable ``sleep`` that records each wait instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def badge_body(name: str = "Data Visualization", **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": name,
        "description": "Charts that tell the truth.",
        "image": PNG_URI,
        "criteriaUrl": "https://example.edu/credentials/dv/",
        "tags": ["microcred:dv"],
    }
    body.update(extra)
    return body


def assert_converged(root: Path, state: dict[str, Any]) -> None:
    """Check that each credential has exactly one badge class with the wanted content."""
    catalogue = Catalogue.load(root)
    assert catalogue.governance is not None
    issuer = catalogue.governance.section("canvas")["issuer"]
    for record in catalogue.credentials:
        desired = build_desired(record, catalogue.governance, root, issuer)
        tagged = [b for b in state["badge_classes"] if desired.tag in b["tags"]]
        if record.status == "retired" and not tagged:
            continue
        assert len(tagged) == 1, f"{record.id}: {len(tagged)} badge classes"
        stored = tagged[0]
        assert record.get("canvas", "badge_class") == stored["entityId"], record.id
        assert record.get("canvas", "synced_hash") == desired.input_hash, record.id
        for key in (
            "name",
            "description",
            "criteriaUrl",
            "criteriaNarrative",
            "alignments",
            "tags",
            "expires",
        ):
            assert stored[key] == desired.body[key], f"{record.id}: {key}"
        image = base64.b64decode(desired.body["image"].split(",", 1)[1])
        assert stored["_imageSha256"] == hashlib.sha256(image).hexdigest(), record.id
