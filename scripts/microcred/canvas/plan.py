"""The sync plan: what happens to each credential's badge class, and why.

``build_plan`` matches each credential to a badge class from one listing of the
issuer's badge classes: first by the entityId recorded in the credential file, then
by the ``microcred:<id>`` tag. It makes no request itself.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from .payload import TAG_PREFIX, Desired, identity_tag


class Action(enum.Enum):
    CREATE = "create"
    UPDATE = "update"
    RETIRE = "retire"
    UNCHANGED = "unchanged"

    @property
    def writes(self) -> bool:
        return self is not Action.UNCHANGED


@dataclass
class PlanItem:
    """One credential's line in the plan."""

    action: Action
    desired: Desired
    badge_class: str | None
    reason: str

    @property
    def credential_id(self) -> str:
        return self.desired.record.id


@dataclass
class Plan:
    items: list[PlanItem] = field(default_factory=list)
    #: Problems that need a person: duplicate tags, badge classes without a credential.
    warnings: list[str] = field(default_factory=list)

    def count(self, action: Action) -> int:
        return sum(1 for item in self.items if item.action is action)

    @property
    def writes(self) -> list[PlanItem]:
        return [item for item in self.items if item.action.writes]


def recorded(desired: Desired) -> tuple[str | None, str | None]:
    """Return the badge class entityId and input hash written by the last sync."""
    entity_id = desired.record.get("canvas", "badge_class")
    synced = desired.record.get("canvas", "synced_hash")
    return (
        entity_id if isinstance(entity_id, str) and entity_id else None,
        synced if isinstance(synced, str) and synced else None,
    )


def index_by_tag(listing: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Group badge classes by their ``microcred:<id>`` tags, oldest first."""
    tagged: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for badge_class in sorted(listing, key=lambda b: str(b.get("createdAt", ""))):
        for tag in badge_class.get("tags") or []:
            if isinstance(tag, str) and tag.startswith(TAG_PREFIX):
                tagged[tag].append(badge_class)
    return tagged


def match(
    desired: Desired,
    by_id: dict[str, dict[str, Any]],
    by_tag: dict[str, list[dict[str, Any]]],
) -> tuple[dict[str, Any] | None, str]:
    """Find the credential's badge class; return it and how it was found.

    A recorded badge class that carries another credential's ``microcred:`` tag is
    skipped, because a credential file copied from another one brings that
    one's ``canvas`` block along, and updating it would overwrite the other badge.
    """
    entity_id, _ = recorded(desired)
    if entity_id and entity_id in by_id and owns(desired, by_id[entity_id]):
        return by_id[entity_id], "recorded"
    candidates = by_tag.get(desired.tag, [])
    if candidates:
        return candidates[0], "tag"
    if entity_id and entity_id in by_id:
        return None, "foreign"
    return None, "missing"


def identity_tags(badge_class: dict[str, Any]) -> list[str]:
    tags = badge_class.get("tags") or []
    return [t for t in tags if isinstance(t, str) and t.startswith(TAG_PREFIX)]


def owns(desired: Desired, badge_class: dict[str, Any]) -> bool:
    """Return False when the badge class is tagged for other credentials only."""
    tags = identity_tags(badge_class)
    return not tags or desired.tag in tags


def plan_item(desired: Desired, found: dict[str, Any] | None, how: str) -> PlanItem:
    entity_id, synced = recorded(desired)
    retired = desired.record.status == "retired"
    if found is None:
        if retired:
            return PlanItem(
                Action.UNCHANGED,
                desired,
                None,
                "retired and never synced: no badge class is needed",
            )
        if entity_id and how == "foreign":
            return PlanItem(
                Action.CREATE,
                desired,
                None,
                f"the recorded badge class {entity_id} is tagged for another credential",
            )
        if entity_id:
            return PlanItem(
                Action.CREATE,
                desired,
                None,
                f"the recorded badge class {entity_id} no longer exists",
            )
        return PlanItem(
            Action.CREATE,
            desired,
            None,
            "no badge class is recorded or tagged " + desired.tag,
        )
    found_id = str(found["entityId"])
    if how == "recorded" and synced == desired.input_hash:
        return PlanItem(
            Action.UNCHANGED, desired, found_id, "input unchanged since the last sync"
        )
    if how == "tag":
        reason = f"found by tag {desired.tag}; the credential file does not record it"
    elif synced is None:
        reason = "no sync hash is recorded"
    else:
        reason = "the credential changed since the last sync"
    if retired:
        return PlanItem(
            Action.RETIRE, desired, found_id, reason + "; mark the badge class retired"
        )
    return PlanItem(Action.UPDATE, desired, found_id, reason)


def build_plan(
    desired: list[Desired],
    listing: list[dict[str, Any]],
    skipped: Collection[str] = (),
) -> Plan:
    """Decide create, update, retire or unchanged for every credential.

    ``skipped`` contains the ids of credential files that could not be read or built;
    their badge classes get no "no credential has that id" warning.
    """
    by_id = {str(b.get("entityId")): b for b in listing}
    by_tag = index_by_tag(listing)
    plan = Plan()
    for item in desired:
        found, how = match(item, by_id, by_tag)
        plan.items.append(plan_item(item, found, how))
    plan.warnings.extend(tag_warnings(desired, by_tag, skipped))
    return plan


def tag_warnings(
    desired: list[Desired],
    by_tag: dict[str, list[dict[str, Any]]],
    skipped: Collection[str] = (),
) -> list[str]:
    known = {identity_tag(d.record.id) for d in desired}
    known.update(identity_tag(record_id) for record_id in skipped)
    warnings = []
    for tag, classes in sorted(by_tag.items()):
        ids = ", ".join(str(b.get("entityId")) for b in classes)
        if tag not in known:
            warnings.append(
                f"badge class {ids} carries {tag}, but no credential has that id; it is left as it is"
            )
        elif len(classes) > 1:
            warnings.append(
                f"{len(classes)} badge classes carry {tag} ({ids}); sync uses the oldest and leaves the others"
            )
    return warnings


def render_plan(plan: Plan, issuer: str, base_url: str, applying: bool) -> str:
    """Render the plan as text, one credential per line, then the totals."""
    lines = [f"Canvas Credentials sync plan for issuer {issuer} at {base_url}"]
    width = max((len(item.credential_id) for item in plan.items), default=10)
    for item in plan.items:
        target = item.badge_class or ("(new)" if item.action is Action.CREATE else "-")
        lines.append(
            f"  {item.action.value:<9}  {item.credential_id:<{width}}  {target:<22}  {item.reason}"
        )
    for warning in plan.warnings:
        lines.append(f"  warning: {warning}")
    totals = ", ".join(f"{plan.count(action)} {action.value}" for action in Action)
    lines.append(f"Plan: {totals}.")
    if plan.writes and not applying:
        lines.append(
            "Nothing was changed. Run again with --apply to make these changes."
        )
    return "\n".join(lines) + "\n"
