"""Fixtures for the publish tests: a catalogue on real git wired to the fake GitHub."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from gitworld import GIT_ENV, REPO, REPOSITORY, Catalogue, git

from fakegithub import FakeGitHub


@pytest.fixture
def catalogue(
    tmp_path: Path, github_server: FakeGitHub, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Catalogue]:
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("GITHUB_API_URL", github_server.base_url)
    monkeypatch.setenv("GITHUB_TOKEN", github_server.token)
    monkeypatch.setenv("GITHUB_REPOSITORY", REPOSITORY)
    monkeypatch.setenv("MICROCRED_GITHUB_WRITE_DELAY", "0")
    monkeypatch.delenv("MICROCRED_PUSH_TOKEN", raising=False)
    seed = tmp_path / "seed"
    seed.mkdir()
    files = {"governance.yaml": (REPO / "governance.yaml").read_text(encoding="utf-8")}
    for name, text in files.items():
        (seed / name).write_text(text, encoding="utf-8")
    shutil.copytree(REPO / "schema", seed / "schema")
    git(seed, "init", "--quiet", "--initial-branch=main")
    git(seed, "add", ".")
    git(seed, "commit", "--quiet", "-m", "Start the catalogue")
    remote = tmp_path / "remote.git"
    git(tmp_path, "clone", "--quiet", "--bare", str(seed), str(remote))
    fake = github_server.create_repo(REPOSITORY, files=files)
    state = Catalogue(
        tmp=tmp_path,
        server=github_server,
        fake=fake,
        remote=remote,
        clone=tmp_path / "clone",
        author=tmp_path / "author",
    )
    git(tmp_path, "clone", "--quiet", str(remote), str(state.clone))
    git(tmp_path, "clone", "--quiet", str(remote), str(state.author))
    yield state
