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
  it("finds an English-described task from a Spanish or French request", () => {
    const es = shortlistTasks({ tasks: registry, currentTask: null, text: "Acabo de salir de la reunión, ¿puedes redactar el acta?", size: 6 });
    expect(es.map((t) => t.slug)).toContain("meeting-minutes");
    const fr = shortlistTasks({ tasks: registry, currentTask: null, text: "Peux-tu écrire le courriel de relance aux participants ?", size: 6 });
    expect(fr.map((t) => t.slug)).toContain("follow-up-email");
  });
});
