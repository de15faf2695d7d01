"""Word lists for synthetic catalogues: fields of study, title angles, skills.

Each field lists ten subjects and ten practices, whose combinations are the
topics of titles ("Bridge" and "Inspection" make "Bridge Inspection"), plus tools,
skills learners search for, field-specific tasks (competency stems with ``{topic}``
and ``{tool}`` slots) and the employers that would ask for it. Two topics of one
field share at most one word, so most generated credentials overlap their
neighbours only partly, as credentials of one department do.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldVocabulary:
    """The words of one field of study."""

    name: str
    subjects: tuple[str, ...]
    practices: tuple[str, ...]
    tools: tuple[str, ...]
    skills: tuple[str, ...]
    tasks: tuple[str, ...]
    employers: tuple[str, ...]

    @property
    def topics(self) -> tuple[tuple[str, str], ...]:
        """Every (subject, practice) pair, such as ("Bridge", "Inspection")."""
        return tuple((s, p) for s in self.subjects for p in self.practices)


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


def _field(name: str, *lists: str) -> FieldVocabulary:
    """Build a field from semicolon-separated lists, in FieldVocabulary's order."""

    def split(text: str) -> tuple[str, ...]:
        return tuple(part.strip() for part in text.split(";") if part.strip())

    subjects, practices, tools, skills, tasks, employers = (split(t) for t in lists)
    return FieldVocabulary(name, subjects, practices, tools, skills, tasks, employers)


FIELDS: tuple[FieldVocabulary, ...] = (
    _field(
        "data science",
        "Survey; Sales; Clinical; Sensor; Text; Customer; Sports; Election; Energy; Transit",
        "Analytics; Forecasting; Data Wrangling; Visualization; Modelling; Dashboards; Data Quality; Reporting; Machine Learning; Data Ethics",
        "Python; R; SQL; Tableau",
        "Data analysis; Python programming; Statistical modelling; Data cleaning;"
        "Machine learning; Data storytelling",
        "clean and join messy tables for {topic}; fit and compare models with {tool};"
        "explain the uncertainty in a {topic} result; document a reproducible analysis",
        "regional analytics firms; public agencies; health systems",
    ),
    _field(
        "software engineering",
        "Web; Mobile; Embedded; Game; Cloud; Backend; Frontend; Open Source; Microservice; Accessibility",
        "Testing; Development; Deployment; Code Review; Architecture; Debugging; Refactoring; Performance Tuning; Release Engineering; Documentation",
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
        "Network; Cloud Platform; Endpoint; Identity; Industrial Control; Email; Wireless; Application; Mobile Device; Supply Chain",
        "Defense; Incident Response; Forensics; Threat Hunting; Risk Assessment; Hardening; Security Monitoring; Penetration Testing; Security Auditing; Vulnerability Management",
        "Wireshark; Splunk; Nmap; Microsoft Sentinel",
        "Network security; Incident handling; Log analysis; Risk assessment;"
        "Security policy; Penetration testing",
        "triage alerts during {topic} exercises; read packet captures with {tool};"
        "write an incident report for managers; rank risks in a small network",
        "hospital IT teams; utilities; managed security providers",
    ),
    _field(
        "civil engineering",
        "Stormwater; Bridge; Pavement; Traffic; Geotechnical; Water Main; Construction Site; Rail; Culvert; Retaining Wall",
        "Inspection; Design; Cost Estimating; Modelling; Operations; Safety; Asset Management; Permitting; Monitoring; Rehabilitation",
        "AutoCAD Civil 3D; HEC-RAS; total stations; Bluebeam",
        "Civil engineering design; Construction management; Hydrology; Surveying;"
        "Cost estimation; Regulatory compliance",
        "size a {topic} element from design tables; prepare drawings with {tool};"
        "inspect a site and record defects; estimate quantities and costs",
        "county road departments; engineering consultancies; contractors",
    ),
    _field(
        "geospatial science",
        "Web; Drone; Satellite; Parcel; Wildfire; Utility Network; Census; Watershed; Indoor; Coastal",
        "Mapping; Remote Sensing; Geoprocessing; Spatial Statistics; Geodatabases; Cartography; Field Data Collection; Location Analytics; Lidar Processing; Story Maps",
        "QGIS; ArcGIS Pro; PostGIS; Google Earth Engine",
        "Geographic information systems; Cartography; Spatial analysis;"
        "Remote sensing; Geospatial data management; Map design",
        "acquire and georeference data for {topic}; build a web map with {tool};"
        "run a spatial join and explain the result; keep a geodatabase tidy",
        "planning departments; utilities; environmental consultancies",
    ),
    _field(
        "plant and soil science",
        "Greenhouse; Vineyard; Turfgrass; Orchard; Vegetable Crop; Rangeland; Nursery; Urban Tree; Cotton; Seed",
        "Diagnostics; Soil Health; Pest Management; Irrigation Scheduling; Nutrient Management; Breeding; Production; Weed Control; Disease Scouting; Harvest Planning",
        "soil probes; hand lenses; greenhouse controllers; plot layout software",
        "Plant identification; Soil testing; Pest management; Crop production;"
        "Laboratory safety; Field sampling",
        "identify plant problems in a {topic} case; sample soil and read a lab report;"
        "design a small field trial; recommend a treatment and justify it",
        "nurseries; extension offices; seed companies",
    ),
    _field(
        "food systems",
        "School Meal; Restaurant; Food Bank; Dairy; Bakery; Meat Processing; Farmers Market; Hospital Food; Beverage; Catering",
        "Food Safety; Menu Costing; Nutrition Planning; Product Development; Traceability; Waste Reduction; Sensory Evaluation; Quality Assurance; Sanitation; Allergen Control",
        "HACCP plans; temperature loggers; nutrient analysis software; spreadsheets",
        "Food safety; Nutrition counselling; Recipe development; Quality assurance;"
        "Food service management; Sanitation",
        "write a hazard analysis for {topic}; cost a recipe using {tool};"
        "plan a nutrition session for a community group; audit a kitchen for hazards",
        "school districts; restaurants; food banks",
    ),
    _field(
        "business",
        "Startup; Retail; Nonprofit; Family Business; E-commerce; Franchise; Social Enterprise; Export; Service Business; Creative Business",
        "Fundamentals; Marketing; Project Management; Negotiation; Customer Experience; Supply Chain; Pricing; Growth Strategy; Sales; Operations",
        "spreadsheets; CRM software; Gantt charts; Canva",
        "Project management; Marketing strategy; Budgeting; Negotiation;"
        "Customer service; Business planning",
        "build a budget for a {topic} plan; pitch an idea to a panel;"
        "track a project with {tool}; analyse customer interviews",
        "small businesses; nonprofits; regional manufacturers",
    ),
    _field(
        "public health",
        "Maternal Health; Tobacco Control; Injury Prevention; Vaccine; Food Insecurity; Heat Illness; Opioid Overdose; Rural Health; Oral Health; Air Pollution",
        "Epidemiology; Health Promotion; Needs Assessment; Surveillance; Program Evaluation; Policy Advocacy; Outreach; Health Equity; Outbreak Response; Communication Campaigns",
        "Epi Info; REDCap; logic models; survey platforms",
        "Epidemiology; Health education; Program evaluation; Data collection;"
        "Community engagement; Public health policy",
        "calculate rates and risks for {topic}; design a short survey in {tool};"
        "run a community meeting; write a one-page brief for a health board",
        "county health departments; community clinics; nonprofits",
    ),
    _field(
        "nursing and clinical care",
        "Geriatric; Pediatric; Perioperative; Oncology; Emergency; Home Health; Psychiatric; Maternity; Critical Care; Hospice",
        "Wound Care; Telehealth; Precepting; Patient Safety; Pain Management; Care Coordination; Medication Safety; Patient Education; Triage; Documentation",
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
        "Technical; Grant; Science; Policy; Medical; Legal; Marketing; Nonprofit; Museum; Environmental",
        "Writing; Editing; Communication; Content Strategy; Podcasting; Speechwriting; Storytelling; Proposal Writing; Plain Language; Copywriting",
        "style guides; content management systems; audio editors; readability checkers",
        "Technical writing; Editing; Proposal writing; Audience analysis;"
        "Content strategy; Public speaking",
        "draft and revise a {topic} document for a real reader; edit a peer's draft;"
        "plan content with {tool}; present a pitch to an editor",
        "publishers; research offices; marketing agencies",
    ),
    _field(
        "education and instructional design",
        "Online Course; STEM Classroom; Early Childhood; Adult Learner; Language Classroom; Laboratory; Workplace Training; Tutoring Centre; Library; Makerspace",
        "Design; Assessment; Learning Analytics; Inclusive Teaching; Video Production; Facilitation; Curriculum Planning; Accessibility Review; Feedback Practice; Gamification",
        "Canvas; H5P; screen recorders; rubric builders",
        "Instructional design; Assessment; Learning technology; Accessibility;"
        "Facilitation; Curriculum planning",
        "design a {topic} module with clear outcomes; build an activity in {tool};"
        "write a rubric and calibrate it; review a course for accessibility",
        "school districts; training departments; colleges",
    ),
    _field(
        "environmental science",
        "Water Quality; Climate Adaptation; Wildlife; Wetland; Air Quality; Carbon; Stream; Groundwater; Desert Ecosystem; Urban Heat",
        "Monitoring; Planning; Survey Methods; Impact Assessment; Sampling; Accounting; Restoration; Data Analysis; Compliance; Field Methods",
        "multiparameter sondes; camera traps; GHG inventories; field notebooks",
        "Environmental monitoring; Field sampling; Regulatory compliance;"
        "Data collection; Sustainability reporting; Ecology",
        "collect and log samples for {topic}; calibrate {tool} before field work;"
        "compare results with a permit limit; write a findings memo",
        "environmental consultancies; state agencies; utilities",
    ),
    _field(
        "arts and design",
        "Graphic; User Interface; Exhibition; Packaging; Motion; Type; Game Art; Textile; Product; Brand",
        "Design; Prototyping; Illustration; Photography; 3D Modelling; Animation; Portfolio Development; Design Thinking; Print Production; Visual Storytelling",
        "Figma; Adobe Illustrator; Blender; laser cutters",
        "Graphic design; Visual communication; Prototyping; User research;"
        "Creativity; Portfolio development",
        "create a {topic} piece for a real client brief; prototype with {tool};"
        "critique work against a brief; assemble a portfolio page",
        "design studios; museums; marketing teams",
    ),
    _field(
        "human resources",
        "Talent Acquisition; Employee Relations; Compensation; Onboarding; Benefits; Workforce Planning; Learning and Development; Diversity Recruitment; Remote Workforce; Labour Relations",
        "Fundamentals; Analytics; Policy; Investigations; Administration; Strategy; Compliance; Program Design; Metrics; Coaching",
        "applicant tracking systems; HRIS; pay survey data; interview guides",
        "Recruiting; Employment law; Conflict resolution; HR analytics;"
        "Interviewing; Performance management",
        "structure a {topic} process that meets employment law; analyse data in {tool};"
        "role-play a difficult conversation; write a policy summary",
        "hospitals; manufacturers; staffing firms",
    ),
    _field(
        "finance and accounting",
        "Small Business; Personal; Nonprofit Fund; Payroll; Municipal; Healthcare; Real Estate; Agricultural; Retirement; Construction",
        "Bookkeeping; Financial Modelling; Auditing; Tax Preparation; Budget Analysis; Financial Coaching; Cost Accounting; Financial Reporting; Cash Flow Planning; Internal Controls",
        "QuickBooks; Excel; tax software; audit checklists",
        "Accounting; Financial analysis; Payroll; Tax preparation;"
        "Attention to detail; Financial reporting",
        "record and reconcile transactions for {topic}; model a forecast in {tool};"
        "explain a financial statement to a client; spot errors in a ledger",
        "accounting firms; credit unions; nonprofits",
    ),
    _field(
        "social services",
        "Youth; Family; Veteran; Refugee; Older Adult; Housing; Reentry; Disability; Recovery; Domestic Violence",
        "Case Management; Crisis Intervention; Trauma-Informed Practice; Mentoring; Advocacy; Peer Support; Navigation; Family Support; Intake Assessment; Resource Coordination",
        "case notes; referral directories; safety plans; intake forms",
        "Case management; Crisis counselling; Advocacy; Cultural humility;"
        "Documentation; Motivational interviewing",
        "conduct an intake interview for {topic}; write case notes in {tool};"
        "refer a client to services; debrief after a hard visit",
        "county social services; shelters; youth programs",
    ),
    _field(
        "advanced manufacturing",
        "CNC; Robotic Cell; Injection Moulding; Welding; Additive; Assembly Line; Composite; Semiconductor; Packaging Line; Precision",
        "Quality Control; Programming; Lean Improvement; Maintenance; Safety; Metrology; Process Control; Troubleshooting; Automation; Setup and Operation",
        "CNC mills; coordinate measuring machines; PLCs; CAD/CAM software",
        "Machining; Quality assurance; Robotics programming; Lean methods;"
        "Blueprint reading; Workplace safety",
        "set up and run a {topic} job safely; measure parts with {tool};"
        "run a root-cause analysis; improve a station with a kaizen event",
        "aerospace suppliers; auto plants; machine shops",
    ),
    _field(
        "hospitality and tourism",
        "Hotel; Resort; Convention; Casino; Cruise; Festival; Wedding; Ecotourism; Spa; Airport",
        "Operations; Event Planning; Revenue Management; Guest Services; Sustainability; Beverage Management; Tour Guiding; Sales; Staff Supervision; Catering",
        "property management systems; booking engines; event budgets; POS systems",
        "Event management; Guest relations; Revenue management; Team supervision;"
        "Food and beverage service; Tourism planning",
        "plan a {topic} event on a budget; forecast demand with {tool};"
        "handle a guest complaint; brief a front-line team",
        "resorts; convention centres; tour operators",
    ),
    _field(
        "languages and global studies",
        "Medical; Legal; Community; Business; Conference; Educational; Heritage Language; Humanitarian; Technical Manual; Tourism",
        "Interpreting; Translation; Intercultural Competence; Terminology Management; Localization; Sight Translation; Cultural Mediation; Language Access Planning; Subtitling; Glossary Building",
        "glossaries; translation memory tools; role-play scripts; reflection journals",
        "Interpreting; Translation; Intercultural communication; Active listening;"
        "Cultural awareness; Self-reflection",
        "interpret a {topic} role-play accurately; build a glossary in {tool};"
        "reflect on a cross-cultural encounter; explain a term to a lay listener",
        "hospitals; courts; international NGOs",
    ),
)
