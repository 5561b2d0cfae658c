import { expect, it, vi } from "vitest";

// as a .env line "OPENAI_BASE_URL=" leaves it, with an Ollama model configured
vi.hoisted(() => {
  process.env.OPENAI_BASE_URL = "";
  process.env.MODEL_BEST = "ollama:llama3.2";
});

it("loads lib/ai with an empty OPENAI_BASE_URL, which counts as unset", async () => {
  // @ai-sdk/openai, which lib/ai loads, throws "baseURL must be a non-empty string" at import when it sees the empty variable
  const ai = await import("@/lib/ai");
  expect(process.env.OPENAI_BASE_URL).toBeUndefined();
  const slots = await ai.resolveModelSlots();
  expect(slots.best).toMatchObject({ spec: { provider: "ollama", model: "llama3.2", origin: "MODEL_BEST" }, problem: null });
  expect(slots.settings.openaiBaseUrl).toBeUndefined();
});
