import { z } from "zod";

export const PROVIDERS = ["openai", "ollama", "compatible"] as const;
export type ProviderName = (typeof PROVIDERS)[number];
export type SlotName = "best" | "fast";
export type Env = Record<string, string | undefined>;

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

const specPattern = z
  .string()
  .trim()
  .regex(/^(openai|ollama|compatible):\S+$/, "Use provider:model, with provider openai, ollama or compatible.");

/** Parses "provider:model" (e.g. "ollama:llama3.2", "openai:gpt-4.1-mini"). */
export function parseModelSpec(value: string, origin: string): ModelSpec | { error: string } {
  const parsed = specPattern.safeParse(value);
  if (!parsed.success) return { error: `${origin}="${value}" is not valid. ${parsed.error.issues[0]?.message}` };
  const separator = parsed.data.indexOf(":");
  return {
    provider: parsed.data.slice(0, separator) as ProviderName,
    model: parsed.data.slice(separator + 1),
    origin,
  };
}

export const DEFAULT_OLLAMA_URL = "http://127.0.0.1:11434";

export function providerSettingsFromEnv(env: Env = process.env): ProviderSettings {
  return {
    openaiApiKey: env.OPENAI_API_KEY || undefined,
    openaiBaseUrl: env.OPENAI_BASE_URL || undefined,
    ollamaBaseUrl: (env.OLLAMA_BASE_URL || DEFAULT_OLLAMA_URL).replace(/\/+$/, "").replace(/\/api$/, ""),
    compatibleBaseUrl: env.COMPATIBLE_BASE_URL?.replace(/\/+$/, "") || undefined,
    compatibleApiKey: env.COMPATIBLE_API_KEY || undefined,
  };
}

/** What is missing for a spec to work, in words the admin can act on; null when nothing is. */
export function missingSetting(spec: ModelSpec, settings: ProviderSettings): string | null {
  if (spec.provider === "openai" && !settings.openaiApiKey) return "Set OPENAI_API_KEY to use OpenAI models.";
  if (spec.provider === "compatible" && !settings.compatibleBaseUrl) {
    return "Set COMPATIBLE_BASE_URL to the OpenAI-compatible server's /v1 address (llama.cpp, vLLM, LM Studio).";
  }
  return null;
}
