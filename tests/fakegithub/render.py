"""JSON bodies in GitHub's REST shapes; every URL points back at this server."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from typing import Any

from .state import (
    CheckRun,
    Comment,
    Commit,
    Issue,
    Label,
    PullFile,
    Repo,
    Review,
    Status,
    User,
    blob_sha,
)


def stamp(value: dt.datetime | None) -> str | None:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if value else None


@dataclass
class Renderer:
    api: str  # http://127.0.0.1:PORT/api/v3
    web: str  # http://127.0.0.1:PORT

    def user(self, user: User) -> dict[str, Any]:
        url = f"{self.api}/users/{user.login}"
        return {
            "login": user.login,
            "id": user.id,
            "node_id": f"U_{user.id}",
            "type": user.type,
            "site_admin": False,
            "url": url,
            "html_url": f"{self.web}/{user.login}",
        }

    def repo_url(self, repo: Repo) -> str:
        return f"{self.api}/repos/{repo.full_name}"

    def repo(self, repo: Repo, owner: User) -> dict[str, Any]:
        url = self.repo_url(repo)
        return {
            "id": repo.id,
            "node_id": f"R_{repo.id}",
            "name": repo.name,
            "full_name": repo.full_name,
            "owner": self.user(owner),
            "private": False,
            "default_branch": repo.default_branch,
            "url": url,
            "html_url": f"{self.web}/{repo.full_name}",
            "pulls_url": url + "/pulls{/number}",
            "issues_url": url + "/issues{/number}",
            "statuses_url": url + "/statuses/{sha}",
            "contents_url": url + "/contents/{+path}",
            "permissions": {"admin": False, "push": True, "pull": True},
        }

    def commit(self, repo: Repo, commit: Commit, author: User) -> dict[str, Any]:
        url = f"{self.repo_url(repo)}/commits/{commit.sha}"
        person = {
            "name": commit.author,
            "email": f"{commit.author}@users.noreply.example",
            "date": stamp(commit.date),
        }
        return {
            "sha": commit.sha,
            "node_id": f"C_{commit.sha[:12]}",
            "url": url,
            "html_url": f"{self.web}/{repo.full_name}/commit/{commit.sha}",
            "commit": {
                "message": commit.message,
                "author": person,
                "committer": person,
                "url": url,
            },
            "author": self.user(author),
            "committer": self.user(author),
            "parents": [
                {"sha": p, "url": f"{self.repo_url(repo)}/commits/{p}"}
                for p in commit.parents
            ],
        }

    def label(self, repo: Repo, label: Label) -> dict[str, Any]:
        return {
            "id": label.id,
            "name": label.name,
            "color": label.color,
            "description": label.description,
            "default": False,
            "url": f"{self.repo_url(repo)}/labels/{label.name}",
        }

    def labels(self, repo: Repo, issue: Issue) -> list[dict[str, Any]]:
        found = [repo.find_label(name) for name in issue.labels]
        return [self.label(repo, label) for label in found if label]

    def issue(
        self, repo: Repo, issue: Issue, user: User, comments: int
    ) -> dict[str, Any]:
        url = f"{self.repo_url(repo)}/issues/{issue.number}"
        kind = "pull" if issue.is_pull else "issues"
        data = {
            "id": issue.number + repo.id * 100000,
            "number": issue.number,
            "title": issue.title,
            "body": issue.body,
            "state": issue.state,
            "user": self.user(user),
            "labels": self.labels(repo, issue),
            "assignees": [],
            "locked": False,
            "comments": comments,
            "created_at": stamp(issue.created_at),
            "updated_at": stamp(issue.updated_at),
            "closed_at": stamp(issue.closed_at),
            "url": url,
            "html_url": f"{self.web}/{repo.full_name}/{kind}/{issue.number}",
            "comments_url": url + "/comments",
            "labels_url": url + "/labels{/name}",
            "repository_url": self.repo_url(repo),
        }
        if issue.pull is not None:
            pull_url = f"{self.repo_url(repo)}/pulls/{issue.number}"
            data["pull_request"] = {
                "url": pull_url,
                "html_url": data["html_url"],
                "merged_at": stamp(issue.pull.merged_at),
            }
        return data

    def pull(self, repo: Repo, issue: Issue, user: User, owner: User) -> dict[str, Any]:
        pull = issue.pull
        assert pull is not None
        url = f"{self.repo_url(repo)}/pulls/{issue.number}"
        issue_url = f"{self.repo_url(repo)}/issues/{issue.number}"
        repo_data = self.repo(repo, owner)

        def side(ref: str, sha: str) -> dict[str, Any]:
            return {
                "label": f"{repo.owner}:{ref}",
                "ref": ref,
                "sha": sha,
                "user": self.user(owner),
                "repo": repo_data,
            }

        return {
            "id": issue.number + repo.id * 100000,
            "number": issue.number,
            "state": issue.state,
            "title": issue.title,
            "body": issue.body,
            "draft": pull.draft,
            "user": self.user(user),
            "labels": self.labels(repo, issue),
            "head": side(pull.head_ref, pull.head_sha),
            "base": side(
                pull.base_ref, repo.branches.get(pull.base_ref, pull.base_sha)
            ),
            "merged": pull.merged_at is not None,
            "merged_at": stamp(pull.merged_at),
            "merge_commit_sha": pull.merge_commit_sha,
            "created_at": stamp(issue.created_at),
            "updated_at": stamp(issue.updated_at),
            "closed_at": stamp(issue.closed_at),
            "url": url,
            "html_url": f"{self.web}/{repo.full_name}/pull/{issue.number}",
            "issue_url": issue_url,
            "comments_url": issue_url + "/comments",
            "commits_url": url + "/commits",
            "review_comments_url": url + "/comments",
            "statuses_url": f"{self.repo_url(repo)}/statuses/{pull.head_sha}",
        }

    def pull_file(self, repo: Repo, head_sha: str, item: PullFile) -> dict[str, Any]:
        raw = f"{self.web}/{repo.full_name}/raw/{head_sha}/{item.filename}"
        contents = f"{self.repo_url(repo)}/contents/{item.filename}"
        return {
            "sha": item.sha,
            "filename": item.filename,
            "status": item.status,
            "additions": item.additions,
            "deletions": item.deletions,
            "changes": item.additions + item.deletions,
            "blob_url": raw,
            "raw_url": raw,
            "contents_url": f"{contents}?ref={head_sha}",
        }

    def review(
        self, repo: Repo, number: int, review: Review, user: User
    ) -> dict[str, Any]:
        pull_url = f"{self.repo_url(repo)}/pulls/{number}"
        html = f"{self.web}/{repo.full_name}/pull/{number}"
        return {
            "id": review.id,
            "node_id": f"PRR_{review.id}",
            "user": self.user(user),
            "body": review.body,
            "state": review.state,
            "commit_id": review.commit_id,
            "submitted_at": stamp(review.submitted_at),
            "author_association": "MEMBER",
            "html_url": f"{html}#pullrequestreview-{review.id}",
            "pull_request_url": pull_url,
        }

    def comment(self, repo: Repo, comment: Comment, user: User) -> dict[str, Any]:
        html = f"{self.web}/{repo.full_name}/issues/{comment.issue_number}"
        return {
            "id": comment.id,
            "node_id": f"IC_{comment.id}",
            "body": comment.body,
            "user": self.user(user),
            "created_at": stamp(comment.created_at),
            "updated_at": stamp(comment.updated_at),
            "url": f"{self.repo_url(repo)}/issues/comments/{comment.id}",
            "html_url": f"{html}#issuecomment-{comment.id}",
            "issue_url": f"{self.repo_url(repo)}/issues/{comment.issue_number}",
            "author_association": "MEMBER",
        }

    def status(self, repo: Repo, status: Status, creator: User) -> dict[str, Any]:
        return {
            "id": status.id,
            "node_id": f"SC_{status.id}",
            "state": status.state,
            "context": status.context,
            "description": status.description,
            "target_url": status.target_url,
            "creator": self.user(creator),
            "created_at": stamp(status.created_at),
            "updated_at": stamp(status.created_at),
            "url": f"{self.repo_url(repo)}/statuses/{status.sha}",
        }

    def content(self, repo: Repo, ref: str, path: str, data: bytes) -> dict[str, Any]:
        url = f"{self.repo_url(repo)}/contents/{path}?ref={ref}"
        return {
            "type": "file",
            "encoding": "base64",
            "size": len(data),
            "name": path.rsplit("/", 1)[-1],
            "path": path,
            "content": base64.encodebytes(data).decode(),
            "sha": blob_sha(data),
            "url": url,
            "git_url": f"{self.repo_url(repo)}/git/blobs/{blob_sha(data)}",
            "html_url": f"{self.web}/{repo.full_name}/blob/{ref}/{path}",
            "download_url": f"{self.web}/{repo.full_name}/raw/{ref}/{path}",
        }

    def entry(self, repo: Repo, ref: str, path: str, kind: str) -> dict[str, Any]:
        return {
            "type": kind,
            "name": path.rsplit("/", 1)[-1],
            "path": path,
            "sha": "",
            "size": 0,
            "url": f"{self.repo_url(repo)}/contents/{path}?ref={ref}",
        }

    def check_run(self, repo: Repo, run: CheckRun) -> dict[str, Any]:
        return {
            "id": run.id,
            "name": run.name,
            "head_sha": run.sha,
            "status": run.status,
            "conclusion": run.conclusion,
            "started_at": stamp(run.completed_at),
            "completed_at": stamp(run.completed_at),
            "url": f"{self.repo_url(repo)}/check-runs/{run.id}",
            "html_url": f"{self.web}/{repo.full_name}/runs/{run.id}",
            "output": {
                "title": None,
                "summary": None,
                "text": None,
                "annotations_count": 0,
            },
            "app": {"slug": "github-actions", "name": "GitHub Actions"},
        }
