"""The sync and emulator commands, run as a user would."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from microcred.canvas.emulator import Emulator
from microcred.cli import main

SAMPLE = "credentials/computing/data-visualization-python.yaml"


def run_cli(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(args)
    out, err = capsys.readouterr()
    return int(exited.value.code or 0), out, err


def test_sync_prints_plan_only(
    repo_copy: Path, canvas_env: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(["sync", "--root", str(repo_copy)], capsys)
    assert code == 0
    assert out.startswith(
        f"Canvas Credentials sync plan for issuer {canvas_env.issuer_id} at {canvas_env.url}\n"
    )
    assert "  create     data-visualization-python " in out
    assert "Run again with --apply" in out
    assert canvas_env.state()["badge_classes"] == []


def test_sync_apply_then_unchanged(
    repo_copy: Path, canvas_env: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(["sync", "--apply", "--root", str(repo_copy)], capsys)
    assert code == 0
    assert "created badge class " in out
    assert "Sync done: " in out
    assert "canvas:\n  badge_class:" in (repo_copy / SAMPLE).read_text(encoding="utf-8")
    code, out, _ = run_cli(["sync", "--root", str(repo_copy)], capsys)
    assert code == 0
    assert "0 create, 0 update, 0 retire" in out


def test_sync_without_credentials(
    repo_copy: Path,
    canvas_env: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv("CANVAS_CREDENTIALS_PASSWORD")
    code, _, err = run_cli(["sync", "--root", str(repo_copy)], capsys)
    assert code == 1
    assert "error: no Canvas Credentials credential is set" in err


def test_sync_wrong_password(
    repo_copy: Path,
    canvas_env: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("CANVAS_CREDENTIALS_PASSWORD", "not-the-password")
    code, out, err = run_cli(["sync", "--root", str(repo_copy)], capsys)
    assert code == 1
    assert "POST /o/token (password grant) was rejected" in err
    assert "not-the-password" not in out + err


def test_sync_url_with_api_path(
    repo_copy: Path,
    canvas_env: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("CANVAS_CREDENTIALS_URL", f"{canvas_env.url}/v2")

    code, _, err = run_cli(["sync", "--root", str(repo_copy)], capsys)

    assert code == 1
    assert (
        f"{canvas_env.url}/v2/o/token is not a Canvas Credentials token endpoint" in err
    )
    assert "the part before /v2/ and /o/token" in err
    assert "not staff on the issuer" not in err


def test_sync_unknown_issuer_names_setting(
    repo_copy: Path,
    canvas_env: Emulator,
    capsys: pytest.CaptureFixture[str],
) -> None:
    governance = repo_copy / "governance.yaml"
    text = governance.read_text(encoding="utf-8")
    governance.write_text(
        text.replace(canvas_env.issuer_id, "unknownIssuer000000001"), encoding="utf-8"
    )

    code, _, err = run_cli(["sync", "--root", str(repo_copy)], capsys)

    assert code == 1
    assert "issuer unknownIssuer000000001 (canvas.issuer in governance.yaml)" in err
    assert "HTTP 404" in err


def test_sync_unreachable_names_address(
    repo_copy: Path,
    canvas_env: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    monkeypatch.setenv("CANVAS_CREDENTIALS_URL", closed)

    code, _, err = run_cli(["sync", "--root", str(repo_copy)], capsys)

    assert code == 1
    assert f"failed after 6 attempts: failed (ConnectionError for {closed})" in err


def test_sync_reports_server_outage(
    repo_copy: Path,
    canvas_env: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    canvas_env.set_fault("500-html", route="GET /v2/*")
    code, _, err = run_cli(["sync", "--root", str(repo_copy)], capsys)
    assert code == 1
    assert "failed after 6 attempts: HTTP 500" in err


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM])
def test_emulator_command_serves_and_stops(tmp_path: Path, stop_signal: int) -> None:
    state_file = tmp_path / "state.json"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    command = [
        sys.executable,
        "-m",
        "microcred",
        "emulator",
        "--port",
        "0",
        "--state",
        str(state_file),
        "--root",
        str(tmp_path),
    ]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    try:
        first = process.stdout.readline() if process.stdout else ""
        assert first.startswith("Canvas Credentials emulator on http://127.0.0.1:")
        url = first.split(" on ", 1)[1].strip()
        lines = [process.stdout.readline() for _ in range(7)] if process.stdout else []
        assert "  demo account:    demo@example.edu / demo-password\n" in lines
        assert f"  export CANVAS_CREDENTIALS_URL={url}\n" in lines
        with urllib.request.urlopen(f"{url}/_emulator/state", timeout=5) as response:
            state = json.load(response)
        assert state["requests"]["total"] == 0
        process.send_signal(stop_signal)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
    assert state_file.exists()


def test_emulator_rejects_bad_state_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state_file = tmp_path / "state.json"
    state_file.write_text("[1, 2]", encoding="utf-8")
    code, _, err = run_cli(
        ["emulator", "--port", "0", "--state", str(state_file)], capsys
    )
    assert code == 1
    assert f"error: cannot read the state file {state_file}" in err
    assert "it is not a state file written by the emulator" in err


def test_emulator_rejects_missing_state_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state_file = tmp_path / "no-such-folder" / "state.json"

    code, _, err = run_cli(
        ["emulator", "--port", "0", "--state", str(state_file)], capsys
    )

    assert code == 1
    assert f"error: cannot save the state file {state_file}" in err
    assert "does not exist" in err
    assert "internal error" not in err
