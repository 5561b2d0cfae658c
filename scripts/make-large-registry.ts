// tsx scripts/make-large-registry.ts [--out eval/registries/large-1000.json] [--count 1000]
//
// Writes a large, realistic task registry for router and shortlist evaluation: the tasks of
// eval/registries/extended.json (so every slug of the router dataset exists) plus generated tasks,
// professional domains × deliverable types, each with a description of its own. Deterministic: the
// same file every run. `npm run eval:router -- --registry large-1000` builds the same registry in
// memory when the JSON file is not there (makeLargeRegistry below).
//
// The generated deliverables deliberately avoid the extended registry's own deliverables (minutes,
// follow-up emails, memos, interview notes, status reports, job descriptions, LinkedIn posts, expense
// reports, agendas), so the dataset's expected answers stay the right ones in the large registry.
import "./settings";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type TaskInput, taskInputSchema } from "../lib/tasks/schema";

export const LARGE_REGISTRY_NAME = "large-1000";
export const LARGE_REGISTRY_SIZE = 1_000;
/** Committed only below this size; otherwise generated on the fly. */
export const MAX_COMMITTED_BYTES = 1_500_000;

interface Domain {
  key: string;
  label: string;
  /** who the organisation serves */
  customers: string;
  /** a typical staff role */
  role: string;
  /** a recurring operational process */
  process: string;
  /** the rules it must follow */
  regulation: string;
  /** what it sells or provides */
  service: string;
  /** something it buys */
  supply: string;
  /** a plausible crisis */
  crisis: string;
  /** an event it organises */
  event: string;
  /** the system or operation that can fail */
  operation: string;
  /** an investment it might make */
  investment: string;
  /** a typical buyer issuing tenders to it */
  buyer: string;
}

const DOMAINS: Domain[] = [
  {
    key: "clinic",
    label: "a healthcare clinic",
    customers: "patients",
    role: "nurse",
    process: "patient intake and triage",
    regulation: "HIPAA and patient-privacy rules",
    service: "telehealth consultations",
    supply: "medical consumables",
    crisis: "a patient-data breach",
    event: "a community health day",
    operation: "the appointment booking system",
    investment: "a new imaging device",
    buyer: "regional health authority",
  },
  {
    key: "lawfirm",
    label: "a law firm",
    customers: "clients",
    role: "associate lawyer",
    process: "client conflict checks",
    regulation: "bar association ethics rules",
    service: "employment-law advice",
    supply: "legal research databases",
    crisis: "a leaked privileged document",
    event: "a client seminar on new legislation",
    operation: "the document management system",
    investment: "a contract-review software",
    buyer: "corporate legal department",
  },
  {
    key: "construction",
    label: "a construction company",
    customers: "property developers",
    role: "site supervisor",
    process: "daily site safety inspections",
    regulation: "OSHA and site-safety regulations",
    service: "residential building projects",
    supply: "concrete and steel",
    crisis: "a scaffolding accident on site",
    event: "a topping-out ceremony",
    operation: "the crane fleet",
    investment: "new excavators",
    buyer: "municipal public works department",
  },
  {
    key: "retail",
    label: "a retail chain",
    customers: "shoppers",
    role: "store manager",
    process: "weekly stock replenishment",
    regulation: "consumer-protection and pricing rules",
    service: "click-and-collect orders",
    supply: "point-of-sale terminals",
    crisis: "a product recall",
    event: "a seasonal sale launch",
    operation: "the checkout systems",
    investment: "self-checkout kiosks",
    buyer: "shopping-centre landlord",
  },
  {
    key: "saas",
    label: "a SaaS software company",
    customers: "subscribers",
    role: "customer success manager",
    process: "release deployment",
    regulation: "GDPR and SOC 2 controls",
    service: "a subscription analytics platform",
    supply: "cloud hosting",
    crisis: "a multi-hour service outage",
    event: "a user conference",
    operation: "the production API",
    investment: "a data warehouse migration",
    buyer: "enterprise IT procurement team",
  },
  {
    key: "manufacturing",
    label: "a manufacturing plant",
    customers: "industrial buyers",
    role: "line supervisor",
    process: "machine changeovers",
    regulation: "ISO 9001 quality requirements",
    service: "custom machined parts",
    supply: "raw aluminium",
    crisis: "a batch of defective parts shipped",
    event: "a plant open day",
    operation: "the assembly line",
    investment: "a robotic welding cell",
    buyer: "automotive tier-1 supplier",
  },
  {
    key: "logistics",
    label: "a logistics company",
    customers: "shippers",
    role: "dispatcher",
    process: "route planning",
    regulation: "driving-time and cargo regulations",
    service: "same-day delivery",
    supply: "fuel cards",
    crisis: "a warehouse fire",
    event: "a peak-season readiness day",
    operation: "the warehouse management system",
    investment: "electric delivery vans",
    buyer: "e-commerce retailer",
  },
  {
    key: "university",
    label: "a university",
    customers: "students",
    role: "lecturer",
    process: "course enrolment",
    regulation: "accreditation standards",
    service: "online master's programmes",
    supply: "lab equipment",
    crisis: "a campus safety incident",
    event: "an open day for prospective students",
    operation: "the learning management system",
    investment: "a new research lab",
    buyer: "government research council",
  },
  {
    key: "nonprofit",
    label: "a nonprofit organisation",
    customers: "beneficiaries",
    role: "volunteer coordinator",
    process: "volunteer scheduling",
    regulation: "charity-commission reporting rules",
    service: "food-bank distribution",
    supply: "donated goods logistics",
    crisis: "misuse of donated funds",
    event: "a fundraising gala",
    operation: "the donor database",
    investment: "a new community centre",
    buyer: "philanthropic foundation",
  },
  {
    key: "hotel",
    label: "a hotel group",
    customers: "guests",
    role: "front-desk agent",
    process: "room turnover and housekeeping",
    regulation: "hygiene and fire-safety rules",
    service: "conference packages",
    supply: "linen and amenities",
    crisis: "a food-poisoning outbreak",
    event: "a wedding fair",
    operation: "the property management system",
    investment: "a spa renovation",
    buyer: "corporate travel manager",
  },
  {
    key: "bank",
    label: "a retail bank",
    customers: "account holders",
    role: "branch adviser",
    process: "customer identity checks (KYC)",
    regulation: "anti-money-laundering rules",
    service: "small-business loans",
    supply: "card printing",
    crisis: "a phishing campaign against customers",
    event: "a financial-literacy workshop",
    operation: "online banking",
    investment: "a core banking upgrade",
    buyer: "municipal treasury",
  },
  {
    key: "insurance",
    label: "an insurance company",
    customers: "policyholders",
    role: "claims handler",
    process: "claims assessment",
    regulation: "Solvency II and conduct rules",
    service: "home insurance policies",
    supply: "loss-adjuster services",
    crisis: "a flood causing a surge of claims",
    event: "a broker roadshow",
    operation: "the claims platform",
    investment: "fraud-detection analytics",
    buyer: "fleet operator seeking cover",
  },
  {
    key: "realestate",
    label: "a real-estate agency",
    customers: "buyers and tenants",
    role: "letting agent",
    process: "property viewings",
    regulation: "tenancy-deposit and anti-discrimination rules",
    service: "property management",
    supply: "listing portals",
    crisis: "a tenant-safety complaint going public",
    event: "an open-house weekend",
    operation: "the listings website",
    investment: "3D virtual tours",
    buyer: "pension fund selling a portfolio",
  },
  {
    key: "pharma",
    label: "a pharmaceutical company",
    customers: "healthcare professionals",
    role: "clinical research associate",
    process: "clinical-trial site monitoring",
    regulation: "GxP and pharmacovigilance rules",
    service: "a new oncology drug",
    supply: "active ingredients",
    crisis: "an adverse-event signal",
    event: "a medical congress symposium",
    operation: "the cold-chain distribution",
    investment: "a fill-finish line",
    buyer: "national hospital purchasing group",
  },
  {
    key: "publicsector",
    label: "a city administration",
    customers: "residents",
    role: "case officer",
    process: "permit applications",
    regulation: "public-procurement and transparency law",
    service: "online citizen services",
    supply: "street-lighting maintenance",
    crisis: "a winter storm closing roads",
    event: "a public consultation evening",
    operation: "the citizen portal",
    investment: "smart parking sensors",
    buyer: "regional government",
  },
  {
    key: "energy",
    label: "an energy utility",
    customers: "households and businesses",
    role: "field technician",
    process: "meter reading and billing",
    regulation: "energy-market regulator rules",
    service: "green electricity tariffs",
    supply: "smart meters",
    crisis: "a regional power cut",
    event: "an energy-savings fair",
    operation: "the grid control system",
    investment: "a solar farm",
    buyer: "industrial park operator",
  },
  {
    key: "agri",
    label: "an agricultural cooperative",
    customers: "member farmers",
    role: "agronomist",
    process: "harvest collection",
    regulation: "food-safety and pesticide rules",
    service: "grain storage and marketing",
    supply: "fertiliser",
    crisis: "a contaminated grain lot",
    event: "a field demonstration day",
    operation: "the grain silos",
    investment: "precision-farming drones",
    buyer: "food processor",
  },
  {
    key: "media",
    label: "a media company",
    customers: "readers and advertisers",
    role: "editor",
    process: "the editorial calendar",
    regulation: "press and advertising standards",
    service: "a digital subscription",
    supply: "freelance photography",
    crisis: "a published factual error",
    event: "a live podcast recording",
    operation: "the publishing platform",
    investment: "a video studio",
    buyer: "brand advertiser",
  },
  {
    key: "telecom",
    label: "a telecom operator",
    customers: "mobile subscribers",
    role: "network engineer",
    process: "number porting",
    regulation: "telecom licensing and net-neutrality rules",
    service: "fibre broadband",
    supply: "network antennas",
    crisis: "a nationwide network outage",
    event: "a 5G launch event",
    operation: "the core network",
    investment: "a fibre roll-out",
    buyer: "enterprise campus",
  },
  {
    key: "automotive",
    label: "a car dealership group",
    customers: "car buyers",
    role: "service adviser",
    process: "vehicle servicing bookings",
    regulation: "consumer-credit and vehicle-safety rules",
    service: "electric-vehicle leasing",
    supply: "spare parts",
    crisis: "a safety recall on a best-selling model",
    event: "a new-model launch weekend",
    operation: "the workshop planning system",
    investment: "EV charging bays",
    buyer: "company fleet manager",
  },
  {
    key: "airline",
    label: "a regional airline",
    customers: "passengers",
    role: "cabin crew member",
    process: "aircraft turnaround",
    regulation: "aviation-safety authority rules",
    service: "a new seasonal route",
    supply: "jet fuel",
    crisis: "mass flight cancellations",
    event: "an inaugural flight",
    operation: "the booking engine",
    investment: "a fleet renewal",
    buyer: "tour operator",
  },
  {
    key: "school",
    label: "a secondary school",
    customers: "pupils and parents",
    role: "teacher",
    process: "timetabling",
    regulation: "child-safeguarding rules",
    service: "after-school clubs",
    supply: "classroom laptops",
    crisis: "a safeguarding concern",
    event: "a parents' evening",
    operation: "the school information system",
    investment: "a science-lab refurbishment",
    buyer: "education authority",
  },
  {
    key: "consulting",
    label: "a management consultancy",
    customers: "client executives",
    role: "engagement manager",
    process: "project staffing",
    regulation: "client confidentiality agreements",
    service: "operating-model redesign",
    supply: "subcontracted experts",
    crisis: "a client dispute over deliverables",
    event: "a client round-table",
    operation: "the knowledge base",
    investment: "a data-science practice",
    buyer: "ministry transformation office",
  },
  {
    key: "hr",
    label: "an HR department",
    customers: "employees",
    role: "HR business partner",
    process: "the annual compensation review",
    regulation: "employment law",
    service: "employee benefits",
    supply: "a payroll provider",
    crisis: "a harassment allegation",
    event: "an employee wellbeing week",
    operation: "the HR information system",
    investment: "a learning platform",
    buyer: "business unit leadership",
  },
  {
    key: "finance",
    label: "a corporate finance team",
    customers: "business units",
    role: "financial controller",
    process: "the month-end close",
    regulation: "IFRS and internal-control requirements",
    service: "management accounts",
    supply: "audit services",
    crisis: "a material misstatement found late",
    event: "an investor day",
    operation: "the ERP ledger",
    investment: "a treasury system",
    buyer: "group CFO",
  },
  {
    key: "marketing",
    label: "a marketing agency",
    customers: "brand clients",
    role: "account director",
    process: "campaign approvals",
    regulation: "advertising and data-consent rules",
    service: "social-media campaigns",
    supply: "media buying",
    crisis: "an offensive ad backlash",
    event: "a product launch activation",
    operation: "the campaign analytics stack",
    investment: "a creative studio",
    buyer: "consumer-goods brand",
  },
  {
    key: "restaurant",
    label: "a restaurant group",
    customers: "diners",
    role: "head chef",
    process: "kitchen opening and closing",
    regulation: "food-hygiene rules",
    service: "catering for private events",
    supply: "fresh produce",
    crisis: "a bad hygiene inspection",
    event: "a tasting-menu launch night",
    operation: "the reservation system",
    investment: "a second location",
    buyer: "corporate catering client",
  },
  {
    key: "cybersec",
    label: "a cybersecurity team",
    customers: "internal business users",
    role: "security analyst",
    process: "vulnerability patching",
    regulation: "ISO 27001 and NIS2 requirements",
    service: "security awareness training",
    supply: "endpoint protection licences",
    crisis: "a ransomware attack",
    event: "a phishing-simulation campaign",
    operation: "the security operations centre",
    investment: "a SIEM platform",
    buyer: "board risk committee",
  },
  {
    key: "biotech",
    label: "a biotech start-up",
    customers: "research partners",
    role: "lab scientist",
    process: "sample tracking",
    regulation: "biosafety and GLP rules",
    service: "contract research assays",
    supply: "reagents",
    crisis: "a contaminated cell line",
    event: "a scientific advisory board day",
    operation: "the lab information system",
    investment: "a sequencing platform",
    buyer: "big-pharma partner",
  },
  {
    key: "architecture",
    label: "an architecture studio",
    customers: "clients commissioning buildings",
    role: "project architect",
    process: "design reviews",
    regulation: "building codes and planning law",
    service: "sustainable housing design",
    supply: "rendering software",
    crisis: "a planning permission refusal",
    event: "a design exhibition",
    operation: "the BIM model server",
    investment: "a sustainability certification team",
    buyer: "housing association",
  },
  {
    key: "ecommerce",
    label: "an online shop",
    customers: "online customers",
    role: "e-commerce manager",
    process: "order fulfilment",
    regulation: "distance-selling and returns rules",
    service: "a subscription box",
    supply: "packaging",
    crisis: "a payment-provider failure on Black Friday",
    event: "a flash sale",
    operation: "the checkout",
    investment: "a new storefront platform",
    buyer: "marketplace partner",
  },
  {
    key: "gaming",
    label: "a video-game studio",
    customers: "players",
    role: "game producer",
    process: "build certification",
    regulation: "age-rating and loot-box rules",
    service: "a live-service game",
    supply: "outsourced art",
    crisis: "a launch-day server meltdown",
    event: "a playtest weekend",
    operation: "the game servers",
    investment: "a new engine licence",
    buyer: "platform publisher",
  },
  {
    key: "shipping",
    label: "a maritime shipping line",
    customers: "freight forwarders",
    role: "vessel planner",
    process: "container loading plans",
    regulation: "IMO and port-state rules",
    service: "a new trade lane",
    supply: "bunker fuel",
    crisis: "a vessel grounding",
    event: "a port partnership signing",
    operation: "the vessel tracking system",
    investment: "scrubber retrofits",
    buyer: "global retailer",
  },
  {
    key: "mining",
    label: "a mining company",
    customers: "commodity traders",
    role: "mine engineer",
    process: "blast scheduling",
    regulation: "mine-safety and environmental permits",
    service: "copper concentrate",
    supply: "heavy haul trucks",
    crisis: "a tailings-dam alert",
    event: "a community town hall",
    operation: "the processing plant",
    investment: "an ore-sorting plant",
    buyer: "smelter",
  },
  {
    key: "fitness",
    label: "a gym chain",
    customers: "members",
    role: "personal trainer",
    process: "class scheduling",
    regulation: "health-and-safety and membership-contract rules",
    service: "a corporate wellness programme",
    supply: "fitness equipment",
    crisis: "a member injured on equipment",
    event: "a charity spin-a-thon",
    operation: "the membership app",
    investment: "a new studio opening",
    buyer: "corporate HR buyer",
  },
  {
    key: "dental",
    label: "a dental practice",
    customers: "dental patients",
    role: "dental hygienist",
    process: "sterilisation of instruments",
    regulation: "radiation-safety and infection-control rules",
    service: "clear-aligner treatment",
    supply: "dental implants",
    crisis: "an infection-control lapse",
    event: "a free check-up day",
    operation: "the patient records system",
    investment: "a 3D intraoral scanner",
    buyer: "dental insurance network",
  },
  {
    key: "vet",
    label: "a veterinary hospital",
    customers: "pet owners",
    role: "veterinary nurse",
    process: "surgery preparation",
    regulation: "veterinary medicines rules",
    service: "pet wellness plans",
    supply: "veterinary drugs",
    crisis: "a controlled-drug discrepancy",
    event: "a puppy-care evening",
    operation: "the practice management system",
    investment: "an MRI scanner",
    buyer: "pet insurance provider",
  },
  {
    key: "accounting",
    label: "an accounting firm",
    customers: "small-business clients",
    role: "tax accountant",
    process: "year-end tax returns",
    regulation: "tax-authority deadlines and professional standards",
    service: "bookkeeping packages",
    supply: "accounting software licences",
    crisis: "a missed filing deadline for clients",
    event: "a tax-changes briefing",
    operation: "the client portal",
    investment: "automation of bank reconciliations",
    buyer: "franchise network",
  },
  {
    key: "events",
    label: "an events agency",
    customers: "corporate event clients",
    role: "event producer",
    process: "venue site visits",
    regulation: "crowd-safety and licensing rules",
    service: "hybrid conferences",
    supply: "audio-visual equipment",
    crisis: "a keynote speaker cancelling last minute",
    event: "a trade-show stand",
    operation: "the ticketing platform",
    investment: "a streaming studio",
    buyer: "industry association",
  },
  {
    key: "research",
    label: "a market research firm",
    customers: "research clients",
    role: "research analyst",
    process: "survey fieldwork",
    regulation: "market-research codes of conduct",
    service: "brand-tracking studies",
    supply: "online panel providers",
    crisis: "a data-quality problem in delivered results",
    event: "an insights breakfast",
    operation: "the survey platform",
    investment: "a qualitative-research lab",
    buyer: "FMCG insights team",
  },
];

interface Deliverable {
  key: string;
  name: string;
  outputKind: TaskInput["outputKind"];
  describe: (d: Domain) => string;
  instruct: (d: Domain) => string;
  fields: (d: Domain) => { name: string; description: string; required: boolean }[];
  title: string;
  body: string;
}

const DELIVERABLES: Deliverable[] = [
  {
    key: "incident-postmortem",
    name: "Incident postmortem",
    outputKind: "custom",
    describe: (d) =>
      `The user works at ${d.label} and wants a blameless postmortem after something went wrong with ${d.operation}: timeline, root cause, impact on ${d.customers} and corrective actions.`,
    instruct: (d) =>
      `You write a blameless incident postmortem for ${d.label}. Reconstruct the timeline, separate root cause from contributing factors, and give each corrective action an owner and a date.`,
    fields: () => [
      { name: "what_happened", description: "What failed, when, and how it was noticed", required: true },
      { name: "impact", description: "Who was affected and how much", required: true },
      { name: "actions", description: "Fixes done and planned", required: false },
    ],
    title: "Postmortem – <incident> – <date>",
    body: "Markdown: Summary, Timeline (table), Root cause, Impact, What went well, Corrective actions (owner | action | due).",
  },
  {
    key: "sop",
    name: "Standard operating procedure",
    outputKind: "custom",
    describe: (d) =>
      `The user wants a step-by-step standard operating procedure (SOP) for ${d.process} at ${d.label}, so that every ${d.role} does it the same way.`,
    instruct: (d) =>
      `You write a standard operating procedure for ${d.process}. Number the steps, name the responsible ${d.role} or role for each, and add checks and safety notes where mistakes are likely.`,
    fields: () => [
      { name: "process_steps", description: "How the process is done today", required: true },
      { name: "roles", description: "Who does each part", required: false },
    ],
    title: "SOP – <process>",
    body: "Markdown: Purpose, Scope, Roles, Procedure (numbered steps), Checks, Records to keep, Revision history.",
  },
  {
    key: "rfp-response",
    name: "RFP response",
    outputKind: "custom",
    describe: (d) =>
      `The user is answering a tender or request for proposal from a ${d.buyer} about ${d.service} and wants a structured proposal response that addresses each requirement.`,
    instruct: (d) =>
      `You draft a response to an RFP for ${d.service}. Answer every requirement in order, state compliance clearly, and highlight ${d.label}'s differentiators without overpromising.`,
    fields: () => [
      { name: "requirements", description: "The RFP's requirements or questions", required: true },
      { name: "offer", description: "What is proposed, with prices if known", required: true },
      { name: "deadline", description: "Submission deadline", required: false },
    ],
    title: "Response to <issuer>'s RFP – <subject>",
    body: "Markdown: Executive summary, Understanding of needs, Requirement-by-requirement answers (table), Approach, Team, Pricing, Assumptions.",
  },
  {
    key: "press-release",
    name: "Press release",
    outputKind: "custom",
    describe: (d) =>
      `The user wants a press release for journalists announcing news from ${d.label}, such as the launch of ${d.service}, with a headline, quotes and boilerplate.`,
    instruct: () =>
      `You write a press release in inverted-pyramid style: the news in the first sentence, then context, one or two quotes from named spokespeople, and the boilerplate. No superlatives that cannot be backed up.`,
    fields: () => [
      { name: "news", description: "What is announced, when and where", required: true },
      { name: "quotes", description: "Who is quoted and what they say", required: false },
    ],
    title: "<Headline>",
    body: "Plain text: dateline, lead paragraph, 2–4 body paragraphs, quotes, boilerplate, media contact.",
  },
  {
    key: "risk-register",
    name: "Risk register",
    outputKind: "custom",
    describe: (d) =>
      `The user wants a risk register for ${d.label}: risks to ${d.operation} and to ${d.customers}, each rated for likelihood and impact with mitigations and owners.`,
    instruct: (d) =>
      `You build a risk register for ${d.label}. Phrase each risk as cause → event → consequence, rate likelihood and impact from 1 to 5, and propose a mitigation with an owner.`,
    fields: () => [
      { name: "risks", description: "The risks the user is worried about", required: true },
      { name: "scope", description: "The project or area covered", required: true },
    ],
    title: "Risk register – <scope>",
    body: "A Markdown table: ID | risk | likelihood | impact | score | mitigation | owner | status, then the top three risks in words.",
  },
  {
    key: "budget-variance",
    name: "Budget variance analysis",
    outputKind: "custom",
    describe: (d) =>
      `The user wants to explain the gap between budget and actual spending at ${d.label} for a period, for example on ${d.supply}, with the drivers of each variance and a forecast.`,
    instruct: () =>
      `You write a budget variance analysis. Compute each variance in amount and percent from the figures given, explain the drivers in plain words, and separate one-off from recurring effects. Never invent figures.`,
    fields: () => [
      { name: "figures", description: "Budget and actual amounts by line", required: true },
      { name: "period", description: "The period analysed", required: true },
    ],
    title: "Budget variance – <area> – <period>",
    body: "Markdown: Headline, Variance table (line | budget | actual | variance | %), Drivers, Outlook, Actions.",
  },
  {
    key: "policy",
    name: "Internal policy",
    outputKind: "custom",
    describe: (d) =>
      `The user wants to draft or update an internal policy for staff at ${d.label} that complies with ${d.regulation}: its purpose, scope, rules, responsibilities and exceptions.`,
    instruct: (d) =>
      `You draft an internal policy for ${d.label}. Write rules as clear "must" and "must not" statements, reference ${d.regulation} where relevant, and flag anything that needs legal review.`,
    fields: () => [
      { name: "topic", description: "What the policy covers", required: true },
      { name: "rules", description: "The rules the user has in mind", required: false },
    ],
    title: "Policy – <topic>",
    body: "Markdown: Purpose, Scope, Policy statements (numbered), Responsibilities, Exceptions, Review date.",
  },
  {
    key: "case-study",
    name: "Customer case study",
    outputKind: "custom",
    describe: (d) =>
      `The user wants a customer success story showing how ${d.label} helped one of its ${d.customers}: the challenge, the solution and measurable results, for the website or sales.`,
    instruct: () =>
      `You write a customer case study in challenge → solution → results form, with concrete numbers and a customer quote. Mark anything that still needs the customer's approval.`,
    fields: () => [
      { name: "customer", description: "Who the customer is", required: true },
      { name: "results", description: "Measurable outcomes", required: true },
    ],
    title: "Case study: <customer> – <result>",
    body: "Markdown: Headline result, At a glance, The challenge, The solution, The results (numbers), Quote.",
  },
  {
    key: "training-plan",
    name: "Training plan",
    outputKind: "custom",
    describe: (d) =>
      `The user wants a training plan or curriculum to build the skills of a ${d.role} at ${d.label}: learning objectives, modules, schedule and how progress is assessed.`,
    instruct: (d) =>
      `You design a training plan for a ${d.role}. Start from observable learning objectives, sequence modules from basic to advanced, and include practice and assessment for each.`,
    fields: () => [
      { name: "audience", description: "Who is trained and their level", required: true },
      { name: "skills", description: "Skills to build", required: true },
      { name: "duration", description: "Time available", required: false },
    ],
    title: "Training plan – <audience> – <skill>",
    body: "Markdown: Objectives, Modules (table: week | module | format | assessment), Resources, Success measures.",
  },
  {
    key: "performance-review",
    name: "Performance review",
    outputKind: "custom",
    describe: (d) =>
      `The user manages a ${d.role} at ${d.label} and wants to write their annual or mid-year performance review: achievements, strengths, areas to improve and goals.`,
    instruct: () =>
      `You write a fair, specific performance review. Base every statement on the examples the user gives, balance strengths and development areas, and end with measurable goals.`,
    fields: () => [
      { name: "employee", description: "Who is reviewed and their role", required: true },
      { name: "examples", description: "Concrete achievements and issues", required: true },
    ],
    title: "Performance review – <name> – <period>",
    body: "Markdown: Summary, Achievements, Strengths, Development areas, Goals for next period, Overall rating.",
  },
  {
    key: "business-case",
    name: "Business case",
    outputKind: "custom",
    describe: (d) =>
      `The user wants a business case to justify an investment at ${d.label}, such as ${d.investment}: costs, benefits, payback, options considered and risks.`,
    instruct: () =>
      `You write a business case. Compare at least the do-nothing option with the proposal, compute payback from the figures given, and list assumptions explicitly.`,
    fields: () => [
      { name: "investment", description: "What is proposed and its cost", required: true },
      { name: "benefits", description: "Expected savings or revenue", required: true },
    ],
    title: "Business case – <investment>",
    body: "Markdown: Recommendation, Problem, Options (table), Costs and benefits, Payback, Risks, Assumptions.",
  },
  {
    key: "newsletter",
    name: "Internal newsletter",
    outputKind: "custom",
    describe: (d) =>
      `The user wants an internal newsletter edition for people at ${d.label}: news, wins, people updates and upcoming dates, in a friendly tone.`,
    instruct: () =>
      `You write an internal newsletter. Lead with the most important news, keep each item to a short paragraph with a headline, and end with upcoming dates.`,
    fields: () => [
      { name: "items", description: "The news items to include", required: true },
      { name: "edition", description: "Month or edition number", required: false },
    ],
    title: "<Organisation> news – <edition>",
    body: "Markdown: Intro line, 3–6 items with headlines, Welcome aboard, Dates for the diary.",
  },
  {
    key: "survey",
    name: "Feedback survey",
    outputKind: "custom",
    describe: (d) =>
      `The user wants to design a questionnaire to collect feedback from ${d.customers} of ${d.label}, for example about ${d.service}, with well-formed, unbiased questions.`,
    instruct: () =>
      `You design a survey. Start from what decisions the results must inform, avoid leading and double-barrelled questions, and mix rating scales with one or two open questions. Keep it under 5 minutes.`,
    fields: () => [
      { name: "goal", description: "What the survey should learn", required: true },
      { name: "respondents", description: "Who answers it", required: true },
    ],
    title: "Survey – <topic>",
    body: "Markdown: Introduction text, numbered questions with answer options, Thank-you text.",
  },
  {
    key: "faq",
    name: "FAQ page",
    outputKind: "custom",
    describe: (d) => `The user wants a list of frequently asked questions with answers for ${d.customers} about ${d.service} offered by ${d.label}.`,
    instruct: () =>
      `You write an FAQ. Phrase questions the way customers ask them, answer each in at most three sentences, and group them by theme. Flag answers that need confirmation.`,
    fields: () => [
      { name: "topic", description: "The product or service covered", required: true },
      { name: "questions", description: "Questions customers actually ask", required: false },
    ],
    title: "FAQ – <topic>",
    body: "Markdown: themed sections, each question in bold followed by its answer.",
  },
  {
    key: "competitor-analysis",
    name: "Competitor analysis",
    outputKind: "custom",
    describe: (d) =>
      `The user wants to compare ${d.label} with its competitors on offer, pricing, positioning and strengths, for example in ${d.service}, and draw strategic conclusions.`,
    instruct: () =>
      `You write a competitor analysis from the information given. Compare on consistent criteria in a table, separate facts from assumptions, and end with implications and recommended moves.`,
    fields: () => [
      { name: "competitors", description: "Which competitors to compare", required: true },
      { name: "criteria", description: "What to compare on", required: false },
    ],
    title: "Competitor analysis – <market>",
    body: "Markdown: Key takeaways, Comparison table, Competitor profiles, Implications, Recommended moves.",
  },
  {
    key: "launch-plan",
    name: "Launch plan",
    outputKind: "custom",
    describe: (d) =>
      `The user is launching ${d.service} at ${d.label} and wants a go-to-market launch plan: target segment, messages, channels, timeline and success metrics.`,
    instruct: () =>
      `You write a launch plan. Define the target segment and the core message first, then a dated timeline of activities by channel with owners, and metrics with targets.`,
    fields: () => [
      { name: "offer", description: "What is launched", required: true },
      { name: "launch_date", description: "When", required: true },
    ],
    title: "Launch plan – <offer> – <date>",
    body: "Markdown: Goal, Target segment, Messages, Timeline (table), Budget, Metrics.",
  },
  {
    key: "vendor-comparison",
    name: "Vendor comparison",
    outputKind: "custom",
    describe: (d) =>
      `The user is choosing a supplier of ${d.supply} for ${d.label} and wants the quotes compared side by side on price, quality, terms and risk, with a recommendation.`,
    instruct: () =>
      `You compare vendors on weighted criteria. Put the facts in a table, score each vendor transparently, and recommend one with the main reason and the conditions to negotiate.`,
    fields: () => [
      { name: "vendors", description: "The vendors and their offers", required: true },
      { name: "criteria", description: "What matters most", required: false },
    ],
    title: "Vendor comparison – <category>",
    body: "Markdown: Recommendation, Criteria and weights, Comparison table, Scores, Negotiation points.",
  },
  {
    key: "onboarding-checklist",
    name: "Onboarding checklist",
    outputKind: "custom",
    describe: (d) =>
      `The user wants an onboarding checklist for a new ${d.role} joining ${d.label}: what to prepare before day one, first-week tasks, trainings and who to meet.`,
    instruct: (d) =>
      `You write an onboarding checklist for a new ${d.role}. Organise it by timeframe, give each item an owner, and include mandatory training on ${d.regulation}.`,
    fields: () => [
      { name: "role", description: "The new hire's role", required: true },
      { name: "start_date", description: "When they start", required: false },
    ],
    title: "Onboarding – <role>",
    body: "Markdown checklists: Before day one, Day one, First week, First month, with owners.",
  },
  {
    key: "crisis-statement",
    name: "Crisis statement",
    outputKind: "custom",
    describe: (d) =>
      `The user needs a public holding statement or crisis communication from ${d.label} after ${d.crisis}, for ${d.customers}, the press and staff.`,
    instruct: () =>
      `You write a crisis holding statement: acknowledge what happened, express concern, say what is being done and when the next update comes. Never speculate on causes or blame.`,
    fields: () => [
      { name: "facts", description: "What is known for certain", required: true },
      { name: "actions", description: "What is being done", required: true },
    ],
    title: "Statement on <incident>",
    body: "Plain text: 3–5 short paragraphs, spokesperson, time of next update.",
  },
  {
    key: "okrs",
    name: "Quarterly OKRs",
    outputKind: "custom",
    describe: (d) => `The user wants quarterly objectives and key results (OKRs) for a team at ${d.label}, with measurable key results and initiatives.`,
    instruct: () =>
      `You write OKRs: at most three objectives, each inspiring and qualitative, with two to four measurable key results that have a baseline and a target.`,
    fields: () => [
      { name: "team", description: "Which team and quarter", required: true },
      { name: "priorities", description: "What matters this quarter", required: true },
    ],
    title: "OKRs – <team> – <quarter>",
    body: "Markdown: each Objective with its key results (baseline → target) and initiatives.",
  },
  {
    key: "compliance-checklist",
    name: "Compliance audit checklist",
    outputKind: "custom",
    describe: (d) =>
      `The user is preparing an audit or inspection at ${d.label} and wants a checklist of the controls and evidence required by ${d.regulation}.`,
    instruct: (d) =>
      `You write an audit-readiness checklist for ${d.regulation}. Group controls by area, say what evidence proves each, and mark gaps the user mentions.`,
    fields: () => [
      { name: "audit", description: "Which audit or inspection, and when", required: true },
      { name: "known_gaps", description: "Known weaknesses", required: false },
    ],
    title: "Audit checklist – <standard> – <date>",
    body: "Markdown: table control | evidence | owner | status, then Gaps and next steps.",
  },
  {
    key: "event-plan",
    name: "Event plan",
    outputKind: "custom",
    describe: (d) =>
      `The user is organising ${d.event} for ${d.label} and wants an event plan: goals, audience, venue, run of show, budget and logistics checklist.`,
    instruct: () =>
      `You write an event plan. Start from the event's goal and audience, then give a run of show, a budget table and a dated logistics checklist with owners.`,
    fields: () => [
      { name: "event", description: "What event, when, how many people", required: true },
      { name: "budget", description: "The budget available", required: false },
    ],
    title: "Event plan – <event> – <date>",
    body: "Markdown: Goal, Audience, Venue, Run of show (table), Budget, Logistics checklist.",
  },
  {
    key: "complaint-response",
    name: "Complaint response letter",
    outputKind: "email",
    describe: (d) =>
      `The user received a complaint from one of the ${d.customers} of ${d.label} and wants a reply letter that apologises where due, explains and proposes a remedy.`,
    instruct: () =>
      `You write a reply to a customer complaint. Acknowledge the specific problem, apologise for what the organisation got wrong, explain briefly, and offer a concrete remedy and a contact.`,
    fields: () => [
      { name: "complaint", description: "What the customer complained about", required: true },
      { name: "remedy", description: "What can be offered", required: false },
    ],
    title: "Re: <the complaint's subject>",
    body: "A letter: greeting, acknowledgement, apology, explanation, remedy, contact, sign-off.",
  },
  {
    key: "capacity-plan",
    name: "Capacity and staffing plan",
    outputKind: "custom",
    describe: (d) =>
      `The user wants a capacity or staffing plan for ${d.label}: demand forecast for ${d.process}, the number of people needed per shift or week, and how gaps are covered.`,
    instruct: () =>
      `You write a capacity plan. Turn the demand figures into required hours and headcount, compare with available staff, and propose how to cover the gap (overtime, hiring, temporary staff).`,
    fields: () => [
      { name: "demand", description: "Expected volume by period", required: true },
      { name: "staff", description: "People available", required: true },
    ],
    title: "Capacity plan – <area> – <period>",
    body: "Markdown: Summary, Demand vs capacity table, Gaps, Options, Recommendation.",
  },
  {
    key: "contract-summary",
    name: "Contract summary",
    outputKind: "custom",
    describe: (d) =>
      `The user wants the key terms of a contract summarised for ${d.label}, for example with a ${d.buyer} or a supplier of ${d.supply}: obligations, dates, prices, liabilities and risky clauses.`,
    instruct: () =>
      `You summarise a contract from the clauses the user gives. List obligations of each party, key dates and amounts, and flag unusual or risky clauses. Say that this is not legal advice.`,
    fields: () => [
      { name: "contract_text", description: "The contract or its main clauses", required: true },
      { name: "concerns", description: "What the user worries about", required: false },
    ],
    title: "Contract summary – <parties>",
    body: "Markdown: At a glance (table), Obligations by party, Key dates, Money, Risky clauses, Questions for legal.",
  },
];

/** The base tasks followed by generated tasks, `total` in all; domain by domain, deliverable by deliverable. */
export function makeLargeRegistry(base: TaskInput[], total = LARGE_REGISTRY_SIZE): TaskInput[] {
  const tasks = [...base];
  const slugs = new Set(base.map((t) => t.slug));
  for (const deliverable of DELIVERABLES) {
    for (const domain of DOMAINS) {
      if (tasks.length >= total) break;
      const slug = `${domain.key}-${deliverable.key}`;
      if (slugs.has(slug)) continue;
      slugs.add(slug);
      tasks.push(
        taskInputSchema.parse({
          slug,
          name: `${deliverable.name} (${domain.label.replace(/^an? /, "")})`,
          routerDescription: deliverable.describe(domain),
          instructions: `${deliverable.instruct(domain)} Ask for missing required information in one message.`,
          infoToCollect: deliverable.fields(domain),
          outputKind: deliverable.outputKind,
          outputTitleFormat: deliverable.title,
          outputBodyFormat: deliverable.body,
          enabled: true,
        }),
      );
    }
  }
  if (tasks.length < total) throw new Error(`Only ${tasks.length} tasks can be generated; asked for ${total}.`);
  return tasks;
}

export const REGISTRY_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../eval/registries");

/** The large registry's file contents: the extended registry's tasks plus generated ones. */
export function largeRegistryFile(total = LARGE_REGISTRY_SIZE): string {
  const extended = JSON.parse(readFileSync(path.join(REGISTRY_DIR, "extended.json"), "utf8")) as { tasks: TaskInput[] };
  const tasks = makeLargeRegistry(
    extended.tasks.map((t) => taskInputSchema.parse(t)),
    total,
  );
  return `${JSON.stringify({ format: "switchboard.tasks/v1", tasks }, null, 1)}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      out: { type: "string", default: path.join(REGISTRY_DIR, `${LARGE_REGISTRY_NAME}.json`) },
      count: { type: "string", default: String(LARGE_REGISTRY_SIZE) },
    },
  });
  const text = largeRegistryFile(Number(values.count));
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_COMMITTED_BYTES) {
    console.log(
      `${values.count} tasks take ${(bytes / 1e6).toFixed(2)} MB, over ${MAX_COMMITTED_BYTES / 1e6} MB: not written. eval-router generates them on the fly.`,
    );
  } else {
    writeFileSync(values.out!, text);
    console.log(`Wrote ${values.count} tasks (${(bytes / 1e6).toFixed(2)} MB) to ${path.relative(process.cwd(), values.out!)}.`);
  }
}
