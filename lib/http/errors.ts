import { z } from "zod";

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

const defaultMessages: Record<ErrorType, string> = {
  bad_request: "The request is not valid.",
  unauthorized: "You need to sign in first.",
  forbidden: "You do not have access to this.",
  not_found: "Not found.",
  conflict: "This conflicts with something that already exists.",
  payload_too_large: "The request is too large.",
  unsupported_media_type: "This content type is not supported.",
  rate_limit: "Too many requests. Please wait a moment and try again.",
  internal: "Something went wrong on our side. Nothing you sent was lost.",
  unavailable: "The service is temporarily unavailable. Please try again shortly.",
};

export class AppError extends Error {
  readonly type: ErrorType;
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly fields?: FieldErrors,
    /** for rate limits: when to try again (sent as Retry-After) */
    readonly retryAfterSeconds?: number,
  ) {
    const type = code.split(":")[0] as ErrorType;
    super(message ?? defaultMessages[type]);
    this.type = type;
    this.status = statusByType[type];
  }

  toResponse(): Response {
    return Response.json(
      { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) },
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

/** Turns anything thrown in a handler into a response; the one place errors become HTTP. */
export function errorToResponse(error: unknown): Response {
  if (error instanceof AppError) return error.toResponse();
  if (error instanceof z.ZodError) return invalidInput(error).toResponse();
  if (isDatabaseUnreachable(error)) {
    return new AppError("unavailable:database", "The database is unreachable. Please try again shortly.").toResponse();
  }
  // Log the kind of failure only: messages can hold user content.
  console.error("unhandled error", error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : typeof error);
  return new AppError("internal:api").toResponse();
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
