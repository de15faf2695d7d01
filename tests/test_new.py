"""``microcred new``: the proposal template and its input checks."""

from __future__ import annotations

import datetime as dt
import json
import re
import shlex
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from microcred.cli import cli, main
from microcred.errors import MicrocredError
from microcred.scaffold import SCHEMA_LINE, review_date
from microcred.schema import PROPOSAL_SCHEMA, load_schema

TEMPLATE = "proposals/computing/data-ethics-basics.yaml"
FILLED_VALUES = {
    "title": "Data Ethics Basics",
    "level": "undergraduate",
    "mode": "online",
    "hours": "20",
    "amount": "0",
    "email": "ethics-computing@example.edu",
    "name": "Ethics Program Office",
}
LONG_TEXT = "Learners weigh privacy, consent and fairness in real data projects."


def _new(root: Path, *args: str) -> Result:
    return CliRunner().invoke(
        cli, ["new", *args, "--root", str(root)], catch_exceptions=False
    )


def _check_json(root: Path, path: str, *options: str) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(
        cli,
        ["check", "--root", str(root), "--format", "json", *options, str(root / path)],
        catch_exceptions=False,
    )
    return result.exit_code, json.loads(result.output)["findings"]


def _fill(text: str) -> str:
    """Replace every TODO line of a template with a valid value."""
    lines = []
    for line in text.splitlines():
        match = re.match(r"^(\s*)(- )?(\w+)?:?\s+# TODO$", line)
        if match is None:
            lines.append(line)
            continue
        indent, dash, key = match.groups()
        value = FILLED_VALUES.get(key or "", json.dumps(LONG_TEXT))
        head = f"{indent}{dash or ''}{key}: " if key else f"{indent}- "
        lines.append(head + value)
    return "\n".join(lines) + "\n"


def test_new_writes_template(repo_copy: Path) -> None:
    result = _new(repo_copy, "computing", "data-ethics-basics")

    target = repo_copy / TEMPLATE
    text = target.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    required = load_schema(PROPOSAL_SCHEMA)["required"]

    assert result.exit_code == 0
    assert f"created {TEMPLATE}" in result.output
    assert text.splitlines()[0] == SCHEMA_LINE
    assert [key for key in required if key not in data] == []
    assert data["id"] == "data-ethics-basics"
    assert data["unit"] == "computing"
    assert data["status"] == "proposed"
    assert data["credit_bearing"] is False
    assert data["review_by"] == review_date(dt.date.today()).isoformat()
    assert data["contacts"]["unit_contact"]["email"] == "computing@example.edu"
    for key in ("ctid", "approval", "canvas", "revised_on"):
        assert key not in data


def test_new_comments_every_field(repo_copy: Path) -> None:
    _new(repo_copy, "computing", "data-ethics-basics")

    lines = (repo_copy / TEMPLATE).read_text(encoding="utf-8").splitlines()

    fields = [i for i, line in enumerate(lines) if re.match(r"^[a-z_]+:", line)]
    assert fields
    for index in fields:
        assert lines[index - 1].startswith("# "), lines[index]
    assert "# Summary: One or two plain sentences" in "\n".join(lines)


def test_template_fails_check_at_todos(repo_copy: Path) -> None:
    _new(repo_copy, "computing", "data-ethics-basics", "--title", "Data Ethics")
    lines = (repo_copy / TEMPLATE).read_text(encoding="utf-8").splitlines()
    todo_lines = {n for n, line in enumerate(lines, 1) if line.endswith("# TODO")}

    code, findings = _check_json(repo_copy, TEMPLATE)

    assert code == 1
    assert {f["rule"] for f in findings} == {"MC110"}
    assert {f["line"] for f in findings} == todo_lines
    assert "summary" in {f["field"] for f in findings}


def test_filled_template_passes_check(repo_copy: Path) -> None:
    _new(repo_copy, "computing", "data-ethics-basics")
    target = repo_copy / TEMPLATE
    target.write_text(_fill(target.read_text(encoding="utf-8")), encoding="utf-8")

    code, findings = _check_json(repo_copy, TEMPLATE, "--strict")

    assert findings == []
    assert code == 0


def test_title_option_is_quoted(repo_copy: Path) -> None:
    _new(repo_copy, "computing", "data-ethics-basics", "--title", "Ethics: #1 Data")

    data = yaml.safe_load((repo_copy / TEMPLATE).read_text(encoding="utf-8"))

    assert data["title"] == "Ethics: #1 Data"


def test_unknown_unit_suggests_closest(repo_copy: Path) -> None:
    with pytest.raises(MicrocredError) as raised:
        _new(repo_copy, "computer", "data-ethics-basics")

    assert str(raised.value).startswith("unknown unit `computer`")
    assert "did you mean `computing`?" in str(raised.value)
    assert "known units: civil-engineering, computing," in str(raised.value)
    assert not (repo_copy / "proposals" / "computer").exists()


@pytest.mark.parametrize("bad_id", ["Data_Ethics", "data--ethics", "ethics-", "a" * 81])
def test_invalid_id_rejected(repo_copy: Path, bad_id: str) -> None:
    with pytest.raises(MicrocredError, match="invalid id"):
        _new(repo_copy, "computing", bad_id)

    assert not (repo_copy / "proposals" / "computing" / f"{bad_id}.yaml").exists()


def test_invalid_id_hint_is_kebab_case(repo_copy: Path) -> None:
    with pytest.raises(MicrocredError) as raised:
        _new(repo_copy, "computing", "Data_Ethics")

    assert raised.value.hint == "for example `data-ethics`"


@pytest.mark.parametrize(
    ("bad_id", "expected"),
    [
        ("Data_Ethics_" * 10, "data-ethics-" * 6 + "data"),
        ("a" * 200, "a" * 80),
    ],
)
def test_long_id_hint_fits_limit(repo_copy: Path, bad_id: str, expected: str) -> None:
    with pytest.raises(MicrocredError) as raised:
        _new(repo_copy, "computing", bad_id)

    assert raised.value.hint == f"for example `{expected}`"
    assert len(expected) <= 80


def test_short_title_rejected(repo_copy: Path) -> None:
    with pytest.raises(MicrocredError, match="invalid title 'Data'"):
        _new(repo_copy, "computing", "data-ethics-basics", "--title", "Data")


def test_existing_file_needs_force(repo_copy: Path) -> None:
    _new(repo_copy, "computing", "data-ethics-basics")
    target = repo_copy / TEMPLATE
    target.write_text("edited\n", encoding="utf-8")

    with pytest.raises(MicrocredError, match="already exists") as raised:
        _new(repo_copy, "computing", "data-ethics-basics")
    unchanged = target.read_text(encoding="utf-8")
    result = _new(repo_copy, "computing", "data-ethics-basics", "--force")

    assert "--force" in (raised.value.hint or "")
    assert unchanged == "edited\n"
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith(SCHEMA_LINE)


def test_id_used_by_other_unit(repo_copy: Path) -> None:
    with pytest.raises(MicrocredError) as raised:
        _new(repo_copy, "nursing", "data-visualization-python")

    assert "already used by credentials/computing/data-visualization-python.yaml" in (
        str(raised.value)
    )
    assert not (
        repo_copy / "proposals" / "nursing" / "data-visualization-python.yaml"
    ).exists()


def test_id_used_by_unreadable_file(repo_copy: Path) -> None:
    broken = repo_copy / "proposals" / "nursing" / "wound-care-basics.yaml"
    broken.write_text("id: [unclosed\n", encoding="utf-8")

    with pytest.raises(MicrocredError) as raised:
        _new(repo_copy, "computing", "wound-care-basics")

    assert "already used by proposals/nursing/wound-care-basics.yaml" in str(
        raised.value
    )


def test_main_creates_file(repo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["new", "nursing", "wound-care-basics", "--root", str(repo_copy)])

    output = capsys.readouterr().out
    assert exited.value.code == 0
    assert "created proposals/nursing/wound-care-basics.yaml" in output
    assert (repo_copy / "proposals" / "nursing" / "wound-care-basics.yaml").is_file()


def test_main_user_error_exits_1(
    repo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["new", "nursin", "wound-care-basics", "--root", str(repo_copy)])

    errors = capsys.readouterr().err
    assert exited.value.code == 1
    assert "error: unknown unit `nursin`" in errors
    assert "hint: did you mean `nursing`?" in errors
    assert "Traceback" not in errors


def test_main_usage_error_exits_2(
    repo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["new", "nursing", "--root", str(repo_copy)])

    assert exited.value.code == 2
    assert "Missing argument 'ID'" in capsys.readouterr().err


def test_review_date_two_years_ahead() -> None:
    assert review_date(dt.date(2026, 12, 4)) == dt.date(2028, 12, 4)
    assert review_date(dt.date(2028, 2, 29)) == dt.date(2030, 2, 28)


def test_proposing_page_example_runs(repo_copy: Path) -> None:
    """The `microcred new` line of docs/proposing.md works on the sample catalogue."""
    page = Path(__file__).resolve().parents[1] / "docs" / "proposing.md"
    lines = [
        line
        for line in page.read_text().splitlines()
        if line.startswith("microcred new ")
    ]
    assert lines, "docs/proposing.md has no `microcred new` example"
    arguments = shlex.split(lines[0])[2:]

    result = _new(repo_copy, *arguments)

    assert result.exit_code == 0, result.output
    unit, record_id = arguments[:2]
    assert (repo_copy / "proposals" / unit / f"{record_id}.yaml").is_file()
