import { describe, expect, it } from "vitest";
import { shortlistTasks } from "@/lib/router";

const domains = ["legal", "finance", "sales", "marketing", "engineering", "logistics", "procurement", "support", "hr", "security"];
const outputs = ["checklist", "report", "summary", "plan", "brief", "proposal", "review", "forecast", "policy", "notes"];
const registry = domains.flatMap((domain) =>
  outputs.map((output) => ({
    slug: `${domain}-${output}`,
    name: `${domain} ${output}`,
    routerDescription: `The user wants a ${output} for the ${domain} team.`,
  })),
);
registry.push(
  { slug: "meeting-minutes", name: "Meeting minutes", routerDescription: "The user describes a meeting that took place and wants minutes written." },
  { slug: "follow-up-email", name: "Follow-up email", routerDescription: "The user wants an email to send after a meeting, recapping what was agreed." },
);

describe("shortlistTasks", () => {
  it("returns a registry no larger than the shortlist as it is", () => {
    const small = registry.slice(0, 5);
    expect(shortlistTasks({ tasks: small, currentTask: null, text: "anything", size: 12 })).toBe(small);
  });

  it("keeps the relevant task among many, within the size", () => {
    const list = shortlistTasks({ tasks: registry, currentTask: null, text: "I just left the meeting with ACME, can you write the minutes?", size: 8 });
    expect(list.length).toBeLessThanOrEqual(8);
    expect(list.map((t) => t.slug)).toContain("meeting-minutes");
    const email = shortlistTasks({ tasks: registry, currentTask: null, text: "Send a follow-up e-mail to the participants", size: 8 });
    expect(email.map((t) => t.slug)).toContain("follow-up-email");
  });

  it("always keeps the current task and the tasks of relevant corrections", () => {
    const list = shortlistTasks({
      tasks: registry,
      currentTask: "hr-policy",
      text: "quarterly logistics forecast please",
      size: 6,
      alwaysInclude: ["security-brief"],
    });
    const slugs = list.map((t) => t.slug);
    expect(slugs).toEqual(expect.arrayContaining(["hr-policy", "security-brief", "logistics-forecast"]));
    expect(slugs.length).toBeLessThanOrEqual(6);
  });

  it("matches words with accents or different case to the task text", () => {
    const list = shortlistTasks({ tasks: registry, currentTask: null, text: "PROCUREMENT propósal for the new vendor", size: 5 });
    expect(list.map((t) => t.slug)).toContain("procurement-proposal");
  });
});

describe("shortlist across languages", () => {
  it("finds a task from a Spanish or French request through its translations and example requests", () => {
    const translated = registry.map((t) =>
      t.slug === "meeting-minutes"
        ? { ...t, translations: { es: { name: "Acta de reunión" }, fr: { name: "Compte rendu de réunion" } } }
        : t.slug === "follow-up-email"
          ? { ...t, exampleRequests: ["Écris un courriel de relance aux participants"] }
          : t,
    );
    const es = shortlistTasks({ tasks: translated, currentTask: null, text: "Acabo de salir de las reuniones, ¿puedes redactar el acta?", size: 6 });
    expect(es.map((t) => t.slug)).toContain("meeting-minutes");
    const fr = shortlistTasks({ tasks: translated, currentTask: null, text: "Peux-tu écrire les courriels de relance ?", size: 6 });
    expect(fr.map((t) => t.slug)).toContain("follow-up-email");
    // without them, nothing in the task's text is Spanish: no word list stands in for one
    expect(shortlistTasks({ tasks: registry, currentTask: null, text: "¿puedes redactar el acta?", size: 6 }).map((t) => t.slug)).not.toContain(
      "meeting-minutes",
    );
  });
});

describe("what the shortlist searches", () => {
  it("searches example requests and requests learned from corrections, and matches words by their stem", () => {
    const text = "Put the thoughts from the call in order";
    expect(shortlistTasks({ tasks: registry, currentTask: null, text, size: 5 }).map((t) => t.slug)).not.toContain("hr-notes");
    const withExample = registry.map((t) => (t.slug === "hr-notes" ? { ...t, exampleRequests: ["Order my thought for the people team"] } : t));
    expect(shortlistTasks({ tasks: withExample, currentTask: null, text, size: 5 }).map((t) => t.slug)).toContain("hr-notes");
    const learned = registry.map((t) => (t.slug === "hr-notes" ? { ...t, learnedRequests: ["calls with the people team"] } : t));
    expect(shortlistTasks({ tasks: learned, currentTask: null, text, size: 5 }).map((t) => t.slug)).toContain("hr-notes");
  });

  it("is never short: after the matches come the tasks chosen most recently, then the others by name", () => {
    const nothing = shortlistTasks({
      tasks: registry,
      currentTask: null,
      text: "zzz qqq",
      size: 4,
      recentlyChosen: ["security-plan", "no-such-task", "legal-brief"],
    });
    expect(nothing.map((t) => t.slug).sort()).toEqual(["engineering-brief", "engineering-checklist", "legal-brief", "security-plan"].sort());
    const empty = shortlistTasks({ tasks: registry, currentTask: null, text: "", size: 3 });
    expect(empty.map((t) => t.name).sort()).toEqual(["engineering brief", "engineering checklist", "engineering forecast"]);
    const one = shortlistTasks({ tasks: registry, currentTask: null, text: "minutes", size: 3, recentlyChosen: ["sales-plan"] });
    expect(one.map((t) => t.slug).sort()).toEqual(["engineering-brief", "meeting-minutes", "sales-plan"]);
  });
});
