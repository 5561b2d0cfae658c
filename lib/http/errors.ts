import { z } from "zod";
import { DEFAULT_LOCALE, translatorFor, type Locale } from "@/lib/i18n";

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

export class AppError extends Error {
  readonly type: ErrorType;
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    /** a specific message, in English, for a code the catalog has no text for yet */
    private readonly specific?: string,
    readonly fields?: FieldErrors,
    /** for rate limits: when to try again (sent as Retry-After) */
    readonly retryAfterSeconds?: number,
    /** the values the catalog's message for this code needs */
    readonly values?: Record<string, string | number>,
  ) {
    const type = code.split(":")[0] as ErrorType;
    super(specific ?? translatorFor(DEFAULT_LOCALE, "errors")(`${type}.default`));
    this.type = type;
    this.status = statusByType[type];
  }

  /**
   * The message in the reader's language: the catalog's text for this exact code (errors.<type>.<surface>)
   * when there is one, else the message it was thrown with, else the catalog's default for its type.
   */
  localizedMessage(locale: Locale): string {
    const t = translatorFor(locale, "errors");
    const [type, surface] = this.code.split(":") as [ErrorType, string];
    const exact = `${type}.${surface}` as Parameters<typeof t>[0];
    if (t.has(exact)) return t(exact, this.values);
    return this.specific ?? t(`${type}.default`);
  }

  toResponse(locale: Locale = DEFAULT_LOCALE): Response {
    return Response.json(
      { code: this.code, message: this.localizedMessage(locale), ...(this.fields ? { fields: this.fields } : {}) },
      { status: this.status, headers: this.retryAfterSeconds ? { "retry-after": String(this.retryAfterSeconds) } : undefined },
    );
  }
}

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

export function invalidInput(error: z.ZodError, surface = "api"): AppError {
  return new AppError(`bad_request:${surface}`, "Some fields are not valid.", fieldErrorsOf(error));
}

/** Turns anything thrown in a handler into a response, in the reader's language; the one place errors become HTTP. */
export function errorToResponse(error: unknown, locale: Locale = DEFAULT_LOCALE): Response {
  if (error instanceof AppError) return error.toResponse(locale);
  if (error instanceof z.ZodError) return invalidInput(error).toResponse(locale);
  if (isDatabaseUnreachable(error)) return new AppError("unavailable:database").toResponse(locale);
  // Log the kind of failure only: messages can hold user content.
  console.error("unhandled error", error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : typeof error);
  return new AppError("internal:api").toResponse(locale);
}

export function isDatabaseUnreachable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const { code, message } = current as { code?: unknown; message?: unknown };
    // P2028: no connection free to start a transaction in time (overloaded or restarting database)
    if (typeof code === "string" && ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "P1001", "P1002", "P1017", "P2028", "57P01", "57P03"].includes(code)) return true;
    if (typeof message === "string" && /ECONNREFUSED|Can't reach database|Connection terminated|connection timeout|DatabaseNotReachable|closed the connection|ConnectionClosed|Unable to start a transaction/i.test(message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
