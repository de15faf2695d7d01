"""Badge images: generated SVGs and unit-supplied files."""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from sitekit import REPO

from microcred.badge_image import badge_image, data_uri, render_badge_svg
from microcred.catalogue import Catalogue, record_from_text
from microcred.errors import MicrocredError
from microcred.governance import Governance

SVG = "{http://www.w3.org/2000/svg}"
SAMPLE = "credentials/computing/data-visualization-python.yaml"


@pytest.fixture(scope="module")
def governance() -> Governance:
    loaded = Catalogue.load(REPO).governance
    assert loaded is not None
    return loaded


def _record(title: str = "Data Visualization with Python", badge: str = "") -> object:
    text = (REPO / SAMPLE).read_text(encoding="utf-8")
    text = text.replace("title: Data Visualization with Python", f"title: {title!r}")
    if badge:
        text = text.replace("badge:\n", f"badge:\n  image: {badge}\n")
    return record_from_text(SAMPLE, text)


def test_svg_is_deterministic(governance: Governance) -> None:
    first = render_badge_svg(_record(), governance)
    second = render_badge_svg(_record(), governance)
    assert first == second


def test_svg_has_title_and_colour(governance: Governance) -> None:
    root = ET.fromstring(render_badge_svg(_record(), governance))
    texts = [t.text for t in root.iter(f"{SVG}text")]

    assert root.findtext(f"{SVG}title") == (
        "Badge: Data Visualization with Python, School of Computing"
    )
    assert root.get("role") == "img"
    assert root.find(f"{SVG}circle").get("fill") == "#1f4e79"
    assert texts[-1] == "School of Computing"
    assert all(len(text) <= 13 for text in texts[:-1])


def test_svg_escapes_markup(governance: Governance) -> None:
    svg = render_badge_svg(
        _record(title='</title><script>alert("x")</script> & co'), governance
    )
    root = ET.fromstring(svg)

    assert "<script" not in svg
    assert root.find(f".//{SVG}script") is None
    assert "&lt;script&gt;" in svg


def test_long_title_is_cut(governance: Governance) -> None:
    svg = render_badge_svg(_record(title="Word " * 40), governance)
    texts = [t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text")]
    assert len(texts) <= 4 + 2
    assert any(text.endswith("\u2026") for text in texts)


def test_generated_badge_without_image(governance: Governance) -> None:
    data, mime = badge_image(_record(), governance, REPO)
    assert mime == "image/svg+xml"
    assert data == render_badge_svg(_record(), governance).encode("utf-8")


def test_supplied_png_is_used(governance: Governance, tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
    folder = tmp_path / "credentials" / "computing"
    folder.mkdir(parents=True)
    (folder / "badge.png").write_bytes(png)

    data, mime = badge_image(_record(badge="badge.png"), governance, tmp_path)

    assert (data, mime) == (png, "image/png")


def test_missing_image_is_user_error(governance: Governance, tmp_path: Path) -> None:
    with pytest.raises(MicrocredError) as raised:
        badge_image(_record(badge="missing.svg"), governance, tmp_path)
    assert "badge.image 'missing.svg' cannot be read" in str(raised.value)
    assert SAMPLE in str(raised.value)


def test_image_outside_repository_rejected(
    governance: Governance, tmp_path: Path
) -> None:
    with pytest.raises(MicrocredError) as raised:
        badge_image(_record(badge="../../../secret.svg"), governance, tmp_path / "repo")
    assert "points outside the repository" in str(raised.value)


def test_data_uri_round_trips() -> None:
    uri = data_uri(b"<svg/>", "image/svg+xml")
    assert uri.startswith("data:image/svg+xml;base64,")
    assert base64.b64decode(uri.split(",", 1)[1]) == b"<svg/>"
