"""Malformed records, governance.yaml and file layouts never crash `microcred check`.

Each case writes a bad file into a small catalogue (governance.yaml, the schema and
one proposal) and runs every checker. A finding must name the file, give a line
for field problems and carry a hint; an exception is a bug.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from microcred.check import CheckOptions, run_check
from microcred.cli import main
from microcred.errors import MicrocredError

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "tests" / "examples" / "valid" / "cloud-cost-basics.yaml"
TARGET = "proposals/computing/cloud-cost-basics.yaml"

#: Values of the wrong type or shape for any field.
WRONG_VALUES: list[Any] = [
    None,
    [],
    {},
    ["text", {"key": 1}],
    {"key": [1]},
    0,
    -1,
    1.5,
    float("nan"),
    True,
    "",
    "x" * 5000,
    "\u202e\u0000",
    "e\u0301\U0001f44d",
    "2029-02-30",
    dt.date(2029, 1, 1),
    "85%",
]


@pytest.fixture(scope="module")
def small_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("catalogue")
    shutil.copy2(REPO / "governance.yaml", root / "governance.yaml")
    shutil.copytree(REPO / "schema", root / "schema")
    (root / "proposals" / "computing").mkdir(parents=True)
    (root / "credentials").mkdir()
    return root


def _sample() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    return data


def _field_paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if prefix:
        yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _field_paths(child, prefix + (key,))
    elif isinstance(value, list) and value:
        yield from _field_paths(value[0], prefix + (0,))


def _with_value(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> str:
    changed = copy.deepcopy(data)
    node: Any = changed
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return yaml.safe_dump(changed, allow_unicode=True)


def _assert_findings_usable(root: Path, paths: list[str], label: str) -> list[Any]:
    result = run_check(CheckOptions(root=root, paths=paths))
    for finding in result.findings:
        assert finding.path, label
        assert finding.hint, f"{label}: no hint for {finding}"
        # NOTE: the duplicate rules (MC2xx) still quote whole titles.
        if not finding.rule.startswith("MC2"):
            assert len(finding.message) < 1000, f"{label}: {finding.rule} too long"
        if finding.field:
            assert finding.line > 0, f"{label}: no line for {finding}"
    return result.findings


def test_every_field_every_wrong_type(small_repo: Path) -> None:
    data = _sample()
    target = small_repo / TARGET
    for path in _field_paths(data):
        for value in WRONG_VALUES:
            target.write_text(_with_value(data, path, value), encoding="utf-8")
            _assert_findings_usable(small_repo, [], f"{path}={value!r:.40}")


@pytest.mark.parametrize(
    "value", ["80", "85%", True, None, [], {}, 79, float("inf"), -5, "eighty"]
)
def test_passing_score_wrong_type(small_repo: Path, value: Any) -> None:
    data = _sample()
    data["earning_criteria"]["passing_score"] = value
    target = small_repo / TARGET
    target.write_text(yaml.safe_dump(data), encoding="utf-8")
    findings = _assert_findings_usable(small_repo, [str(target)], repr(value))
    fields = {f.field for f in findings if f.rule == "MC110"}
    assert "earning_criteria.passing_score" in fields


def test_review_by_datetime_reports(small_repo: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace(
        'review_by: "2029-01-31"', "review_by: 2001-01-31T10:00:00Z"
    )
    (small_repo / TARGET).write_text(text, encoding="utf-8")
    findings = _assert_findings_usable(small_repo, [], "datetime")
    assert any(f.field == "review_by" for f in findings)


def test_integer_beyond_python_limit(small_repo: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "hours: 12", "hours: " + "9" * 5000
    )
    (small_repo / TARGET).write_text(text, encoding="utf-8")
    findings = _assert_findings_usable(small_repo, [], "huge int")
    hours = [f for f in findings if f.field == "delivery.hours"]
    assert hours
    assert "must be a number" in hours[0].message


def test_long_text_message_is_short(small_repo: Path) -> None:
    data = _sample()
    data["competencies"][0] = "x" * 100_000
    (small_repo / TARGET).write_text(yaml.safe_dump(data), encoding="utf-8")
    findings = _assert_findings_usable(small_repo, [], "long text")
    long = [f for f in findings if f.field == "competencies[0]"]
    assert long
    assert "100000 characters" in long[0].message
    assert "shorten" in long[0].hint


@pytest.mark.parametrize(
    "text",
    [
        "- a\n- b\n",
        "just text\n",
        "",
        "~\n",
        "1: 2\n3: [4]\n",
        "id:\ntitle:\nunit:\nskills:\ncontacts:\nnecessity:\n",
        "id: a\x00b\n",
        "a: " + "[" * 100 + "]" * 100 + "\n",
        "id: x\n\ttitle: y\n",
    ],
)
def test_record_shapes(small_repo: Path, text: str) -> None:
    (small_repo / TARGET).write_text(text, encoding="utf-8")
    findings = _assert_findings_usable(small_repo, [], repr(text[:20]))
    assert any(f.path == TARGET for f in findings)


GOVERNANCE_WRONG: list[Any] = [None, [], {}, ["a", {"b": 1}], 1, True, "x", {"id": 1}]


@pytest.mark.parametrize(
    "path",
    [
        ("units",),
        ("colleges",),
        ("committee",),
        ("similarity",),
        ("calendar",),
        ("units", 0),
        ("units", 0, "department_heads"),
        ("units", 0, "college"),
        ("colleges", 0, "id"),
        ("colleges", 0, "reviewers"),
        ("committee", "members"),
    ],
)
def test_governance_wrong_types(small_repo: Path, path: tuple[Any, ...]) -> None:
    governance = yaml.safe_load((REPO / "governance.yaml").read_text(encoding="utf-8"))
    shutil.copy2(SAMPLE, small_repo / TARGET)
    try:
        for value in GOVERNANCE_WRONG:
            text = _with_value(governance, path, value)
            (small_repo / "governance.yaml").write_text(text, encoding="utf-8")
            findings = _assert_findings_usable(small_repo, [], f"{path}={value!r}")
            if value in (1, "x"):
                assert any(f.path == "governance.yaml" for f in findings), path
    finally:
        shutil.copy2(REPO / "governance.yaml", small_repo / "governance.yaml")


def test_symlink_record_rejected(small_repo: Path) -> None:
    link = small_repo / "proposals" / "computing" / "outside.yaml"
    outside = small_repo.parent / "secret.yaml"
    outside.write_text("title: private\n", encoding="utf-8")
    link.symlink_to(outside)
    try:
        findings = _assert_findings_usable(small_repo, [], "symlink")
    finally:
        link.unlink()
    rules = [(f.path, f.rule) for f in findings if f.path.endswith("outside.yaml")]
    assert rules == [("proposals/computing/outside.yaml", "MC107")]


def test_non_utf8_file_name_reported(
    small_repo: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = os.fsencode(small_repo / "proposals" / "computing")
    bad = os.path.join(folder, b"bad\xff.yaml")
    with open(bad, "wb") as handle:
        handle.write(SAMPLE.read_bytes())
    summary = small_repo.parent / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    try:
        with pytest.raises(SystemExit) as exit_info:
            main(["check", "--root", str(small_repo), "--format", "github"])
    finally:
        os.unlink(bad)
    output = capsys.readouterr().out
    assert exit_info.value.code == 1
    assert "file=proposals/computing/bad\\xff.yaml,title=MC107" in output


def test_symlink_passed_as_path_rejected(small_repo: Path) -> None:
    link = small_repo / "proposals" / "computing" / "outside.yaml"
    outside = small_repo.parent / "secret.yaml"
    outside.write_text("title: private\n", encoding="utf-8")
    link.symlink_to(outside)
    try:
        findings = _assert_findings_usable(small_repo, [str(link)], "symlink path")
    finally:
        link.unlink()
    assert [(f.path, f.rule) for f in findings] == [
        ("proposals/computing/outside.yaml", "MC107")
    ]


def test_non_utf8_name_passed_as_path(small_repo: Path) -> None:
    folder = os.fsencode(small_repo / "proposals" / "computing")
    bad = os.path.join(folder, b"bad\xff.yaml")
    with open(bad, "wb") as handle:
        handle.write(SAMPLE.read_bytes())
    try:
        findings = _assert_findings_usable(small_repo, [os.fsdecode(bad)], "name")
    finally:
        os.unlink(bad)
    assert [(f.path, f.rule) for f in findings] == [
        ("proposals/computing/bad\\xff.yaml", "MC107")
    ]


def test_dangling_link_passed_as_path(small_repo: Path) -> None:
    link = small_repo / "proposals" / "computing" / "gone.yaml"
    link.symlink_to(small_repo / "missing.yaml")
    try:
        findings = _assert_findings_usable(small_repo, [str(link)], "dangling")
    finally:
        link.unlink()
    assert [(f.path, f.rule) for f in findings] == [
        ("proposals/computing/gone.yaml", "MC107")
    ]


def test_link_to_folder_named_as_record(small_repo: Path) -> None:
    link = small_repo / "proposals" / "computing" / "folder.yaml"
    link.symlink_to(small_repo / "schema", target_is_directory=True)
    try:
        whole = _assert_findings_usable(small_repo, [], "folder link")
        passed = _assert_findings_usable(small_repo, [str(link)], "folder link path")
    finally:
        link.unlink()
    expected = [("proposals/computing/folder.yaml", "MC107")]
    assert [(f.path, f.rule) for f in whole if "folder" in f.path] == expected
    assert [(f.path, f.rule) for f in passed] == expected


def test_fifo_with_other_name_is_usage_error(small_repo: Path) -> None:
    fifo = small_repo / "proposals" / "computing" / "notes.txt"
    os.mkfifo(fifo)
    try:
        with pytest.raises(MicrocredError) as raised:
            run_check(CheckOptions(root=small_repo, paths=[str(fifo)]))
    finally:
        fifo.unlink()
    assert "is not a record" in str(raised.value)


def test_fifo_record_rejected(small_repo: Path) -> None:
    fifo = small_repo / "proposals" / "computing" / "pipe.yaml"
    os.mkfifo(fifo)
    try:
        findings = _assert_findings_usable(small_repo, [], "fifo")
    finally:
        fifo.unlink()
    rules = [(f.rule, f.message) for f in findings if f.path.endswith("pipe.yaml")]
    assert rules == [
        ("MC107", "the path is not a regular file (a folder, pipe, socket or device)")
    ]


def test_governance_fifo_reported(small_repo: Path) -> None:
    governance = small_repo / "governance.yaml"
    governance.unlink()
    os.mkfifo(governance)
    try:
        findings = _assert_findings_usable(small_repo, [], "governance fifo")
    finally:
        governance.unlink()
        shutil.copy2(REPO / "governance.yaml", governance)
    assert [f.rule for f in findings if f.path == "governance.yaml"] == ["MC107"]


def test_privacy_scan_skips_fifo(small_repo: Path) -> None:
    fifo = small_repo / "grades.csv"
    os.mkfifo(fifo)
    try:
        _assert_findings_usable(small_repo, [], "grades fifo")
    finally:
        fifo.unlink()


def test_list_item_format_hint(small_repo: Path) -> None:
    governance = yaml.safe_load((REPO / "governance.yaml").read_text(encoding="utf-8"))
    governance["units"][0]["department_heads"] = ["evil\n* @attacker"]
    (small_repo / "governance.yaml").write_text(yaml.safe_dump(governance))
    try:
        findings = _assert_findings_usable(small_repo, [], "login")
    finally:
        shutil.copy2(REPO / "governance.yaml", small_repo / "governance.yaml")
    login = [f for f in findings if f.field == "units[0].department_heads[0]"]
    assert login
    assert login[0].hint.startswith("each entry: GitHub logins")


@pytest.mark.parametrize("value", ["-1", "2", ".nan", "-.inf"])
def test_threshold_out_of_range_ignored(small_repo: Path, value: str) -> None:
    shutil.copy2(SAMPLE, small_repo / TARGET)
    credential = "credentials/computing/data-visualization-python.yaml"
    (small_repo / credential).parent.mkdir(exist_ok=True)
    shutil.copy2(REPO / credential, small_repo / credential)
    text = (REPO / "governance.yaml").read_text(encoding="utf-8")
    old = "  competing: 0.6"
    assert old in text
    (small_repo / "governance.yaml").write_text(
        text.replace(old, f"  competing: {value}")
    )
    try:
        findings = _assert_findings_usable(small_repo, [], value)
    finally:
        shutil.copy2(REPO / "governance.yaml", small_repo / "governance.yaml")
        (small_repo / credential).unlink()
    rules = {f.rule for f in findings}
    assert "MC301" in rules
    assert not [rule for rule in rules if rule.startswith("MC2")]
    schema = [f.message for f in findings if f.rule == "MC301"]
    assert "nan" not in schema[0] or ".nan" in schema[0]


def test_non_text_key_named_as_written(small_repo: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8") + "true: 1\n~: 2\n"
    (small_repo / TARGET).write_text(text, encoding="utf-8")
    findings = _assert_findings_usable(small_repo, [], "keys")
    unknown = sorted(f.field for f in findings if "unknown field" in f.message)
    assert unknown == ["true", "~"]


def _damaged_archives(folder: Path) -> list[Path]:
    corrupt = folder / "corrupt.xlsx"
    with zipfile.ZipFile(corrupt, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", "email score " * 1000)
    data = bytearray(corrupt.read_bytes())
    start = data.find(b"xl/sharedStrings.xml") + 30
    data[start : start + 20] = b"\xff" * 20
    corrupt.write_bytes(bytes(data))

    method = folder / "method.ods"
    with zipfile.ZipFile(method, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("content.xml", "student score")
    data = bytearray(method.read_bytes())
    unknown = (99).to_bytes(2, "little")
    data[8:10] = unknown
    central = data.find(b"PK\x01\x02")
    data[central + 10 : central + 12] = unknown
    method.write_bytes(bytes(data))

    bomb = folder / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/sharedStrings.xml", "w") as member:
            for _ in range(32):
                member.write(b"0" * (1 << 20))
    return [corrupt, method, bomb]


def test_privacy_scan_damaged_spreadsheets(small_repo: Path) -> None:
    files = _damaged_archives(small_repo)
    try:
        _assert_findings_usable(small_repo, [], "archives")
    finally:
        for path in files:
            path.unlink()


def test_privacy_git_non_utf8_names(tmp_path: Path) -> None:
    shutil.copy2(REPO / "governance.yaml", tmp_path / "governance.yaml")
    shutil.copytree(REPO / "schema", tmp_path / "schema")
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"notes\xff.txt"), "wb") as handle:
        handle.write(b"x")
    with open(os.path.join(folder, b"grades\xfe.csv"), "wb") as handle:
        handle.write(b"Email,Score\na@example.edu,90\n")
    for command in (["init", "-q"], ["add", "-A"]):
        subprocess.run(["git", "-C", str(tmp_path), *command], check=True)
    findings = _assert_findings_usable(tmp_path, [], "git names")
    privacy = [(f.path, f.rule) for f in findings if f.rule.startswith("MC5")]
    assert privacy == [("grades\\xfe.csv", "MC500")]


@pytest.mark.parametrize("kind", ["folder", "fifo", "symlink"])
def test_codeowners_not_a_file(small_repo: Path, kind: str) -> None:
    github = small_repo / ".github"
    target = github / "CODEOWNERS"
    github.mkdir()
    if kind == "folder":
        target.mkdir()
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to(REPO / "governance.yaml")
    try:
        findings = _assert_findings_usable(small_repo, [], kind)
    finally:
        shutil.rmtree(github)
    codeowners = [f for f in findings if f.path == ".github/CODEOWNERS"]
    assert [f.rule for f in codeowners] == ["MC400"]
    assert "not a regular file" in codeowners[0].message


def test_huge_record_without_aliases(small_repo: Path) -> None:
    data = _sample()
    data["skills"] = [{"name": f"Skill number {i}"} for i in range(12_000)]
    (small_repo / TARGET).write_text(yaml.safe_dump(data), encoding="utf-8")
    findings = _assert_findings_usable(small_repo, [], "huge")
    assert [f.rule for f in findings] == ["MC105"]
    assert "more than 20000 values" in findings[0].message
    assert "alias" not in findings[0].hint


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("title",), "Cloud\nCost Basics"),
        (("summary",), "Read a cloud bill,\r\nfind what drives the cost and cut it."),
        (("contacts", "submitter", "name"), "Lead\tPerson"),
        (("title",), "Cloud Cost\u2028Basics"),
    ],
)
def test_line_break_in_title_reported(
    small_repo: Path, path: tuple[str, ...], value: str
) -> None:
    (small_repo / TARGET).write_text(_with_value(_sample(), path, value))
    findings = _assert_findings_usable(small_repo, [], repr(value))
    field = ".".join(path)
    broken = [f for f in findings if f.field == field and "line break" in f.message]
    assert [f.rule for f in broken] == ["MC110"]


@pytest.mark.parametrize("value", ['"2029-02-30"', "2029-02-30", '"0000-00-00"'])
def test_impossible_review_date(small_repo: Path, value: str) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace(
        'review_by: "2029-01-31"', f"review_by: {value}"
    )
    (small_repo / TARGET).write_text(text, encoding="utf-8")
    findings = _assert_findings_usable(small_repo, [], value)
    review = [f for f in findings if f.field == "review_by"]
    assert [f.rule for f in review] == ["MC110"]
    assert "invalid format" in review[0].message
