import { afterEach, describe, expect, it, vi } from "vitest";
import { checkEmbeddingSlot, embeddingSlot, parseModelSpec, providerSettings, resolveModelSlots } from "@/lib/ai";
import { errorText } from "@/lib/i18n";
import { parseSettings } from "@/lib/settings";

describe("parseModelSpec", () => {
  it("splits provider and model at the first colon, keeping tags in the model name", () => {
    expect(parseModelSpec("ollama:llama3.2:3b", "MODEL_FAST")).toEqual({ provider: "ollama", model: "llama3.2:3b", origin: "MODEL_FAST" });
    expect(parseModelSpec(" openai:gpt-4.1-mini ", "MODEL_BEST")).toMatchObject({ provider: "openai", model: "gpt-4.1-mini" });
  });

  it("names the variable and the expected shape when the value is wrong", () => {
    const result = parseModelSpec("gpt-4", "MODEL_BEST");
    expect(result).toHaveProperty("error");
    expect((result as { error: string }).error).toMatch(/MODEL_BEST="gpt-4".*provider:model/);
    expect(parseModelSpec("anthropic:claude", "MODEL_BEST")).toHaveProperty("error");
  });
});

describe("providerSettings", () => {
  it("accepts an Ollama address with or without /api and a trailing slash", () => {
    expect(providerSettings(parseSettings({ OLLAMA_BASE_URL: "http://gpu:11434/api/" })).ollamaBaseUrl).toBe("http://gpu:11434");
    expect(providerSettings(parseSettings({})).ollamaBaseUrl).toBe("http://127.0.0.1:11434");
  });
});

describe("resolveModelSlots", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("uses MODEL_BEST for the fast slot when MODEL_FAST is not set", async () => {
    const slots = await resolveModelSlots(parseSettings({ MODEL_BEST: "ollama:qwen2.5" }));
    expect(slots.best.spec).toMatchObject({ provider: "ollama", model: "qwen2.5", origin: "MODEL_BEST" });
    expect(slots.fast.spec).toMatchObject({ provider: "ollama", model: "qwen2.5", origin: "MODEL_BEST" });
    expect(slots.fast.problem).toBeNull();
  });

  it("says which variable is missing for a provider", async () => {
    const slots = await resolveModelSlots(parseSettings({ MODEL_BEST: "openai:gpt-4.1", MODEL_FAST: "compatible:phi" }));
    expect(errorText("en", slots.best.problem!)).toMatch(/OPENAI_API_KEY/);
    expect(errorText("en", slots.fast.problem!)).toMatch(/COMPATIBLE_BASE_URL/);
    expect(errorText("es", slots.fast.problem!)).toMatch(/^Define COMPATIBLE_BASE_URL/);
  });

  it("detects a local Ollama and uses its first model when nothing is configured", async () => {
    const fetchMock = vi.fn(async () => Response.json({ models: [{ name: "llama3.2:latest" }] }));
    vi.stubGlobal("fetch", fetchMock);
    const slots = await resolveModelSlots(parseSettings({ OLLAMA_BASE_URL: "http://detect-test:11434" }));
    expect(fetchMock).toHaveBeenCalledWith("http://detect-test:11434/api/tags", expect.anything());
    expect(slots.best.spec).toMatchObject({ provider: "ollama", model: "llama3.2:latest", origin: "detected" });
    expect(slots.best.problem).toBeNull();
  });

  it("tells the admin exactly what to set when nothing is configured and no Ollama answers", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => {
        throw new TypeError("fetch failed");
      }),
    );
    const slots = await resolveModelSlots(parseSettings({ OLLAMA_BASE_URL: "http://no-ollama-here:11434" }));
    expect(slots.best.spec).toBeNull();
    expect(errorText("en", slots.best.problem!)).toMatch(/Set MODEL_BEST/);
    expect(errorText("en", slots.fast.problem!)).toMatch(/Set MODEL_FAST/);
    expect(errorText("fr", slots.best.problem!)).toMatch(/Définissez MODEL_BEST/);
  });

  it("prefers OpenAI when only an API key is set", async () => {
    const slots = await resolveModelSlots(parseSettings({ OPENAI_API_KEY: "sk-test" }));
    expect(slots.best.spec).toMatchObject({ provider: "openai", origin: "OPENAI_API_KEY" });
    expect(slots.best.problem).toBeNull();
  });
});

describe("the embed slot (MODEL_EMBED)", () => {
  it("is off when not set: retrieval is lexical, and that is no problem", async () => {
    expect(embeddingSlot(parseSettings({}))).toBeNull();
    expect(await checkEmbeddingSlot(parseSettings({}))).toEqual({ spec: null, problem: null });
  });

  it("gives the provider's embedding model, named provider:model", () => {
    const openai = embeddingSlot(parseSettings({ MODEL_EMBED: "openai:text-embedding-3-small", OPENAI_API_KEY: "sk-test" }));
    expect(openai).toMatchObject({ id: "openai:text-embedding-3-small", spec: { provider: "openai", model: "text-embedding-3-small", origin: "MODEL_EMBED" } });
    expect(openai!.model).toMatchObject({ modelId: "text-embedding-3-small" });
    expect(embeddingSlot(parseSettings({ MODEL_EMBED: "ollama:nomic-embed-text" }))).toMatchObject({
      id: "ollama:nomic-embed-text",
      model: { modelId: "nomic-embed-text" },
    });
    expect(embeddingSlot(parseSettings({ MODEL_EMBED: "compatible:bge-m3", COMPATIBLE_BASE_URL: "http://gpu:8080/v1" }))).toMatchObject({
      id: "compatible:bge-m3",
    });
  });

  it("is not used, and reported, when its provider lacks a setting", async () => {
    const s = parseSettings({ MODEL_EMBED: "openai:text-embedding-3-small" });
    expect(embeddingSlot(s)).toBeNull();
    const { problem } = await checkEmbeddingSlot(s);
    expect(errorText("en", problem!)).toMatch(/OPENAI_API_KEY/);
  });
});
