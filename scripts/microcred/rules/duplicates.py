"""Duplicate and competing credentials: exact title collisions and similar records."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ..governance import DEFAULT_COMPETING, DEFAULT_SIMILAR
from ..similarity.compare import Match, Thresholds, competitor_pool, find_matches
from ..similarity.impact import impact_sections
from ..similarity.messages import declare_yaml, describe, details, shorten, title_line
from . import Rule, checker, register
from .context import CheckContext


@register
class DuplicateTitle(Rule):
    """Two records have the same title once spelling noise is ignored.

    Titles are compared after Unicode NFKC normalisation and case folding. Punctuation
    and spacing are collapsed, and accents, zero-width and bidirectional control
    characters are removed. Look-alike letters from other scripts (Cyrillic ``а``,
    Greek ``ο``) count as the Latin letters they resemble. Filler words
    ("micro-credential", "badge", "certificate", "introduction to") are left out.
    Learners could not tell the two credentials apart. Merge the proposal into the
    existing credential, or give it a title that shows how it differs.
    """

    id = "MC201"


@register
class CompetingCredential(Rule):
    """The proposal competes with an existing credential or proposal.

    Title, skills and description together score at or above
    ``similarity.competing`` in governance.yaml (0.6 by default). The message gives
    the score, its three parts and the shared skills. Merge the two, change the
    proposal so that it differs clearly, or name the other record under
    ``necessity.related`` with a ``differs`` statement, which turns this error into
    the warning MC203 for reviewers.
    """

    id = "MC202"


@register
class DeclaredCompetition(Rule):
    """The proposal competes with a record it declares as related.

    The pair scores at or above ``similarity.competing``, and one of the two names
    the other under ``necessity.related`` with a statement of how they differ.
    Reviewers decide whether that difference justifies two credentials.
    """

    id = "MC203"
    severity = Severity.WARNING


@register
class SimilarCredential(Rule):
    """The proposal resembles an existing credential or proposal.

    The pair scores at or above ``similarity.similar`` in governance.yaml (0.4 by
    default) but below the competing threshold. Check that learners can tell the two
    apart; declaring the relation under ``necessity.related`` documents it.
    """

    id = "MC204"
    severity = Severity.WARNING


@register
class OpenPullRequestIdClash(Rule):
    """Another open pull request proposes a record with the same id.

    Ids must be unique once both pull requests are merged. Agree with the other unit
    which proposal keeps the id, and rename the other.
    """

    id = "MC205"


@checker("duplicates")
def check_duplicates(context: CheckContext) -> Iterator[Finding]:
    pool = competitor_pool(context.catalogue.records, context.extra_records)
    thresholds = _thresholds(context)
    yield from _id_clashes(context)
    for match in find_matches(context.targets, pool, thresholds, context.all_pairs):
        yield _finding(match, thresholds)
    context.summary_sections.update(impact_sections(context.targets, pool))


def _thresholds(context: CheckContext) -> Thresholds:
    gov = context.catalogue.governance
    competing = gov.competing_threshold if gov else DEFAULT_COMPETING
    similar = gov.similar_threshold if gov else DEFAULT_SIMILAR
    return Thresholds(competing=competing, similar=min(similar, competing))


def _id_clashes(context: CheckContext) -> Iterator[Finding]:
    for record in context.targets:
        for other in context.extra_records:
            if other.id == record.id and other.path != record.path:
                yield OpenPullRequestIdClash.on(
                    record,
                    ("id",),
                    f"id `{record.id}` is also proposed by {describe(other)}",
                    "agree with the other unit which proposal keeps the id, "
                    "and choose a new id for the other one",
                )


def _finding(match: Match, thresholds: Thresholds) -> Finding:
    record, other = match.record, match.other
    line = title_line(record)
    merge = f"merge it with `{other.id}`"
    if match.level == "same-title":
        message = (
            f"title {shorten(record.title)!r} reads the same as the title of "
            f"{describe(other)}; {details(match)}"
        )
        hint = f"{merge}, or choose a title that says how it differs"
        return DuplicateTitle.at(record.path, line, message, hint, "title")
    if match.level == "similar":
        bound = f"similar threshold {thresholds.similar:.2f}"
        message = f"resembles {describe(other)}: {details(match, bound)}"
        hint = (
            "make sure learners can tell the two apart; to document the overlap, "
            + declare_yaml(match)
        )
        return SimilarCredential.at(record.path, line, message, hint, "title")
    if match.declared:
        return _declared(match)
    bound = f"competing threshold {thresholds.competing:.2f}"
    message = f"competes with {describe(other)}: {details(match, bound)}"
    hint = (
        f"{merge}; or differentiate it (title, skills, description); "
        f"or declare the relation: {declare_yaml(match)}"
    )
    return CompetingCredential.at(record.path, line, message, hint, "title")


def _declared(match: Match) -> Finding:
    record, other = match.record, match.other
    if match.declared_at is not None:
        declarer = "this record"
        field: tuple[str | int, ...] = ("necessity", "related", match.declared_at)
    else:
        declarer = f"`{other.id}`"
        field = ("title",)
    message = (
        f"competes with {describe(other)}: {details(match)}; "
        f"{declarer} declares the relation, so reviewers decide"
    )
    hint = (
        "no change needed if the stated difference is accurate; "
        "otherwise merge or differentiate the two"
    )
    return DeclaredCompetition.on(record, field, message, hint)
