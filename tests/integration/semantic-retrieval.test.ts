import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddingSlot, languageModel, providerSettings } from "@/lib/ai";
import { createUser, type PublicUser } from "@/lib/auth";
import { createConversation } from "@/lib/chat/queries";
import { runTurn } from "@/lib/chat/web";
import { db } from "@/lib/db";
import { embeddingSyncSettled, scheduleEmbeddingSync, syncEmbeddings, taskEmbeddingText } from "@/lib/embeddings";
import { checkHealth } from "@/lib/health";
import { listDocuments, relevantKnowledge, saveDocument } from "@/lib/knowledge";
import { castVote, relevantLearnings } from "@/lib/learnings";
import { shortlistTasks } from "@/lib/router";
import { parseSettings, settings } from "@/lib/settings";
import { createTask, enabledTasks, importRegistry, REGISTRY_FORMAT, type TaskInput, updateTask } from "@/lib/tasks";
import { testDatabaseKind } from "../support/database";
import { withLibDatabase } from "../support/lib-database";
import { ScriptedModelServer } from "../support/model-server";
import { routerSays } from "../support/scripted-replies";
import { TcpProxy } from "../support/tcp-proxy";

/**
 * Semantic retrieval with the embed slot on a scripted embedding server (Ollama's /api/embed, reached
 * through a proxy that can be cut): tasks and learnings embedded on create, update and import; the
 * fused ranking bringing a task that shares no word with the request into the router's list at 1,000
 * tasks; a server that is down or slow leaving the turn on words alone, at most 300 ms later.
 * The turn runs in this process (runTurn), so its routing decision can be read from the database.
 */
const BEST = "scripted-best";
const FAST = "scripted-fast";
const EMBED = "scripted-embed";
const MODEL_ID = `ollama:${EMBED}`;
const DIMENSIONS = 32;

const models = await new ScriptedModelServer().start();
models.models = [BEST, FAST, EMBED];
const proxy = await new TcpProxy("127.0.0.1", Number(new URL(models.url).port)).start();
// read once, at the first settings() call: before any test runs
process.env.MODEL_EMBED = MODEL_ID;
process.env.OLLAMA_BASE_URL = `http://127.0.0.1:${proxy.port}`;

withLibDatabase();

/** A vector for a text with no fixture: derived from a hash of the text (noise, never from its words). */
const noise = (text: string) => [...createHash("sha256").update(text).digest()].map((byte) => byte / 255 - 0.5);
const axis = (i: number, rest: Record<number, number> = {}) => Array.from({ length: DIMENSIONS }, (_, d) => (d === i ? 1 : (rest[d] ?? 0)));
models.defaultVector = noise;

const DOMAINS = [
  "legal",
  "finance",
  "sales",
  "marketing",
  "engineering",
  "logistics",
  "procurement",
  "support",
  "security",
  "facilities",
  "research",
  "quality",
  "compliance",
  "treasury",
  "payroll",
  "audit",
  "training",
  "design",
  "operations",
  "pricing",
  "partnerships",
  "retail",
  "manufacturing",
  "warehouse",
  "fleet",
  "energy",
  "insurance",
  "tax",
  "product",
  "analytics",
  "hospitality",
  "pharmacy",
  "schools",
  "clinics",
  "events",
  "real-estate",
  "media",
];
const OUTPUTS = [
  "checklist",
  "report",
  "summary",
  "plan",
  "brief",
  "proposal",
  "review",
  "forecast",
  "policy",
  "handbook",
  "scorecard",
  "roadmap",
  "budget",
  "questionnaire",
  "playbook",
  "register",
  "charter",
  "timeline",
  "matrix",
  "inventory",
  "assessment",
  "dashboard",
  "guideline",
  "catalogue",
  "schedule",
  "tender",
  "digest",
];

const task = (slug: string, name: string, routerDescription: string, enabled = true): TaskInput => ({
  slug,
  name,
  description: "",
  translations: {},
  exampleRequests: [],
  routerDescription,
  instructions: `Write the ${name.toLowerCase()} from what the user gives.`,
  infoToCollect: [],
  followUpActions: [],
  outputKind: "custom",
  outputTitleFormat: name,
  outputBodyFormat: "Markdown.",
  icon: null,
  enabled,
  extractTodos: false,
  qualityCheck: false,
});

const distractors = DOMAINS.flatMap((domain) =>
  OUTPUTS.map((output) => task(`${domain}-${output}`, `${domain} ${output}`, `The user wants a ${output} for the ${domain} department.`)),
);
/** The task the paraphrase means, in words it does not use. */
const TARGET = task("announcement-post", "Announcement post", "Writes a short public announcement for a professional social platform.");
const PARAPHRASE = "Could you let my network know that our department shipped version two?";
const PARAPHRASE_LATER = "Tell my contacts about the launch we just did";

models.vectors.set(taskEmbeddingText(TARGET), axis(0));
models.vectors.set(PARAPHRASE, axis(0, { 1: 0.1 }));
// the routing correction's excerpt, and a later request close to it (and to nothing else)
models.vectors.set(`User: ${PARAPHRASE}`, axis(2));
models.vectors.set(PARAPHRASE_LATER, axis(2, { 3: 0.1 }));
// a knowledge chunk (its heading and text) and a question that means it in other words; another task's
// chunk is nearer still, and must never reach this turn
const POLICY = "Economy class for flights under six hours; business class beyond that.";
const POLICY_QUESTION = "Can I sit up front on my trip to Singapore?";
models.vectors.set(`Travel\n${POLICY}`, axis(4));
models.vectors.set(POLICY_QUESTION, axis(4, { 5: 0.1 }));
models.vectors.set("Board\nThe board meets in Lisbon in March.", axis(4, { 5: 0.1 }));

afterAll(async () => {
  await embeddingSyncSettled();
  await proxy.stop();
  await models.stop();
});

const embeddingOf = (taskId: string) => db().taskEmbedding.findUnique({ where: { taskId }, select: { model: true, contentHash: true, vector: true } });

describe(`semantic retrieval on ${testDatabaseKind()}`, () => {
  let user: PublicUser;
  const chatModels = () => {
    const providers = providerSettings(parseSettings({ COMPATIBLE_BASE_URL: `${models.url}/v1` }));
    const slot = (model: string) => ({
      model: languageModel({ provider: "compatible", model, origin: "test" }, providers),
      spec: { provider: "compatible" as const, model, origin: "test" },
    });
    return { best: slot(BEST), fast: slot(FAST) };
  };

  /** One turn through runTurn, read to the end; its routing decision and what the router was offered. */
  async function turn(text: string) {
    const conversation = await createConversation(user.id);
    const messageId = randomUUID();
    models.script(FAST, routerSays("none"));
    models.script(BEST, "Happy to help.");
    const routerRequests = models.requestsFor(FAST).length;
    const started = performance.now();
    const response = await runTurn(
      user,
      { conversationId: conversation.id, messageId, text },
      { signal: new AbortController().signal, models: chatModels(), locale: "en" },
    );
    await response.text();
    const ms = performance.now() - started;
    expect({ best: models.pending(BEST), fast: models.pending(FAST) }).toEqual({ best: 0, fast: 0 });
    const decision = await db().routingDecision.findFirstOrThrow({ where: { message: { conversationId: conversation.id, role: "user" } } });
    const system =
      models
        .requestsFor(FAST)
        .slice(routerRequests)[0]
        .messages.find((m) => m.role === "system")?.content ?? "";
    const prompt =
      models
        .requestsFor(FAST)
        .slice(routerRequests)[0]
        .messages.find((m) => m.role === "user")?.content ?? "";
    const offered = [...system.matchAll(/^- ([a-z0-9_-]+):/gm)].map((m) => m[1]).filter((slug) => slug !== "none");
    return { ms, decision, offered, prompt };
  }

  beforeAll(async () => {
    user = await createUser({ email: `semantic-${randomUUID()}@example.test`, password: "password-semantic" });
    expect(settings().MODEL_EMBED).toMatchObject({ provider: "ollama", model: EMBED });
  });

  it("reports the embed slot in the health check", async () => {
    const health = await checkHealth();
    expect(health.embedding).toEqual({ model: MODEL_ID, configured: true, usable: true, problem: null });
  });

  it("embeds a task when it is created and again when its text changes, with the model that made it", async () => {
    const created = await createTask(task("press-release", "Press release", "The user wants a press release for journalists."));
    await embeddingSyncSettled();
    const first = await embeddingOf(created.id);
    expect(first).toMatchObject({ model: MODEL_ID, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(first!.vector.byteLength).toBe(DIMENSIONS * 4);

    const sent = models.requests.length;
    await updateTask(created.id, task("press-release", "Press release", "The user wants a press release announcing a product to journalists."));
    await embeddingSyncSettled();
    const second = await embeddingOf(created.id);
    expect(second!.contentHash).not.toBe(first!.contentHash);
    expect(
      models.requests
        .slice(sent)
        .filter((r) => r.path === "/api/embed")
        .flatMap((r) => r.body.input as string[]),
    ).toContain("Press release\nThe user wants a press release announcing a product to journalists.");
  });

  it("logs a failed embedding and embeds the task on a later sync", async () => {
    models.embedding = { status: 503 };
    const created = await createTask(task("board-letter", "Board letter", "The user wants a letter to the board of directors."));
    await embeddingSyncSettled();
    expect(await embeddingOf(created.id)).toBeNull();
    models.embedding = {};
    scheduleEmbeddingSync();
    await embeddingSyncSettled();
    expect(await embeddingOf(created.id)).toMatchObject({ model: MODEL_ID });
  });

  it("re-embeds every task when the model changes", async () => {
    const other = embeddingSlot(parseSettings({ MODEL_EMBED: "compatible:other-embed", COMPATIBLE_BASE_URL: `${models.url}/v1` }))!;
    await syncEmbeddings(other);
    const rows = await db().taskEmbedding.groupBy({ by: ["model"], _count: true });
    expect(rows).toEqual([{ model: "compatible:other-embed", _count: await db().task.count({ where: { deletedAt: null } }) }]);
    await syncEmbeddings();
    expect(await db().taskEmbedding.groupBy({ by: ["model"], _count: true })).toEqual([{ model: MODEL_ID, _count: expect.any(Number) }]);
  });

  it("embeds the tasks of an import: 1,000 tasks", async () => {
    const tasks = [...distractors.slice(0, 999 - (await enabledTasks()).length), TARGET];
    const report = await importRegistry({ format: REGISTRY_FORMAT, tasks }, { enable: tasks.map((t) => t.slug) });
    expect(report.tasks.every((t) => t.action === "create")).toBe(true);
    await embeddingSyncSettled();
    expect(await enabledTasks()).toHaveLength(1_000);
    const target = await db().task.findUniqueOrThrow({ where: { slug: TARGET.slug }, select: { id: true } });
    expect(await embeddingOf(target.id)).toMatchObject({ model: MODEL_ID });
    expect(await db().taskEmbedding.count({ where: { model: MODEL_ID } })).toBe(await db().task.count({ where: { deletedAt: null } }));
  });

  let baselineMs = 0;

  it("offers the router a task that shares no word with the request, found by meaning, at 1,000 tasks", async () => {
    const tasks = await enabledTasks();
    // by words alone it is not among the tasks offered
    const lexical = shortlistTasks({ tasks, currentTask: null, text: PARAPHRASE, size: settings().ROUTER_SHORTLIST_SIZE });
    expect(lexical.map((t) => t.slug)).not.toContain(TARGET.slug);

    await turn(PARAPHRASE); // the first turn loads the vectors
    const { decision, offered, ms } = await turn(PARAPHRASE);
    baselineMs = ms;
    expect(decision).toMatchObject({ retrieval: "fused", retrievalNote: null });
    expect(offered).toHaveLength(settings().ROUTER_SHORTLIST_SIZE);
    expect(offered).toContain(TARGET.slug);
    const query = models.requests.filter((r) => r.path === "/api/embed").at(-1)!;
    expect(query.body).toMatchObject({ model: EMBED, input: [PARAPHRASE] });
  });

  it("a slow embedding server (2 s) leaves the turn on words alone, at most 300 ms later", async () => {
    models.embedding = { delayMs: 2_000 };
    try {
      const { decision, offered, ms } = await turn(PARAPHRASE);
      expect(decision).toMatchObject({ retrieval: "lexical_fallback", retrievalNote: expect.stringMatching(/^timeout/) });
      expect(offered).not.toContain(TARGET.slug);
      // 300 ms at most by design; the bound is generous for a loaded machine
      expect(ms - baselineMs, `slow turn ${Math.round(ms)} ms, baseline ${Math.round(baselineMs)} ms`).toBeLessThan(1_000);
    } finally {
      models.embedding = {};
    }
  });

  it("an embedding server that is down leaves the turn on words alone, at once", async () => {
    proxy.cut();
    try {
      const { decision, offered, ms } = await turn(PARAPHRASE);
      expect(decision).toMatchObject({ retrieval: "lexical_fallback", retrievalNote: expect.stringMatching(/^error/) });
      expect(offered).not.toContain(TARGET.slug);
      expect(ms - baselineMs, `turn ${Math.round(ms)} ms, baseline ${Math.round(baselineMs)} ms`).toBeLessThan(1_000);
    } finally {
      proxy.restore();
    }
  });
  it("embeds a routing correction's learning and finds it for a later request by meaning", async () => {
    const { decision } = await turn(PARAPHRASE);
    await castVote(user.id, { target: { type: "decision", id: decision.id }, rating: "down", correction: TARGET.slug });
    await embeddingSyncSettled();
    const learning = await db().learning.findFirstOrThrow({ where: { feedback: { routingDecisionId: decision.id } }, include: { embedding: true } });
    expect(learning.inputExcerpt).toBe(`User: ${PARAPHRASE}`);
    expect(learning.embedding).toMatchObject({ model: MODEL_ID });

    // no word in common: by words alone the correction is not found
    expect(await relevantLearnings({ scope: "router", text: PARAPHRASE_LATER, budgetTokens: 300 })).toEqual([]);
    const later = await turn(PARAPHRASE_LATER);
    expect(later.decision.retrieval).toBe("fused");
    expect(later.prompt).toContain("Corrected past decisions");
    expect(later.prompt).toContain(`User: ${PARAPHRASE}`);
    expect(later.offered).toContain(TARGET.slug);
  });

  it("gives the executor a knowledge excerpt that shares no word with the request, found by meaning, never another task's", async () => {
    const markdown = (name: string, text: string) => ({ name, type: "text/markdown", bytes: new TextEncoder().encode(text) });
    const [otherTask] = await enabledTasks();
    const policy = await saveDocument({
      file: markdown("Travel policy.md", `# Travel\n\n${POLICY}`),
      scope: { scope: "organisation", taskIds: [] },
      uploadedById: user.id,
    });
    await saveDocument({
      file: markdown("Board.md", "# Board\n\nThe board meets in Lisbon in March."),
      scope: { scope: "tasks", taskIds: [otherTask.id] },
      uploadedById: user.id,
    });
    await embeddingSyncSettled();
    expect((await listDocuments()).find((d) => d.id === policy.id)).toMatchObject({ chunks: 1, embeddedChunks: 1, embeddingError: null });

    // by words alone the policy is not found
    expect(await relevantKnowledge({ taskId: null, text: POLICY_QUESTION, budgetTokens: 1_000 })).toEqual([]);
    const answers = models.requestsFor(BEST).length;
    const { decision } = await turn(POLICY_QUESTION);
    expect(decision.retrieval).toBe("fused");
    const prompt = JSON.stringify(models.requestsFor(BEST).slice(answers)[0].messages);
    expect(prompt).toContain(POLICY);
    expect(prompt).toContain("Travel policy.md");
    expect(prompt).not.toContain("Lisbon");
  });
});
