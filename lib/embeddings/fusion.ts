/** The constant of reciprocal rank fusion (Cormack, Clarke and Büttcher, 2009): damps the top ranks' weight. */
const RRF_K = 60;

/**
 * How deep each ranking is read for fusion. Both sides should be cut alike: a long lexical tail of weak
 * matches on a common word would otherwise outscore an item that only the other ranking found, however
 * high it ranked there.
 */
export const FUSION_DEPTH = 50;

/**
 * Reciprocal rank fusion: each id scores the sum of 1 / (k + rank) over the rankings it appears in
 * (rank from 1; an id listed twice in one ranking counts at its best place), and the fused ranking
 * orders ids by that score. A tie goes to the id met first reading the rankings side by side from the
 * top, the first ranking before the second at the same rank.
 */
export function reciprocalRankFusion(rankings: readonly (readonly string[])[], k = RRF_K): string[] {
  const fused = new Map<string, { score: number; firstMet: number }>();
  rankings.forEach((ranking, list) => {
    const seen = new Set<string>();
    ranking.forEach((id, rank) => {
      if (seen.has(id)) return;
      seen.add(id);
      const met = rank * rankings.length + list;
      const entry = fused.get(id);
      if (entry) {
        entry.score += 1 / (k + rank + 1);
        entry.firstMet = Math.min(entry.firstMet, met);
      } else {
        fused.set(id, { score: 1 / (k + rank + 1), firstMet: met });
      }
    });
  });
  return [...fused.entries()].sort(([, a], [, b]) => b.score - a.score || a.firstMet - b.firstMet).map(([id]) => id);
}
