import { z } from "zod";

// Every environment variable the app and its scripts read, with its default. The README's settings
// tables list the same names (tests/unit/settings.test.ts checks that none is missing there).

const count = (min: number, fallback: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`))
    .default(fallback);

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http:// or https:// address" });
const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, "");

/** "provider:model", e.g. "ollama:llama3.2:3b" (the model keeps any further colon, as in Ollama tags). */
export const MODEL_PROVIDERS = ["openai", "ollama", "compatible"] as const;
export const modelSpecSchema = z
  .string()
  .trim()
  .regex(new RegExp(`^(${MODEL_PROVIDERS.join("|")}):\\S+$`), "use provider:model, with provider openai, ollama or compatible (e.g. ollama:llama3.2)")
  .transform((value) => {
    const separator = value.indexOf(":");
    return { provider: value.slice(0, separator) as (typeof MODEL_PROVIDERS)[number], model: value.slice(separator + 1) };
  });

export const appSettingsSchema = z.object({
  /** where the .env files are read from (read before them, so it can only come from the environment) */
  ENV_DIR: z.string().optional(),
  PORT: count(1, 3000).pipe(z.number().max(65_535, "must be a port number, at most 65535")),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// connection string" }).optional(),
  DATABASE_POOL_SIZE: count(1, 10),
  DATA_DIR: z.string().default(".data"),
  NEXTAUTH_SECRET: z.string().optional(),
  NEXTAUTH_URL: httpUrl.optional(),
  ADMIN_EMAIL: z.string().trim().toLowerCase().pipe(z.email("must be an email address")).optional(),

  MODEL_BEST: modelSpecSchema.optional(),
  MODEL_FAST: modelSpecSchema.optional(),
  /** the embedding model for semantic retrieval; unset: lexical retrieval alone */
  MODEL_EMBED: modelSpecSchema.optional(),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: httpUrl.transform(withoutTrailingSlash).optional(),
  OLLAMA_BASE_URL: httpUrl
    .default("http://127.0.0.1:11434")
    // accepted with or without /api: the providers add it themselves
    .transform((url) => withoutTrailingSlash(url).replace(/\/api$/, "")),
  COMPATIBLE_BASE_URL: httpUrl.transform(withoutTrailingSlash).optional(),
  COMPATIBLE_API_KEY: z.string().optional(),

  ROUTER_TIMEOUT_MS: count(1, 5_000),
  ROUTER_SHORTLIST_THRESHOLD: count(1, 30),
  ROUTER_SHORTLIST_SIZE: count(1, 12),
  ROUTER_PROMPT_TOKENS: count(200, 1_400),
  ROUTER_LEARNINGS_TOKENS: count(0, 300),
  EXECUTOR_TIMEOUT_MS: count(1, 60_000),
  EXECUTOR_HISTORY_TOKENS: count(1, 6_000),
  EXECUTOR_LEARNINGS_TOKENS: count(0, 1_200),
  /** on SIGTERM: how long the turns in flight may still run before they are stopped (and saved as stopped) */
  SHUTDOWN_GRACE_MS: count(0, 30_000),
  /** knowledge documents' chunks given to the executor per turn (0: none) */
  EXECUTOR_KNOWLEDGE_TOKENS: count(0, 1_500),
  /** the largest knowledge document an admin may upload */
  KNOWLEDGE_MAX_BYTES: count(1, 10 * 1024 * 1024),

  TRANSCRIBE_MODEL: modelSpecSchema.refine((spec) => spec.provider !== "ollama", "use openai:<model> or compatible:<model>").optional(),
  TRANSCRIBE_BASE_URL: httpUrl.transform(withoutTrailingSlash).optional(),
  TRANSCRIBE_API_KEY: z.string().optional(),
  TRANSCRIBE_MAX_BYTES: count(1, 10 * 1024 * 1024),
  TRANSCRIBE_MAX_SECONDS: count(1, 120),

  REDIS_URL: z.url({ protocol: /^rediss?$/, error: "must be a redis:// or rediss:// address" }).optional(),
  RATE_LIMIT_CHAT_PER_MINUTE: count(1, 30),
  RATE_LIMIT_TRANSCRIBE_PER_MINUTE: count(1, 10),
  RATE_LIMIT_SIGNIN_PER_15_MINUTES: count(1, 10),
  RATE_LIMIT_SIGNIN_ADDRESS_PER_HOUR: count(1, 100),
  TRUSTED_PROXIES: count(0, 0),

  /** the bearer token a Prometheus scraper sends to GET /api/metrics; unset: the endpoint refuses everyone */
  METRICS_TOKEN: z.string().trim().min(16, "must be at least 16 characters").optional(),
  /** where OpenTelemetry traces are sent (OTLP over HTTP, e.g. http://collector:4318); unset: no traces */
  OTEL_EXPORTER_OTLP_ENDPOINT: httpUrl.transform(withoutTrailingSlash).optional(),
  /** 1: spans carry the messages and prompts (model input and output); otherwise they never do */
  OTEL_RECORD_CONTENT: z
    .enum(["0", "1"], "must be 0 or 1")
    .default("0")
    .transform((value) => value === "1"),

  /** the mail server email deliverables are sent through; unset: sending is off */
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// address" }).optional(),
  /** the sender: "a@example.com" or "Name <a@example.com>" */
  SMTP_FROM: z
    .string()
    .trim()
    .regex(/^(?:[^<>]*<[^<>\s]+>|[^<>\s]+)$/, "must be an address, alone or as Name <address>")
    .refine((value) => z.email().safeParse(value.match(/<([^<>]+)>$/)?.[1] ?? value).success, "must be an email address, alone or as Name <address>")
    .optional(),

  /** Slack (issue 17): the bot's token and the app's signing secret; both set: the Slack channel is on */
  SLACK_BOT_TOKEN: z.string().trim().optional(),
  SLACK_SIGNING_SECRET: z.string().trim().optional(),
  /** the Slack Web API's address (GovSlack, or a local stand-in in tests) */
  SLACK_API_URL: httpUrl.transform((url) => `${withoutTrailingSlash(url)}/`).optional(),
  /** Telegram (issue 17): the bot's token and the webhook's secret token; both set: the Telegram channel is on */
  TELEGRAM_BOT_TOKEN: z.string().trim().optional(),
  TELEGRAM_WEBHOOK_SECRET_TOKEN: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, "must be 1-256 letters, digits, _ or - (Telegram's rule for secret tokens)")
    .optional(),
  /** the Telegram Bot API's address (a local Bot API server, or a stand-in in tests) */
  TELEGRAM_API_BASE_URL: httpUrl.transform(withoutTrailingSlash).optional(),
});
export type AppSettings = z.infer<typeof appSettingsSchema>;

const list = (fallback: number[]) =>
  z
    .string()
    .regex(/^\s*\d+(\s*,\s*\d+)*\s*$/, "must be whole numbers separated by commas")
    .transform((value) => value.split(",").map(Number))
    .default(fallback);

/** The benchmarks' knobs (npm run bench, npm run bench:learnings). */
export const benchSettingsSchema = z.object({
  BENCH_DATABASES: z
    .string()
    .regex(/^(pglite|postgres)(,(pglite|postgres))*$/, "must be pglite, postgres or both, separated by a comma")
    .transform((value) => value.split(",") as ("pglite" | "postgres")[])
    .default(["pglite", "postgres"]),
  BENCH_POSTGRES_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// connection string" }).optional(),
  BENCH_TURNS: count(1, 200),
  BENCH_PROCESS_WARMUP: count(0, 80),
  BENCH_WARMUP: count(0, 10),
  BENCH_REGISTRIES: list([10, 100, 1_000]),
  /** bench: each of these; bench:learnings: the largest */
  BENCH_LEARNINGS: list([0, 1_000, 10_000]),
  BENCH_PROFILE_TURNS: count(1, 60),
  BENCH_TTFT_SAMPLES: count(1, 6),
  BENCH_THROUGHPUT: list([50, 200]),
  BENCH_THROUGHPUT_TURNS: count(1, 2),
  BENCH_QUERIES: count(1, 200),
});
export type BenchSettings = z.infer<typeof benchSettingsSchema>;
