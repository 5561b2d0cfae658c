import { z } from "zod";

export const INSIGHT_BUCKETS = ["day", "week"] as const;
export type InsightBucket = (typeof INSIGHT_BUCKETS)[number];

/** Days shown when no range is given. */
export const DEFAULT_RANGE_DAYS = 30;
/** Longest range one request may cover, and the longest one with daily buckets. */
export const MAX_RANGE_DAYS = 731;
export const MAX_DAILY_RANGE_DAYS = 366;
/** Without a bucket, ranges up to this many days are shown per day, longer ones per week. */
export const AUTO_DAILY_UP_TO_DAYS = 92;

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const DATE_MESSAGE = "Use a date like 2026-01-31 or an ISO date-time like 2026-01-31T12:00:00Z.";

/**
 * A date-only string is a whole day in UTC: as a start it means that day's midnight, as an end the
 * next midnight (so `to=2026-01-31` includes the 31st). A date-time without an offset is read as UTC.
 */
export function parseInsightDate(text: string, edge: "start" | "end"): Date | null {
  const value = text.trim();
  if (DATE_ONLY.test(value)) {
    const day = new Date(`${value}T00:00:00.000Z`);
    if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value) return null;
    return edge === "end" ? new Date(day.getTime() + DAY_MS) : day;
  }
  if (!DATE_TIME.test(value)) return null;
  const withZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`;
  const date = new Date(withZone);
  return Number.isNaN(date.getTime()) ? null : date;
}

const dateParam = (edge: "start" | "end") =>
  z
    .unknown()
    .transform((value, ctx): Date | undefined => {
      if (value === undefined || value === null || value === "") return undefined;
      const date = value instanceof Date ? value : typeof value === "string" ? parseInsightDate(value, edge) : null;
      if (!date || Number.isNaN(date.getTime())) {
        ctx.addIssue({ code: "custom", message: DATE_MESSAGE });
        return z.NEVER;
      }
      return date;
    })
    .optional();

/**
 * The range and bucket of a routing-insight request, from query parameters (strings) or from code
 * (Dates). `from` is inclusive, `to` exclusive; both default to the last 30 days.
 */
export const insightQuerySchema = z
  .object({
    from: dateParam("start"),
    to: dateParam("end"),
    bucket: z.preprocess((value) => (value === "" || value === null ? undefined : value), z.enum(INSIGHT_BUCKETS, { error: "Choose day or week." }).optional()),
  })
  .transform((input, ctx) => {
    const to = input.to ?? (input.from ? new Date(Math.max(Date.now(), input.from.getTime() + DAY_MS)) : new Date());
    const from = input.from ?? new Date(to.getTime() - DEFAULT_RANGE_DAYS * DAY_MS);
    const days = (to.getTime() - from.getTime()) / DAY_MS;
    const bucket: InsightBucket = input.bucket ?? (days <= AUTO_DAILY_UP_TO_DAYS ? "day" : "week");
    if (days <= 0) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "The end must be after the start." });
    } else if (days > MAX_RANGE_DAYS) {
      ctx.addIssue({ code: "custom", path: ["from"], message: `Choose a range of at most ${MAX_RANGE_DAYS} days.` });
    } else if (bucket === "day" && days > MAX_DAILY_RANGE_DAYS) {
      ctx.addIssue({ code: "custom", path: ["bucket"], message: `Use weekly buckets for ranges longer than ${MAX_DAILY_RANGE_DAYS} days.` });
    }
    return { from, to, bucket };
  });

export type InsightQueryInput = z.input<typeof insightQuerySchema>;
export type InsightQuery = z.output<typeof insightQuerySchema>;
