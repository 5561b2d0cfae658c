import { checkEmbeddingSlot, checkModelSlots, type SlotName, type SlotStatus } from "@/lib/ai";
import { databaseTarget, db, pendingMigrations } from "@/lib/db";
import { errorText } from "@/lib/i18n";
import { isDraining } from "@/lib/shutdown";

export interface Health {
  status: "ok" | "degraded" | "down" | "draining";
  /** the instance is restarting (SIGTERM): it finishes the turns it has and takes no new ones */
  draining: boolean;
  database: { kind: string; reachable: boolean; pendingMigrations: string[] | null; problem: string | null };
  models: { slot: string; model: string | null; usable: boolean; problem: string | null }[];
  /** the optional embed slot (MODEL_EMBED): not configured means lexical retrieval alone, which is fine */
  embedding: { model: string | null; configured: boolean; usable: boolean; problem: string | null };
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * draining: the instance is shutting down (lib/shutdown), so a load balancer sends it nothing new;
 * down: the database is unreachable or not migrated (the app cannot serve);
 * degraded: the database is fine but a model slot is not usable (chat cannot answer), or the embed slot
 * is configured and not usable (retrieval falls back to lexical).
 * Every problem, a configuration that cannot be used included, is reported here rather than thrown.
 */
export async function checkHealth(): Promise<Health> {
  const [database, slots, embed] = await Promise.all([
    checkDatabase(),
    checkModelSlots().catch((error) => reason(error)),
    checkEmbeddingSlot().catch((error) => ({ spec: null, problem: null, failure: reason(error) })),
  ]);
  // for operators: in English
  const models =
    typeof slots === "string"
      ? (["best", "fast"] as SlotName[]).map((slot) => ({ slot, model: null, usable: false, problem: `The model could not be checked: ${slots}` }))
      : slots.map((s: SlotStatus) => ({
          slot: s.slot,
          model: s.spec ? `${s.spec.provider}:${s.spec.model}` : null,
          usable: !s.problem,
          problem: s.problem && errorText("en", s.problem),
        }));
  const embedding: Health["embedding"] =
    "failure" in embed
      ? { model: null, configured: true, usable: false, problem: `The embedding model could not be checked: ${embed.failure}` }
      : {
          model: embed.spec ? `${embed.spec.provider}:${embed.spec.model}` : null,
          configured: !!embed.spec,
          usable: !!embed.spec && !embed.problem,
          problem: embed.problem && errorText("en", embed.problem),
        };
  const databaseOk = database.reachable && database.pendingMigrations?.length === 0;
  const modelsOk = models.every((m) => m.usable) && (embedding.usable || !embedding.configured);
  return {
    status: isDraining() ? "draining" : !databaseOk ? "down" : modelsOk ? "ok" : "degraded",
    draining: isDraining(),
    database,
    models,
    embedding,
  };
}

async function checkDatabase(): Promise<Health["database"]> {
  let kind = "unknown";
  try {
    kind = databaseTarget().kind;
    const applied = await db().$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const pending = await pendingMigrations(applied);
    return {
      kind,
      reachable: true,
      pendingMigrations: pending,
      problem: pending.length ? "Migrations are not applied; run npm run db:migrate." : null,
    };
  } catch (error) {
    const missingTable = /_prisma_migrations/.test(reason(error));
    return {
      kind,
      reachable: missingTable,
      pendingMigrations: null,
      problem: missingTable ? "The database has no migrations; run npm run db:migrate." : kind === "unknown" ? reason(error) : "The database is unreachable.",
    };
  }
}
