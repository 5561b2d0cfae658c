import { z } from "zod";
import { db, Prisma, processCache } from "@/lib/db";
import { AppError } from "@/lib/http";

/** A price or budget in the admin's currency: at most 6 decimals, as stored. */
const amount = z.coerce.number().min(0).max(1_000_000).multipleOf(0.000001);

export const modelPriceSchema = z.object({
  /** "provider:model", as in MODEL_BEST / MODEL_FAST */
  model: z
    .string()
    .trim()
    .regex(/^(openai|ollama|compatible):\S+$/, "fields.modelSpec")
    .max(200),
  inputPerMillion: amount,
  outputPerMillion: amount,
});
export type ModelPriceInput = z.infer<typeof modelPriceSchema>;

export const costPolicySchema = z.object({
  /** null: no budget */
  monthlyBudgetPerUser: amount.positive().nullable(),
});

export interface ModelPriceView {
  model: string;
  inputPerMillion: number;
  outputPerMillion: number;
}

export interface CostSettings {
  prices: ModelPriceView[];
  monthlyBudgetPerUser: number | null;
  /** models with usage and no price: their calls count as free until priced */
  unpriced: string[];
}

export async function costSettings(): Promise<CostSettings> {
  const [prices, policy, used] = await Promise.all([
    db().modelPrice.findMany({ orderBy: { model: "asc" } }),
    db().costPolicy.findUnique({ where: { id: 1 } }),
    db().modelUsage.findMany({ distinct: ["model"], select: { model: true }, orderBy: { model: "asc" } }),
  ]);
  const priced = new Set(prices.map((p) => p.model));
  return {
    prices: prices.map((p) => ({ model: p.model, inputPerMillion: p.inputPerMillion.toNumber(), outputPerMillion: p.outputPerMillion.toNumber() })),
    monthlyBudgetPerUser: policy?.monthlyBudgetPerUser?.toNumber() ?? null,
    unpriced: used.map((u) => u.model).filter((model) => !priced.has(model)),
  };
}

/** Sets (or replaces) a model's price. */
export async function setModelPrice(input: ModelPriceInput): Promise<void> {
  const prices = { inputPerMillion: new Prisma.Decimal(input.inputPerMillion), outputPerMillion: new Prisma.Decimal(input.outputPerMillion) };
  await db().modelPrice.upsert({ where: { model: input.model }, create: { model: input.model, ...prices }, update: prices });
}

/** Removes a model's price (its calls then count as free); 404 when it had none. */
export async function removeModelPrice(model: string): Promise<void> {
  const { count } = await db().modelPrice.deleteMany({ where: { model } });
  if (!count) throw new AppError("not_found:price");
}

/**
 * The monthly budget per user (null: none), read once a minute per process rather than on every turn:
 * an instance other than the one an admin saved it on applies a change within a minute.
 */
const monthlyBudget = processCache("monthlyBudgetPerUser", 60_000, async () => {
  const policy = await db().costPolicy.findUnique({ where: { id: 1 } });
  return policy?.monthlyBudgetPerUser?.toNumber() ?? null;
});

export async function setMonthlyBudget(monthlyBudgetPerUser: number | null): Promise<void> {
  const value = monthlyBudgetPerUser === null ? null : new Prisma.Decimal(monthlyBudgetPerUser);
  await db().costPolicy.upsert({ where: { id: 1 }, create: { id: 1, monthlyBudgetPerUser: value }, update: { monthlyBudgetPerUser: value } });
  monthlyBudget.forget();
}

// a call's cost: its tokens at its model's price per million (no price: free)
const CALL_COST = Prisma.sql`(u."inputTokens" * COALESCE(p."inputPerMillion", 0) + u."outputTokens" * COALESCE(p."outputPerMillion", 0)) / 1000000`;

/** The first instant of the month `at` falls in, in UTC. */
export const monthStart = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));

/** What a user's model calls cost since the start of this month (UTC). */
export async function monthlySpend(userId: string, at = new Date()): Promise<number> {
  const [row] = await db().$queryRaw<{ cost: number }[]>`
    SELECT COALESCE(SUM(${CALL_COST}), 0)::float8 AS "cost"
    FROM "ModelUsage" u LEFT JOIN "ModelPrice" p ON p."model" = u."model"
    WHERE u."userId" = ${userId} AND u."createdAt" >= ${monthStart(at)}`;
  return row.cost;
}

/**
 * Refuses a turn once the user's calls this month have cost the monthly budget (when one is set). The
 * turn calls it after the user's message is saved and before any model is called.
 */
export async function enforceBudget(userId: string): Promise<void> {
  const budget = await monthlyBudget.get();
  if (budget === null) return;
  if ((await monthlySpend(userId)) >= budget) throw new AppError("forbidden:budget");
}

export interface CostLine {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  cost: number;
}

export interface CostInsight {
  total: CostLine;
  /** per task the calls worked on (null: routing, and answers with no task), most costly first */
  tasks: (CostLine & { taskId: string | null })[];
  /** per user (null: calls outside a turn, or a deleted user), most costly first */
  users: (CostLine & { userId: string | null; email: string | null })[];
  /** per UTC day with calls, oldest first (timestamps are stored in UTC) */
  days: (CostLine & { day: string })[];
}

type Row = { calls: number; inputTokens: number; outputTokens: number; cost: number };
const SUMS = Prisma.sql`COUNT(*)::int AS "calls", COALESCE(SUM(u."inputTokens"), 0)::int AS "inputTokens",
  COALESCE(SUM(u."outputTokens"), 0)::int AS "outputTokens", COALESCE(SUM(${CALL_COST}), 0)::float8 AS "cost"`;
const line = ({ calls, inputTokens, outputTokens, cost }: Row): CostLine => ({ calls, inputTokens, outputTokens, cost });

/** The cost of the model calls made in [from, to), per task, per user and per day, at the current prices. */
export async function costInsight(range: { from: Date; to: Date }): Promise<CostInsight> {
  const usage = Prisma.sql`"ModelUsage" u LEFT JOIN "ModelPrice" p ON p."model" = u."model"
    WHERE u."createdAt" >= ${range.from} AND u."createdAt" < ${range.to}`;
  const [totals, tasks, users, days] = await Promise.all([
    db().$queryRaw<Row[]>`SELECT ${SUMS} FROM ${usage}`,
    db().$queryRaw<(Row & { taskId: string | null })[]>`
      SELECT u."taskId", ${SUMS} FROM ${usage} GROUP BY u."taskId" ORDER BY "cost" DESC, "calls" DESC`,
    db().$queryRaw<(Row & { userId: string | null; email: string | null })[]>`
      SELECT u."userId", MIN(s."email") AS "email", ${SUMS}
      FROM "ModelUsage" u LEFT JOIN "ModelPrice" p ON p."model" = u."model" LEFT JOIN "User" s ON s."id" = u."userId"
      WHERE u."createdAt" >= ${range.from} AND u."createdAt" < ${range.to}
      GROUP BY u."userId" ORDER BY "cost" DESC, "calls" DESC`,
    db().$queryRaw<(Row & { day: string })[]>`
      SELECT to_char(u."createdAt", 'YYYY-MM-DD') AS "day", ${SUMS} FROM ${usage} GROUP BY 1 ORDER BY 1`,
  ]);
  return {
    total: line(totals[0]),
    tasks: tasks.map((row) => ({ taskId: row.taskId, ...line(row) })),
    users: users.map((row) => ({ userId: row.userId, email: row.email, ...line(row) })),
    days: days.map((row) => ({ day: row.day, ...line(row) })),
  };
}
