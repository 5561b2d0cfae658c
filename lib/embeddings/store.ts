import { embedMany } from "ai";
import { type EmbeddingSlot, embeddingSlot } from "@/lib/ai";
import { db, type LearningScope, Prisma } from "@/lib/db";
import { modelTelemetry } from "@/lib/observability";
import { chunkEmbeddingText, contentHash, learningEmbeddingText, taskEmbeddingText } from "./text";
import { unitVector, vectorFromBytes, vectorToBytes } from "./vectors";

// Embeddings of tasks and learnings: written in the background after every change (and at first use,
// and again a minute later, which also retries what failed), read into a per-process cache that
// retrieval ranks against. Nothing here ever makes a request wait for the embedding model.

export type EmbeddedKind = "task" | "learning" | "chunk";
const KINDS: readonly EmbeddedKind[] = ["task", "learning", "chunk"];

/** Values per embedMany call, and rows looked at per round of a sync. */
const BATCH = 64;
const ROUND = 512;
const SYNC_EVERY_MS = 60_000;
const CACHE_REFRESH_MS = 30_000;
/** rows embedded on another instance are read again from this far back (commit order, clocks) */
const OVERLAP_MS = 5_000;

interface Source {
  table: Prisma.Sql;
  key: Prisma.Sql;
  source: Prisma.Sql;
  /** rows that are embedded at all */
  live: Prisma.Sql;
  /** each row's text to embed, its updatedAt and, for the cache, what retrieval filters on */
  texts(ids: string[]): Promise<{ id: string; text: string; updatedAt: Date; meta: EntryMeta }[]>;
  /** told which rows could not be embedded and why, and which were */
  failed?(ids: string[], reason: string): Promise<void>;
  embedded?(ids: string[]): Promise<void>;
}

export interface EntryMeta {
  scope?: LearningScope;
  taskId?: string | null;
  /** knowledge chunks: the document they belong to (retrieval keeps the documents a task may use) */
  documentId?: string;
}

const SOURCES: Record<EmbeddedKind, Source> = {
  task: {
    table: Prisma.sql`"TaskEmbedding"`,
    key: Prisma.sql`"taskId"`,
    source: Prisma.sql`"Task"`,
    live: Prisma.sql`s."deletedAt" IS NULL`,
    // the whole row: the text takes the task's example requests when the registry has them
    texts: async (ids) =>
      (await db().task.findMany({ where: { id: { in: ids } } })).map((task) => ({
        id: task.id,
        text: taskEmbeddingText(task),
        updatedAt: task.updatedAt,
        meta: {},
      })),
  },
  learning: {
    table: Prisma.sql`"LearningEmbedding"`,
    key: Prisma.sql`"learningId"`,
    source: Prisma.sql`"Learning"`,
    live: Prisma.sql`TRUE`,
    texts: async (ids) =>
      (await db().learning.findMany({ where: { id: { in: ids } }, select: { id: true, inputExcerpt: true, updatedAt: true, scope: true, taskId: true } })).map(
        (l) => ({ id: l.id, text: learningEmbeddingText(l), updatedAt: l.updatedAt, meta: { scope: l.scope, taskId: l.taskId } }),
      ),
  },
  chunk: {
    table: Prisma.sql`"KnowledgeChunkEmbedding"`,
    key: Prisma.sql`"chunkId"`,
    source: Prisma.sql`"KnowledgeChunk"`,
    live: Prisma.sql`TRUE`,
    texts: async (ids) =>
      (
        await db().knowledgeChunk.findMany({ where: { id: { in: ids } }, select: { id: true, heading: true, text: true, updatedAt: true, documentId: true } })
      ).map((c) => ({ id: c.id, text: chunkEmbeddingText(c), updatedAt: c.updatedAt, meta: { documentId: c.documentId } })),
    // a document whose chunks cannot be embedded says why on the admin page (words still find it)
    failed: async (ids, reason) => {
      await db().knowledgeDocument.updateMany({ where: { chunks: { some: { id: { in: ids } } } }, data: { embeddingError: reason } });
    },
    embedded: async (ids) => {
      await db().knowledgeDocument.updateMany({
        where: { embeddingError: { not: null }, chunks: { some: { id: { in: ids } } } },
        data: { embeddingError: null },
      });
    },
  },
};

// ---------------------------------------------------------------------------------------------
// The per-process cache of vectors (one model at a time)
// ---------------------------------------------------------------------------------------------

export interface CachedEntry extends EntryMeta {
  id: string;
  /** unit length */
  vector: Float32Array;
}

interface Cache {
  model: string;
  entries: Map<string, CachedEntry>;
  /** the newest embeddedAt read */
  since: Date;
  refreshedAt: number;
  loading: Promise<void> | null;
}

const globalForEmbeddings = globalThis as unknown as {
  switchboardEmbeddingCache?: Partial<Record<EmbeddedKind, Cache>>;
  switchboardEmbeddingSync?: { running: Promise<void> | null; again: boolean; startedAt: number; model: string };
};

function cacheOf(kind: EmbeddedKind, model: string): Cache {
  globalForEmbeddings.switchboardEmbeddingCache ??= {};
  const caches = globalForEmbeddings.switchboardEmbeddingCache;
  let cache = caches[kind];
  if (!cache || cache.model !== model) {
    cache = { model, entries: new Map(), since: new Date(0), refreshedAt: 0, loading: null };
    caches[kind] = cache;
  }
  return cache;
}

/** Reads the rows embedded since the last read (all of them the first time) into the cache. */
async function refresh(kind: EmbeddedKind, cache: Cache): Promise<void> {
  const since = new Date(Math.max(0, cache.since.getTime() - OVERLAP_MS));
  const where = { model: cache.model, embeddedAt: { gt: since } };
  const rows: { id: string; vector: Uint8Array; embeddedAt: Date; meta: EntryMeta }[] =
    kind === "task"
      ? (await db().taskEmbedding.findMany({ where, select: { taskId: true, vector: true, embeddedAt: true } })).map((r) => ({ ...r, id: r.taskId, meta: {} }))
      : kind === "learning"
        ? (
            await db().learningEmbedding.findMany({
              where,
              select: { learningId: true, vector: true, embeddedAt: true, learning: { select: { scope: true, taskId: true } } },
            })
          ).map((r) => ({ ...r, id: r.learningId, meta: r.learning }))
        : (
            await db().knowledgeChunkEmbedding.findMany({
              where,
              select: { chunkId: true, vector: true, embeddedAt: true, chunk: { select: { documentId: true } } },
            })
          ).map((r) => ({ ...r, id: r.chunkId, meta: r.chunk }));
  for (const row of rows) {
    const { id, meta } = row;
    cache.entries.set(id, { id, vector: unitVector(vectorFromBytes(row.vector)), ...meta });
    if (row.embeddedAt > cache.since) cache.since = row.embeddedAt;
  }
  cache.refreshedAt = Date.now();
}

/**
 * The cached vectors of a kind for a model: the first call loads them (callers bound the wait); later
 * calls get them at once and, every half minute, read what other instances embedded in the background.
 */
export function cachedVectors(kind: EmbeddedKind, model: string): Promise<Map<string, CachedEntry>> {
  const cache = cacheOf(kind, model);
  const load = () => {
    cache.loading ??= refresh(kind, cache).finally(() => {
      cache.loading = null;
    });
    return cache.loading;
  };
  if (!cache.refreshedAt) return load().then(() => cache.entries);
  if (Date.now() - cache.refreshedAt > CACHE_REFRESH_MS) load().catch((error) => console.error("embedding cache refresh failed", describe(error)));
  return Promise.resolve(cache.entries);
}

// ---------------------------------------------------------------------------------------------
// Writing embeddings
// ---------------------------------------------------------------------------------------------

const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : String(error));

/** Rows with no embedding of this model, or one made from an older version of the row. */
async function staleRows(kind: EmbeddedKind, model: string) {
  const { table, key, source, live } = SOURCES[kind];
  return db().$queryRaw<{ id: string; model: string | null; contentHash: string | null }[]>`
    SELECT s."id", e."model", e."contentHash"
    FROM ${source} s LEFT JOIN ${table} e ON e.${key} = s."id"
    WHERE ${live} AND (e.${key} IS NULL OR e."model" <> ${model} OR e."sourceUpdatedAt" < s."updatedAt")
    ORDER BY s."updatedAt" DESC
    LIMIT ${ROUND}`;
}

/** Embeds what is missing or stale for one kind; stops at the first failure (the next sync retries). */
async function syncKind(kind: EmbeddedKind, slot: EmbeddingSlot): Promise<number> {
  const { table, key, source } = SOURCES[kind];
  let written = 0;
  for (;;) {
    const stale = await staleRows(kind, slot.id);
    if (!stale.length) return written;
    const known = new Map(stale.map((row) => [row.id, row]));
    const rows = await SOURCES[kind].texts(stale.map((row) => row.id));
    const unchanged = rows.filter((row) => known.get(row.id)?.model === slot.id && known.get(row.id)?.contentHash === contentHash(row.text));
    for (const row of unchanged) {
      await db().$executeRaw`UPDATE ${table} SET "sourceUpdatedAt" = ${row.updatedAt} WHERE ${key} = ${row.id}`;
    }
    const toEmbed = rows.filter((row) => !unchanged.includes(row));
    const cache = cacheOf(kind, slot.id);
    for (let start = 0; start < toEmbed.length; start += BATCH) {
      const batch = toEmbed.slice(start, start + BATCH);
      // one retry for a dropped connection; after that the next sync (a minute later, or after the next write) tries again
      const { embeddings } = await embedMany({
        model: slot.model,
        values: batch.map((row) => row.text),
        maxParallelCalls: 1,
        maxRetries: 1,
        telemetry: modelTelemetry("switchboard.embed_sync"),
      }).catch(async (error) => {
        await SOURCES[kind].failed?.(
          batch.map((row) => row.id),
          describe(error),
        );
        throw error;
      });
      for (const [i, row] of batch.entries()) {
        const vector = vectorToBytes(embeddings[i]);
        // a row deleted meanwhile is skipped (no foreign-key error)
        await db().$executeRaw`
          INSERT INTO ${table} (${key}, "model", "contentHash", "vector", "sourceUpdatedAt", "embeddedAt")
          SELECT ${row.id}, ${slot.id}, ${contentHash(row.text)}, ${vector}, ${row.updatedAt}, now()
          WHERE EXISTS (SELECT 1 FROM ${source} WHERE "id" = ${row.id})
          ON CONFLICT (${key}) DO UPDATE SET "model" = EXCLUDED."model", "contentHash" = EXCLUDED."contentHash",
            "vector" = EXCLUDED."vector", "sourceUpdatedAt" = EXCLUDED."sourceUpdatedAt", "embeddedAt" = EXCLUDED."embeddedAt"`;
        cache.entries.set(row.id, { id: row.id, vector: unitVector(embeddings[i]), ...row.meta });
        written++;
      }
      await SOURCES[kind].embedded?.(batch.map((row) => row.id));
    }
    // every stale row was deleted meanwhile: nothing more to do this time
    if (!rows.length) return written;
  }
}

/**
 * Embeds every task and learning that has no embedding of the configured model or an outdated one.
 * Resolves when done; failures are logged, not thrown (the next sync tries again).
 */
export async function syncEmbeddings(slot: EmbeddingSlot | null = embeddingSlot()): Promise<void> {
  if (!slot) return;
  for (const kind of KINDS) {
    try {
      const written = await syncKind(kind, slot);
      if (written) console.info(`embedded ${written} ${kind}${written === 1 ? "" : "s"} with ${slot.id}`);
    } catch (error) {
      console.error(`embedding ${kind}s with ${slot.id} failed; retried later`, describe(error));
    }
  }
}

/**
 * Starts a background sync (after a write, or at first use and then at most once a minute); a call
 * while one runs makes it run once more afterwards. Never waits and never throws.
 */
export function scheduleEmbeddingSync({ onlyWhenDue = false } = {}): void {
  let slot: EmbeddingSlot | null;
  try {
    slot = embeddingSlot();
  } catch {
    return; // settings that cannot be read are reported by the health check and at startup
  }
  if (!slot) return;
  const state = globalForEmbeddings.switchboardEmbeddingSync;
  if (state && state.model === slot.id && onlyWhenDue && Date.now() - state.startedAt < SYNC_EVERY_MS) return;
  if (state?.running) {
    state.again = true;
    return;
  }
  const next = { running: null as Promise<void> | null, again: false, startedAt: Date.now(), model: slot.id };
  globalForEmbeddings.switchboardEmbeddingSync = next;
  const run = async (): Promise<void> => {
    await syncEmbeddings(slot);
    if (next.again) {
      next.again = false;
      next.startedAt = Date.now();
      return run();
    }
  };
  next.running = run().finally(() => {
    next.running = null;
  });
}

/** Resolves when the background sync (if any) has finished: for scripts and tests. */
export async function embeddingSyncSettled(): Promise<void> {
  while (globalForEmbeddings.switchboardEmbeddingSync?.running) await globalForEmbeddings.switchboardEmbeddingSync.running;
}
