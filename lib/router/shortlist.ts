import MiniSearch, { type SearchOptions } from "minisearch";
import { FUSION_DEPTH, reciprocalRankFusion } from "@/lib/embeddings";
import { termForms } from "./terms";

export interface ShortlistTask {
  slug: string;
  name: string;
  routerDescription: string;
  /** what users read of the task */
  description?: string;
  /** the name and description in other languages: { "es": { "name": "…", "description": "…" } } */
  translations?: unknown;
  /** the admin's example requests */
  exampleRequests?: string[];
  /** requests learned from routing corrections (the registry attaches them), searched like the admin's examples */
  learnedRequests?: string[];
}

type Field = "slug" | "name" | "description" | "routerDescription" | "examples";
const FIELDS: Field[] = ["slug", "name", "description", "routerDescription", "examples"];
/** A task's own names weigh most; its examples, in users' words, more than its descriptions. */
const BOOST: Record<Field, number> = { slug: 2, name: 2, examples: 1.5, description: 1, routerDescription: 1 };

function translatedTexts(translations: unknown, key: "name" | "description"): string[] {
  if (!translations || typeof translations !== "object") return [];
  return Object.values(translations as Record<string, Record<string, unknown> | undefined>)
    .map((t) => t?.[key])
    .filter((text): text is string => typeof text === "string");
}

function fieldText(task: ShortlistTask, field: Field): string {
  switch (field) {
    case "slug":
      return task.slug.replace(/[-_]/g, " ");
    case "name":
      return [task.name, ...translatedTexts(task.translations, "name")].join("\n");
    case "description":
      return [task.description ?? "", ...translatedTexts(task.translations, "description")].join("\n");
    case "routerDescription":
      return task.routerDescription;
    case "examples":
      return [...(task.exampleRequests ?? []), ...(task.learnedRequests ?? [])].join("\n");
  }
}

const SEARCH: SearchOptions = {
  boost: BOOST,
  combineWith: "OR",
  // "recap" also finds "recapping", at a lower weight; typo tolerance (fuzzy) doubled the search time
  // for one more hit in the eval, so it is off
  prefix: (term) => term.length >= 4,
  weights: { prefix: 0.4, fuzzy: 0 },
};

// One index per registry array: the registry cache hands out the same array until the registry
// (or a routing correction) changes, so the index is built once per version and dropped with it.
const indexes = new WeakMap<object, MiniSearch<{ id: string }>>();

function indexFor(tasks: ShortlistTask[]) {
  let index = indexes.get(tasks);
  if (!index) {
    const bySlug = new Map(tasks.map((t) => [t.slug, t]));
    index = new MiniSearch<{ id: string }>({
      fields: FIELDS,
      extractField: (document, field) => (field === "id" ? document.id : fieldText(bySlug.get(document.id)!, field as Field)),
      processTerm: termForms,
      searchOptions: SEARCH,
    });
    index.addAll(tasks.map((t) => ({ id: t.slug })));
    indexes.set(tasks, index);
  }
  return index;
}

const orders = new WeakMap<object, { slugs: Set<string>; byName: string[] }>();

/** The registry's slugs, and the same in the order of the tasks' names: worked out once per registry array. */
function orderOf(tasks: ShortlistTask[]) {
  let order = orders.get(tasks);
  if (!order) {
    order = { slugs: new Set(tasks.map((t) => t.slug)), byName: [...tasks].sort((a, b) => a.name.localeCompare(b.name)).map((t) => t.slug) };
    orders.set(tasks, order);
  }
  return order;
}

// A turn asks twice with the same text (the executor's suggestions, then the router's shortlist): the
// last search is kept, per registry array.
const lastSearch = new WeakMap<object, { text: string; slugs: string[] }>();

/** The registry's slugs that match the text, best first (BM25 over the fields above). */
function rankedSlugs(tasks: ShortlistTask[], text: string): string[] {
  const last = lastSearch.get(tasks);
  if (last?.text === text) return last.slugs;
  const slugs = indexFor(tasks)
    .search(text)
    .map((hit) => hit.id as string);
  lastSearch.set(tasks, { text, slugs });
  return slugs;
}

/**
 * The tasks most relevant to the turn, so the router's prompt stays bounded however large the
 * registry grows: the current task and the tasks of relevant routing corrections, then the tasks whose
 * names, descriptions and example requests (the admin's and those learned from corrections) match the
 * text best. It is never short: when fewer tasks match than `size`, the rest are the tasks chosen most
 * often recently (`recentlyChosen`, most first), then the others by name. A registry no larger than
 * `size` is returned as it is.
 */
export function shortlistTasks<T extends ShortlistTask>(input: {
  tasks: T[];
  currentTask: string | null;
  text: string;
  size: number;
  alwaysInclude?: string[];
  /** slugs ranked by meaning (lib/embeddings, when an embed slot is set): fused with the lexical ranking */
  semantic?: readonly string[];
  recentlyChosen?: string[];
}): T[] {
  const { tasks, size } = input;
  if (tasks.length <= size) return tasks;
  const order = orderOf(tasks);
  const chosen = new Set<string>();
  for (const slug of [input.currentTask, ...(input.alwaysInclude ?? [])]) if (slug && order.slugs.has(slug)) chosen.add(slug);
  const lexical = rankedSlugs(tasks, input.text);
  // fused over the same depth on both sides, then the rest of the lexical ranking
  const ranked = input.semantic?.length
    ? [...reciprocalRankFusion([lexical.slice(0, FUSION_DEPTH), input.semantic.slice(0, FUSION_DEPTH)]), ...lexical]
    : lexical;
  for (const slugs of [ranked, input.recentlyChosen ?? [], order.byName]) {
    for (const slug of slugs) {
      if (chosen.size >= size) break;
      if (order.slugs.has(slug)) chosen.add(slug);
    }
  }
  return tasks.filter((t) => chosen.has(t.slug));
}
