import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/http";
import { costInsight, costSettings, enforceBudget, monthlySpend, setModelPrice, setMonthlyBudget } from "@/lib/observability";
import { testDatabaseKind } from "../support/database";
import { withLibDatabase } from "../support/lib-database";

withLibDatabase();

/**
 * A hand-computed fixture. Prices a million tokens: big 2.5 in / 10 out, small 0.15 in / 0.6 out,
 * other: no price (free until priced).
 *
 *   when              user  task   model  in     out    cost
 *   2026-03-01 10:00  ann   minutes big    1 000    500  0.0025 + 0.005   = 0.0075
 *   2026-03-01 10:00  ann   (route) small  2 000    100  0.0003 + 0.00006 = 0.00036
 *   2026-03-02 09:00  bob   email   big    4 000  2 000  0.01   + 0.02    = 0.03
 *   2026-03-02 23:59  bob   minutes other  9 999  9 999  0
 *   2026-02-28 23:59  ann   minutes big    1 000 000  0  2.5   (outside the range)
 *
 * Range 1–2 March: total 0.03786; per task email 0.03, minutes 0.0075, no task 0.00036; per user bob
 * 0.03, ann 0.00786; per day 1st 0.00786, 2nd 0.03.
 */
describe(`cost on ${testDatabaseKind()}`, () => {
  const ids = { ann: "", bob: "", minutes: "", email: "" };

  beforeAll(async () => {
    const [ann, bob] = await Promise.all(
      ["ann", "bob"].map((name) => db().user.create({ data: { email: `${name}-cost@example.test`, passwordHash: "x", name } })),
    );
    const tasks = await db().task.findMany({ where: { slug: { in: ["meeting-minutes", "follow-up-email"] } } });
    Object.assign(ids, {
      ann: ann.id,
      bob: bob.id,
      minutes: tasks.find((t) => t.slug === "meeting-minutes")!.id,
      email: tasks.find((t) => t.slug === "follow-up-email")!.id,
    });
    await setModelPrice({ model: "compatible:big", inputPerMillion: 2.5, outputPerMillion: 10 });
    await setModelPrice({ model: "compatible:small", inputPerMillion: 0.15, outputPerMillion: 0.6 });
    const row = (at: string, userId: string, taskId: string | null, model: string, inputTokens: number, outputTokens: number) => ({
      createdAt: new Date(at),
      userId,
      taskId,
      model: `compatible:${model}`,
      slot: model === "small" ? "fast" : "best",
      purpose: taskId ? ("answer" as const) : ("route" as const),
      inputTokens,
      outputTokens,
    });
    await db().modelUsage.createMany({
      data: [
        row("2026-03-01T10:00:00Z", ids.ann, ids.minutes, "big", 1_000, 500),
        row("2026-03-01T10:00:00Z", ids.ann, null, "small", 2_000, 100),
        row("2026-03-02T09:00:00Z", ids.bob, ids.email, "big", 4_000, 2_000),
        row("2026-03-02T23:59:00Z", ids.bob, ids.minutes, "other", 9_999, 9_999),
        row("2026-02-28T23:59:00Z", ids.ann, ids.minutes, "big", 1_000_000, 0),
      ],
    });
  });

  it("prices each call at its model's price and sums it per task, per user and per day", async () => {
    const insight = await costInsight({ from: new Date("2026-03-01T00:00:00Z"), to: new Date("2026-03-03T00:00:00Z") });
    const rounded = <T extends { cost: number }>(lines: T[]) => lines.map((line) => ({ ...line, cost: Number(line.cost.toFixed(9)) }));
    expect(Number(insight.total.cost.toFixed(9))).toBe(0.03786);
    expect(insight.total).toMatchObject({ calls: 4, inputTokens: 16_999, outputTokens: 12_599 });
    expect(rounded(insight.tasks)).toEqual([
      { taskId: ids.email, calls: 1, inputTokens: 4_000, outputTokens: 2_000, cost: 0.03 },
      { taskId: ids.minutes, calls: 2, inputTokens: 10_999, outputTokens: 10_499, cost: 0.0075 },
      { taskId: null, calls: 1, inputTokens: 2_000, outputTokens: 100, cost: 0.00036 },
    ]);
    expect(rounded(insight.users)).toEqual([
      { userId: ids.bob, email: "bob-cost@example.test", calls: 2, inputTokens: 13_999, outputTokens: 11_999, cost: 0.03 },
      { userId: ids.ann, email: "ann-cost@example.test", calls: 2, inputTokens: 3_000, outputTokens: 600, cost: 0.00786 },
    ]);
    expect(rounded(insight.days)).toEqual([
      { day: "2026-03-01", calls: 2, inputTokens: 3_000, outputTokens: 600, cost: 0.00786 },
      { day: "2026-03-02", calls: 2, inputTokens: 13_999, outputTokens: 11_999, cost: 0.03 },
    ]);
    expect((await costSettings()).unpriced).toEqual(["compatible:other"]);
  });

  it("counts a user's spending from the first of the month, and refuses past the budget", async () => {
    expect(Number((await monthlySpend(ids.ann, new Date("2026-03-15T00:00:00Z"))).toFixed(9))).toBe(0.00786);
    expect(Number((await monthlySpend(ids.ann, new Date("2026-02-15T00:00:00Z"))).toFixed(9))).toBe(2.50786);
    // this month (the fixture is in the past): nothing spent yet
    await setMonthlyBudget(0.01);
    await expect(enforceBudget(ids.ann)).resolves.toBeUndefined();
    await db().modelUsage.create({
      data: { userId: ids.ann, model: "compatible:big", slot: "best", purpose: "answer", inputTokens: 4_000, outputTokens: 0 },
    });
    const refused = await enforceBudget(ids.ann).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("forbidden:budget");
    await setMonthlyBudget(null);
    await expect(enforceBudget(ids.ann)).resolves.toBeUndefined();
  });
});
