import type { CatalogMessage } from "@/lib/i18n";
import { type AppSettings, type MODEL_PROVIDERS, modelSpecSchema, settings } from "@/lib/settings";

export type ProviderName = (typeof MODEL_PROVIDERS)[number];
/** the chat model slots; the embed slot (MODEL_EMBED) is optional and has its own functions */
export type SlotName = "best" | "fast";

export interface ModelSpec {
  provider: ProviderName;
  model: string;
  /** where the spec came from, for messages: an environment variable or "detected" */
  origin: string;
}

export interface ProviderSettings {
  openaiApiKey?: string;
  openaiBaseUrl?: string;
  ollamaBaseUrl: string;
  compatibleBaseUrl?: string;
  compatibleApiKey?: string;
}

/** Parses "provider:model" (e.g. "ollama:llama3.2", "openai:gpt-4.1-mini"), as MODEL_BEST and MODEL_FAST are. */
export function parseModelSpec(value: string, origin: string): ModelSpec | { error: string } {
  const parsed = modelSpecSchema.safeParse(value);
  if (!parsed.success) return { error: `${origin}="${value}" is not valid: ${parsed.error.issues[0]?.message}.` };
  return { ...parsed.data, origin };
}

/** The providers' part of the settings. */
export function providerSettings(s: AppSettings = settings()): ProviderSettings {
  return {
    openaiApiKey: s.OPENAI_API_KEY,
    openaiBaseUrl: s.OPENAI_BASE_URL,
    ollamaBaseUrl: s.OLLAMA_BASE_URL,
    compatibleBaseUrl: s.COMPATIBLE_BASE_URL,
    compatibleApiKey: s.COMPATIBLE_API_KEY,
  };
}

/** What is missing for a spec to work, in words the admin can act on; null when nothing is. */
export function missingSetting(spec: ModelSpec, settings: ProviderSettings): CatalogMessage | null {
  if (spec.provider === "openai" && !settings.openaiApiKey) return { key: "models.openaiKey" };
  if (spec.provider === "compatible" && !settings.compatibleBaseUrl) return { key: "models.compatibleUrl" };
  return null;
}
