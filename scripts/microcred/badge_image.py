"""Badge images: the unit's own file when it supplies one, else a generated SVG.

The generated badge is a circle in the college colour with the wrapped title and the
unit name. The output depends only on the record and governance.yaml, so the same
input always gives the same bytes and Canvas sync can compare images by hash.
"""

from __future__ import annotations

import base64
import textwrap
from pathlib import Path
from xml.sax.saxutils import escape

from .errors import MicrocredError
from .governance import Governance
from .records import Record

SVG_MIME = "image/svg+xml"
PNG_MIME = "image/png"
IMAGE_MIMES = {".svg": SVG_MIME, ".png": PNG_MIME}
DEFAULT_COLOUR = "#3d3d3d"

#: The badge is drawn on a 240 x 240 grid, so at 100 px one unit is about 0.42 px.
SIZE = 240
TITLE_WIDTH_CHARS = 13
TITLE_MAX_LINES = 4
#: The unit lines sit low in the circle, where its chord is about 145 units wide.
UNIT_WIDTH_CHARS = 20
UNIT_MAX_LINES = 2


def render_badge_svg(record: Record, governance: Governance | None) -> str:
    """Render the generated badge for ``record`` as a standalone SVG document."""
    colour = _colour(record, governance)
    ink = _text_colour(colour)
    unit_name = _unit_name(record, governance)
    title = record.title or record.id
    title_lines = _wrap(title, TITLE_WIDTH_CHARS, TITLE_MAX_LINES)
    unit_lines = _wrap(unit_name, UNIT_WIDTH_CHARS, UNIT_MAX_LINES)
    title_size = 26 if max(len(line) for line in title_lines) <= 11 else 22
    alt = f"Badge: {title}, {unit_name}"

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" '
        f'width="{SIZE}" height="{SIZE}" role="img" aria-labelledby="badge-title">',
        f'<title id="badge-title">{escape(alt)}</title>',
        f'<circle cx="120" cy="120" r="116" fill="{colour}"/>',
        f'<circle cx="120" cy="120" r="104" fill="none" stroke="{ink}" '
        'stroke-width="3" stroke-opacity="0.6"/>',
        f'<g fill="{ink}" font-family="Helvetica, Arial, sans-serif" '
        'text-anchor="middle">',
    ]
    parts.extend(_title_text(title_lines, title_size))
    parts.extend(_unit_text(unit_lines))
    parts.append("</g></svg>")
    return "\n".join(parts) + "\n"


def badge_image(
    record: Record, governance: Governance | None, root: Path
) -> tuple[bytes, str]:
    """Return the badge image bytes and MIME type for ``record``.

    A ``badge.image`` path is read relative to the record file and must stay inside
    the repository. Without one, the generated SVG is returned.
    """
    supplied = record.get("badge", "image")
    if not isinstance(supplied, str) or not supplied:
        return render_badge_svg(record, governance).encode("utf-8"), SVG_MIME

    path = ((root / record.path).parent / supplied).resolve()
    mime = IMAGE_MIMES.get(path.suffix.lower())
    if mime is None:
        raise _image_error(record, supplied, "is not a .png or .svg file")
    if not path.is_relative_to(root.resolve()):
        raise _image_error(record, supplied, "points outside the repository")
    try:
        return path.read_bytes(), mime
    except OSError as exc:
        problem = f"cannot be read: {exc.strerror}"
        raise _image_error(record, supplied, problem) from None


def _image_error(record: Record, supplied: str, problem: str) -> MicrocredError:
    return MicrocredError(
        f"{record.path}: badge.image {supplied!r} {problem}",
        "put a PNG or SVG file next to the record and give its file name, "
        "or remove badge.image to use the generated badge",
    )


def data_uri(data: bytes, mime: str) -> str:
    """Return ``data`` as a base64 ``data:`` URI."""
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _title_text(lines: list[str], size: int) -> list[str]:
    line_height = size + 4
    first_y = 112 - (len(lines) - 1) * line_height / 2 + size / 3
    return [
        f'<text x="120" y="{first_y + i * line_height:.1f}" font-size="{size}" '
        f'font-weight="bold">{escape(line)}</text>'
        for i, line in enumerate(lines)
    ]


def _unit_text(lines: list[str]) -> list[str]:
    first_y = 186 if len(lines) == 1 else 180
    return [
        f'<text x="120" y="{first_y + i * 14}" font-size="12" font-weight="600">'
        f"{escape(line)}</text>"
        for i, line in enumerate(lines)
    ]


def _wrap(text: str, width: int, max_lines: int) -> list[str]:
    lines = textwrap.wrap(text, width=width, break_long_words=True) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "\u2026"
    return lines


def _unit_name(record: Record, governance: Governance | None) -> str:
    unit = governance.units.get(record.unit) if governance else None
    return unit.name if unit else record.unit


def _colour(record: Record, governance: Governance | None) -> str:
    college = governance.college_of(record.unit) if governance else None
    colour = college.colour if college else DEFAULT_COLOUR
    return colour if _is_hex_colour(colour) else DEFAULT_COLOUR


def _is_hex_colour(value: str) -> bool:
    digits = value[1:]
    is_hex = all(c in "0123456789abcdefABCDEF" for c in digits)
    return value.startswith("#") and len(digits) == 6 and is_hex


def _text_colour(background: str) -> str:
    """Pick black or white text, whichever contrasts more with ``background`` (WCAG)."""
    channels = [int(background[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [_linear(c) for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    black_contrast = (luminance + 0.05) / 0.05
    white_contrast = 1.05 / (luminance + 0.05)
    return "#000000" if black_contrast > white_contrast else "#ffffff"


def _linear(channel: float) -> float:
    if channel <= 0.03928:
        return channel / 12.92
    return float(((channel + 0.055) / 1.055) ** 2.4)
