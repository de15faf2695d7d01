"""A catalogue on real git (a bare remote and clones) wired to the fake GitHub.

Pull requests live twice: as real branches and merges in git, and as pull requests on
the fake GitHub with reviews. Each real commit is registered on the fake server under
its real SHA, so ``commits/{sha}/pulls`` finds the pull request exactly as GitHub does.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from github.Repository import Repository

from fakegithub import FakeGitHub, FakeRepo
from fakegithub.state import Commit
from github import Auth, Github
from microcred.github.client import GitHubSettings
from microcred.yamledit import remove_field, set_field

REPO = Path(__file__).resolve().parents[2]
REPOSITORY = "example-university/microcredentials"
SAMPLE = REPO / "credentials" / "computing" / "data-visualization-python.yaml"
#: Signatures the sample governance.yaml requires on a School of Computing record.
SIGNERS = ("head-computing", "eng-curriculum-reviewer", "mcgc-chair")
GIT_ENV = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_TERMINAL_PROMPT": "0",
}


def git(cwd: Path, *args: str, user: str = "tester") -> str:
    env = {
        **os.environ,
        **GIT_ENV,
        "GIT_AUTHOR_NAME": user,
        "GIT_AUTHOR_EMAIL": f"{user}@example.edu",
        "GIT_COMMITTER_NAME": user,
        "GIT_COMMITTER_EMAIL": f"{user}@example.edu",
    }
    result = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"git {' '.join(args)} failed: {result.stderr}"
    return result.stdout.strip()


def proposal_text(record_id: str, title: str) -> str:
    """A valid proposal made from the sample credential, without generated fields."""
    text = SAMPLE.read_text(encoding="utf-8")
    for key in ("ctid", "approval", "canvas", "revised_on"):
        text = remove_field(text, key)
    text = set_field(text, "id", record_id)
    text = set_field(text, "title", title)
    text = set_field(text, "status", "proposed")
    return set_field(text, "stacks_into", [])


@dataclass
class Catalogue:
    """The bare remote, the publishing clone, the proposers' clone and the fake repo."""

    tmp: Path
    server: FakeGitHub
    fake: FakeRepo
    remote: Path
    clone: Path
    author: Path
    branches: dict[int, str] = field(default_factory=dict)

    def new_clone(self, name: str) -> Path:
        target = self.tmp / name
        git(self.tmp, "clone", "--quiet", str(self.remote), str(target))
        return target

    def register(self, sha: str, user: str, message: str) -> None:
        """Make a real commit known to the fake GitHub under its own SHA."""
        self.server.user(user)
        self.fake.data.commits[sha] = Commit(
            sha=sha,
            files={},
            parents=[],
            message=message,
            author=user,
            date=dt.datetime.now(dt.UTC),
        )

    def open_pull(self, user: str, changes: dict[str, str | None], title: str) -> int:
        """Open a pull request: a real branch pushed to the remote, and its fake twin."""
        git(self.author, "fetch", "--quiet", "origin")
        issue = self.fake.open_pull(user, changes, title=title)
        branch = f"pr-{issue.number}"
        git(self.author, "checkout", "--quiet", "-B", branch, "origin/main")
        for path, text in changes.items():
            target = self.author / path
            if text is None:
                git(self.author, "rm", "--quiet", path)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            git(self.author, "add", path)
        git(self.author, "commit", "--quiet", "-m", title, user=user)
        sha = git(self.author, "rev-parse", "HEAD")
        git(self.author, "push", "--quiet", "origin", branch)
        self.register(sha, user, title)
        assert issue.pull is not None
        issue.pull.commits.append(sha)
        self.branches[issue.number] = branch
        return issue.number

    def sign(self, number: int, *logins: str) -> None:
        for login in logins:
            self.fake.review(number, login, "APPROVED")

    def merge(self, number: int, by: str = "mcgc-chair") -> str:
        """Merge with a merge commit in git and on the fake server; return the real SHA."""
        branch = self.branches[number]
        git(self.author, "fetch", "--quiet", "origin")
        git(self.author, "checkout", "--quiet", "-B", "main", "origin/main")
        git(
            self.author,
            "merge",
            "--quiet",
            "--no-ff",
            "-m",
            f"Merge pull request #{number}",
            f"origin/{branch}",
            user=by,
        )
        git(self.author, "push", "--quiet", "origin", "main")
        sha = git(self.author, "rev-parse", "HEAD")
        self.fake.merge(number, by=by)
        pull = self.fake.pull(number).pull
        assert pull is not None
        pull.merge_commit_sha = sha
        self.register(sha, by, f"Merge pull request #{number}")
        return sha

    def propose(
        self,
        record_id: str,
        title: str = "A new credential",
        user: str = "ugdir-computing",
        signed: bool = True,
    ) -> int:
        path = f"proposals/computing/{record_id}.yaml"
        number = self.open_pull(
            user, {path: proposal_text(record_id, title)}, title=f"Propose {record_id}"
        )
        if signed:
            self.sign(number, *SIGNERS)
        self.merge(number)
        return number

    def remote_file(self, path: str) -> str | None:
        result = subprocess.run(
            ["git", "show", f"main:{path}"],
            cwd=self.remote,
            capture_output=True,
            text=True,
            check=False,
        )
        return result.stdout if result.returncode == 0 else None

    def remote_log(self) -> list[str]:
        return git(self.remote, "log", "--format=%H %s", "main").splitlines()


def repository() -> Repository:
    """The catalogue repository on the fake server, through PyGithub without throttling.

    Production code connects through :func:`microcred.github.client.connect`, which
    spaces requests out for GitHub's rate limits; a local server needs no pauses.
    """
    settings = GitHubSettings.from_env()
    client = Github(
        auth=Auth.Token(settings.token),
        base_url=settings.api_url,
        per_page=100,
        seconds_between_requests=0,
        seconds_between_writes=0,
    )
    return client.get_repo(settings.repository)
