"""The one user-error type. The CLI turns it into a message and exit code 1."""

from __future__ import annotations


class MicrocredError(Exception):
    """A problem the user can fix: bad input, missing setting, refused operation.

    The message names what failed and on which value, and ``hint`` states the next step.
    """

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message}\n  hint: {self.hint}"
        return self.message
