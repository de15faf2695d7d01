"""MC100-MC106: files that cannot be read as a YAML record."""

from __future__ import annotations

from ..findings import Finding
from ..loader import LoadProblem
from . import Rule, register


@register
class YamlSyntax(Rule):
    """The file is not valid YAML.

    The parser stopped at the reported line. Common causes are a missing space after
    a colon, text that contains ``: `` without quotes, or inconsistent indentation.
    Quote such text or fix the indentation.
    """

    id = "MC100"


@register
class DuplicateKey(Rule):
    """A key appears twice in the same mapping.

    YAML parsers silently keep the last value, so the first one would be lost
    without a word. Keep one of the two entries.
    """

    id = "MC101"


@register
class ForbiddenTag(Rule):
    """The file uses a YAML tag, merge key or complex key.

    Records hold plain text, numbers, lists and mappings. Tags such as
    ``!!python/object`` can run code in unsafe loaders and are never accepted;
    merge keys (``<<``) hide where a value came from.
    """

    id = "MC102"


@register
class AliasBudget(Rule):
    """Anchors and aliases expand to too many values.

    An alias repeats the anchored value each time it is used; a few nested aliases
    can expand to billions of values. Write the values out.
    """

    id = "MC103"


@register
class Encoding(Rule):
    """The file is not UTF-8 without a byte order mark.

    Save the file as UTF-8 without BOM; most editors offer this in the save dialog
    or the status bar.
    """

    id = "MC104"


@register
class NotARecord(Rule):
    """The file is empty, has several documents, is not a mapping or is too large.

    A record is one YAML document whose top level is ``field: value`` lines, with
    a few hundred values at most (the loader stops at 20,000).
    ``microcred new`` writes a complete template.
    """

    id = "MC105"


@register
class TabIndent(Rule):
    """A line is indented with a tab.

    YAML forbids tabs for indentation. Replace them with spaces.
    """

    id = "MC106"


@register
class UnusableFile(Rule):
    """The record file is a symbolic link, a special file or not named in UTF-8.

    A record must be a regular file inside the repository: a link could point at a
    file outside it, and reading a pipe or a device could block forever. A name
    must be UTF-8 so that it can appear in ids, URLs and reports. Replace the link
    or special file with a plain file, or rename the file to ``<id>.yaml`` using
    letters, digits and hyphens.
    """

    id = "MC107"


_RULE_FOR_CODE: dict[str, type[Rule]] = {
    "syntax": YamlSyntax,
    "duplicate-key": DuplicateKey,
    "custom-tag": ForbiddenTag,
    "merge-key": ForbiddenTag,
    "complex-key": ForbiddenTag,
    "alias-budget": AliasBudget,
    "encoding": Encoding,
    "bom": Encoding,
    "unreadable": NotARecord,
    "empty": NotARecord,
    "too-large": NotARecord,
    "multi-document": NotARecord,
    "not-mapping": NotARecord,
    "tab": TabIndent,
    "symlink": UnusableFile,
    "file-name": UnusableFile,
    "not-a-file": UnusableFile,
}


def finding_for_load_problem(path: str, problem: LoadProblem) -> Finding:
    """Turn a loader problem into a finding of the matching rule."""
    rule = _RULE_FOR_CODE.get(problem.code, YamlSyntax)
    return rule.at(path, problem.line, problem.message, problem.hint, problem.field)
