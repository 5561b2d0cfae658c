// Generated, realistic benchmark data shared by scripts/bench-learnings.ts and scripts/bench.ts: what
// professionals ask, the deliverables they get and the learnings made from feedback (large registries
// come from scripts/make-large-registry.ts). Everything comes from one seeded random generator, so every
// run inserts and asks the same things.

/** A small seeded random generator. */
export function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// ---- professional vocabulary ----
export const people = [
  "Nadia",
  "Marco",
  "Priya",
  "Tom",
  "Lea",
  "Ines",
  "Kofi",
  "Carla",
  "Ana",
  "Bo",
  "Hiroshi",
  "Fatima",
  "Lukas",
  "Sofia",
  "Omar",
  "Elena",
  "Raj",
  "Chloe",
  "Mateo",
  "Grace",
  "Yusuf",
  "Hannah",
  "Diego",
  "Mei",
  "Olga",
  "Samuel",
  "Aisha",
  "Jonas",
  "Camille",
  "Viktor",
];
export const companies = [
  "ACME",
  "Globex",
  "Initech",
  "Umbrella Logistics",
  "Stark Freight",
  "Wayne Health",
  "Hooli",
  "Vandelay Imports",
  "Soylent Foods",
  "Tyrell Systems",
  "Cyberdyne Labs",
  "Nakatomi Trading",
  "Massive Dynamic",
  "Oceanic Air",
  "Blue Sun",
  "Aperture Retail",
];
export const departments = [
  "finance",
  "procurement",
  "operations",
  "legal",
  "sales",
  "marketing",
  "HR",
  "IT",
  "customer success",
  "engineering",
  "compliance",
  "facilities",
  "product",
  "security",
  "logistics",
];
export const topics = [
  "Q3 logistics contract renewal",
  "carrier tender for the northern routes",
  "warehouse consolidation",
  "quarterly budget review",
  "hiring freeze",
  "supplier onboarding",
  "vendor selection for the CRM",
  "data migration to the new ERP",
  "pricing update for enterprise plans",
  "annual compliance audit",
  "GDPR data retention policy",
  "office relocation",
  "product launch timeline",
  "marketing campaign for the spring release",
  "security incident review",
  "customer churn analysis",
  "sales pipeline review",
  "board presentation",
  "capital expenditure request",
  "travel policy changes",
  "employee engagement survey",
  "onboarding process for new hires",
  "forklift safety inspections",
  "fleet electrification pilot",
  "freight cost reduction",
  "inventory write-off",
  "cash flow forecast",
  "partner referral programme",
  "service level agreement renegotiation",
  "cloud cost optimisation",
  "accessibility review of the website",
  "pilot with a hospital network",
  "insurance policy renewal",
  "year-end closing",
  "sustainability report",
  "four-day week trial",
  "shared parking scheme",
  "internal training programme",
  "customer advisory board",
  "tender for cleaning services",
];
export const decisions = [
  "postpone the launch by two weeks",
  "re-tender the northern routes",
  "freeze hiring until Q3",
  "approve the pilot budget",
  "move to monthly inspections",
  "switch carriers for the southern region",
  "renew the contract for two years",
  "cap travel spend at 80% of last year",
  "run the survey in October",
  "hire a temporary data engineer",
  "escalate the incident to the board",
  "consolidate the two warehouses",
  "pilot electric vans in the city centre",
  "renegotiate payment terms to 45 days",
  "drop the legacy pricing tier",
  "start the migration in January",
];
export const actions = [
  "send the revised pricing",
  "draft the tender documents",
  "book the follow-up workshop",
  "share the audit checklist",
  "update the cash flow forecast",
  "collect quotes from three carriers",
  "prepare the board slides",
  "confirm the pilot sites",
  "circulate the minutes",
  "check the insurance clauses",
  "schedule the safety training",
  "review the SLA penalties",
  "write the job description",
  "set up the shared drive",
  "call the landlord",
];
export const dates = [
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "next week",
  "end of the month",
  "15 March",
  "2 April",
  "30 June",
  "12 September",
  "the end of Q3",
  "4 November",
];
export const ideas = [
  "shorter weekly meetings",
  "a shared parking rota",
  "quarterly carrier scorecards",
  "a mentoring programme for juniors",
  "self-service expense reports",
  "a single intake form for IT requests",
  "remote Fridays",
  "a supplier code of conduct",
  "automated invoice matching",
  "a knowledge base for support",
  "bike leasing for staff",
  "a customer feedback panel",
  "energy-saving lighting in the warehouse",
  "a travel booking tool",
  "cross-training in operations",
];
export const audiences = [
  "the board",
  "the leadership team",
  "all staff",
  "the finance committee",
  "department heads",
  "the operations team",
  "new managers",
  "the works council",
];
export const complaints = [
  "Too long; keep it to one page",
  "Do not invent attendees",
  "Never open with 'I hope this email finds you well'",
  "Use a table for action items",
  "Too formal for a colleague",
  "Put the decisions before the discussion",
  "Do not use exclamation marks",
  "Keep the user's numbers exactly",
  "Always include due dates",
  "Avoid jargon like 'synergies'",
  "The subject line was too vague",
  "Missing the call to action",
  "Do not repeat the summary at the end",
];
export const chatter = [
  "What is the capital of Portugal?",
  "How do I convert a PDF to Word?",
  "Thanks, that's all",
  "Can you explain what EBITDA means?",
  "What time is it in Tokyo?",
  "Tell me a joke about accountants",
  "How long should a board memo be?",
];

/** The three tasks every installation is seeded with (lib/tasks/seed-tasks.ts). */
export const seedTaskRefs = [
  { slug: "meeting-minutes", name: "Meeting minutes" },
  { slug: "follow-up-email", name: "Follow-up email" },
  { slug: "memo-from-ideas", name: "Memo from loose ideas" },
] as const;
export type SeedSlug = (typeof seedTaskRefs)[number]["slug"];

export type TaskGen = { slug: string; name: string; request(): string; followUp(): string; deliverable(): string };

/**
 * One generator: the random stream and everything drawn from it. Two generators with the same seed
 * produce the same sequence.
 */
export function createGenerator(seed: number) {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const some = <T>(list: readonly T[], min: number, max: number): T[] => {
    const n = min + Math.floor(random() * (max - min + 1));
    const copy = [...list];
    const out: T[] = [];
    while (out.length < n && copy.length) out.push(copy.splice(Math.floor(random() * copy.length), 1)[0]);
    return out;
  };

  function userRequest(slug: SeedSlug | "none"): string {
    const topic = pick(topics);
    switch (slug) {
      case "meeting-minutes":
        return pick([
          `Write the minutes of the ${topic} meeting with ${some(people, 2, 3).join(", ")} on ${pick(dates)}`,
          `I just left the ${topic} meeting with ${pick(companies)}; we decided to ${pick(decisions)}. Can you write it up?`,
          `Minutes please: ${pick(departments)} sync about the ${topic}, ${pick(people)} will ${pick(actions)} by ${pick(dates)}`,
          `Summarise our call with ${pick(people)} from ${pick(companies)} about the ${topic} as minutes`,
        ]);
      case "follow-up-email":
        return pick([
          `Can you draft the follow-up email to ${pick(people)} about the ${topic}?`,
          `Send ${pick(people)} at ${pick(companies)} a thank-you email after today's call on the ${topic}`,
          `Email the participants: we agreed to ${pick(decisions)}; ${pick(people)} will ${pick(actions)} by ${pick(dates)}`,
          `Write a short follow-up to ${pick(people)} confirming next steps on the ${topic}`,
        ]);
      case "memo-from-ideas":
        return pick([
          `Turn these ideas into a memo for ${pick(audiences)}: ${some(ideas, 2, 4).join(", ")}`,
          `Brain dump on the ${topic}: ${some(ideas, 2, 3).join("; ")}. Make it a one-pager for ${pick(audiences)}`,
          `Some loose notes for ${pick(audiences)} about the ${topic}: ${some(ideas, 2, 4).join(", ")}`,
        ]);
      default:
        return pick([...chatter, `What do you think about the ${topic}?`, `Remind me what ${pick(departments)} does`]);
    }
  }

  function deliverable(slug: SeedSlug): string {
    const topic = pick(topics);
    const who = some(people, 3, 5);
    if (slug === "meeting-minutes") {
      return [
        `Minutes – ${cap(topic)} – ${pick(dates)}`,
        "",
        "**Attendees**",
        ...who.map((p) => `- ${p} (${cap(pick(departments))})`),
        "",
        "**Summary**",
        `The ${pick(departments)} and ${pick(departments)} teams met with ${pick(companies)} to discuss the ${topic}. ${cap(pick(people))} presented the current status of the ${pick(topics)}. The group agreed to ${pick(decisions)}.`,
        "",
        "**Discussion**",
        ...some(topics, 2, 4).map((t) => `- ${cap(t)}: ${pick(people)} raised concerns about cost and timeline; ${pick(people)} proposed to ${pick(actions)}.`),
        "",
        "**Decisions**",
        ...some(decisions, 1, 3).map((d, i) => `${i + 1}. ${cap(d)}`),
        "",
        "**Action items**",
        "| Owner | Action | Due |",
        ...some(actions, 2, 4).map((a) => `| ${pick(who)} | ${cap(a)} | ${pick(dates)} |`),
      ].join("\n");
    }
    if (slug === "follow-up-email") {
      return [
        `${cap(topic)}: next steps`,
        "",
        `Dear ${pick(people)},`,
        "",
        `Thank you for your time on ${pick(dates)} to discuss the ${topic}.`,
        "",
        "As agreed:",
        ...some(decisions, 2, 3).map((d) => `- We will ${d}.`),
        "",
        "Next steps:",
        ...some(actions, 1, 3).map((a) => `- ${pick(people)} will ${a} by ${pick(dates)}.`),
        "",
        `Could you confirm by ${pick(dates)} that this works for ${pick(companies)}?`,
        "",
        "Best regards,",
        "[Your name]",
      ].join("\n");
    }
    return [
      `Memo – ${cap(topic)}`,
      "",
      `**To:** ${cap(pick(audiences))}`,
      `**Main point:** we propose ${pick(ideas)} to support the ${topic}.`,
      "",
      "**Proposals**",
      ...some(ideas, 2, 4).map((i, n) => `${n + 1}. ${cap(i)} — owned by ${pick(departments)}; first step: ${pick(actions)}.`),
      "",
      "**Open questions**",
      ...some(topics, 1, 3).map((t) => `- How does this affect the ${t}?`),
    ].join("\n");
  }

  const cuidish = () =>
    `c${Math.floor(random() * 36 ** 10)
      .toString(36)
      .padStart(10, "0")}${Math.floor(random() * 36 ** 10)
      .toString(36)
      .padStart(10, "0")}`;

  const followUp = () =>
    pick([
      `make it shorter`,
      `add that ${pick(people)} will ${pick(actions)} by ${pick(dates)}`,
      `the date was ${pick(dates)}`,
      `also mention ${pick(companies)}`,
      `use a more formal tone`,
    ]);

  /** The seed tasks as learning/request generators; ids come from the database. */
  function seedTaskGens(): (TaskGen & { slug: SeedSlug })[] {
    return seedTaskRefs.map((t) => ({ ...t, request: () => userRequest(t.slug), followUp, deliverable: () => deliverable(t.slug) }));
  }

  /**
   * Requests, follow-ups and deliverables for any other task, worded from its name the way users ask:
   * "Incident postmortem (healthcare clinic)" (scripts/make-large-registry.ts) becomes "Can you write an
   * incident postmortem for our healthcare clinic? …", sometimes without the domain.
   */
  function taskGenFor(task: { slug: string; name: string }): TaskGen {
    const parts = /^(.*) \((.*)\)$/.exec(task.name);
    const what = (parts?.[1] ?? task.name).replace(/^\w+/, (w) => (w === w.toUpperCase() ? w : w.toLowerCase()));
    const where = parts?.[2];
    const a = /^[aeiou]/i.test(what) ? "an" : "a";
    const at = (prefix: string) => (where ? `${prefix}${where}` : "");
    return {
      slug: task.slug,
      name: task.name,
      request: () =>
        pick([
          `Can you write ${a} ${what}${at(" for our ")}? It's about the ${pick(topics)}.`,
          `I need the ${what} on the ${pick(topics)} by ${pick(dates)}${at(" — we're a ")}`,
          `${cap(what)} please: the ${pick(topics)}, for ${pick(audiences)}. ${pick(people)} asked for it.`,
          `Help me put together ${a} ${what} about the ${pick(topics)}`,
          `${pick(people)} needs ${a} ${what} covering the ${pick(topics)}${at(" at our ")}`,
        ]),
      followUp,
      deliverable: () =>
        [
          `${cap(what)} – ${cap(pick(topics))} – ${pick(dates)}`,
          "",
          `**Context:** ${pick(people)} asked for this after the ${pick(topics)}${at(" at the ")}.`,
          "",
          ...some(actions, 2, 4).map((x, n) => `${n + 1}. ${cap(x)} — ${pick(people)}, ${pick(dates)}`),
          "",
          `**Next step:** ${pick(decisions)}.`,
        ].join("\n"),
    };
  }

  /**
   * One learning as feedback would have made it: 40% routing corrections, the rest task examples and
   * things to avoid. `pickTask` chooses the task (default: uniformly among `pool`).
   */
  function learningRow(pool: (TaskGen & { id: string })[], conversations: string[], pickTask: () => TaskGen & { id: string } = () => pick(pool)) {
    const router = random() < 0.4;
    const conversationId = random() < 0.95 ? pick(conversations) : null;
    const status = random() < 0.05 ? ("disabled" as const) : ("active" as const);
    if (router) {
      const correct = random() < 0.15 ? null : pickTask();
      const excerpt: string[] = [];
      if (random() < 0.5) excerpt.push(`User: ${pickTask().request()}`, `Assistant: ${pick(["Happy to.", "Here is a draft.", "Who attended?", "Done."])}`);
      excerpt.push(`User: ${correct ? correct.request() : userRequest("none")}`);
      return {
        scope: "router" as const,
        kind: "routing" as const,
        taskId: correct ? correct.id : null,
        inputExcerpt: excerpt.join("\n"),
        expectedOutput: correct ? correct.slug : "none",
        conversationId,
        status,
      };
    }
    const task = pickTask();
    const avoid = random() < 0.3;
    return {
      scope: "task" as const,
      kind: avoid ? ("avoid" as const) : ("example" as const),
      taskId: task.id,
      inputExcerpt: Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) =>
        i === 0 ? task.request() : pick([`make it shorter`, `add that ${pick(people)} will ${pick(actions)}`, `the date was ${pick(dates)}`]),
      ).join("\n"),
      expectedOutput: avoid ? pick(complaints) : task.deliverable(),
      conversationId,
      status,
    };
  }

  return { random, pick, some, userRequest, deliverable, cuidish, followUp, seedTaskGens, taskGenFor, learningRow };
}
export type Generator = ReturnType<typeof createGenerator>;
