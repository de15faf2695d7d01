"""Word lists for synthetic catalogues: fields of study, title angles, skills.

Each field lists eight topics (title nouns), tools, skills learners search for,
field-specific tasks (competency stems with ``{topic}`` and ``{tool}`` slots) and
the employers that would ask for it. Topics are unique across fields, so every
(field, topic, angle) triple names a different credential.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldVocabulary:
    """The words of one field of study."""

    name: str
    topics: tuple[str, ...]
    tools: tuple[str, ...]
    skills: tuple[str, ...]
    tasks: tuple[str, ...]
    employers: tuple[str, ...]


@dataclass(frozen=True)
class Angle:
    """A way to frame a topic: the title pattern and who it is for."""

    title: str
    level: str
    proficiency: str
    mode: str
    hours: tuple[int, int]


ANGLES: tuple[Angle, ...] = (
    Angle("{Topic} Foundations", "undergraduate", "foundational", "online", (12, 30)),
    Angle("Applied {Topic}", "undergraduate", "intermediate", "hybrid", (20, 45)),
    Angle(
        "{Topic} for Working Professionals",
        "professional",
        "intermediate",
        "online",
        (10, 24),
    ),
    Angle("Advanced {Topic}", "graduate", "advanced", "in-person", (30, 60)),
    Angle("{Topic} with {Tool}", "undergraduate", "intermediate", "online", (15, 35)),
    Angle("Leading {Topic} Projects", "professional", "advanced", "hybrid", (16, 40)),
    Angle(
        "{Topic} in Community Settings",
        "undergraduate",
        "foundational",
        "in-person",
        (10, 25),
    ),
    Angle("{Topic} Research Methods", "graduate", "advanced", "hybrid", (30, 70)),
    Angle("{Topic} Bootcamp", "professional", "foundational", "in-person", (24, 40)),
    Angle("{Topic} Studio", "undergraduate", "intermediate", "in-person", (20, 48)),
    Angle("Evidence-Based {Topic}", "graduate", "intermediate", "online", (18, 36)),
    Angle("{Topic} for Managers", "professional", "intermediate", "online", (8, 20)),
    Angle("{Topic} Practicum", "graduate", "advanced", "in-person", (40, 90)),
    Angle(
        "Introduction to {Topic}", "undergraduate", "foundational", "online", (8, 18)
    ),
)

NACE: tuple[str, ...] = (
    "Communication",
    "Critical thinking",
    "Teamwork",
    "Leadership",
    "Professionalism",
    "Technology",
    "Equity and inclusion",
    "Career and self-development",
)


def _field(
    name: str, topics: str, tools: str, skills: str, tasks: str, employers: str
) -> FieldVocabulary:
    def split(text: str) -> tuple[str, ...]:
        return tuple(part.strip() for part in text.split(";") if part.strip())

    return FieldVocabulary(
        name, split(topics), split(tools), split(skills), split(tasks), split(employers)
    )


FIELDS: tuple[FieldVocabulary, ...] = (
    _field(
        "data science",
        "Data Wrangling; Statistical Modelling; Machine Learning; Data Visualization;"
        "Time Series Forecasting; Survey Analytics; Data Ethics; Dashboard Design",
        "Python; R; SQL; Tableau",
        "Data analysis; Python programming; Statistical modelling; Data cleaning;"
        "Machine learning; Data storytelling",
        "clean and join messy tables for {topic}; fit and compare models with {tool};"
        "explain the uncertainty in a {topic} result; document a reproducible analysis",
        "regional analytics firms; public agencies; health systems",
    ),
    _field(
        "software engineering",
        "Web Application Development; Software Testing; Cloud Deployment;"
        "Secure Coding; API Design; Mobile App Development; DevOps Pipelines;"
        "Version Control Workflows",
        "Git; Docker; TypeScript; GitHub Actions",
        "Software development; Unit testing; Continuous integration; Code review;"
        "Cloud computing; Application security",
        "write and review code for {topic} with {tool}; automate tests for a {topic} "
        "feature; deploy a small service and monitor it;"
        "fix a defect from a bug report",
        "software studios; banks; state IT offices",
    ),
    _field(
        "cybersecurity",
        "Network Defense; Incident Response; Digital Forensics; Identity and Access "
        "Management; Threat Hunting; Security Awareness Training; Vulnerability "
        "Assessment; Cloud Security Operations",
        "Wireshark; Splunk; Nmap; Microsoft Sentinel",
        "Network security; Incident handling; Log analysis; Risk assessment;"
        "Security policy; Penetration testing",
        "triage alerts during {topic} exercises; read packet captures with {tool};"
        "write an incident report for managers; rank risks in a small network",
        "hospital IT teams; utilities; managed security providers",
    ),
    _field(
        "civil engineering",
        "Stormwater Management; Construction Estimating; Bridge Inspection;"
        "Traffic Engineering; Geotechnical Testing; Sustainable Site Design;"
        "Surveying and Mapping; Water Treatment Operations",
        "AutoCAD Civil 3D; HEC-RAS; total stations; Bluebeam",
        "Civil engineering design; Construction management; Hydrology; Surveying;"
        "Cost estimation; Regulatory compliance",
        "size a {topic} element from design tables; prepare drawings with {tool};"
        "inspect a site and record defects; estimate quantities and costs",
        "county road departments; engineering consultancies; contractors",
    ),
    _field(
        "geospatial science",
        "Web Mapping; Remote Sensing; Geospatial Scripting; Spatial Statistics;"
        "Drone Mapping; Geodatabase Management; Location Analytics; Field Data "
        "Collection",
        "QGIS; ArcGIS Pro; PostGIS; Google Earth Engine",
        "Geographic information systems; Cartography; Spatial analysis;"
        "Remote sensing; Geospatial data management; Map design",
        "acquire and georeference data for {topic}; build a web map with {tool};"
        "run a spatial join and explain the result; keep a geodatabase tidy",
        "planning departments; utilities; environmental consultancies",
    ),
    _field(
        "plant and soil science",
        "Plant Diagnostics; Soil Health Assessment; Greenhouse Production;"
        "Integrated Pest Management; Seed Science; Urban Horticulture;"
        "Plant Breeding Basics; Irrigation Scheduling",
        "soil probes; hand lenses; greenhouse controllers; plot layout software",
        "Plant identification; Soil testing; Pest management; Crop production;"
        "Laboratory safety; Field sampling",
        "identify plant problems in a {topic} case; sample soil and read a lab report;"
        "design a small field trial; recommend a treatment and justify it",
        "nurseries; extension offices; seed companies",
    ),
    _field(
        "food systems",
        "Food Safety Management; Menu Costing; Community Nutrition; Food Product "
        "Development; Supply Chain Traceability; Food Waste Reduction; Sensory "
        "Evaluation; Culinary Nutrition",
        "HACCP plans; temperature loggers; nutrient analysis software; spreadsheets",
        "Food safety; Nutrition counselling; Recipe development; Quality assurance;"
        "Food service management; Sanitation",
        "write a hazard analysis for {topic}; cost a recipe using {tool};"
        "plan a nutrition session for a community group; audit a kitchen for hazards",
        "school districts; restaurants; food banks",
    ),
    _field(
        "business",
        "Startup Fundamentals; Project Management; Digital Marketing; Financial "
        "Literacy; Negotiation; Customer Experience Design; Supply Chain Basics;"
        "Small Business Accounting",
        "spreadsheets; CRM software; Gantt charts; Canva",
        "Project management; Marketing strategy; Budgeting; Negotiation;"
        "Customer service; Business planning",
        "build a budget for a {topic} plan; pitch an idea to a panel;"
        "track a project with {tool}; analyse customer interviews",
        "small businesses; nonprofits; regional manufacturers",
    ),
    _field(
        "public health",
        "Epidemiology Basics; Health Promotion; Community Health Assessment;"
        "Environmental Health; Global Health Practice; Health Equity; Outbreak "
        "Investigation; Program Evaluation",
        "Epi Info; REDCap; logic models; survey platforms",
        "Epidemiology; Health education; Program evaluation; Data collection;"
        "Community engagement; Public health policy",
        "calculate rates and risks for {topic}; design a short survey in {tool};"
        "run a community meeting; write a one-page brief for a health board",
        "county health departments; community clinics; nonprofits",
    ),
    _field(
        "nursing and clinical care",
        "Wound Care; Telehealth Nursing; Geriatric Care; Clinical Precepting;"
        "Patient Safety; Pain Management; Care Coordination; Palliative Care",
        "electronic health records; simulation manikins; triage protocols;"
        "telehealth platforms",
        "Patient assessment; Care planning; Clinical documentation; Infection control;"
        "Patient education; Interprofessional collaboration",
        "assess a patient in a {topic} simulation; chart care in {tool};"
        "teach a patient and family member; hand over care safely",
        "hospitals; long-term care homes; home health agencies",
    ),
    _field(
        "writing and communication",
        "Technical Writing; Grant Writing; Science Communication; Plain Language "
        "Editing; Content Strategy; Podcast Production; Speechwriting;"
        "Digital Storytelling",
        "style guides; content management systems; audio editors; readability checkers",
        "Technical writing; Editing; Proposal writing; Audience analysis;"
        "Content strategy; Public speaking",
        "draft and revise a {topic} document for a real reader; edit a peer's draft;"
        "plan content with {tool}; present a pitch to an editor",
        "publishers; research offices; marketing agencies",
    ),
    _field(
        "education and instructional design",
        "Online Course Design; Universal Design for Learning; Assessment Design;"
        "Learning Analytics; Inclusive Teaching; Educational Video Production;"
        "Tutoring Practice; Canvas Course Building",
        "Canvas; H5P; screen recorders; rubric builders",
        "Instructional design; Assessment; Learning technology; Accessibility;"
        "Facilitation; Curriculum planning",
        "design a {topic} module with clear outcomes; build an activity in {tool};"
        "write a rubric and calibrate it; review a course for accessibility",
        "school districts; training departments; colleges",
    ),
    _field(
        "environmental science",
        "Water Quality Monitoring; Climate Adaptation Planning; Wildlife Survey "
        "Methods; Environmental Impact Assessment; Renewable Energy Basics;"
        "Wetland Delineation; Air Quality Sampling; Carbon Accounting",
        "multiparameter sondes; camera traps; GHG inventories; field notebooks",
        "Environmental monitoring; Field sampling; Regulatory compliance;"
        "Data collection; Sustainability reporting; Ecology",
        "collect and log samples for {topic}; calibrate {tool} before field work;"
        "compare results with a permit limit; write a findings memo",
        "environmental consultancies; state agencies; utilities",
    ),
    _field(
        "arts and design",
        "Graphic Design; User Interface Design; Photography; 3D Printing;"
        "Motion Graphics; Exhibition Design; Typography; Design Thinking",
        "Figma; Adobe Illustrator; Blender; laser cutters",
        "Graphic design; Visual communication; Prototyping; User research;"
        "Creativity; Portfolio development",
        "create a {topic} piece for a real client brief; prototype with {tool};"
        "critique work against a brief; assemble a portfolio page",
        "design studios; museums; marketing teams",
    ),
    _field(
        "human resources",
        "Talent Acquisition; Employee Relations; Compensation Analysis; HR "
        "Analytics; Onboarding Design; Workplace Investigations; Benefits "
        "Administration; Performance Management",
        "applicant tracking systems; HRIS; pay survey data; interview guides",
        "Recruiting; Employment law; Conflict resolution; HR analytics;"
        "Interviewing; Performance management",
        "structure a {topic} process that meets employment law; analyse data in {tool};"
        "role-play a difficult conversation; write a policy summary",
        "hospitals; manufacturers; staffing firms",
    ),
    _field(
        "finance and accounting",
        "Bookkeeping; Personal Finance Coaching; Financial Modelling; Payroll "
        "Processing; Audit Fundamentals; Tax Preparation; Nonprofit Accounting;"
        "Budget Analysis",
        "QuickBooks; Excel; tax software; audit checklists",
        "Accounting; Financial analysis; Payroll; Tax preparation;"
        "Attention to detail; Financial reporting",
        "record and reconcile transactions for {topic}; model a forecast in {tool};"
        "explain a financial statement to a client; spot errors in a ledger",
        "accounting firms; credit unions; nonprofits",
    ),
    _field(
        "social services",
        "Case Management; Crisis Intervention; Trauma-Informed Practice; Youth "
        "Mentoring; Substance Use Prevention; Housing Navigation; Family Support;"
        "Peer Support Work",
        "case notes; referral directories; safety plans; intake forms",
        "Case management; Crisis counselling; Advocacy; Cultural humility;"
        "Documentation; Motivational interviewing",
        "conduct an intake interview for {topic}; write case notes in {tool};"
        "refer a client to services; debrief after a hard visit",
        "county social services; shelters; youth programs",
    ),
    _field(
        "advanced manufacturing",
        "CNC Machining; Quality Control; Industrial Robotics; Lean Manufacturing;"
        "Additive Manufacturing; Mechatronics; Industrial Safety; Metrology",
        "CNC mills; coordinate measuring machines; PLCs; CAD/CAM software",
        "Machining; Quality assurance; Robotics programming; Lean methods;"
        "Blueprint reading; Workplace safety",
        "set up and run a {topic} job safely; measure parts with {tool};"
        "run a root-cause analysis; improve a station with a kaizen event",
        "aerospace suppliers; auto plants; machine shops",
    ),
    _field(
        "hospitality and tourism",
        "Event Planning; Hotel Operations; Sustainable Tourism; Beverage Management;"
        "Guest Services; Tour Guiding; Revenue Management; Catering Operations",
        "property management systems; booking engines; event budgets; POS systems",
        "Event management; Guest relations; Revenue management; Team supervision;"
        "Food and beverage service; Tourism planning",
        "plan a {topic} event on a budget; forecast demand with {tool};"
        "handle a guest complaint; brief a front-line team",
        "resorts; convention centres; tour operators",
    ),
    _field(
        "languages and global studies",
        "Medical Interpreting; Spanish for Health Care; Intercultural Competence;"
        "Translation Practice; Global Perspectives; Heritage Language Literacy;"
        "Community Interpreting; Study Abroad Reflection",
        "glossaries; translation memory tools; role-play scripts; reflection journals",
        "Interpreting; Translation; Intercultural communication; Active listening;"
        "Cultural awareness; Self-reflection",
        "interpret a {topic} role-play accurately; build a glossary in {tool};"
        "reflect on a cross-cultural encounter; explain a term to a lay listener",
        "hospitals; courts; international NGOs",
    ),
)
