"""Compose the text of one synthetic credential, and reword it for a duplicate."""

from __future__ import annotations

import hashlib
import random
import re
import uuid
from typing import Any

from benchmarks.synthetic_vocabulary import ANGLES, NACE, Angle, FieldVocabulary

GENERIC_TASKS = (
    "explain the core ideas of {practice} to a {subject} team",
    "apply {practice} methods to a realistic {subject} case",
    "evaluate a {topic} plan against professional standards",
    "present {topic} findings to a panel that includes an employer",
    "lead a small team through a {topic} project",
    "reflect on ethical questions that {practice} raises in {subject} settings",
    "compare two approaches to {practice} and justify one for a {subject} context",
    "document {topic} work so that a colleague can repeat it",
    "use {tool} to support {practice} decisions",
    "identify common {subject} problems that good {practice} prevents",
    "build a {topic} checklist and test it on a case",
    "interpret {subject} data to guide {practice}",
)
QUALIFIERS = (
    "",
    "",
    " under supervision",
    " for {context}",
    " within a set budget",
    " using published guidance",
    " and record the assumptions",
)
#: Settings that cases come from; two per record, independent of the field, so
#: that records of one field differ in more than their topic.
CONTEXTS = (
    "rural clinics",
    "small towns",
    "tribal communities",
    "regional airports",
    "school districts",
    "county governments",
    "family farms",
    "border communities",
    "public libraries",
    "startup companies",
    "mining towns",
    "retirement communities",
    "state parks",
    "community colleges",
    "transit agencies",
    "food cooperatives",
    "military bases",
    "refugee resettlement agencies",
    "manufacturing plants",
    "downtown businesses",
    "coastal cities",
    "mountain resorts",
    "urban neighbourhoods",
    "faith-based charities",
    "youth sports leagues",
    "water utilities",
    "regional hospitals",
    "art museums",
    "call centres",
    "distribution warehouses",
    "online retailers",
    "city councils",
    "research laboratories",
    "housing authorities",
    "volunteer fire departments",
    "public radio stations",
    "credit unions",
    "wildlife refuges",
    "vineyards",
    "technology incubators",
)
DELIVERABLES = (
    "a field report",
    "a short video",
    "a policy brief",
    "a poster session",
    "a client presentation",
    "a written case study",
    "a portfolio page",
    "a technical memo",
    "a public workshop",
    "an annotated checklist",
    "a recorded demonstration",
    "a one-page summary for decision makers",
    "a peer-reviewed lab notebook",
    "an infographic",
    "a training session for staff",
    "a grant-ready project plan",
    "a community forum",
    "a data appendix",
)
SUMMARIES = (
    "Learn {topic} by doing: short labs, a {tool} project and feedback from people "
    "who hire in {field}.",
    "Build practical {topic} skills that {employer} ask for, and show them in "
    "{deliverable}.",
    "About {hours} hours of {topic} with cases from {context}, ending with "
    "{deliverable}.",
    "Practise {topic} on real cases from {context} and leave with work you can show.",
    "Go beyond the basics of {topic}: plan, carry out and defend a project for "
    "{context}.",
)
REQUIREMENTS = (
    "Complete the {n} weekly activities",
    "Pass a practical assessment on {topic}",
    "Submit a final project and a short reflection",
    "Attend the closing presentation day",
    "Log {hours} hours of guided practice",
    "Score at least {score} % on the final quiz",
)
REWORDS = {
    "Foundations": "Fundamentals",
    "Applied": "Practical",
    "Advanced": "Higher-Level",
    "Introduction to": "Intro to",
    "Management": "Mgmt",
    "and": "&",
    "Professionals": "Practitioners",
    "Managers": "Supervisors",
    "Projects": "Initiatives",
    "Learn": "Study",
    "Build": "Develop",
    "project": "capstone",
    "practical": "hands-on",
    "explain": "describe",
    "evaluate": "assess",
    "present": "share",
    "team": "group",
    "Design": "Create",
    "Plan": "Prepare",
    "real": "authentic",
}


def compose(
    rng: random.Random,
    vocab: FieldVocabulary,
    subject_practice: tuple[str, str],
    angle_index: int,
) -> dict[str, Any]:
    """Return every text field of one record, in schema order, keyed by field name."""
    subject, practice = subject_practice
    topic = f"{subject} {practice}"
    angle = ANGLES[angle_index]
    tool = rng.choice(vocab.tools)
    employer = rng.choice(vocab.employers)
    hours = rng.randrange(*angle.hours)
    first, second = rng.sample(CONTEXTS, 2)
    slots = {
        "context": first,
        "second_context": second,
        "deliverable": rng.choice(DELIVERABLES),
        "topic": topic.lower(),
        "subject": subject.lower(),
        "practice": practice.lower(),
        "tool": tool,
        "field": vocab.name,
        "employer": employer,
        "hours": hours,
    }
    title = angle.title.format(Topic=topic, Tool=_capitalise_words(tool))
    return {
        "id": slugify(title),
        "title": title,
        "summary": rng.choice(SUMMARIES).format(**slots)[:240],
        "description": _description(rng, vocab, angle, slots),
        "level": angle.level,
        "proficiency": angle.proficiency,
        "credential_type": "MicroCredential",
        "language": "en-US",
        "competencies": _competencies(rng, vocab, slots),
        "skills": _skills(rng, vocab, topic, practice),
        "earning_criteria": _criteria(rng, slots),
        "workforce_relevance": {
            "statement": f"Employers such as {employer} report unfilled roles "
            f"that need {topic.lower()} skills.",
            "evidence": [
                {
                    "description": f"Survey of {rng.randrange(12, 90)} {employer} "
                    f"on {vocab.name} hiring needs"
                }
            ],
        },
        "necessity": {
            "statement": f"No existing offering covers {topic.lower()} at the "
            f"{angle.level} level with {tool}.",
            "related": [],
        },
        "delivery": _delivery(rng, angle, hours),
        "audience": f"{angle.level.capitalize()} learners interested in {vocab.name}.",
        "tracking_plan": "The instructor records every score in the Canvas gradebook "
        "and exports it when the offering ends.",
        "award_process": "The program administrator runs `microcred award` within two "
        "weeks of the last session and reports to the coordinator.",
    }


def _description(
    rng: random.Random, vocab: FieldVocabulary, angle: Angle, slots: dict[str, Any]
) -> str:
    opening = (
        f"{slots['topic'].capitalize()} matters to {slots['context']} and "
        f"{slots['second_context']}. This {angle.proficiency} credential is taught "
        f"{angle.mode.replace('-', ' ')} over about {slots['hours']} hours."
    )
    tasks = [rng.choice(vocab.tasks), rng.choice(GENERIC_TASKS)]
    middle = (
        f"You will {tasks[0].format(**slots)}, then {tasks[1].format(**slots)}, "
        f"and finish with {slots['deliverable']}. Feedback comes from instructors "
        f"and from {slots['employer']}."
    )
    return f"{opening}\n\n{middle}\n"


def _competencies(
    rng: random.Random, vocab: FieldVocabulary, slots: dict[str, Any]
) -> list[str]:
    stems = [rng.choice(vocab.tasks), *rng.sample(GENERIC_TASKS, rng.randrange(3, 5))]
    rng.shuffle(stems)
    return [
        _sentence((stem + rng.choice(QUALIFIERS)).format(**slots)) for stem in stems
    ]


def _skills(
    rng: random.Random, vocab: FieldVocabulary, topic: str, practice: str
) -> list[dict[str, Any]]:
    """Return the topic, its practice, one or two field skills and two NACE skills."""
    names = [practice, *rng.sample(vocab.skills, rng.randrange(1, 3))]
    skills = [{"name": topic, "framework": "custom"}]
    skills += [_aligned(name) for name in names]
    skills += [{"name": n, "framework": "NACE"} for n in rng.sample(NACE, 2)]
    return skills


def _aligned(name: str) -> dict[str, Any]:
    """Align a skill to Lightcast or ESCO with a stable made-up code from its name."""
    digest = hashlib.sha256(name.encode()).hexdigest()
    if int(digest[0], 16) % 2:
        code = "KS" + digest[1:19].upper()
        return {
            "name": name,
            "framework": "Lightcast",
            "code": code,
            "url": f"https://lightcast.io/open-skills/skills/{code}",
        }
    concept = uuid.UUID(digest[:32])
    return {
        "name": name,
        "framework": "ESCO",
        "url": "https://esco.ec.europa.eu/en/classification/skill?uri="
        f"http://data.europa.eu/esco/skill/{concept}",
    }


def _criteria(rng: random.Random, slots: dict[str, Any]) -> dict[str, Any]:
    score = rng.choice((80, 80, 80, 85, 90))
    values = dict(slots, n=rng.randrange(3, 9), score=score)
    requirements = [r.format(**values) for r in rng.sample(REQUIREMENTS, 3)]
    return {
        "requirements": requirements,
        "assessment": "The instructor grades each activity against a published rubric.",
        "evidence": "The final project is linked from the badge unless the "
        "learner opts out.",
        "passing_score": score,
    }


def _delivery(rng: random.Random, angle: Angle, hours: int) -> dict[str, Any]:
    amount = rng.choice((0, 0, 0, 95, 150, 250, 400, 600))
    return {
        "mode": angle.mode,
        "hours": hours,
        "weeks": max(1, hours // 5),
        "cost": {"amount": amount, "currency": "USD"},
        "enrolment_url": "https://www.example.edu/enrol",
    }


def reword(rng: random.Random, record: dict[str, Any]) -> dict[str, Any]:
    """Return a copy with synonyms, abbreviations and reordered lists."""
    copy = {**record}
    copy["title"] = _swap_words(record["title"])
    if copy["title"] == record["title"]:
        copy["title"] = f"{record['title']}: Core Skills"
    copy["id"] = slugify(copy["title"])
    copy["summary"] = _swap_words(record["summary"])
    copy["description"] = _swap_words(record["description"])
    copy["competencies"] = [_swap_words(c) for c in record["competencies"]]
    rng.shuffle(copy["competencies"])
    copy["skills"] = list(record["skills"])
    rng.shuffle(copy["skills"])
    return copy


def _swap_words(text: str) -> str:
    for old, new in REWORDS.items():
        text = re.sub(rf"\b{re.escape(old)}\b", new, text)
    return text


def slugify(text: str) -> str:
    """Return the kebab-case id for a title."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80].rstrip("-")


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:]


def _capitalise_words(text: str) -> str:
    return " ".join(w if w[:1].isupper() else w.capitalize() for w in text.split())
