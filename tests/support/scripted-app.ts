import { expect } from "vitest";
import { type AppServer, startApp } from "./app-server";
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from "./database";
import { ScriptedModelServer } from "./model-server";

/** The model names the app's two slots use against the scripted server. */
export const BEST = "scripted-best";
export const FAST = "scripted-fast";

/**
 * The app as the chat tests need it: a fresh database of the kind under test, the scripted model server
 * on 127.0.0.1, and the app started with both model slots pointing at it.
 */
export async function startScriptedApp(
  /** more settings; a function gets the scripted server's address (e.g. for TRANSCRIBE_BASE_URL) */
  env: Record<string, string> | ((modelsUrl: string) => Record<string, string>) = {},
  /** the database kind; by default the one the test project runs on */
  kind?: TestDatabaseKind,
  /** fills the fresh database before the app starts (e.g. a large registry) */
  beforeStart?: (testDb: TestDatabase) => Promise<void>,
): Promise<{ testDb: TestDatabase; models: ScriptedModelServer; app: AppServer }> {
  const testDb = await createTestDatabase(kind);
  await beforeStart?.(testDb);
  const models = await new ScriptedModelServer().start();
  models.models = [BEST, FAST];
  const app = await startApp({
    ...testDb.env,
    MODEL_BEST: `compatible:${BEST}`,
    MODEL_FAST: `compatible:${FAST}`,
    COMPATIBLE_BASE_URL: `${models.url}/v1`,
    ...(typeof env === "function" ? env(models.url) : env),
  });
  return { testDb, models, app };
}

/** Fails, with the end of the app's log, when a scripted reply was left unused: a turn made fewer model calls than scripted. */
export function expectScriptedRepliesUsed(models: ScriptedModelServer, app: AppServer) {
  expect({ best: models.pending(BEST), fast: models.pending(FAST) }, app.output().slice(-3_000)).toEqual({ best: 0, fast: 0 });
}
