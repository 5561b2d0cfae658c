import MiniSearch from "minisearch";
import { expandQuery } from "./glossary";

export interface ShortlistTask {
  slug: string;
  name: string;
  routerDescription: string;
}

export const DEFAULT_SHORTLIST_SIZE = 12;
/** Registries up to this size go to the router whole. */
export const DEFAULT_SHORTLIST_THRESHOLD = 30;

// One index per registry array: the registry cache hands out the same array until the registry
// changes, so the index is built once per version and dropped with it.
const indexes = new WeakMap<object, MiniSearch<ShortlistTask & { id: string }>>();

const foldDiacritics = (term: string) => term.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

function indexFor(tasks: ShortlistTask[]) {
  let index = indexes.get(tasks);
  if (!index) {
    index = new MiniSearch<ShortlistTask & { id: string }>({
      fields: ["slugWords", "name", "routerDescription"],
      extractField: (task, field) => (field === "slugWords" ? task.slug.replace(/[-_]/g, " ") : (task as unknown as Record<string, string>)[field]),
      processTerm: (term) => (term.length > 2 ? foldDiacritics(term) : null),
      searchOptions: { boost: { name: 2, slugWords: 2 }, prefix: true, fuzzy: 0.15, combineWith: "OR" },
    });
    index.addAll(tasks.map((t) => ({ ...t, id: t.slug })));
    indexes.set(tasks, index);
  }
  return index;
}

/**
 * The tasks most relevant to the turn (BM25 over slug, name and description), so the router's prompt
 * stays bounded however large the registry grows. The current task and the tasks of relevant routing
 * corrections are always kept; a registry no larger than `size` is returned as it is.
 */
export function shortlistTasks<T extends ShortlistTask>(input: {
  tasks: T[];
  currentTask: string | null;
  text: string;
  size: number;
  alwaysInclude?: string[];
}): T[] {
  const { tasks, size } = input;
  if (tasks.length <= size) return tasks;
  const bySlug = new Map(tasks.map((t) => [t.slug, t]));
  const chosen = new Set<string>();
  for (const slug of [input.currentTask, ...(input.alwaysInclude ?? [])]) if (slug && bySlug.has(slug)) chosen.add(slug);
  for (const hit of indexFor(tasks).search(expandQuery(input.text))) {
    if (chosen.size >= size) break;
    chosen.add(hit.id as string);
  }
  return tasks.filter((t) => chosen.has(t.slug));
}
