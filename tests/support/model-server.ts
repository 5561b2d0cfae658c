import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { closeServer, listenOnLoopback } from "./loopback-server";

/**
 * A scripted model server on 127.0.0.1 speaking the OpenAI-compatible and Ollama wire formats (and
 * OpenAI's Responses API, which openai: models use, unstreamed), so the app's real provider code is
 * exercised. Every request is recorded with its body, for tests of what went on the wire. Each reply is queued by the test for a model name (the app's
 * fast and best slots use different names): nothing is chosen by reading the prompt. A structured-output
 * request that names its JSON schema on the wire (anything but the AI SDK's default "response") is
 * queued and recorded apart, as `model#name` (e.g. "scripted-fast#action_items"): work a turn does in the
 * background then never takes a reply the test queued for the router.
 *
 * It also answers embedding requests (OpenAI's and compatible servers' /v1/embeddings, Ollama's
 * /api/embed) with the vectors of a fixture table, text → vector, that the test fills: `vectors`, and
 * `defaultVector` for texts the test gives no fixture (e.g. a hash of the text, for distractors).
 */
export interface ScriptedReply {
  text: string;
  /** wait before the first byte */
  delayMs?: number;
  /** wait between streamed chunks */
  chunkDelayMs?: number;
  /** characters per streamed chunk (default 8) */
  chunkSize?: number;
  /** answer with this HTTP status and an error body instead */
  status?: number;
  /** stream this many chunks, then drop the connection */
  failAfterChunks?: number;
}

export interface RecordedRequest {
  path: string;
  model: string | undefined;
  body: Record<string, unknown>;
  /** the messages, flattened to text, in order */
  messages: { role: string; content: string }[];
}

export class ScriptedModelServer {
  readonly requests: RecordedRequest[] = [];
  private readonly queues = new Map<string, ScriptedReply[]>();
  private server: Server | undefined;
  /** model names listed by /v1/models and /api/tags */
  models: string[] = [];
  /**
   * For load tests: the reply when a model's queue is empty (chosen by the load script per request,
   * e.g. a random fault); without it an empty queue is an error, as in every other test.
   */
  fallback: ((model: string) => ScriptedReply) | undefined;
  /** the embedding endpoints' answers, by exact input text */
  readonly vectors = new Map<string, number[]>();
  /** the vector of a text with no fixture; without it such a text is an error (500) */
  defaultVector: ((text: string) => number[]) | undefined;
  /** how the embedding endpoints behave: wait this long first, or fail with this status */
  embedding: { delayMs?: number; status?: number } = {};
  /** keep recorded requests (off for long load runs) */
  record = true;
  url = "";

  script(model: string, ...replies: (ScriptedReply | string)[]): this {
    const queue = this.queues.get(model) ?? [];
    queue.push(...replies.map((r) => (typeof r === "string" ? { text: r } : r)));
    this.queues.set(model, queue);
    const listed = model.split("#")[0];
    if (!this.models.includes(listed)) this.models.push(listed);
    return this;
  }

  /** Drops what is still queued for a model: a reply a test scripted for a call that did not happen (a speculative answer aborted before its request left) must not answer the next test's call. */
  clear(model: string): this {
    this.queues.delete(model);
    return this;
  }

  pending(model: string): number {
    return this.queues.get(model)?.length ?? 0;
  }

  requestsFor(model: string): RecordedRequest[] {
    return this.requests.filter((r) => r.model === model);
  }

  async start(): Promise<this> {
    ({ server: this.server, url: this.url } = await listenOnLoopback(
      (req, res) => this.handle(req, res),
      (error) => ({ error: { message: String(error) } }),
    ));
    return this;
  }

  async stop(): Promise<void> {
    await closeServer(this.server);
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const path = (req.url ?? "").split("?")[0];
    if (req.method === "GET" && path === "/v1/models") {
      return json(res, 200, { object: "list", data: this.models.map((id) => ({ id, object: "model" })) });
    }
    if (req.method === "GET" && path === "/api/tags") {
      return json(res, 200, { models: this.models.map((name) => ({ name, model: name })) });
    }
    if (req.method === "POST" && path === "/v1/audio/transcriptions") return this.transcribe(req, res);
    if (req.method === "POST" && (path === "/v1/embeddings" || path === "/api/embed")) return this.embed(req, res, path);
    if (req.method !== "POST" || !["/v1/chat/completions", "/v1/responses", "/api/chat"].includes(path)) {
      return json(res, 404, { error: { message: `scripted server: no route ${req.method} ${path}` } });
    }
    const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    const model = queueOf(body);
    if (this.record) this.requests.push({ path, model, body, messages: flattenMessages(body.messages ?? body.input) });
    const reply = model ? (this.queues.get(model)?.shift() ?? this.fallback?.(model)) : undefined;
    if (!reply) return json(res, 500, { error: { message: `scripted server: no reply queued for model "${model}"` } });
    if (reply.delayMs) await sleep(reply.delayMs);
    if (reply.status && reply.status >= 400) {
      return json(res, reply.status, { error: { message: `scripted failure ${reply.status}`, type: "server_error" } });
    }
    const stream = path === "/api/chat" ? body.stream !== false : body.stream === true;
    if (path === "/v1/responses") {
      if (stream) return json(res, 501, { error: { message: "scripted server: streamed Responses API replies are not scripted" } });
      return json(res, 200, openAiResponse(model!, reply.text));
    }
    if (path === "/api/chat") return stream ? this.streamOllama(res, model!, reply) : json(res, 200, ollamaFinal(model!, reply.text, true));
    return stream ? this.streamOpenAi(res, model!, reply) : json(res, 200, openAiCompletion(model!, reply.text));
  }

  /** Embeddings: OpenAI's (and compatible servers') /v1/embeddings, Ollama's /api/embed; vectors from the fixtures. */
  private async embed(req: IncomingMessage, res: ServerResponse, path: string) {
    const body = JSON.parse(await readBody(req)) as { model?: string; input?: string | string[] };
    if (this.record) this.requests.push({ path, model: body.model, body, messages: [] });
    if (this.embedding.delayMs) await sleep(this.embedding.delayMs);
    if (this.embedding.status) return json(res, this.embedding.status, { error: { message: `scripted failure ${this.embedding.status}` } });
    const inputs = typeof body.input === "string" ? [body.input] : (body.input ?? []);
    const missing = inputs.filter((text) => !this.vectors.has(text) && !this.defaultVector);
    if (missing.length) return json(res, 500, { error: { message: `scripted server: no vector for ${JSON.stringify(missing[0].slice(0, 80))}` } });
    const embeddings = inputs.map((text) => this.vectors.get(text) ?? this.defaultVector!(text));
    const tokens = inputs.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0);
    if (path === "/api/embed") {
      return json(res, 200, { model: body.model, embeddings, total_duration: 1_000, load_duration: 0, prompt_eval_count: tokens });
    }
    return json(res, 200, {
      object: "list",
      data: embeddings.map((embedding, index) => ({ object: "embedding", index, embedding })),
      model: body.model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
  }

  /** OpenAI's transcription endpoint: multipart form with file, model and optional language. */
  private async transcribe(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const form = await new Request("http://scripted/", {
      method: "POST",
      headers: { "content-type": req.headers["content-type"] ?? "" },
      body: Buffer.concat(chunks),
    }).formData();
    const file = form.get("file");
    const model = String(form.get("model") ?? "");
    this.requests.push({
      path: "/v1/audio/transcriptions",
      model,
      body: {
        language: form.get("language"),
        fileType: file instanceof File ? file.type : null,
        fileSize: file instanceof File ? file.size : 0,
      },
      messages: [],
    });
    const reply = this.queues.get(model)?.shift();
    if (!reply) return json(res, 500, { error: { message: `scripted server: no reply queued for model "${model}"` } });
    if (reply.delayMs) await sleep(reply.delayMs);
    if (reply.status && reply.status >= 400) return json(res, reply.status, { error: { message: `scripted failure ${reply.status}` } });
    return json(res, 200, { text: reply.text, language: form.get("language") ?? "english", duration: 3.2 });
  }

  private async streamOpenAi(res: ServerResponse, model: string, reply: ScriptedReply) {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    const id = `chatcmpl-${Date.now()}`;
    const send = (delta: object, finish: string | null) =>
      res.write(
        `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created: 0, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`,
      );
    send({ role: "assistant", content: "" }, null);
    const finished = await this.writeChunks(res, reply, (chunk) => send({ content: chunk }, null));
    if (!finished) return;
    send({}, "stop");
    res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created: 0, model, choices: [], usage: usageOf(reply.text) })}\n\n`);
    res.end("data: [DONE]\n\n");
  }

  private async streamOllama(res: ServerResponse, model: string, reply: ScriptedReply) {
    res.writeHead(200, { "content-type": "application/x-ndjson" });
    const finished = await this.writeChunks(res, reply, (chunk) =>
      res.write(`${JSON.stringify({ model, created_at: new Date().toISOString(), message: { role: "assistant", content: chunk }, done: false })}\n`),
    );
    if (finished) res.end(`${JSON.stringify(ollamaFinal(model, "", false))}\n`);
  }

  /** Writes the reply in chunks; false when the script asked to drop the connection midway. */
  private async writeChunks(res: ServerResponse, reply: ScriptedReply, write: (chunk: string) => void) {
    const size = reply.chunkSize ?? 8;
    let sent = 0;
    for (let i = 0; i < reply.text.length; i += size) {
      if (reply.failAfterChunks !== undefined && sent >= reply.failAfterChunks) {
        // let what was written reach the client first, then drop the connection mid-answer
        await sleep(50);
        res.destroy();
        return false;
      }
      if (sent > 0 && reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
      if (res.destroyed) return false;
      write(reply.text.slice(i, i + size));
      sent++;
    }
    return true;
  }
}

/** The queue a request takes its reply from: its model, or `model#schema` for a structured output whose schema is named. */
function queueOf(body: Record<string, unknown>): string | undefined {
  const model = body.model as string | undefined;
  const format = body.response_format as { json_schema?: { name?: string } } | undefined;
  const name = format?.json_schema?.name ?? (body.text as { format?: { name?: string } } | undefined)?.format?.name;
  return model && name && name !== "response" ? `${model}#${name}` : model;
}

function usageOf(text: string) {
  const completion = Math.max(1, Math.ceil(text.length / 4));
  return { prompt_tokens: 100, completion_tokens: completion, total_tokens: 100 + completion };
}

function openAiCompletion(model: string, text: string) {
  return {
    id: `chatcmpl-${Date.now()}`,
    object: "chat.completion",
    created: 0,
    model,
    choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }],
    usage: usageOf(text),
  };
}

/** OpenAI's Responses API, unstreamed: one assistant message. */
function openAiResponse(model: string, text: string) {
  const { prompt_tokens, completion_tokens } = usageOf(text);
  return {
    id: `resp_${Date.now()}`,
    created_at: Math.floor(Date.now() / 1000),
    model,
    output: [{ type: "message", role: "assistant", id: `msg_${Date.now()}`, content: [{ type: "output_text", text, annotations: [] }] }],
    incomplete_details: null,
    usage: { input_tokens: prompt_tokens, output_tokens: completion_tokens },
  };
}

function ollamaFinal(model: string, text: string, whole: boolean) {
  return {
    model,
    created_at: new Date().toISOString(),
    message: { role: "assistant", content: whole ? text : "" },
    done: true,
    done_reason: "stop",
    prompt_eval_count: 100,
    eval_count: Math.max(1, Math.ceil(text.length / 4)),
  };
}

function flattenMessages(messages: unknown): { role: string; content: string }[] {
  if (!Array.isArray(messages)) return [];
  return messages.map((m: { role: string; content: unknown }) => ({
    role: m.role,
    content: typeof m.content === "string" ? m.content : Array.isArray(m.content) ? m.content.map((part: { text?: string }) => part.text ?? "").join("") : "",
  }));
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => (data += chunk));
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
