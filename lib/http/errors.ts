import { z } from "zod";
import { DEFAULT_LOCALE, type Locale, translatorFor, waitInWords } from "@/lib/i18n";

// One error type for the whole app. The code reads "<type>:<surface>", e.g. "forbidden:chat", so the
// client can react to the type and a person can tell where it came from.
const statusByType = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limit: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorType = keyof typeof statusByType;
export type ErrorCode = `${ErrorType}:${string}`;
export type FieldErrors = Record<string, string[]>;
type Values = Record<string, string | number>;

interface AppErrorOptions {
  /** the message's key in errors.json when it is not the code's own (errors.<type>.<surface>) */
  key?: string;
  values?: Values;
  /** per field: catalog keys (errors.json) or messages */
  fields?: FieldErrors;
  /** what a schema refused, translated per field when the response is written */
  issues?: z.core.$ZodIssue[];
  /** for rate limits: when to try again (sent as Retry-After) */
  retryAfterSeconds?: number;
}

type Translator = ReturnType<typeof translatorFor<"errors">>;

/**
 * One zod issue in the reader's language. A schema's message may be a key of errors.json ("fields.…");
 * a message of its own is kept in English; anything else gets the catalog's wording for its kind of
 * issue ("Use at most 120 characters."), with the limits zod reports.
 */
function issueMessage(issue: z.core.$ZodIssue, t: Translator, locale: Locale): string {
  const key = issue.message as Parameters<Translator>[0];
  if (issue.message.startsWith("fields.") && t.has(key)) return t(key, issue as never);
  const zodDefault = z.locales.en().localeError(issue as never);
  const isDefault = (typeof zodDefault === "string" ? zodDefault : zodDefault?.message) === issue.message;
  if (!isDefault && locale === DEFAULT_LOCALE) return issue.message;
  const many = "origin" in issue && (issue.origin === "array" || issue.origin === "set");
  const number = "origin" in issue && (issue.origin === "number" || issue.origin === "int" || issue.origin === "bigint");
  switch (issue.code) {
    case "too_small":
      return t(many ? "fields.tooFew" : number ? "fields.tooSmall" : "fields.tooShort", { minimum: Number(issue.minimum) });
    case "too_big":
      return t(many ? "fields.tooMany" : number ? "fields.tooBig" : "fields.tooLong", { maximum: Number(issue.maximum) });
    case "invalid_format":
      return t(issue.format === "email" ? "fields.email" : "fields.format");
    case "invalid_type":
      return t("fields.type");
    case "invalid_value":
      return t("fields.option", { options: new Intl.ListFormat(locale, { type: "disjunction" }).format(issue.values.map(String)) });
    default:
      return t("fields.invalid");
  }
}

export class AppError extends Error {
  readonly type: ErrorType;
  readonly status: number;
  readonly retryAfterSeconds?: number;
  private readonly options: AppErrorOptions;

  /** `options` name the catalog message (errors.json) and what it needs; the message is English for logs. */
  constructor(
    readonly code: ErrorCode,
    options: AppErrorOptions = {},
  ) {
    const type = code.split(":")[0] as ErrorType;
    super(AppError.catalogMessage(code, options, DEFAULT_LOCALE));
    this.type = type;
    this.status = statusByType[type];
    this.options = options;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  private static catalogMessage(code: ErrorCode, { key, values, retryAfterSeconds }: AppErrorOptions, locale: Locale): string {
    const t = translatorFor(locale, "errors");
    const [type, surface] = code.split(":");
    const exact = (key ?? `${type}.${surface}`) as Parameters<Translator>[0];
    // a wait is said in words of the reader's language ("in 15 minutes", "dans 15 minutes")
    const all = { ...values, ...(retryAfterSeconds ? { when: waitInWords(retryAfterSeconds, locale) } : {}) };
    return t.has(exact) ? t(exact, all as never) : t(`${type}.default` as Parameters<Translator>[0], all as never);
  }

  /** The message in the reader's language: the catalog's text for this error, else its type's. */
  localizedMessage(locale: Locale): string {
    return AppError.catalogMessage(this.code, this.options, locale);
  }

  /** Field messages in English (logs, tests, scripts). */
  get fields(): FieldErrors | undefined {
    return this.localizedFields(DEFAULT_LOCALE);
  }

  /** Field messages in the reader's language. */
  localizedFields(locale: Locale): FieldErrors | undefined {
    if (!this.options.fields && !this.options.issues) return undefined;
    const t = translatorFor(locale, "errors");
    const fields: FieldErrors = {};
    for (const [field, messages] of Object.entries(this.options.fields ?? {})) {
      fields[field] = messages.map((m) => (t.has(m as Parameters<Translator>[0]) ? t(m as Parameters<Translator>[0]) : m));
    }
    for (const issue of this.options.issues ?? []) {
      const field = issue.path.length ? issue.path.join(".") : "_";
      fields[field] = [...(fields[field] ?? []), issueMessage(issue, t, locale)];
    }
    return fields;
  }

  toResponse(locale: Locale = DEFAULT_LOCALE): Response {
    const fields = this.localizedFields(locale);
    return Response.json(
      { code: this.code, message: this.localizedMessage(locale), ...(fields ? { fields } : {}) },
      { status: this.status, headers: this.retryAfterSeconds ? { "retry-after": String(this.retryAfterSeconds) } : undefined },
    );
  }
}

/** What a schema refused, per field, in the reader's language (for pages that show it themselves). */
export function fieldErrorsOf(error: z.ZodError, locale: Locale = DEFAULT_LOCALE): FieldErrors {
  return new AppError("bad_request:api", { issues: error.issues }).localizedFields(locale) ?? {};
}

export function invalidInput(error: z.ZodError, surface = "api"): AppError {
  return new AppError(`bad_request:${surface}`, { key: "bad_request.fields", issues: error.issues });
}

/** Turns anything thrown in a handler into a response, in the reader's language; the one place errors become HTTP. */
export function errorToResponse(error: unknown, locale: Locale = DEFAULT_LOCALE): Response {
  if (error instanceof AppError) return error.toResponse(locale);
  if (error instanceof z.ZodError) return invalidInput(error).toResponse(locale);
  // Log the kind of failure only: messages can hold user content.
  const kind = error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : typeof error;
  if (isDatabaseUnreachable(error)) {
    // which one (down, or a pool with no free connection) tells an operator whether to add capacity
    console.warn("database unreachable", kind);
    return new AppError("unavailable:database").toResponse(locale);
  }
  console.error("unhandled error", kind);
  return new AppError("internal:api").toResponse(locale);
}

export function isDatabaseUnreachable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const { code, message } = current as { code?: unknown; message?: unknown };
    // P2028: no connection free to start a transaction in time (overloaded or restarting database)
    if (typeof code === "string" && ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "P1001", "P1002", "P1017", "P2028", "57P01", "57P03"].includes(code))
      return true;
    // "timeout exceeded when trying to connect": pg-pool waited connectionTimeoutMillis for a free
    // connection (every one busy, or reconnecting after a restart); the same message a retry fixes
    if (
      typeof message === "string" &&
      /ECONNREFUSED|Can't reach database|Connection terminated|connection timeout|timeout exceeded when trying to connect|DatabaseNotReachable|closed the connection|ConnectionClosed|Unable to start a transaction/i.test(
        message,
      )
    )
      return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
