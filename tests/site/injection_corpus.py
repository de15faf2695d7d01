"""Injection attempts written into every text field of a catalogue.

Each payload carries the marker ``zqxj`` so that search can find it, tries to set
``window.__xss`` or open a dialog, and tags any element it manages to create with
``injected``.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

MARKER = "zqxj"

PAYLOADS = [
    "<script>window.__xss = 1; alert('zqxj')</script>",
    '<img src=x class="injected" onerror="window.__xss = 1; alert(\'zqxj\')">',
    "</script><script>window.__xss = 1</script> zqxj",
    '<svg class="injected" onload="window.__xss = 1"><script>window.__xss = 1</script></svg> zqxj',
    "[zqxj click](javascript:window.__xss=1)",
    "[zqxj click](JaVaScRiPt:alert(1)) <javascript:alert(1)>",
    "[zqxj encoded](&#106;avascript:alert(1))",
    "[zqxj ref][evil]\n\n[evil]: javascript:alert(1)",
    "[zqxj data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '"><iframe class="injected" src="javascript:alert(1)"></iframe> zqxj',
    "' onmouseover='window.__xss = 1' data-injected='zqxj",
    "javascript:alert('zqxj')",
    '<a class="injected" href="javascript:alert(1)">zqxj</a>',
    "<!-- --><script>window.__xss = 1</script> ]]> zqxj",
    '<style>body { display: none }</style><form class="injected"><input></form> zqxj',
    '<details open ontoggle="window.__xss = 1" class="injected">zqxj</details>',
]

#: Fields that name files or other records: a payload there only breaks the lookup.
KEPT_FIELDS = {"id", "unit", "stacks_into"}


def poison(value: Any, offset: int, counter: list[int]) -> Any:
    """Replace every string under ``value`` with a payload, rotating from ``offset``."""
    if isinstance(value, str):
        counter[0] += 1
        return PAYLOADS[(offset + counter[0]) % len(PAYLOADS)]
    if isinstance(value, list):
        return [poison(item, offset, counter) for item in value]
    if isinstance(value, dict):
        return {
            key: item if key in KEPT_FIELDS else poison(item, offset, counter)
            for key, item in value.items()
        }
    return value


def write_corpus(root: Path, template: dict[str, Any], unit: str) -> list[str]:
    """Write one poisoned credential per payload offset, so every field meets every payload."""
    folder = root / "credentials" / unit
    folder.mkdir(parents=True, exist_ok=True)
    ids = []
    for offset in range(len(PAYLOADS)):
        record = poison(copy.deepcopy(template), offset, [0])
        record["id"] = f"injection-{offset:02d}"
        record["unit"] = unit
        record["stacks_into"] = [f"injection-{(offset + 1) % len(PAYLOADS):02d}"]
        record["approval"]["approved_on"] = f"2026-01-{offset + 1:02d}"
        text = yaml.safe_dump(record, sort_keys=False, allow_unicode=True)
        (folder / f"{record['id']}.yaml").write_text(text, encoding="utf-8")
        ids.append(record["id"])
    return ids


def poison_governance(path: Path, unit: str) -> None:
    """Put payloads into the institution, college and unit names of governance.yaml."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["institution"]["name"] = PAYLOADS[0]
    for item in data["units"]:
        if item["id"] == unit:
            item["name"] = PAYLOADS[1]
            item["url"] = PAYLOADS[11]
            college = item["college"]
    for item in data["colleges"]:
        if item["id"] == college:
            item["name"] = PAYLOADS[3]
            item["colour"] = '"><script>window.__xss = 1</script>'
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
