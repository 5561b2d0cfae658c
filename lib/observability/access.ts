import { createHash, timingSafeEqual } from "node:crypto";
import { AppError } from "@/lib/http";
import { settings } from "@/lib/settings";

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * The metrics endpoint is for a scraper holding METRICS_TOKEN (Authorization: Bearer <token>). Without
 * the setting the endpoint is off; a missing or wrong token is refused with 401 either way, so the
 * answer does not tell a stranger whether metrics are on.
 */
export function requireMetricsToken(authorization: string | null): void {
  const expected = settings().METRICS_TOKEN;
  const given = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  // compared as digests: equal lengths for timingSafeEqual, and no early exit on the first differing character
  if (!expected || !given || !timingSafeEqual(digest(given), digest(expected))) throw new AppError("unauthorized:metrics");
}
