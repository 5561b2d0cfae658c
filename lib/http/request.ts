import type { z } from "zod";
import { AppError, invalidInput } from "./errors";

export const MAX_JSON_BYTES = 256 * 1024;

/** Reads a JSON body with a size limit and validates it; every failure is a clear 4xx. */
export async function parseJson<S extends z.ZodType>(
  request: Request,
  schema: S,
  { maxBytes = MAX_JSON_BYTES, surface = "api" } = {},
): Promise<z.infer<S>> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw new AppError(`payload_too_large:${surface}`, `The request is larger than ${maxBytes} bytes.`);
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes) {
    throw new AppError(`payload_too_large:${surface}`, `The request is larger than ${maxBytes} bytes.`);
  }
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    throw new AppError(`bad_request:${surface}`, "The request body is not valid JSON.");
  }
  const result = schema.safeParse(body);
  if (!result.success) throw invalidInput(result.error, surface);
  return result.data;
}

export function parseParams<S extends z.ZodType>(params: unknown, schema: S, surface = "api"): z.infer<S> {
  const result = schema.safeParse(params);
  if (!result.success) throw new AppError(`not_found:${surface}`);
  return result.data;
}
