"""Synthetic catalogues of valid approved credentials for benchmarks.

``write_catalogue(root, count)`` writes governance.yaml and schema/ (copies of this
repository's) and ``count`` credentials under ``credentials/<unit>/``. Titles,
summaries, competencies and skills are combined from vocabularies of many fields,
so that records in one field share words the way real catalogues do, while no two
generated records describe the same credential. The output depends only on
``count``, ``seed``, ``planted_duplicates`` and this repository's governance.yaml.

NOTE: records that share a subject within one field, such as "Applied Retaining
Wall Design" and "Retaining Wall Monitoring Practicum", are similar by
construction, and ``microcred check --all-pairs`` may report them as competing.
Only the planted pairs below are known duplicates.

``planted_duplicates=k`` adds k records that reword existing ones (synonyms,
reordered lists, abbreviations, often filed under another unit). Their paths come
last in the returned list. ``generate()`` returns the same files plus the planted
``(original, duplicate)`` pairs, for benchmarks that score a duplicate detector.
"""

from __future__ import annotations

import random
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from benchmarks.synthetic_text import compose, reword
from benchmarks.synthetic_vocabulary import ANGLES, FIELDS, FieldVocabulary

REPO = Path(__file__).resolve().parents[1]
SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/proposal.schema.json\n"
PULL_URL = "https://github.com/example-university/microcredentials/pull"
COLLEGE_REVIEWER_ROLE = "college-reviewer"
#: The sample governance.yaml units that would offer each field; a field whose
#: units are missing from governance.yaml goes to any unit.
FIELD_UNITS = {
    "data science": ("computing", "digital-learning"),
    "software engineering": ("computing",),
    "cybersecurity": ("computing",),
    "civil engineering": ("civil-engineering",),
    "geospatial science": ("civil-engineering", "plant-sciences"),
    "plant and soil science": ("plant-sciences",),
    "food systems": ("food-systems",),
    "business": ("management",),
    "public health": ("public-health",),
    "nursing and clinical care": ("nursing",),
    "writing and communication": ("writing-studies",),
    "education and instructional design": ("digital-learning",),
    "environmental science": ("plant-sciences", "civil-engineering", "public-health"),
    "arts and design": ("writing-studies", "digital-learning"),
    "human resources": ("management",),
    "finance and accounting": ("management",),
    "social services": ("public-health", "nursing"),
    "advanced manufacturing": ("civil-engineering", "computing"),
    "hospitality and tourism": ("food-systems", "management"),
    "languages and global studies": ("writing-studies", "nursing"),
}


@dataclass
class SyntheticCatalogue:
    """The files one ``generate()`` call wrote."""

    root: Path
    paths: list[Path] = field(default_factory=list)
    #: ``(original, reworded copy)`` for every planted duplicate.
    pairs: list[tuple[Path, Path]] = field(default_factory=list)


def write_catalogue(
    root: Path, count: int, seed: int = 0, planted_duplicates: int = 0
) -> list[Path]:
    """Write a catalogue under ``root`` and return the record paths.

    The first ``count`` paths are the generated credentials; the last
    ``planted_duplicates`` paths are reworded copies of some of them.
    """
    return generate(root, count, seed, planted_duplicates).paths


def generate(
    root: Path, count: int, seed: int = 0, planted_duplicates: int = 0
) -> SyntheticCatalogue:
    """Write a catalogue under ``root`` and return its paths and planted pairs."""
    if count < 1 or planted_duplicates < 0 or planted_duplicates > count:
        raise ValueError(
            f"need count >= 1 and 0 <= planted_duplicates <= count, "
            f"got count={count}, planted_duplicates={planted_duplicates}"
        )
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    governance = _copy_repository_files(root)
    units = [_UnitInfo.from_governance(u, governance) for u in governance["units"]]

    result = SyntheticCatalogue(root=root)
    records: list[dict[str, Any]] = []
    used_ids: set[str] = set()
    for index, triple in enumerate(_combinations(rng, count)):
        unit = _unit_for(rng, triple[0], units)
        record = _build_record(rng, index, unit, triple)
        _make_unique(record, used_ids)
        records.append(record)
        result.paths.append(_write(root, record))

    originals = rng.sample(range(count), planted_duplicates)
    for number, original_index in enumerate(originals):
        original = records[original_index]
        unit = rng.choice(units)
        copy = _reworded_copy(rng, original, unit, count + number)
        _make_unique(copy, used_ids)
        path = _write(root, copy)
        result.paths.append(path)
        result.pairs.append((result.paths[original_index], path))
    return result


@dataclass(frozen=True)
class _UnitInfo:
    id: str
    domain: str
    signers: tuple[tuple[str, str], ...]

    @classmethod
    def from_governance(
        cls, unit: dict[str, Any], governance: dict[str, Any]
    ) -> _UnitInfo:
        college = next(c for c in governance["colleges"] if c["id"] == unit["college"])
        signers = [("department-head", unit["department_heads"][0])]
        signers += [(COLLEGE_REVIEWER_ROLE, r) for r in college.get("reviewers", [])]
        signers.append(("committee", governance["committee"]["members"][0]))
        domain = governance["institution"]["email_domain"]
        return cls(id=unit["id"], domain=domain, signers=tuple(signers))


def _unit_for(
    rng: random.Random, vocabulary: FieldVocabulary, units: list[_UnitInfo]
) -> _UnitInfo:
    wanted = FIELD_UNITS.get(vocabulary.name, ())
    candidates = [u for u in units if u.id in wanted] or units
    return rng.choice(candidates)


def _copy_repository_files(root: Path) -> dict[str, Any]:
    shutil.copy2(REPO / "governance.yaml", root / "governance.yaml")
    shutil.copytree(REPO / "schema", root / "schema", dirs_exist_ok=True)
    with open(root / "governance.yaml", encoding="utf-8") as handle:
        governance: dict[str, Any] = yaml.safe_load(handle)
    return governance


def _combinations(
    rng: random.Random, count: int
) -> list[tuple[FieldVocabulary, tuple[str, str], int]]:
    """Pick ``count`` (field, topic, angle) triples, each topic once per round.

    Angles form a Latin square over each field's subjects and practices, so two
    topics that share a subject or a practice never share an angle as well
    ("Advanced Bridge Inspection" and "Advanced Bridge Design" would compete).
    Every topic appears once before any topic appears again with another angle.
    """
    cells = []
    for vocabulary in FIELDS:
        order = rng.sample(range(len(ANGLES)), len(ANGLES))
        for row, subject in enumerate(vocabulary.subjects):
            for column, practice in enumerate(vocabulary.practices):
                cells.append((vocabulary, (subject, practice), order, row + column))
    triples: list[tuple[FieldVocabulary, tuple[str, str], int]] = []
    for round_number in range(count // len(cells) + 1):
        rng.shuffle(cells)
        for vocabulary, topic, order, diagonal in cells:
            angle = order[(diagonal + round_number) % len(ANGLES)]
            triples.append((vocabulary, topic, angle))
    return triples[:count]


def _build_record(
    rng: random.Random,
    index: int,
    unit: _UnitInfo,
    triple: tuple[FieldVocabulary, tuple[str, str], int],
) -> dict[str, Any]:
    text = compose(rng, *triple)
    record: dict[str, Any] = {"id": text.pop("id"), "title": text.pop("title")}
    record["unit"] = unit.id
    record.update(text)
    record["contacts"] = _contacts(unit)
    record["review_by"] = f"{rng.randrange(2028, 2031)}-06-30"
    record["status"] = "active"
    record["credit_bearing"] = False
    record["ctid"] = _ctid(rng)
    record["approval"] = _approval(rng, unit, pull_request=100 + index)
    return record


def _ctid(rng: random.Random) -> str:
    return "ce-" + str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _approval(rng: random.Random, unit: _UnitInfo, pull_request: int) -> dict[str, Any]:
    """Return an approval block whose signatures follow the unit's signing order."""
    month = rng.randrange(1, 12)
    day = rng.randrange(1, 28)
    signatures = [
        {
            "role": role,
            "login": login,
            "at": f"2026-{month:02d}-{day:02d}T{10 + n}:15:00Z",
        }
        for n, (role, login) in enumerate(unit.signers)
    ]
    return {
        "pull_request": pull_request,
        "url": f"{PULL_URL}/{pull_request}",
        "approved_on": f"2026-{month:02d}-{day + 1:02d}",
        "signatures": signatures,
    }


def _contacts(unit: _UnitInfo) -> dict[str, Any]:
    def person(name: str, local: str) -> dict[str, str]:
        return {"name": name, "email": f"{local}-{unit.id}@{unit.domain}"}

    return {
        "submitter": person("Program Director", "programs"),
        "program_administrator": person("Program Administrator", "badges"),
        "unit_contact": person("Advising Office", "advising"),
    }


def _reworded_copy(
    rng: random.Random, original: dict[str, Any], unit: _UnitInfo, index: int
) -> dict[str, Any]:
    copy = reword(rng, original)
    copy["unit"] = unit.id
    copy["contacts"] = _contacts(unit)
    copy["ctid"] = _ctid(rng)
    copy["approval"] = _approval(rng, unit, pull_request=100 + index)
    return copy


def _make_unique(record: dict[str, Any], used_ids: set[str]) -> None:
    """Number the id and title of a record whose id is already taken."""
    base_id, base_title = record["id"], record["title"]
    number = 2
    while record["id"] in used_ids:
        record["id"] = f"{base_id[:74]}-{number}"
        record["title"] = f"{base_title[:70]} ({number})"
        number += 1
    used_ids.add(record["id"])


def _write(root: Path, record: dict[str, Any]) -> Path:
    folder = root / "credentials" / record["unit"]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{record['id']}.yaml"
    body = yaml.dump(
        record, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=88
    )
    path.write_text(SCHEMA_LINE + body, encoding="utf-8")
    return path


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """A safe dumper that writes multi-line text as a literal block."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_text)
