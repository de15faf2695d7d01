"""Load many record files, on every usable core when there are enough of them.

Parsing YAML is most of the time ``microcred check`` spends on a large catalogue,
and PyYAML holds the interpreter lock while it parses. On Linux the files are
therefore shared out between this process and forked children: each child parses
its share with the same loader and sends the documents back pickled through a
pipe. A child that fails for any reason costs time, not results: its share is
loaded again here.
"""

from __future__ import annotations

import os
import pickle
import stat
import sys
import threading
from pathlib import Path
from typing import Any

from .errors import MicrocredError
from .loader import Document, LoadError, LoadProblem, load_file

#: Below this many files the split saves too little to be worth a fork: about 10 ms
#: of 45 ms for 150 files, and 15 ms of 90 ms for 300, on a 2-core machine.
MIN_PARALLEL = 300
#: Maximum number of processes, this one included.
MAX_JOBS = 4
JOBS_VARIABLE = "MICROCRED_JOBS"

Loaded = Document | LoadProblem


def load_documents(root: Path, rels: list[str]) -> list[Loaded]:
    """Load ``root/rel`` for each of ``rels``, in order, returning problems instead of raising them."""
    jobs = _jobs(len(rels))
    if jobs < 2:
        return [load_one(root, rel) for rel in rels]
    shares = [list(range(start, len(rels), jobs)) for start in range(jobs)]
    children = [_fork(root, [rels[i] for i in share]) for share in shares[1:]]
    results: list[Loaded | None] = [None] * len(rels)
    for index in shares[0]:
        results[index] = load_one(root, rels[index])
    for share, child in zip(shares[1:], children, strict=True):
        loaded = _collect(child, root, [rels[i] for i in share])
        for index, item in zip(share, loaded, strict=True):
            results[index] = item
    return [item for item in results if item is not None]


def load_one(root: Path, rel: str) -> Loaded:
    """Load one file after checking that it is a regular file with a UTF-8 name."""
    try:
        check_file_path(root, rel)
        return load_file(str(root / rel))
    except LoadError as exc:
        return exc.problem


def check_file_path(root: Path, rel: str) -> None:
    """Reject a link, a special file or a name that is not UTF-8 before reading it."""
    try:
        mode = os.lstat(root / rel).st_mode
    except OSError:
        mode = 0
    if stat.S_ISLNK(mode):
        raise LoadError(
            LoadProblem(
                "symlink",
                0,
                "the file is a symbolic link",
                "replace the link with the file itself",
            )
        )
    if not stat.S_ISREG(mode):
        raise LoadError(
            LoadProblem(
                "not-a-file",
                0,
                "the path is not a regular file (a folder, pipe, socket or device)",
                "replace it with a plain YAML file",
            )
        )
    if os.fsencode(rel).decode("utf-8", "backslashreplace") != rel:
        raise LoadError(
            LoadProblem(
                "file-name",
                0,
                "the file name is not valid UTF-8",
                "rename the file to <id>.yaml using lowercase letters, digits and hyphens",
            )
        )


def _jobs(count: int) -> int:
    """Return the number of processes to use for ``count`` files; 1 means no fork."""
    requested = _requested_jobs()
    if count < MIN_PARALLEL or not sys.platform.startswith("linux"):
        return 1
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return 1  # A forked child of a threaded process can inherit a lock that stays held.
    if requested:
        return min(requested, MAX_JOBS)
    return max(1, min(len(os.sched_getaffinity(0)), MAX_JOBS))


def _requested_jobs() -> int:
    """Return the number of processes set in ``MICROCRED_JOBS``, or 0 if unset."""
    value = os.environ.get(JOBS_VARIABLE, "").strip()
    if not value:
        return 0
    if not (value.isascii() and value.isdigit() and int(value) > 0):
        raise MicrocredError(
            f"invalid {JOBS_VARIABLE}={value!r}: expected a whole number of processes",
            f"set {JOBS_VARIABLE} to a whole number such as 1 or 2, or unset it",
        )
    return int(value)


def _fork(root: Path, rels: list[str]) -> tuple[int, int] | None:
    """Start a child that loads ``rels``; return its pid and the pipe to read."""
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # In the child, which must never return into the caller's code.
        code = 1
        try:
            os.close(read_end)
            payload = pickle.dumps(
                [_pack(load_one(root, rel)) for rel in rels], pickle.HIGHEST_PROTOCOL
            )
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    return pid, read_end


def _collect(
    child: tuple[int, int] | None, root: Path, rels: list[str]
) -> list[Loaded]:
    """Read a child's documents, or load its share here if it failed."""
    if child is not None:
        pid, read_end = child
        with os.fdopen(read_end, "rb") as pipe:
            payload = pipe.read()
        try:
            _, status = os.waitpid(pid, 0)
        except ChildProcessError:
            # SIGCHLD is ignored, or another handler reaped the child first, so
            # its exit status is lost: a complete payload still shows success.
            status = 0
        if status == 0 and payload:
            try:
                packed = pickle.loads(payload)
            except (pickle.UnpicklingError, EOFError, ValueError):
                packed = None
            if isinstance(packed, list) and len(packed) == len(rels):
                return [_unpack(item) for item in packed]
    return [load_one(root, rel) for rel in rels]


def _pack(item: Loaded) -> tuple[Any, ...]:
    if isinstance(item, Document):
        return (True, item.data, item.text, item.has_dates)
    return (False, item.code, item.line, item.message, item.hint, item.field)


def _unpack(packed: tuple[Any, ...]) -> Loaded:
    if packed[0]:
        return Document(data=packed[1], text=packed[2], has_dates=packed[3])
    return LoadProblem(*packed[1:])
