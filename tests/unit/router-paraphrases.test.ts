import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { termForms, wordsOf } from "@/lib/router/terms";
import { type TaskInput, taskInputSchema } from "@/lib/tasks/schema";
import { parseDataset } from "../../eval/evaluation";

// The dataset's paraphrase turns ask for a task in words of their own: no word, and no stem of a word
// (English, Spanish or French), in common with anything the shortlist could match of the expected
// task — its slug, name, description, router description, translations and example requests.

function taskText(task: TaskInput): string {
  const translations = Object.values(task.translations ?? {}).flatMap((t) => [t?.name ?? "", t?.description ?? ""]);
  const examples = (task as { exampleRequests?: string[] }).exampleRequests ?? [];
  return [task.slug.replace(/[-_]/g, " "), task.name, task.description, task.routerDescription, ...translations, ...examples].join("\n");
}

/** The words of `request` that share a form (the word or a stem) with the task's text. */
function sharedWords(request: string, task: TaskInput): string[] {
  const forms = new Set(wordsOf(taskText(task)).flatMap(termForms));
  return wordsOf(request).filter((word) => termForms(word).some((form) => forms.has(form)));
}

const registries = Object.fromEntries(
  ["seed", "extended"].map((name) => {
    const file = JSON.parse(readFileSync(`eval/registries/${name}.json`, "utf8")) as { tasks: unknown[] };
    return [name, new Map(file.tasks.map((t) => taskInputSchema.parse(t)).map((t) => [t.slug, t]))];
  }),
);

const paraphrases = parseDataset(readFileSync("eval/router-dataset.jsonl", "utf8")).conversations.flatMap((c) =>
  c.turns.filter((t) => t.paraphrase).map((t) => ({ id: c.id, language: c.language, user: t.user, task: registries[c.registry ?? ""]!.get(t.expected)! })),
);

describe("paraphrase turns of the router dataset", () => {
  it("are at least 20, in English, Spanish and French, each expecting a task of its registry", () => {
    expect(paraphrases.length).toBeGreaterThanOrEqual(20);
    for (const language of ["en", "es", "fr"]) expect(paraphrases.filter((p) => p.language === language).length, language).toBeGreaterThanOrEqual(6);
    for (const p of paraphrases) expect(p.task, p.id).toBeDefined();
  });

  it("share no word or stem with their task's slug, name, descriptions, translations or example requests", () => {
    const offending = paraphrases.map((p) => ({ id: p.id, shared: sharedWords(p.user, p.task) })).filter((p) => p.shared.length);
    expect(offending).toEqual([]);
  });

  it("would catch a shared word, a shared stem or a word of an example request", () => {
    const minutes = registries.seed.get("meeting-minutes")!;
    expect(sharedWords("Could you write it up?", minutes)).toEqual(["write"]);
    expect(sharedWords("Reuniones de ayer", minutes)).toEqual(["Reuniones"]);
    expect(sharedWords("a quick recap of the call", minutes)).toEqual([]);
    expect(sharedWords("a quick recap of the call", { ...minutes, exampleRequests: ["Recap the call, please"] } as TaskInput)).toEqual(["recap", "call"]);
  });
});
