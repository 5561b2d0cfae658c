import { embed, embedMany } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { embeddingModel, generateStructured, languageModel, type ProviderName, providerSettings } from "@/lib/ai";
import { routeTurn } from "@/lib/router";
import { parseSettings } from "@/lib/settings";
import { type RecordedRequest, ScriptedModelServer } from "../support/model-server";

/**
 * What the router's request carries on the wire, per provider, through the real provider packages: the
 * sampling settings where each server reads them (Ollama reads options.temperature and ignores a
 * top-level temperature) and the JSON schema that constrains the answer to the task names.
 */
const TASKS = [
  { slug: "meeting-minutes", name: "Meeting minutes", routerDescription: "The user wants minutes of a meeting." },
  { slug: "follow-up-email", name: "Follow-up email", routerDescription: "The user wants a follow-up email." },
];
const CHOICES = ["meeting-minutes", "follow-up-email", "none"];

describe("the router's request on the wire", () => {
  let server: ScriptedModelServer;
  beforeAll(async () => {
    server = await new ScriptedModelServer().start();
  });
  afterAll(() => server.stop());

  /** Routes one turn with this provider's real model code; the one request it sent. */
  async function route(provider: ProviderName, model: string): Promise<RecordedRequest> {
    const settings = providerSettings(
      parseSettings({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: `${server.url}/v1`, COMPATIBLE_BASE_URL: `${server.url}/v1`, OLLAMA_BASE_URL: server.url }),
    );
    server.script(model, JSON.stringify({ task: "follow-up-email" }));
    const before = server.requestsFor(model).length;
    const result = await routeTurn({
      model: languageModel({ provider, model, origin: "test" }, settings),
      tasks: TASKS,
      currentTask: null,
      messages: [{ role: "user", content: "Please write the follow-up email to the supplier." }],
      timeoutMs: 10_000,
    });
    expect(result, JSON.stringify(result)).toMatchObject({ slug: "follow-up-email", validFormat: true, fallback: null });
    const sent = server.requestsFor(model).slice(before);
    expect(sent).toHaveLength(1);
    return sent[0];
  }

  /** The answer's JSON schema: an object whose one property, task, is an enum of the task names and none. */
  const expectTaskSchema = (schema: unknown) =>
    expect(schema).toMatchObject({ type: "object", properties: { task: { type: "string", enum: CHOICES } }, required: ["task"] });

  it("Ollama: temperature 0 in options, where Ollama reads it, and the schema as format", async () => {
    const { path, body } = await route("ollama", "llama3.2");
    expect(path).toBe("/api/chat");
    expect(body.options).toEqual({ temperature: 0 });
    expect(body).not.toHaveProperty("temperature");
    expectTaskSchema(body.format);
    expect(body.stream).toBe(false);
  });

  it("OpenAI-compatible: temperature 0 and a json_schema response format", async () => {
    const { path, body } = await route("compatible", "qwen2.5-7b-instruct");
    expect(path).toBe("/v1/chat/completions");
    expect(body.temperature).toBe(0);
    expect(body.response_format).toMatchObject({ type: "json_schema", json_schema: { name: "response" } });
    expectTaskSchema((body.response_format as { json_schema: { schema: unknown } }).json_schema.schema);
  });

  it("OpenAI: temperature 0 and a strict json_schema text format (Responses API)", async () => {
    const { path, body } = await route("openai", "gpt-4.1-mini");
    expect(path).toBe("/v1/responses");
    expect(body.temperature).toBe(0);
    expect(body.text).toMatchObject({ format: { type: "json_schema", strict: true, name: "response" } });
    expectTaskSchema((body.text as { format: { schema: unknown } }).format.schema);
  });
});

/**
 * The fast model's other structured answers (the to-do extraction, the quality check) go through
 * generateStructured: temperature 0 where each server reads it, and the schema, named, as the format.
 */
describe("a structured answer's request on the wire", () => {
  let server: ScriptedModelServer;
  beforeAll(async () => {
    server = await new ScriptedModelServer().start();
  });
  afterAll(() => server.stop());

  const schema = z.object({ pass: z.boolean(), missing: z.array(z.string()) });

  async function ask(provider: ProviderName, model: string, queue: string): Promise<RecordedRequest> {
    const settings = providerSettings(
      parseSettings({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: `${server.url}/v1`, COMPATIBLE_BASE_URL: `${server.url}/v1`, OLLAMA_BASE_URL: server.url }),
    );
    server.script(queue, JSON.stringify({ pass: false, missing: ["the attendees"] }));
    const before = server.requestsFor(queue).length;
    const answer = await generateStructured({
      model: languageModel({ provider, model, origin: "test" }, settings),
      name: "quality_check",
      system: "Check the deliverable.",
      prompt: "The deliverable.",
      schema,
    });
    expect(answer).toEqual({ pass: false, missing: ["the attendees"] });
    const sent = server.requestsFor(queue).slice(before);
    expect(sent).toHaveLength(1);
    return sent[0];
  }

  const expectSchema = (value: unknown) =>
    expect(value).toMatchObject({ type: "object", properties: { pass: { type: "boolean" }, missing: { type: "array" } } });

  it("Ollama: temperature 0 in options and the schema as format", async () => {
    const { path, body } = await ask("ollama", "llama3.2", "llama3.2");
    expect(path).toBe("/api/chat");
    expect(body.options).toEqual({ temperature: 0 });
    expect(body).not.toHaveProperty("temperature");
    expectSchema(body.format);
  });

  it("OpenAI-compatible: temperature 0 and a json_schema response format with the schema's name", async () => {
    const { path, body } = await ask("compatible", "qwen2.5-7b-instruct", "qwen2.5-7b-instruct#quality_check");
    expect(path).toBe("/v1/chat/completions");
    expect(body.temperature).toBe(0);
    expect(body.response_format).toMatchObject({ type: "json_schema", json_schema: { name: "quality_check" } });
    expectSchema((body.response_format as { json_schema: { schema: unknown } }).json_schema.schema);
  });

  it("OpenAI: temperature 0 and a strict json_schema text format with the schema's name", async () => {
    const { path, body } = await ask("openai", "gpt-4.1-mini", "gpt-4.1-mini#quality_check");
    expect(path).toBe("/v1/responses");
    expect(body.temperature).toBe(0);
    expect(body.text).toMatchObject({ format: { type: "json_schema", strict: true, name: "quality_check" } });
    expectSchema((body.text as { format: { schema: unknown } }).format.schema);
  });
});

/** The embed slot's requests: the endpoint each provider uses, the model name and the texts as given. */
describe("embedding requests on the wire", () => {
  let server: ScriptedModelServer;
  beforeAll(async () => {
    server = await new ScriptedModelServer().start();
    server.vectors.set("recap of the call", [1, 0, 0]);
    server.vectors.set("Meeting minutes", [0, 1, 0]);
    server.vectors.set("Memo", [0, 0, 1]);
  });
  afterAll(() => server.stop());

  const cases: { provider: ProviderName; model: string; path: string }[] = [
    { provider: "openai", model: "text-embedding-3-small", path: "/v1/embeddings" },
    { provider: "ollama", model: "nomic-embed-text", path: "/api/embed" },
    { provider: "compatible", model: "bge-m3", path: "/v1/embeddings" },
  ];

  it.each(cases)("$provider: one request to $path with the model and the input, for embed and embedMany", async ({ provider, model, path }) => {
    const settings = providerSettings(
      parseSettings({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: `${server.url}/v1`, COMPATIBLE_BASE_URL: `${server.url}/v1`, OLLAMA_BASE_URL: server.url }),
    );
    const embedder = embeddingModel({ provider, model, origin: "test" }, settings);
    const before = server.requests.length;
    const one = await embed({ model: embedder, value: "recap of the call", maxRetries: 0 });
    const many = await embedMany({ model: embedder, values: ["Meeting minutes", "Memo"], maxRetries: 0 });
    expect(one.embedding).toEqual([1, 0, 0]);
    expect(many.embeddings).toEqual([
      [0, 1, 0],
      [0, 0, 1],
    ]);
    const sent = server.requests.slice(before);
    expect(sent.map((r) => [r.path, r.model])).toEqual([
      [path, model],
      [path, model],
    ]);
    const inputs = sent.map((r) => r.body.input);
    // OpenAI and compatible servers accept a string or a list; the providers send lists
    expect(inputs).toEqual([["recap of the call"], ["Meeting minutes", "Memo"]]);
  });
});
