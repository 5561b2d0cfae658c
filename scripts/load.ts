// npm run load [-- --users 200 --duration 60 --db postgres|pglite] — a bounded load run with faults.
//
// Everything runs on 127.0.0.1: a scripted model server, (on Postgres) a TCP proxy in front of the local
// Postgres with a fresh database, and the app started as `npm start` does. N users sign up, each opens a
// conversation and, for the duration, sends turns and reads each whole stream, retrying a failed turn
// with the SAME messageId (the app's Retry button) up to 3 times. Faults are injected on a schedule:
// provider 500s, slow streams and mid-stream drops on model calls, and one database "restart" (the proxy
// drops every connection for ~3 s) in the middle of the run. Afterwards every message the client sent is
// looked up in the database directly: none may be lost or stored twice, and none answered twice.
//
// Exit code 0 when nothing was lost, duplicated or answered more than once and every error coincides
// with an injected fault — or is an overload refusal (the app's retryable 503 "database unreachable" while
// the database was up: its pool had no free connection in time), or a client timeout while successful
// attempts took as long, whose turn then completed on a retry.
// Overload refusals are counted apart, never folded into the fault columns.
// Options: --users N, --duration S, --db postgres|pglite, --seed N (fault randomness), --keep-db.
import "./settings";
import { randomUUID } from "node:crypto";
import { setMaxListeners } from "node:events";
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { type AppServer, startApp } from "../tests/support/app-server";
import { createConversation, parseUiMessageStream } from "../tests/support/chat-client";
import { createTestDatabase, type TestDatabase } from "../tests/support/database";
import { HttpClient, uniqueEmail } from "../tests/support/http-client";
import { ScriptedModelServer, type ScriptedReply } from "../tests/support/model-server";
import { TcpProxy } from "../tests/support/tcp-proxy";

// ---------------------------------------------------------------------------------------------------
// options and constants

const { values: argv } = parseArgs({
  options: {
    users: { type: "string", default: "200" },
    duration: { type: "string", default: "60" },
    db: { type: "string", default: "postgres" },
    seed: { type: "string", default: String(Date.now() % 1_000_000) },
    "keep-db": { type: "boolean", default: false },
  },
  strict: true,
});
const USERS = Number(argv.users);
const DURATION_MS = Number(argv.duration) * 1000;
const DB_KIND = argv.db as "postgres" | "pglite";
const SEED = Number(argv.seed);
if (!Number.isInteger(USERS) || USERS < 1 || USERS > 2000) throw new Error("--users must be an integer from 1 to 2000");
if (!Number.isFinite(DURATION_MS) || DURATION_MS < 1000 || DURATION_MS > 30 * 60_000) throw new Error("--duration must be 1 to 1800 seconds");
if (DB_KIND !== "postgres" && DB_KIND !== "pglite") throw new Error("--db must be postgres or pglite");

const BEST = "load-best";
const FAST = "load-fast";
const SEED_SLUGS = ["meeting-minutes", "follow-up-email", "memo-from-ideas"];

const FAULTS = { providerError: 0.03, slow: 0.05, drop: 0.02 };
const SLOW_CHUNK_DELAY_MS = 100;
const DROP_AFTER_CHUNKS = 2;
const DB_CUT_MS = 3_000;
/** errors this long after the database came back still count as the restart's (pools reconnect) */
const DB_GRACE_MS = 2_000;

const SIGNUP_CONCURRENCY = 6;
const MAX_RETRIES = 3;
const BACKOFF_MS = [1_000, 2_000, 4_000];
const THINK_MS: [number, number] = [200, 800];
const ATTEMPT_TIMEOUT_MS = 30_000;
/** after the duration: how long in-flight turns (and their retries) may still take */
const DRAIN_MS = 45_000;
const APP_START_TIMEOUT_MS = 5 * 60_000; // includes a `next build` when the sources changed
const WATCHDOG_MS = APP_START_TIMEOUT_MS + 5 * 60_000 + DURATION_MS + DRAIN_MS + 60_000;

const RUN_DIR = path.join(tmpdir(), `switchboard-load-${new Date().toISOString().replace(/[:.]/g, "-")}`);
mkdirSync(RUN_DIR, { recursive: true });
const EVENTS_FILE = path.join(RUN_DIR, "events.jsonl");

// ---------------------------------------------------------------------------------------------------
// small helpers

/** mulberry32: reproducible randomness for faults and texts (--seed) */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const between = (lo: number, hi: number) => lo + random() * (hi - lo);
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });

const t0 = performance.now();
const now = () => performance.now() - t0;
const stamp = (ms = now()) => `+${(ms / 1000).toFixed(3).padStart(8)}s`;
function log(message: string) {
  console.log(`[${new Date().toISOString()} ${stamp()}] ${message}`);
}
function event(what: string, data: Record<string, unknown> = {}) {
  appendFileSync(EVENTS_FILE, `${JSON.stringify({ at: new Date().toISOString(), t: Math.round(now()), event: what, ...data })}\n`);
}

function percentile(values: number[], p: number): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
const ms = (value: number | undefined) => (value === undefined ? "—" : value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`);

function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => `│ ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" │ ")} │`;
  const rule = (l: string, m: string, r: string) => `${l}${widths.map((w) => "─".repeat(w + 2)).join(m)}${r}`;
  return [rule("┌", "┬", "┐"), line(headers), rule("├", "┼", "┤"), ...cells.slice(1).map(line), rule("└", "┴", "┘")].join("\n");
}

// ---------------------------------------------------------------------------------------------------
// state

interface InjectedFault {
  t: number;
  model: string;
  kind: "provider-500" | "slow" | "drop";
}

/**
 * "overload": the app's retryable database refusal (503 unavailable:database, or the stream's "database is
 * unreachable … press Retry") while the database was up — its pool found no free connection within its
 * connect timeout because every one was busy. A refusal the client retries, not a fault; counted apart.
 */
type ErrorClass = "db restart" | "provider" | "overload" | "unexpected";
const ERROR_CLASSES: ErrorClass[] = ["db restart", "provider", "overload", "unexpected"];

interface FailedAttempt {
  turn: string;
  attempt: number;
  start: number;
  end: number;
  /** HTTP 503 unavailable:database, stream error: <text>, network: <code> … */
  kind: string;
  class: ErrorClass;
  /** the answer id the stream announced, to see afterwards whether it was saved anyway */
  assistantId?: string;
}

interface SentMessage {
  user: number;
  conversationId: string;
  messageId: string;
  text: string;
  /** a 200 stream came back at least once: the app had stored the message (loadTurn stores it first) */
  acknowledged: boolean;
  /** the assistant ids ("start" chunks) of answers the client saw finish without an error */
  completedAssistantIds: string[];
  outcome: "completed" | "gave up" | "aborted at shutdown" | "in flight";
  attempts: number;
}

const faultsByTurn = new Map<string, InjectedFault[]>();
const faultCounts = { "provider-500": 0, slow: 0, drop: 0, normal: 0, unattributed: 0 };
const modelCalls = { [BEST]: 0, [FAST]: 0 } as Record<string, number>;
const sent: SentMessage[] = [];
const failures: FailedAttempt[] = [];
const attemptLatencies: number[] = [];
const turnLatencies: number[] = [];
const ttfts: number[] = [];
let attemptsTotal = 0;
let inFlight = 0;
const completedAt: number[] = [];

const dbWindow: { cutAt?: number; restoredAt?: number } = {};
let loadStart = 0;
let loadEnd = 0;

// ---------------------------------------------------------------------------------------------------
// the scripted models

/** `[load u17 n42]` in each message ties model calls to the turn that made them. */
const TOKEN = /\[load u(\d+) n(\d+)\]/g;
function turnKeyOf(messages: { role: string; content: string }[]): string | undefined {
  let found: string | undefined;
  for (const m of messages) {
    if (m.role !== "user") continue;
    for (const match of m.content.matchAll(TOKEN)) found = `u${match[1]}-n${match[2]}`;
  }
  return found;
}

const WORDS = "agenda budget client deadline draft owner risk scope status summary timeline vendor review launch hiring roadmap".split(" ");
const sentence = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(" ");

function executorText(): string {
  const prose = `Here is what I have so far: ${sentence(12 + Math.floor(random() * 20))}.`;
  if (random() < 0.3) return `${prose}\n<deliverable title="Load ${Math.floor(random() * 1000)}">\n${sentence(30)}\n</deliverable>`;
  return `${prose} ${sentence(10)}.`;
}

function startModels(models: ScriptedModelServer) {
  models.models = [BEST, FAST];
  // `record` stays on only so the fallback can read the request it answers (handle() records it just
  // before calling the fallback, in the same tick); the list is emptied on every call, so it stays tiny.
  models.record = true;
  models.fallback = (model) => {
    const request = models.requests.at(-1);
    models.requests.length = 0;
    const turn = request ? turnKeyOf(request.messages) : undefined;
    modelCalls[model] = (modelCalls[model] ?? 0) + 1;
    const roll = random();
    let kind: InjectedFault["kind"] | undefined;
    let reply: ScriptedReply;
    if (model === FAST) {
      // the router is not streamed: only a provider error applies to it
      kind = roll < FAULTS.providerError ? "provider-500" : undefined;
      reply = kind ? { text: "", status: 500 } : { text: JSON.stringify({ task: pick([...SEED_SLUGS, "none"]) }) };
    } else {
      const text = executorText();
      if (roll < FAULTS.providerError) {
        kind = "provider-500";
        reply = { text: "", status: 500 };
      } else if (roll < FAULTS.providerError + FAULTS.slow) {
        kind = "slow";
        reply = { text, chunkDelayMs: SLOW_CHUNK_DELAY_MS };
      } else if (roll < FAULTS.providerError + FAULTS.slow + FAULTS.drop) {
        kind = "drop";
        reply = { text, failAfterChunks: DROP_AFTER_CHUNKS };
      } else reply = { text };
    }
    if (kind) {
      faultCounts[kind]++;
      const fault = { t: now(), model, kind };
      if (turn) {
        const list = faultsByTurn.get(turn) ?? [];
        list.push(fault);
        faultsByTurn.set(turn, list);
      } else faultCounts.unattributed++;
      event("fault", { model, fault: kind, turn });
    } else faultCounts.normal++;
    return reply;
  };
}

// ---------------------------------------------------------------------------------------------------
// the users

interface LoadUser {
  index: number;
  client: HttpClient;
  conversationId: string;
}

async function createUsers(baseUrl: string, count: number): Promise<LoadUser[]> {
  const users: LoadUser[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      for (let attempt = 1; ; attempt++) {
        try {
          const client = new HttpClient(baseUrl);
          const email = uniqueEmail(`load${index}`);
          const password = "load-password-1";
          const signUp = await client.signUp(email, password);
          if (signUp.status !== 201) throw new Error(`sign-up answered ${signUp.status}: ${(await signUp.text()).slice(0, 200)}`);
          if (!(await client.signIn(email, password))) throw new Error("sign-in set no session cookie");
          users[index] = { index, client, conversationId: await createConversation(client, `Load conversation ${index}`) };
          break;
        } catch (error) {
          const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
          const why = `${(error as Error).message}${cause ? ` (${cause.code ?? ""} ${cause.message ?? ""})` : ""}`;
          if (attempt >= 5) throw new Error(`user ${index} could not be set up: ${why}`);
          log(`  user ${index}: setup attempt ${attempt} failed: ${why}; trying again`);
          event("setup-error", { user: index, attempt, why });
          await sleep(1000 * 2 ** (attempt - 1));
        }
      }
      if ((index + 1) % 50 === 0) log(`  ${index + 1}/${count} users ready`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(SIGNUP_CONCURRENCY, count) }, worker));
  return users;
}

type AttemptResult =
  | { ok: true; latency: number; ttft?: number; assistantId?: string; status?: string }
  | { ok: false; retry: boolean; kind: string; aborted?: boolean; assistantId?: string };

const SAVED_SUFFIX = / ?Your message is saved; press Retry to try again\.?$/;

async function attemptTurn(user: LoadUser, message: SentMessage, hardStop: AbortSignal): Promise<AttemptResult> {
  const started = now();
  let ttft: number | undefined;
  try {
    const response = await user.client.request("/api/chat", {
      method: "POST",
      json: { conversationId: message.conversationId, messageId: message.messageId, text: message.text },
      signal: AbortSignal.any([AbortSignal.timeout(ATTEMPT_TIMEOUT_MS), hardStop]),
    });
    const contentType = response.headers.get("content-type") ?? "";
    if (!response.ok || !contentType.includes("text/event-stream")) {
      const body = await response.text();
      let code = "";
      try {
        code = (JSON.parse(body) as { code?: string }).code ?? "";
      } catch {
        code = body.slice(0, 60);
      }
      return { ok: false, retry: response.status >= 500, kind: `HTTP ${response.status} ${code}`.trim() };
    }
    message.acknowledged = true;
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let raw = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const piece = decoder.decode(value, { stream: true });
      if (ttft === undefined && (raw.slice(-40) + piece).includes('"type":"text-delta"')) ttft = now() - started;
      raw += piece;
    }
    raw += decoder.decode();
    let parsed: ReturnType<typeof parseUiMessageStream>;
    try {
      parsed = parseUiMessageStream(raw);
    } catch {
      return { ok: false, retry: true, kind: "stream unparsable" };
    }
    const start = parsed.chunks.find((c) => c.type === "start");
    const assistantId = start?.messageId as string | undefined;
    if (parsed.errorText !== undefined) {
      let kind = `stream error: ${parsed.errorText.replace(SAVED_SUFFIX, "")}`;
      // the generic error (the turn threw): where in runTurn the stream got to says which step failed
      if (!parsed.finish) {
        const seen = new Set(parsed.chunks.map((c) => c.type));
        kind += seen.has("text-end")
          ? " [after the answer: saving it]"
          : seen.has("data-routing")
            ? " [after routing, before the answer ended]"
            : " [before routing was sent]";
      }
      return { ok: false, retry: true, kind, assistantId };
    }
    if (!parsed.done || !parsed.finish) return { ok: false, retry: true, kind: "stream ended early", assistantId };
    const status = (parsed.finish.messageMetadata as { status?: string } | undefined)?.status;
    if (status !== "complete") return { ok: false, retry: true, kind: `stream finished as ${status}` };
    return { ok: true, latency: now() - started, ttft, assistantId: start?.messageId as string | undefined, status };
  } catch (error) {
    if (hardStop.aborted) return { ok: false, retry: false, kind: "aborted at shutdown", aborted: true };
    const err = error as Error & { cause?: { code?: string; message?: string } };
    const code = err.name === "TimeoutError" ? `timeout after ${ATTEMPT_TIMEOUT_MS / 1000} s` : (err.cause?.code ?? err.cause?.message ?? err.message);
    return { ok: false, retry: true, kind: `network: ${code}` };
  }
}

/** the app's own "the database is unreachable, retry" answers, as an HTTP error and as a stream's error part */
const RETRYABLE_DATABASE_REFUSAL = /^(HTTP 503 unavailable:database$|stream error: The database is unreachable)/;

/** the client stopped waiting for an answer; overload only while successful turns took as long (checked in the summary) */
const CLIENT_TIMEOUT = `network: timeout after ${ATTEMPT_TIMEOUT_MS / 1000} s`;

function classify(turn: string, kind: string, start: number, end: number): ErrorClass {
  const modelError = /^stream (error: The (model|connection to the model)|finished as failed)/.test(kind);
  const injected = (faultsByTurn.get(turn) ?? []).some((f) => f.model === BEST && f.kind !== "slow" && f.t >= start - 1 && f.t <= end + 1);
  if (modelError && injected) return "provider";
  // the error surfaced while the database was cut (or just after: pools notice dead sockets late); an
  // attempt that merely overlapped the cut and failed long after it failed for another reason, unless
  // its error is the database's (below)
  if (dbWindow.cutAt !== undefined && end >= dbWindow.cutAt && end <= (dbWindow.restoredAt ?? Infinity) + DB_GRACE_MS) return "db restart";
  if (RETRYABLE_DATABASE_REFUSAL.test(kind)) {
    // a turn in progress during the cut (a read or write of it failed then) reports that when it reaches its save
    const overlappedCut = dbWindow.cutAt !== undefined && end >= dbWindow.cutAt && start <= (dbWindow.restoredAt ?? Infinity);
    return overlappedCut ? "db restart" : "overload";
  }
  if (kind === CLIENT_TIMEOUT) return "overload";
  return "unexpected";
}

async function userLoop(user: LoadUser, stopAt: () => boolean, hardStop: AbortSignal) {
  await sleep(between(0, 1000), hardStop);
  for (let n = 1; !stopAt() && !hardStop.aborted; n++) {
    const turn = `u${user.index}-n${n}`;
    const message: SentMessage = {
      user: user.index,
      conversationId: user.conversationId,
      messageId: randomUUID(),
      text: `[load u${user.index} n${n}] Please help with the ${pick(WORDS)} for ${sentence(6)}.`,
      acknowledged: false,
      completedAssistantIds: [],
      outcome: "in flight",
      attempts: 0,
    };
    sent.push(message);
    const turnStart = now();
    inFlight++;
    try {
      for (let attempt = 0; attempt <= MAX_RETRIES; attempt++) {
        if (attempt > 0) await sleep(BACKOFF_MS[attempt - 1] * between(0.8, 1.2), hardStop);
        if (hardStop.aborted) {
          message.outcome = "aborted at shutdown";
          break;
        }
        const start = now();
        attemptsTotal++;
        message.attempts++;
        const result = await attemptTurn(user, message, hardStop);
        if (result.ok) {
          attemptLatencies.push(result.latency);
          if (result.ttft !== undefined) ttfts.push(result.ttft);
          turnLatencies.push(now() - turnStart);
          if (result.assistantId) message.completedAssistantIds.push(result.assistantId);
          message.outcome = "completed";
          completedAt.push(now());
          break;
        }
        if (result.aborted) {
          message.outcome = "aborted at shutdown";
          break;
        }
        const end = now();
        const failure: FailedAttempt = {
          turn,
          attempt,
          start,
          end,
          kind: result.kind,
          class: classify(turn, result.kind, start, end),
          assistantId: result.assistantId,
        };
        failures.push(failure);
        event("error", { ...failure });
        if (!result.retry || attempt === MAX_RETRIES) {
          message.outcome = "gave up";
          break;
        }
      }
    } finally {
      inFlight--;
    }
    await sleep(between(...THINK_MS), hardStop);
  }
}

// ---------------------------------------------------------------------------------------------------
// integrity

interface Integrity {
  lost: SentMessage[];
  duplicated: { message: SentMessage; count: number }[];
  assistantByStatus: Record<string, number>;
  userRows: number;
  /** answers the client saw complete that the database does not hold as complete */
  missingAnswers: string[];
  /** user messages followed by more than one complete answer (an answer saved, yet the client was told to retry) */
  answeredTwice: { conversationId: string; text: string; complete: number }[];
  /** status in the database of the answers announced by attempts that failed, by answer id */
  failedAttemptAnswers: Map<string, string>;
  /** Postgres sessions on the test database by state, read just after the run (leak check) */
  sessions?: Record<string, number>;
}

type Query = (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

async function checkIntegrity(query: Query): Promise<Integrity> {
  const rows = (await query(`SELECT "conversationId", content, count(*)::int AS n FROM "Message" WHERE role = 'user' GROUP BY "conversationId", content`))
    .rows as { conversationId: string; content: string; n: number }[];
  const counts = new Map(rows.map((r) => [`${r.conversationId}\u0000${r.content}`, r.n]));
  const lost: SentMessage[] = [];
  const duplicated: { message: SentMessage; count: number }[] = [];
  for (const message of sent) {
    const n = counts.get(`${message.conversationId}\u0000${message.text}`) ?? 0;
    if (n === 0) lost.push(message);
    else if (n > 1) duplicated.push({ message, count: n });
  }
  const byStatus = (await query(`SELECT status::text AS status, count(*)::int AS n FROM "Message" WHERE role = 'assistant' GROUP BY status`)).rows as {
    status: string;
    n: number;
  }[];
  const assistantByStatus: Record<string, number> = { complete: 0, stopped: 0, failed: 0 };
  for (const r of byStatus) assistantByStatus[r.status] = r.n;
  const ids = sent.flatMap((m) => m.completedAssistantIds);
  const failedIds = failures.map((f) => f.assistantId).filter((id): id is string => !!id);
  const statusById = new Map<string, string>();
  const all = [...ids, ...failedIds];
  for (let i = 0; i < all.length; i += 5_000) {
    const chunk = all.slice(i, i + 5_000);
    const result = await query(`SELECT id, status::text AS status FROM "Message" WHERE role = 'assistant' AND id = ANY($1::text[])`, [chunk]);
    for (const r of result.rows) statusById.set(r.id as string, r.status as string);
  }
  const found = new Set(ids.filter((id) => statusById.get(id) === "complete"));
  const failedAttemptAnswers = new Map(failedIds.filter((id) => statusById.has(id)).map((id) => [id, statusById.get(id)!]));
  const userRows = rows.reduce((sum, r) => sum + r.n, 0);
  // answers belong to the user message before them (the client never has two turns open in a conversation)
  const answeredTwice = (
    await query(`
      WITH ordered AS (
        SELECT "conversationId", role, status, content,
               count(*) FILTER (WHERE role = 'user') OVER (PARTITION BY "conversationId" ORDER BY "createdAt", id ROWS UNBOUNDED PRECEDING) AS turn
        FROM "Message"
      )
      SELECT "conversationId", max(content) FILTER (WHERE role = 'user') AS text,
             count(*) FILTER (WHERE role = 'assistant' AND status = 'complete')::int AS complete
      FROM ordered GROUP BY "conversationId", turn
      HAVING count(*) FILTER (WHERE role = 'assistant' AND status = 'complete') > 1`)
  ).rows as { conversationId: string; text: string; complete: number }[];
  return { lost, duplicated, assistantByStatus, userRows, missingAnswers: ids.filter((id) => !found.has(id)), answeredTwice, failedAttemptAnswers };
}

// ---------------------------------------------------------------------------------------------------
// the run

let app: AppServer | undefined;
let proxy: TcpProxy | undefined;
let models: ScriptedModelServer | undefined;
let testDb: TestDatabase | undefined;
let cleanedUp = false;

async function cleanup(keepDb: boolean) {
  if (cleanedUp) return;
  cleanedUp = true;
  proxy?.restore();
  if (app) writeFileSync(path.join(RUN_DIR, "app.log"), app.output());
  await app?.stop().catch(() => {});
  await proxy?.stop().catch(() => {});
  await models?.stop().catch(() => {});
  if (testDb && !keepDb) await testDb.drop().catch((error) => log(`could not drop the test database: ${(error as Error).message}`));
  else if (testDb) log(`kept the test database: ${JSON.stringify(testDb.env)}`);
}

async function main(): Promise<number> {
  log(`load run: ${USERS} users, ${DURATION_MS / 1000} s, ${DB_KIND}, seed ${SEED}; events and app log in ${RUN_DIR}`);
  testDb = await createTestDatabase(DB_KIND);
  models = await new ScriptedModelServer().start();
  startModels(models);

  const env: Record<string, string> = {
    MODEL_BEST: `compatible:${BEST}`,
    MODEL_FAST: `compatible:${FAST}`,
    COMPATIBLE_BASE_URL: `${models.url}/v1`,
    RATE_LIMIT_CHAT_PER_MINUTE: "100000",
    DATABASE_POOL_SIZE: "20",
    EXECUTOR_TIMEOUT_MS: "5000",
    ROUTER_TIMEOUT_MS: "2000",
  };
  let directUrl: string | undefined;
  if (DB_KIND === "postgres") {
    directUrl = testDb.env.DATABASE_URL!;
    const url = new URL(directUrl);
    proxy = await new TcpProxy(url.hostname, Number(url.port || 5432)).start();
    url.port = String(proxy.port);
    env.DATABASE_URL = url.toString();
    log(
      `database ${new URL(directUrl).pathname.slice(1)} on 127.0.0.1:${new URL(directUrl).port || 5432}, the app goes through the proxy on 127.0.0.1:${proxy.port}`,
    );
  } else {
    env.DATA_DIR = testDb.env.DATA_DIR!;
    log(`PGlite in ${env.DATA_DIR} (no database restart: the database lives inside the app process)`);
  }

  log("starting the app (migrations, seed, build when stale)…");
  app = await startApp(env, { timeoutMs: APP_START_TIMEOUT_MS });
  log(`app on ${app.url}`);

  const setupStart = now();
  log(`creating ${USERS} users, ${SIGNUP_CONCURRENCY} at a time…`);
  const users = await createUsers(app.url, USERS);
  log(`${users.length} users with a conversation each in ${ms(now() - setupStart)}`);

  // the schedule
  const cutAfter = DURATION_MS / 2 - DB_CUT_MS / 2;
  log(
    `fault schedule: model calls answer 500 ${FAULTS.providerError * 100}%, stream slowly (${SLOW_CHUNK_DELAY_MS} ms/chunk) ${FAULTS.slow * 100}%, ` +
      `drop after ${DROP_AFTER_CHUNKS} chunks ${FAULTS.drop * 100}%; ` +
      (proxy ? `database restart at +${(cutAfter / 1000).toFixed(1)} s of the load for ${DB_CUT_MS / 1000} s` : "no database restart on PGlite"),
  );

  const hardStop = new AbortController();
  setMaxListeners(USERS * 4 + 10, hardStop.signal);
  loadStart = now();
  const stopAt = () => now() - loadStart >= DURATION_MS;
  const timers: NodeJS.Timeout[] = [];
  if (proxy) {
    timers.push(
      setTimeout(() => {
        dbWindow.cutAt = now();
        proxy!.cut();
        log(`FAULT database restart: proxy cut, every connection dropped and new ones refused`);
        event("db-cut");
        timers.push(
          setTimeout(() => {
            proxy!.restore();
            dbWindow.restoredAt = now();
            log(`FAULT database restart over: proxy restored after ${ms(dbWindow.restoredAt - dbWindow.cutAt!)}`);
            event("db-restore");
          }, DB_CUT_MS),
        );
      }, cutAfter),
    );
  }
  let lastFaults = { ...faultCounts };
  let lastCompleted = 0;
  const progress = setInterval(() => {
    const completed = completedAt.length;
    const byClass = (c: ErrorClass) => failures.filter((f) => f.class === c).length;
    const delta = (k: keyof typeof faultCounts) => faultCounts[k] - lastFaults[k];
    log(
      `load ${stamp(now() - loadStart).trim()}: ${completed} turns done (+${completed - lastCompleted}), ${inFlight} in flight, ` +
        `errors db ${byClass("db restart")} / provider ${byClass("provider")} / overload ${byClass("overload")} / unexpected ${byClass("unexpected")}; ` +
        `injected +${delta("provider-500")}×500 +${delta("slow")}×slow +${delta("drop")}×drop`,
    );
    lastFaults = { ...faultCounts };
    lastCompleted = completed;
  }, 5_000);

  log(`load started`);
  const loops = Promise.all(users.map((u) => userLoop(u, stopAt, hardStop.signal)));
  await sleep(DURATION_MS);
  loadEnd = now();
  log(`duration over: no new turns; waiting up to ${DRAIN_MS / 1000} s for ${inFlight} turns in flight (and their retries)`);
  const drained = await Promise.race([loops.then(() => true), sleep(DRAIN_MS).then(() => false)]);
  if (!drained) {
    log(`${inFlight} turns still in flight after ${DRAIN_MS / 1000} s: aborting them`);
    hardStop.abort();
    await loops;
  }
  const drainEnd = now();
  clearInterval(progress);
  timers.forEach(clearTimeout);
  if (proxy && dbWindow.cutAt !== undefined && dbWindow.restoredAt === undefined) {
    proxy.restore();
    dbWindow.restoredAt = now();
  }
  for (const m of sent) if (m.outcome === "in flight") m.outcome = "aborted at shutdown";

  // let the app finish saving whatever it was saving, then read the database directly
  let integrity: Integrity;
  let health = "—";
  try {
    health = String((await fetch(`${app.url}/api/health`, { signal: AbortSignal.timeout(5_000) })).status);
  } catch (error) {
    health = `unreachable (${(error as Error).message})`;
  }
  if (directUrl) {
    const client = new pg.Client({ connectionString: directUrl, connectionTimeoutMillis: 5_000 });
    await client.connect();
    try {
      const query: Query = (sql, params) => client.query(sql, params);
      let previous = -1;
      for (let i = 0; i < 20; i++) {
        const { rows } = await query(`SELECT count(*)::int AS n FROM "Message"`);
        if (rows[0].n === previous) break;
        previous = rows[0].n as number;
        await sleep(500);
      }
      integrity = await checkIntegrity(query);
      const sessions = await query(
        `SELECT coalesce(state, '?') AS state, count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() GROUP BY state`,
        [new URL(directUrl).pathname.slice(1)],
      );
      integrity.sessions = Object.fromEntries(sessions.rows.map((r) => [r.state as string, r.n as number]));
    } finally {
      await client.end();
    }
  } else {
    await sleep(2_000);
    writeFileSync(path.join(RUN_DIR, "app.log"), app.output());
    await app.stop(); // PGlite's folder admits one process
    const { PGlite } = await import("@electric-sql/pglite");
    const db = new PGlite(path.join(env.DATA_DIR, "pglite"));
    try {
      integrity = await checkIntegrity((sql, params) => db.query(sql, params) as Promise<{ rows: Record<string, unknown>[] }>);
    } finally {
      await db.close();
    }
  }

  return report(integrity, { health, drainMs: drainEnd - loadEnd, appOutput: app.output() });
}

function report(integrity: Integrity, extra: { health: string; drainMs: number; appOutput: string }): number {
  const loadSeconds = (loadEnd - loadStart) / 1000;
  const outcomes = { completed: 0, "gave up": 0, "aborted at shutdown": 0, "in flight": 0 } as Record<SentMessage["outcome"], number>;
  for (const m of sent) outcomes[m.outcome]++;
  const completedInWindow = completedAt.filter((t) => t <= loadEnd).length;

  // a client timeout is the app being slow, not failing, only if successful attempts took that long too
  const maxSuccess = attemptLatencies.length ? Math.max(...attemptLatencies) : 0;
  if (maxSuccess < ATTEMPT_TIMEOUT_MS) for (const f of failures) if (f.kind === CLIENT_TIMEOUT && f.class === "overload") f.class = "unexpected";
  // errors by kind, and the fault each coincides with
  const kinds = new Map<string, Record<ErrorClass, number> & { saved: Record<string, number> }>();
  const total = (c: Record<ErrorClass, number>) => ERROR_CLASSES.reduce((sum, k) => sum + c[k], 0);
  for (const f of failures) {
    const row = kinds.get(f.kind) ?? { "db restart": 0, provider: 0, overload: 0, unexpected: 0, saved: {} };
    row[f.class]++;
    const status = f.assistantId && integrity.failedAttemptAnswers.get(f.assistantId);
    if (status) row.saved[status] = (row.saved[status] ?? 0) + 1;
    kinds.set(f.kind, row);
  }
  const errorRows = [...kinds]
    .sort((a, b) => total(b[1]) - total(a[1]))
    .map(([kind, c]) => [
      kind.length > 100 ? `${kind.slice(0, 99)}…` : kind,
      total(c),
      ...ERROR_CLASSES.map((k) => c[k]),
      Object.entries(c.saved)
        .map(([status, n]) => `${n} ${status}`)
        .join(", ") || "—",
    ]);
  const unexpected = failures.filter((f) => f.class === "unexpected");
  const overload = failures.filter((f) => f.class === "overload");
  const overloadTimeouts = overload.filter((f) => f.kind === CLIENT_TIMEOUT).length;
  // an overload refusal is only harmless when the client's retry then got the turn through
  const overloadTurns = new Set(overload.map((f) => f.turn));
  const overloadGaveUp = sent.filter((m) => m.outcome === "gave up" && overloadTurns.has(turnKeyOf([{ role: "user", content: m.text }]) ?? ""));
  const poolTimeouts = extra.appOutput.split("\n").filter((l) => l.includes("timeout exceeded when trying to connect")).length;
  const lostAcked = integrity.lost.filter((m) => m.acknowledged);

  const unhandled = extra.appOutput.split("\n").filter((l) => /unhandled error|Error:|uncaught|ECONN|FATAL/i.test(l));
  const unhandledGroups = new Map<string, number>();
  for (const line of unhandled) {
    const key = line.replace(/\d+/g, "#").slice(0, 140);
    unhandledGroups.set(key, (unhandledGroups.get(key) ?? 0) + 1);
  }

  const out: string[] = [];
  out.push("", "═".repeat(100), `LOAD RUN SUMMARY — ${USERS} users, ${DURATION_MS / 1000} s, ${DB_KIND}, seed ${SEED}`, "═".repeat(100));
  out.push(
    table(
      ["turns", "count"],
      [
        ["attempted (distinct messages sent)", sent.length],
        ["completed", outcomes.completed],
        ["  of which after a retry", sent.filter((m) => m.outcome === "completed" && m.attempts > 1).length],
        ["gave up after 3 retries (or not retryable)", outcomes["gave up"]],
        ["aborted at shutdown", outcomes["aborted at shutdown"]],
        ["HTTP attempts (with retries)", attemptsTotal],
        ["failed attempts", failures.length],
      ],
    ),
  );
  out.push(
    table(
      ["throughput and latency", "value"],
      [
        ["load phase", `${loadSeconds.toFixed(1)} s (+ ${(extra.drainMs / 1000).toFixed(1)} s drain)`],
        ["turns per second (completed in the load phase)", (completedInWindow / loadSeconds).toFixed(1)],
        ["turn latency to stream end, p50 / p95 (successful attempt)", `${ms(percentile(attemptLatencies, 50))} / ${ms(percentile(attemptLatencies, 95))}`],
        ["turn latency incl. retries, p50 / p95", `${ms(percentile(turnLatencies, 50))} / ${ms(percentile(turnLatencies, 95))}`],
        ["time to first token, p50 / p95", `${ms(percentile(ttfts, 50))} / ${ms(percentile(ttfts, 95))}`],
        ["max turn latency (successful attempt)", ms(attemptLatencies.length ? Math.max(...attemptLatencies) : undefined)],
      ],
    ),
  );
  out.push(
    table(
      ["injected faults", "count"],
      [
        ["model calls (router / executor)", `${modelCalls[FAST] ?? 0} / ${modelCalls[BEST] ?? 0}`],
        ["provider 500", faultCounts["provider-500"]],
        [`slow stream (${SLOW_CHUNK_DELAY_MS} ms/chunk)`, faultCounts.slow],
        [`mid-stream drop (after ${DROP_AFTER_CHUNKS} chunks)`, faultCounts.drop],
        [
          "database restart (proxy cut)",
          dbWindow.cutAt !== undefined
            ? `load +${((dbWindow.cutAt - loadStart) / 1000).toFixed(1)} s → +${(((dbWindow.restoredAt ?? dbWindow.cutAt) - loadStart) / 1000).toFixed(1)} s`
            : "none",
        ],
      ],
    ),
  );
  out.push(errorRows.length ? table(["errors by kind (failed attempts)", "total", ...ERROR_CLASSES, "its answer saved as"], errorRows) : "no errors");
  out.push(
    table(
      ["integrity (database read directly)", "count"],
      [
        ["user messages sent / rows for them", `${sent.length} / ${integrity.userRows}`],
        ["lost (0 rows)", integrity.lost.length],
        ["  of which acknowledged by the app (a 200 stream)", lostAcked.length],
        ["duplicated (>1 row)", integrity.duplicated.length],
        [
          "assistant messages complete / stopped / failed",
          `${integrity.assistantByStatus.complete} / ${integrity.assistantByStatus.stopped} / ${integrity.assistantByStatus.failed}`,
        ],
        ["answers the client saw complete, missing in the database", integrity.missingAnswers.length],
        ["answered more than once (>1 complete answer to one message)", integrity.answeredTwice.length],
        ["/api/health after the run", extra.health],
        ...(integrity.sessions
          ? [
              [
                "app sessions on the database after the run",
                Object.entries(integrity.sessions)
                  .map(([state, n]) => `${n} ${state}`)
                  .join(", ") || "none",
              ] as [string, string],
            ]
          : []),
        ["app log lines that look like errors", unhandled.length],
        ["  of which the pool's checkout timeout (every connection busy)", poolTimeouts],
      ],
    ),
  );
  if (unhandledGroups.size) {
    out.push("app log errors (grouped, digits as #):");
    for (const [line, n] of [...unhandledGroups].sort((a, b) => b[1] - a[1]).slice(0, 10)) out.push(`  ${String(n).padStart(5)} × ${line}`);
  }
  if (overload.length) {
    const first = Math.min(...overload.map((f) => f.end)) - loadStart;
    const last = Math.max(...overload.map((f) => f.end)) - loadStart;
    out.push(
      `overload: ${overload.length - overloadTimeouts} retryable database refusals in attempts that started after the database was back ` +
        `(the app log has ${poolTimeouts} pool checkout timeouts: every connection busy) and ${overloadTimeouts} client timeouts at ${ATTEMPT_TIMEOUT_MS / 1000} s ` +
        `(successful attempts took up to ${ms(maxSuccess)}), in ${overloadTurns.size} turns, +${(first / 1000).toFixed(1)} s … +${(last / 1000).toFixed(1)} s of the load; ` +
        `${overloadTurns.size - overloadGaveUp.length} of those turns completed on a retry, ${overloadGaveUp.length} gave up.`,
    );
  }
  if (unexpected.length) {
    out.push("unexpected errors (first 10):");
    for (const f of unexpected.slice(0, 10))
      out.push(`  ${f.turn} attempt ${f.attempt + 1} ${stamp(f.start - loadStart).trim()}…${stamp(f.end - loadStart).trim()} of the load: ${f.kind}`);
  }
  for (const m of integrity.lost.slice(0, 5))
    out.push(`  lost: conversation ${m.conversationId} message ${m.messageId} (${m.outcome}, acknowledged: ${m.acknowledged}) "${m.text}"`);
  for (const d of integrity.duplicated.slice(0, 5)) out.push(`  duplicated ×${d.count}: conversation ${d.message.conversationId} "${d.message.text}"`);
  if (integrity.answeredTwice.length) {
    out.push("user messages answered (complete) more than once — the client was told to retry after an answer had been saved (first 5):");
    for (const a of integrity.answeredTwice.slice(0, 5)) {
      const turn = /\[load (u\d+) (n\d+)\]/.exec(a.text);
      const key = turn ? `${turn[1]}-${turn[2]}` : "";
      const why = failures
        .filter((f) => f.turn === key)
        .map((f) => `${f.kind} [${f.class}]`)
        .join("; ");
      out.push(`  ${a.complete}× ${key} in ${a.conversationId}: client saw ${why || "no error"}`);
    }
  }

  const pass =
    integrity.lost.length === 0 &&
    integrity.duplicated.length === 0 &&
    integrity.answeredTwice.length === 0 &&
    unexpected.length === 0 &&
    overloadGaveUp.length === 0 &&
    integrity.missingAnswers.length === 0;
  out.push(
    `RESULT: ${pass ? "PASS" : "FAIL"} — lost ${integrity.lost.length}, duplicated ${integrity.duplicated.length}, ` +
      `answered more than once ${integrity.answeredTwice.length}, unexpected errors ${unexpected.length}, missing answers ${integrity.missingAnswers.length}, ` +
      `overload ${overload.length} (${overload.length - overloadTimeouts} refusals + ${overloadTimeouts} client timeouts, retried; ${overloadGaveUp.length} turns gave up after one)`,
  );
  out.push(`details: ${RUN_DIR} (events.jsonl, app.log, summary.txt)`);
  const text = out.join("\n");
  console.log(text);
  writeFileSync(path.join(RUN_DIR, "summary.txt"), `${text}\n`);
  return pass ? 0 : 1;
}

// ---------------------------------------------------------------------------------------------------

const watchdog = setTimeout(async () => {
  log(`watchdog: the run exceeded ${WATCHDOG_MS / 1000} s; stopping everything`);
  await cleanup(argv["keep-db"]!);
  process.exit(2);
}, WATCHDOG_MS);
watchdog.unref();

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    log(`${signal}: stopping everything`);
    await cleanup(argv["keep-db"]!);
    process.exit(130);
  });
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  log(`the load run failed: ${(error as Error).stack ?? error}`);
  exitCode = 1;
} finally {
  await cleanup(argv["keep-db"]!);
}
process.exit(exitCode);
