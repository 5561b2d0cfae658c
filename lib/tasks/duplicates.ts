import { token_set_ratio } from "fuzzball";
import { taskTranslationsSchema } from "./schema";

/** Why an existing task looks like the same task as an imported one. */
export type DuplicateReason = "sameName" | "similarName" | "similarSlug";
export type LikelyDuplicate = { id: string; slug: string; name: string; reason: DuplicateReason };

type Comparable = { slug: string; name: string; translations: unknown };
type Existing = Comparable & { id: string };

/**
 * Token-set similarity (fuzzball, a port of TheFuzz) at or above which two names or slugs are called
 * similar: word order and extra words do not lower it ("prepare_meeting_minutes" ~ "meeting-minutes"),
 * different words do ("Meeting recap" vs "Meeting minutes" scores 70).
 */
export const SIMILARITY_THRESHOLD = 90;

/** Words only: accents, case, punctuation and the - or _ between slug words make no difference. */
function words(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLocaleLowerCase("en")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .join(" ");
}

/** The name and every translated name, as words. */
function namesOf(task: Comparable): string[] {
  const translations = taskTranslationsSchema.catch({}).parse(task.translations);
  const names = [task.name, ...Object.values(translations).map((t) => t?.name ?? "")];
  return [...new Set(names.map(words).filter(Boolean))];
}

const similar = (a: string, b: string) => token_set_ratio(a, b, { full_process: false }) >= SIMILARITY_THRESHOLD;

/** The existing tasks that are probably the same as `task` under another slug, strongest reason first. */
export function likelyDuplicates(task: Comparable, existing: Existing[]): LikelyDuplicate[] {
  const names = namesOf(task);
  const slug = words(task.slug);
  const found: LikelyDuplicate[] = [];
  for (const other of existing) {
    if (other.slug === task.slug) continue; // the same task: an update, not a duplicate
    const otherNames = namesOf(other);
    const reason: DuplicateReason | null = names.some((n) => otherNames.includes(n))
      ? "sameName"
      : names.some((n) => otherNames.some((o) => similar(n, o)))
        ? "similarName"
        : similar(slug, words(other.slug))
          ? "similarSlug"
          : null;
    if (reason) found.push({ id: other.id, slug: other.slug, name: other.name, reason });
  }
  const rank: Record<DuplicateReason, number> = { sameName: 0, similarName: 1, similarSlug: 2 };
  return found.sort((a, b) => rank[a.reason] - rank[b.reason]);
}
