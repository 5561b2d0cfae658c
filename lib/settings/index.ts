import type { z } from "zod";
import { dropBlankVariables } from "./blank";
import { type AppSettings, appSettingsSchema, type BenchSettings, benchSettingsSchema } from "./schema";

export { type AppSettings, appSettingsSchema, type BenchSettings, benchSettingsSchema, MODEL_PROVIDERS, modelSpecSchema } from "./schema";

type Env = Record<string, string | undefined>;

/** One or more settings have values that cannot be used; the message names each variable and why. */
export class SettingsError extends Error {
  override name = "SettingsError";
}

/** A variable set to nothing (or to spaces) is treated as not set, here and for every library. */
function withoutBlanks(env: Env, names: string[]): Env {
  return Object.fromEntries(names.map((name) => [name, env[name]?.trim() ? env[name] : undefined]));
}

function parseWith<S extends z.ZodObject>(schema: S, env: Env): z.infer<S> {
  const result = schema.safeParse(withoutBlanks(env, Object.keys(schema.shape)));
  if (result.success) return result.data;
  // values are left out of the message: some are keys or connection strings with a password
  const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  throw new SettingsError(`Some settings are not valid (environment or .env files):\n${lines.join("\n")}`);
}

/** The app's settings from these variables (for tests; everything else calls settings()). */
export function parseSettings(env: Env): AppSettings {
  return parseWith(appSettingsSchema, env);
}

// before any module that reads the environment itself (lib/ai imports this module ahead of the providers)
dropBlankVariables();

const globalForSettings = globalThis as unknown as { switchboardSettings?: AppSettings; switchboardBenchSettings?: BenchSettings };

/** This process's settings, parsed and validated once from the environment; throws SettingsError. */
export function settings(): AppSettings {
  globalForSettings.switchboardSettings ??= parseSettings(process.env);
  return globalForSettings.switchboardSettings;
}

/** The benchmarks' settings, parsed and validated once. */
export function benchSettings(): BenchSettings {
  globalForSettings.switchboardBenchSettings ??= parseWith(benchSettingsSchema, process.env);
  return globalForSettings.switchboardBenchSettings;
}
