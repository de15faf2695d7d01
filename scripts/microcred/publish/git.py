"""A thin, logged wrapper over the git command line for the publish steps.

Fetches and pushes authenticate with ``MICROCRED_PUSH_TOKEN`` when it is set. The
token goes to git through ``GIT_CONFIG_*`` environment variables for that one
command, so it never lands in .git/config, on a command line or in a log.
"""

from __future__ import annotations

import base64
import logging
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..errors import MicrocredError

log = logging.getLogger(__name__)

PUSH_TOKEN_VARIABLE = "MICROCRED_PUSH_TOKEN"
BOT_TRAILER = "Microcred-Bot"
RECORDED_TRAILER = "Microcred-Recorded"
DEFAULT_BOT_NAME = "microcred-bot"
DEFAULT_BOT_EMAIL = "microcred-bot@users.noreply.github.com"
#: Push output that means another push landed first: the branch moved, or two pushes
#: raced for the ref lock on the server.
STALE_PUSH_MARKERS = (
    "[rejected]",
    "non-fast-forward",
    "fetch first",
    "stale info",
    "cannot lock ref",
    "failed to update ref",
)


@dataclass(frozen=True)
class BotIdentity:
    """The author and committer of every commit the publish steps make."""

    name: str = DEFAULT_BOT_NAME
    email: str = DEFAULT_BOT_EMAIL

    @classmethod
    def from_env(cls) -> BotIdentity:
        name = os.environ.get("MICROCRED_BOT_NAME", "") or DEFAULT_BOT_NAME
        email = os.environ.get("MICROCRED_BOT_EMAIL", "") or DEFAULT_BOT_EMAIL
        return cls(name=name, email=email)

    def env(self) -> dict[str, str]:
        return {
            "GIT_AUTHOR_NAME": self.name,
            "GIT_AUTHOR_EMAIL": self.email,
            "GIT_COMMITTER_NAME": self.name,
            "GIT_COMMITTER_EMAIL": self.email,
        }


class GitError(MicrocredError):
    """A git command failed."""


@dataclass
class Git:
    root: Path

    def run(
        self,
        *args: str,
        check: bool = True,
        env: dict[str, str] | None = None,
        input_text: str | None = None,
    ) -> subprocess.CompletedProcess[str]:
        full_env = {
            **os.environ,
            "GIT_TERMINAL_PROMPT": "0",
            "LC_ALL": "C",
            **(env or {}),
        }
        result = subprocess.run(
            ["git", *args],
            cwd=self.root,
            env=full_env,
            capture_output=True,
            text=True,
            input=input_text,
            check=False,
        )
        if check and result.returncode != 0:
            detail = (result.stderr or result.stdout).strip()
            raise GitError(
                f"git {args[0]} failed in {self.root}: {detail}",
                "fix the repository state shown above, then run the command again",
            )
        return result

    def out(self, *args: str) -> str:
        return self.run(*args).stdout.strip()

    def head(self) -> str:
        return self.out("rev-parse", "HEAD")

    def current_branch(self) -> str:
        return self.out("rev-parse", "--abbrev-ref", "HEAD")

    def remote_ref(self, remote: str, branch: str) -> str:
        return f"refs/remotes/{remote}/{branch}"

    def fetch(self, remote: str, branch: str) -> None:
        log.info("fetching %s/%s", remote, branch)
        self.run(
            "fetch",
            "--quiet",
            remote,
            f"+refs/heads/{branch}:{self.remote_ref(remote, branch)}",
            env=_auth_env(),
        )

    def push(self, remote: str, branch: str) -> bool:
        """Push HEAD to ``branch``; return False when the remote rejected it as stale."""
        result = self.run(
            "push",
            "--porcelain",
            remote,
            f"HEAD:refs/heads/{branch}",
            check=False,
            env=_auth_env(),
        )
        if result.returncode == 0:
            log.info("pushed %s to %s/%s", self.head()[:12], remote, branch)
            return True
        text = result.stdout + result.stderr
        if any(marker in text for marker in STALE_PUSH_MARKERS):
            log.info("push to %s/%s was rejected: the remote moved on", remote, branch)
            return False
        log.debug("push output: %s", text)
        raise GitError(
            f"git push to {remote}/{branch} failed: {text.strip()}",
            f"check that {PUSH_TOKEN_VARIABLE} (or the checkout's credentials) may push to {branch}",
        )

    def ahead(self, upstream: str) -> list[str]:
        """Commits on HEAD that ``upstream`` lacks, oldest first."""
        text = self.out("rev-list", "--reverse", f"{upstream}..HEAD")
        return text.split() if text else []

    def message(self, sha: str) -> str:
        return self.out("log", "-1", "--format=%B", sha)

    def is_bot_commit(self, sha: str) -> bool:
        return any(
            line.startswith(BOT_TRAILER + ":")
            for line in self.message(sha).splitlines()
        )

    def rebase(self, upstream: str) -> bool:
        """Rebase HEAD onto ``upstream``; on a conflict abort and return False."""
        result = self.run(
            "rebase", "--quiet", upstream, check=False, env=BotIdentity.from_env().env()
        )
        if result.returncode == 0:
            return True
        log.info("rebase onto %s stopped on a conflict; aborting it", upstream)
        self.run("rebase", "--abort", check=False)
        return False

    def dirty_paths(self) -> list[str]:
        text = self.run("status", "--porcelain", "--untracked-files=all").stdout
        return [line[3:] for line in text.splitlines() if line]

    def show(self, rev: str, path: str) -> str | None:
        result = self.run("show", f"{rev}:{path}", check=False)
        return result.stdout if result.returncode == 0 else None

    def commit(self, message: str, identity: BotIdentity) -> str:
        self.run(
            "commit",
            "--quiet",
            "--no-verify",
            "-F",
            "-",
            env=identity.env(),
            input_text=message,
        )
        return self.head()

    def git_dir(self) -> Path:
        return (self.root / self.out("rev-parse", "--git-dir")).resolve()


def _auth_env() -> dict[str, str]:
    token = os.environ.get(PUSH_TOKEN_VARIABLE, "")
    if not token:
        return {}
    basic = base64.b64encode(f"x-access-token:{token}".encode()).decode()
    return {
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": "http.extraheader",
        "GIT_CONFIG_VALUE_0": f"AUTHORIZATION: basic {basic}",
    }


def trailers(message: str, key: str) -> list[str]:
    prefix = key + ":"
    return [
        line[len(prefix) :].strip()
        for line in message.splitlines()
        if line.startswith(prefix)
    ]
