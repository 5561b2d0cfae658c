import type { z } from "zod";
import { settings } from "@/lib/settings";
import { AppError, invalidInput } from "./errors";

export const MAX_JSON_BYTES = 256 * 1024;

/** Reads a JSON body with a size limit and validates it; every failure is a clear 4xx. */
export async function parseJson<S extends z.ZodType>(request: Request, schema: S, { maxBytes = MAX_JSON_BYTES, surface = "api" } = {}): Promise<z.infer<S>> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  const tooLarge = () => new AppError(`payload_too_large:${surface}`, { key: "payload_too_large.request", values: { kilobytes: Math.floor(maxBytes / 1024) } });
  if (declared > maxBytes) throw tooLarge();
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes) {
    throw tooLarge();
  }
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    throw new AppError(`bad_request:${surface}`, { key: "bad_request.json" });
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

/**
 * The client's network address, for limits per client, from X-Forwarded-For. Next.js writes the
 * connection's address there when a request comes without the header, and each reverse proxy in front
 * of the app (TRUSTED_PROXIES of them) appends the address it was reached from: the entry that many
 * places from the end (the last one with 0 or 1) was written by Next or by a trusted proxy, not by the
 * client. Reached directly (0), a client that sends its own header chooses this value; the per-address
 * sign-in limit still counts all its attempts.
 */
export function clientAddress(forwardedFor: string | null | undefined, trustedProxies = settings().TRUSTED_PROXIES): string {
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return hops.at(-Math.max(1, trustedProxies)) ?? hops[0] ?? "unknown";
}
