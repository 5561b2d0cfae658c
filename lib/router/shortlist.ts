import MiniSearch from "minisearch";
import { FUSION_DEPTH, reciprocalRankFusion } from "@/lib/embeddings";
import { expandQuery } from "./glossary";

export interface ShortlistTask {
  slug: string;
  name: string;
  routerDescription: string;
}

// One index per registry array: the registry cache hands out the same array until the registry
// changes, so the index is built once per version and dropped with it.
const indexes = new WeakMap<object, MiniSearch<ShortlistTask & { id: string }>>();

const foldDiacritics = (term: string) => term.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

// Words too common to tell tasks apart: left out of the index and the query (a third of the search time).
const STOP_WORDS = new Set(
  ("the and for with that this from have what when want wants user users about into your you our their them they will would " +
    "can could should please just also some any all are was were been has had not but out who how why which there here then " +
    "los las una unos para con que por del como pero mas sus este esta esto son fue ser muy " +
    "les des une pour avec que qui dans sur par pas est sont mais plus").split(" "),
);

function indexFor(tasks: ShortlistTask[]) {
  let index = indexes.get(tasks);
  if (!index) {
    index = new MiniSearch<ShortlistTask & { id: string }>({
      fields: ["slugWords", "name", "routerDescription"],
      extractField: (task, field) => (field === "slugWords" ? task.slug.replace(/[-_]/g, " ") : (task as unknown as Record<string, string>)[field]),
      processTerm: (term) => {
        const folded = foldDiacritics(term);
        return folded.length > 2 && !STOP_WORDS.has(folded) ? folded : null;
      },
      searchOptions: { boost: { name: 2, slugWords: 2 }, prefix: true, fuzzy: 0.15, combineWith: "OR" },
    });
    index.addAll(tasks.map((t) => ({ ...t, id: t.slug })));
    indexes.set(tasks, index);
  }
  return index;
}

// A turn asks twice with the same text (the executor's suggestions, then the router's shortlist): the
// last search is kept, per registry array.
const lastSearch = new WeakMap<object, { text: string; slugs: string[] }>();

function rankedSlugs(tasks: ShortlistTask[], text: string): string[] {
  const last = lastSearch.get(tasks);
  if (last?.text === text) return last.slugs;
  const slugs = indexFor(tasks).search(expandQuery(text)).map((hit) => hit.id as string);
  lastSearch.set(tasks, { text, slugs });
  return slugs;
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
  /** slugs ranked by meaning (lib/embeddings, when an embed slot is set): fused with the lexical ranking */
  semantic?: readonly string[];
}): T[] {
  const { tasks, size } = input;
  if (tasks.length <= size) return tasks;
  const bySlug = new Map(tasks.map((t) => [t.slug, t]));
  const chosen = new Set<string>();
  for (const slug of [input.currentTask, ...(input.alwaysInclude ?? [])]) if (slug && bySlug.has(slug)) chosen.add(slug);
  const lexical = rankedSlugs(tasks, input.text);
  // fused over the same depth on both sides, then the rest of the lexical ranking
  const ranked = input.semantic?.length ? [...reciprocalRankFusion([lexical.slice(0, FUSION_DEPTH), input.semantic.slice(0, FUSION_DEPTH)]), ...lexical] : lexical;
  for (const slug of ranked) {
    if (chosen.size >= size) break;
    chosen.add(slug);
  }
  return tasks.filter((t) => chosen.has(t.slug));
}
