// first: it drops blank settings from the environment, which @ai-sdk/openai reads as it loads
import "@/lib/settings";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { type EmbeddingModel, type JSONValue, type LanguageModel, type LanguageModelMiddleware, wrapLanguageModel } from "ai";
import { createOllama } from "ollama-ai-provider-v2";
import type { CatalogMessage } from "@/lib/i18n";
import type { ModelSpec, ProviderSettings } from "./config";

/**
 * Ollama reads sampling settings from the request's `options` (temperature, top_p, top_k, seed,
 * num_predict, stop) and ignores them at the top level of /api/chat, which is where
 * ollama-ai-provider-v2 puts the AI SDK's standard settings: the router's temperature 0 never took
 * effect. This moves them into providerOptions.ollama.options, the provider's own way to send them
 * (options given there by a caller win).
 */
const ollamaSamplingOptions: LanguageModelMiddleware = {
  transformParams: async ({ params }) => {
    const { temperature, topP, topK, seed, maxOutputTokens, stopSequences, ...rest } = params;
    const sampling = { temperature, top_p: topP, top_k: topK, seed, num_predict: maxOutputTokens, stop: stopSequences };
    const ollama = params.providerOptions?.ollama ?? {};
    const options = {
      ...Object.fromEntries(Object.entries(sampling).filter(([, value]) => value !== undefined)),
      ...(ollama.options as Record<string, JSONValue> | undefined),
    };
    return { ...rest, providerOptions: { ...params.providerOptions, ollama: { ...ollama, options } } };
  },
};

/** The AI SDK model for a spec; every provider sits behind the same LanguageModel interface. */
export function languageModel(spec: ModelSpec, settings: ProviderSettings): LanguageModel {
  switch (spec.provider) {
    case "openai":
      return createOpenAI({ apiKey: settings.openaiApiKey, baseURL: settings.openaiBaseUrl })(spec.model);
    case "ollama":
      return wrapLanguageModel({ model: createOllama({ baseURL: `${settings.ollamaBaseUrl}/api` })(spec.model), middleware: ollamaSamplingOptions });
    case "compatible":
      return createOpenAICompatible({
        name: "compatible",
        baseURL: settings.compatibleBaseUrl ?? "",
        apiKey: settings.compatibleApiKey,
        supportsStructuredOutputs: true,
      })(spec.model);
  }
}

/** The AI SDK embedding model for a spec (the embed slot), the same three providers behind one interface. */
export function embeddingModel(spec: ModelSpec, settings: ProviderSettings): EmbeddingModel {
  switch (spec.provider) {
    case "openai":
      return createOpenAI({ apiKey: settings.openaiApiKey, baseURL: settings.openaiBaseUrl }).embedding(spec.model);
    case "ollama":
      return createOllama({ baseURL: `${settings.ollamaBaseUrl}/api` }).embedding(spec.model);
    case "compatible":
      return createOpenAICompatible({ name: "compatible", baseURL: settings.compatibleBaseUrl ?? "", apiKey: settings.compatibleApiKey }).embeddingModel(
        spec.model,
      );
  }
}

/** A cheap request that proves the provider answers and knows the model; returns a problem or null. */
export async function checkReachable(spec: ModelSpec, settings: ProviderSettings, timeoutMs = 2_000): Promise<CatalogMessage | null> {
  const request = listModelsRequest(spec, settings);
  const { provider, model } = spec;
  try {
    const response = await fetch(request.url, { headers: request.headers, signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return { key: "models.httpStatus", values: { provider, status: response.status } };
    const names = request.names(await response.json());
    if (names && !names.some((name) => name === model || name === `${model}:latest`)) return { key: "models.missingModel", values: { provider, model } };
    return null;
  } catch (error) {
    return { key: error instanceof Error && error.name === "TimeoutError" ? "models.timedOut" : "models.unreachable", values: { provider } };
  }
}

function listModelsRequest(spec: ModelSpec, settings: ProviderSettings) {
  const openAiNames = (body: unknown) => (body as { data?: { id: string }[] }).data?.map((m) => m.id);
  switch (spec.provider) {
    case "openai":
      return {
        url: `${settings.openaiBaseUrl ?? "https://api.openai.com/v1"}/models`,
        headers: { authorization: `Bearer ${settings.openaiApiKey ?? ""}` },
        names: openAiNames,
      };
    case "compatible":
      return {
        url: `${settings.compatibleBaseUrl}/models`,
        headers: settings.compatibleApiKey ? { authorization: `Bearer ${settings.compatibleApiKey}` } : undefined,
        names: openAiNames,
      };
    case "ollama":
      return {
        url: `${settings.ollamaBaseUrl}/api/tags`,
        headers: undefined,
        names: (body: unknown) => (body as { models?: { name: string }[] }).models?.map((m) => m.name),
      };
  }
}
