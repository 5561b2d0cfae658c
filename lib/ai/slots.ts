import { type EmbeddingModel, type LanguageModel, wrapLanguageModel } from "ai";
import { AppError } from "@/lib/http";
import type { CatalogMessage } from "@/lib/i18n";
import { usageRecorder } from "@/lib/observability";
import { type AppSettings, settings } from "@/lib/settings";
import { type ModelSpec, missingSetting, type ProviderSettings, providerSettings, type SlotName } from "./config";
import { checkReachable, embeddingModel, languageModel } from "./providers";

export interface SlotStatus {
  slot: SlotName;
  spec: ModelSpec | null;
  /** what the admin must set or fix (a message of the errors catalog); null when the slot is usable */
  problem: CatalogMessage | null;
}

export interface ModelSlots {
  settings: ProviderSettings;
  best: SlotStatus;
  fast: SlotStatus;
}

const SLOT_ENV: Record<SlotName, string> = { best: "MODEL_BEST", fast: "MODEL_FAST" };
const DETECTION_TTL_MS = 30_000;
const detected = new Map<string, { at: number; spec: ModelSpec | null }>();

/**
 * Resolves the two model slots (Botpress's idea: "best" for quality, "fast" for routing). Each is a
 * provider:model string; MODEL_FAST falls back to MODEL_BEST. With neither set, an OpenAI key selects
 * OpenAI's models, and otherwise a local Ollama is detected and its first model used.
 */
export async function resolveModelSlots(s: AppSettings = settings()): Promise<ModelSlots> {
  const providers = providerSettings(s);
  const fallback = s.MODEL_BEST || s.MODEL_FAST ? null : await defaultSpec(providers);
  const slot = (name: SlotName, ...variables: ("MODEL_BEST" | "MODEL_FAST")[]): SlotStatus => {
    for (const variable of variables) {
      const configured = s[variable];
      if (!configured) continue;
      const spec = { ...configured, origin: variable };
      return { slot: name, spec, problem: missingSetting(spec, providers) };
    }
    if (fallback) return { slot: name, spec: fallback, problem: null };
    return {
      slot: name,
      spec: null,
      problem: { key: "models.notConfigured", values: { variable: SLOT_ENV[name], ollama: providers.ollamaBaseUrl } },
    };
  };
  return { settings: providers, best: slot("best", "MODEL_BEST", "MODEL_FAST"), fast: slot("fast", "MODEL_FAST", "MODEL_BEST") };
}

async function defaultSpec(settings: ProviderSettings): Promise<ModelSpec | null> {
  if (settings.openaiApiKey) return { provider: "openai", model: "gpt-4.1-mini", origin: "OPENAI_API_KEY" };
  const cached = detected.get(settings.ollamaBaseUrl);
  if (cached && Date.now() - cached.at < DETECTION_TTL_MS) return cached.spec;
  let spec: ModelSpec | null = null;
  try {
    const response = await fetch(`${settings.ollamaBaseUrl}/api/tags`, { signal: AbortSignal.timeout(1_000) });
    const body = (await response.json()) as { models?: { name: string }[] };
    const first = body.models?.[0]?.name;
    if (first) spec = { provider: "ollama", model: first, origin: "detected" };
  } catch {
    // no local Ollama: the slot reports what to set
  }
  detected.set(settings.ollamaBaseUrl, { at: Date.now(), spec });
  return spec;
}

/** The model for a slot, or an error that says what to configure. */
export async function modelFor(slot: SlotName): Promise<{ model: LanguageModel; spec: ModelSpec }> {
  const slots = await resolveModelSlots();
  const status = slots[slot];
  if (!status.spec || status.problem) {
    throw new AppError("unavailable:model", { key: status.problem?.key ?? "models.notConfigured", values: status.problem?.values });
  }
  // every call through a slot records its token usage (issue 18: cost and metrics)
  const model = wrapLanguageModel({
    // a provider's model object, never a model id string
    model: languageModel(status.spec, slots.settings) as Exclude<LanguageModel, string>,
    middleware: usageRecorder(slot, `${status.spec.provider}:${status.spec.model}`),
  });
  return { model, spec: status.spec };
}

// Every chat page render and every health poll asks whether the providers answer: the answer is kept
// briefly so that neither waits on (or floods) a provider each time.
const REACHABILITY_TTL_MS = 15_000;
const reachability = new Map<string, { at: number; problem: Promise<CatalogMessage | null> }>();

function cachedReachability(spec: ModelSpec, settings: ProviderSettings): Promise<CatalogMessage | null> {
  const key = JSON.stringify([spec.provider, spec.model, settings.openaiBaseUrl, settings.ollamaBaseUrl, settings.compatibleBaseUrl]);
  const cached = reachability.get(key);
  if (cached && Date.now() - cached.at < REACHABILITY_TTL_MS) return cached.problem;
  const problem = checkReachable(spec, settings);
  reachability.set(key, { at: Date.now(), problem });
  return problem;
}

/** Health of both slots, including whether each provider answers (checked at most every 15 s). */
export async function checkModelSlots(): Promise<SlotStatus[]> {
  const slots = await resolveModelSlots();
  return Promise.all(
    [slots.best, slots.fast].map(async (status) => {
      if (!status.spec || status.problem) return status;
      return { ...status, problem: await cachedReachability(status.spec, slots.settings) };
    }),
  );
}

export interface EmbeddingSlot {
  model: EmbeddingModel;
  spec: ModelSpec;
  /** "provider:model": stored with every embedding, so vectors of another model are never compared */
  id: string;
}

/**
 * The embedding model of MODEL_EMBED, or null when the slot is not set (retrieval is then lexical
 * alone) or lacks a provider setting (reported by checkEmbeddingSlot).
 */
export function embeddingSlot(s: AppSettings = settings()): EmbeddingSlot | null {
  if (!s.MODEL_EMBED) return null;
  const spec: ModelSpec = { ...s.MODEL_EMBED, origin: "MODEL_EMBED" };
  const providers = providerSettings(s);
  if (missingSetting(spec, providers)) return null;
  return { model: embeddingModel(spec, providers), spec, id: `${spec.provider}:${spec.model}` };
}

/** Health of the embed slot: not configured (fine, lexical retrieval), or configured and whether it answers. */
export async function checkEmbeddingSlot(s: AppSettings = settings()): Promise<{ spec: ModelSpec | null; problem: CatalogMessage | null }> {
  if (!s.MODEL_EMBED) return { spec: null, problem: null };
  const spec: ModelSpec = { ...s.MODEL_EMBED, origin: "MODEL_EMBED" };
  const providers = providerSettings(s);
  return { spec, problem: missingSetting(spec, providers) ?? (await cachedReachability(spec, providers)) };
}
