"""The rule catalogue and the checker registry.

Each rule is a class whose docstring is its documentation: the first line is the
summary, the rest explains when it fires and how to fix it. ``docs/rules.md`` is
generated from these docstrings by ``microcred rules --write docs/rules.md``.

Checkers are functions that take a :class:`CheckContext` and yield findings. Rule
modules register both with the decorators below; ``load_all()`` imports every module
in this package, so adding a module adds its rules to ``microcred check``.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterable
from typing import ClassVar

from ..findings import Finding, Severity, format_field_path
from .context import CheckContext

__all__ = [
    "Rule",
    "register",
    "checker",
    "RULES",
    "CHECKERS",
    "CheckContext",
    "load_all",
]

RULES: dict[str, type[Rule]] = {}
Checker = Callable[[CheckContext], Iterable[Finding]]
CHECKERS: dict[str, Checker] = {}


class Rule:
    """Base class of every rule; subclasses set ``id`` and ``severity``."""

    id: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.ERROR

    @classmethod
    def summary(cls) -> str:
        doc = inspect.getdoc(cls)
        return doc.split("\n", 1)[0] if doc else cls.__name__

    @classmethod
    def details(cls) -> str:
        doc = inspect.getdoc(cls) or ""
        parts = doc.split("\n", 1)
        return parts[1].strip() if len(parts) > 1 else ""

    @classmethod
    def at(
        cls,
        path: str,
        line: int,
        message: str,
        hint: str = "",
        field: Iterable[str | int] | str = "",
        severity: Severity | None = None,
    ) -> Finding:
        """Build a finding of this rule at ``path:line``."""
        field_text = field if isinstance(field, str) else format_field_path(field)
        return Finding(
            path=path,
            line=line,
            rule=cls.id,
            severity=severity or cls.severity,
            message=message,
            hint=hint,
            field=field_text,
        )

    @classmethod
    def on(
        cls,
        record,
        field: tuple[str | int, ...],
        message: str,
        hint: str = "",
        severity: Severity | None = None,
    ) -> Finding:  # type: ignore[no-untyped-def]
        """Build a finding on a record, at the line of ``field``."""
        return cls.at(record.path, record.line(*field), message, hint, field, severity)


def register(rule: type[Rule]) -> type[Rule]:
    if not rule.id or rule.id in RULES:
        raise ValueError(
            f"rule id {rule.id!r} of {rule.__name__} is missing or already used"
        )
    if not rule.__doc__:
        raise ValueError(
            f"rule {rule.id} needs a docstring: it is the rule's documentation"
        )
    RULES[rule.id] = rule
    return rule


def checker(name: str) -> Callable[[Checker], Checker]:
    def decorate(function: Checker) -> Checker:
        if name in CHECKERS:
            raise ValueError(f"checker {name!r} is registered twice")
        CHECKERS[name] = function
        return function

    return decorate


def load_all() -> None:
    """Import every rule module in this package so that its rules register."""
    for module in pkgutil.iter_modules(__path__):
        if module.name != "context":
            importlib.import_module(f"{__name__}.{module.name}")
