import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DecisionSource, db, type Rating, type RoutingAction } from "@/lib/db";
import { AppError } from "@/lib/http";
import { routingInsight, type TaskInsight } from "@/lib/insight";
import { type AppServer, startApp } from "../support/app-server";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database";
import { HttpClient, uniqueEmail } from "../support/http-client";
import { withLibDatabase } from "../support/lib-database";

withLibDatabase();

const kind = testDatabaseKind();

interface FixtureDecision {
  at: string;
  task: "meeting-minutes" | "follow-up-email" | "memo-from-ideas" | null;
  action: RoutingAction;
  source: DecisionSource;
  latencyMs: number;
  validFormat?: boolean;
  votes?: { user: "ann" | "bob"; rating: Rating; correction?: string; comment?: string }[];
}

// Two days in March 2026 (Sunday the 1st and Monday the 2nd, so they fall in two ISO weeks), plus
// a decision just before and one just after the range, which must not count.
const decisions: FixtureDecision[] = [
  {
    at: "2026-03-01T10:00:00Z",
    task: "meeting-minutes",
    action: "start",
    source: "router",
    latencyMs: 100,
    votes: [
      { user: "ann", rating: "up" },
      { user: "bob", rating: "up" },
    ],
  },
  {
    at: "2026-03-01T10:05:00Z",
    task: "meeting-minutes",
    action: "continue",
    source: "router",
    latencyMs: 200,
    votes: [{ user: "ann", rating: "down", correction: "follow-up-email" }],
  },
  {
    at: "2026-03-01T11:00:00Z",
    task: "follow-up-email",
    action: "switch",
    source: "router",
    latencyMs: 300,
    votes: [{ user: "ann", rating: "down", comment: "too early" }],
  },
  {
    at: "2026-03-01T23:59:59.999Z",
    task: null,
    action: "none",
    source: "router",
    latencyMs: 400,
    validFormat: false,
    votes: [{ user: "ann", rating: "down", correction: "none" }],
  },
  { at: "2026-03-02T00:00:00Z", task: "follow-up-email", action: "continue", source: "router", latencyMs: 1000, votes: [{ user: "ann", rating: "up" }] },
  {
    at: "2026-03-02T09:00:00Z",
    task: null,
    action: "end",
    source: "router",
    latencyMs: 600,
    votes: [
      { user: "ann", rating: "down", correction: "meeting-minutes" },
      { user: "bob", rating: "up" },
    ],
  },
  // a /memo command: chosen by the user, so its latency is not the router's
  { at: "2026-03-02T15:00:00Z", task: "memo-from-ideas", action: "start", source: "user", latencyMs: 0 },
  // outside the range
  {
    at: "2026-02-28T23:59:59.999Z",
    task: "meeting-minutes",
    action: "start",
    source: "router",
    latencyMs: 9000,
    votes: [{ user: "ann", rating: "down", correction: "memo" }],
  },
  {
    at: "2026-03-03T00:00:00Z",
    task: "meeting-minutes",
    action: "start",
    source: "router",
    latencyMs: 9000,
    validFormat: false,
    votes: [{ user: "bob", rating: "up" }],
  },
];

async function insertFixture() {
  const users = {
    ann: await db().user.create({ data: { email: "ann@example.test", passwordHash: "x" } }),
    bob: await db().user.create({ data: { email: "bob@example.test", passwordHash: "x" } }),
  };
  const tasks = Object.fromEntries((await db().task.findMany()).map((t) => [t.slug, t.id]));
  expect(Object.keys(tasks)).toEqual(expect.arrayContaining(["meeting-minutes", "follow-up-email", "memo-from-ideas"]));
  const conversation = await db().conversation.create({ data: { userId: users.ann.id, title: "Fixture" } });
  for (const [index, d] of decisions.entries()) {
    const createdAt = new Date(d.at);
    const message = await db().message.create({
      data: { conversationId: conversation.id, role: "user", content: `turn ${index}`, createdAt },
    });
    const decision = await db().routingDecision.create({
      data: {
        conversationId: conversation.id,
        messageId: message.id,
        chosenTaskId: d.task ? tasks[d.task] : null,
        action: d.action,
        source: d.source,
        latencyMs: d.latencyMs,
        validFormat: d.validFormat ?? true,
        createdAt,
      },
    });
    for (const vote of d.votes ?? []) {
      await db().feedback.create({
        data: { userId: users[vote.user].id, routingDecisionId: decision.id, rating: vote.rating, correction: vote.correction, comment: vote.comment },
      });
    }
    // a vote on the message itself is about the answer, not the routing: never counted as a routing vote
    await db().feedback.create({ data: { userId: users.bob.id, messageId: message.id, rating: "down", correction: "memo" } });
    // two good answers, rated by both users
    if (index === 0 || index === 4) {
      const answer = await db().message.create({
        data: { conversationId: conversation.id, role: "assistant", content: `answer ${index}`, createdAt: new Date(createdAt.getTime() + 1_000) },
      });
      for (const user of [users.ann, users.bob]) await db().feedback.create({ data: { userId: user.id, messageId: answer.id, rating: "up" } });
    }
  }
  // a deliverable whose versions are rated: two in the range, one after it
  const deliverable = await db().deliverable.create({ data: { conversationId: conversation.id, taskId: tasks["meeting-minutes"], kind: "minutes" } });
  const versions: [string, { user: "ann" | "bob"; rating: Rating }[]][] = [
    ["2026-03-01T10:10:00Z", [{ user: "ann", rating: "up" }]],
    [
      "2026-03-02T10:00:00Z",
      [
        { user: "ann", rating: "up" },
        { user: "bob", rating: "down" },
      ],
    ],
    ["2026-03-05T10:00:00Z", [{ user: "bob", rating: "up" }]],
  ];
  for (const [index, [at, votes]] of versions.entries()) {
    const version = await db().deliverableVersion.create({
      data: { deliverableId: deliverable.id, version: index + 1, title: "Minutes", body: "…", author: "model", createdAt: new Date(at) },
    });
    for (const vote of votes) await db().feedback.create({ data: { userId: users[vote.user].id, deliverableVersionId: version.id, rating: vote.rating } });
  }
}

const noActions = { start: 0, continue: 0, switch: 0, end: 0, none: 0 };

describe(`routing insight on ${kind}`, () => {
  beforeAll(insertFixture);

  it("computes the totals of the range: actions, sources, corrections, thumbs, invalid answers, router latency", async () => {
    const insight = await routingInsight({ from: "2026-03-01", to: "2026-03-02", bucket: "day" });
    expect(insight.range).toEqual({ from: "2026-03-01T00:00:00.000Z", to: "2026-03-03T00:00:00.000Z", bucket: "day" });
    const { latencyP50Ms, latencyP95Ms, upRate, ...counts } = insight.totals;
    expect(counts).toEqual({
      turns: 7,
      actions: { start: 2, continue: 2, switch: 1, end: 1, none: 1 },
      sources: { router: 6, user: 1, action: 0 },
      corrections: 3,
      thumbsUp: 4,
      thumbsDown: 4,
      invalid: 1,
    });
    expect(upRate).toBe(0.5);
    // router latencies 100, 200, 300, 400, 600, 1000 (the user's 0 ms is left out)
    expect(latencyP50Ms).toBeCloseTo(350, 6); // between the 3rd and 4th: 300 + 0.5 × 100
    expect(latencyP95Ms).toBeCloseTo(900, 6); // position 0.95 × 5 = 4.75: 600 + 0.75 × 400
  });

  it("gives a thumbs-up rate per target: answers, task choices and deliverable versions", async () => {
    const { ratings, totals } = await routingInsight({ from: "2026-03-01", to: "2026-03-02", bucket: "day" });
    console.log("ratings per target:", JSON.stringify(ratings));
    expect(ratings).toEqual({
      // 2 answers × 2 thumbs up; 7 user messages in the range with a thumbs down each
      answer: { up: 4, down: 7, upRate: 4 / 11 },
      // the routing votes of the totals
      taskChoice: { up: totals.thumbsUp, down: totals.thumbsDown, upRate: 0.5 },
      version: { up: 2, down: 1, upRate: 2 / 3 },
    });
    const empty = await routingInsight({ from: "2025-01-01", to: "2025-01-03" });
    expect(empty.ratings).toEqual({
      answer: { up: 0, down: 0, upRate: null },
      taskChoice: { up: 0, down: 0, upRate: null },
      version: { up: 0, down: 0, upRate: null },
    });
  });

  it("breaks the measures down per chosen task, with turns routed to no task as “No task”", async () => {
    const { tasks } = await routingInsight({ from: new Date("2026-03-01T00:00:00Z"), to: new Date("2026-03-03T00:00:00Z"), bucket: "day" });
    expect(tasks.map((t) => [t.name, t.turns])).toEqual([
      ["Follow-up email", 2],
      ["Meeting minutes", 2],
      ["No task", 2],
      ["Memo from loose ideas", 1],
    ]);
    const byName = Object.fromEntries(tasks.map((t) => [t.name, t])) as Record<string, TaskInsight>;
    expect(byName["Meeting minutes"]).toMatchObject({
      slug: "meeting-minutes",
      deleted: false,
      actions: { ...noActions, start: 1, continue: 1 },
      sources: { router: 2, user: 0, action: 0 },
      corrections: 1,
      thumbsUp: 2,
      thumbsDown: 1,
      invalid: 0,
    });
    expect(byName["Meeting minutes"].upRate).toBeCloseTo(2 / 3, 10);
    expect(byName["Meeting minutes"].latencyP50Ms).toBeCloseTo(150, 6);
    expect(byName["Meeting minutes"].latencyP95Ms).toBeCloseTo(195, 6); // 100 + 0.95 × 100

    expect(byName["Follow-up email"]).toMatchObject({
      actions: { ...noActions, switch: 1, continue: 1 },
      corrections: 0,
      thumbsUp: 1,
      thumbsDown: 1,
      upRate: 0.5,
      invalid: 0,
    });
    expect(byName["Follow-up email"].latencyP50Ms).toBeCloseTo(650, 6);
    expect(byName["Follow-up email"].latencyP95Ms).toBeCloseTo(965, 6); // 300 + 0.95 × 700

    expect(byName["No task"]).toMatchObject({
      taskId: null,
      slug: null,
      actions: { ...noActions, none: 1, end: 1 },
      corrections: 2,
      thumbsUp: 1,
      thumbsDown: 2,
      invalid: 1,
    });
    expect(byName["No task"].upRate).toBeCloseTo(1 / 3, 10);
    expect(byName["No task"].latencyP50Ms).toBeCloseTo(500, 6);
    expect(byName["No task"].latencyP95Ms).toBeCloseTo(590, 6);

    expect(byName["Memo from loose ideas"]).toMatchObject({
      slug: "memo-from-ideas",
      turns: 1,
      actions: { ...noActions, start: 1 },
      sources: { router: 0, user: 1, action: 0 },
      corrections: 0,
      thumbsUp: 0,
      thumbsDown: 0,
      upRate: null,
      latencyP50Ms: null,
      latencyP95Ms: null,
    });
  });

  it("gives every day of the range, in UTC, with its actions, invalid answers, latency and corrections", async () => {
    const { buckets } = await routingInsight({ from: "2026-02-27", to: "2026-03-02", bucket: "day" });
    expect(buckets.map((b) => b.start)).toEqual(["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]);
    const [feb27, feb28, mar1, mar2] = buckets;
    expect(feb27).toEqual({ start: "2026-02-27", turns: 0, actions: noActions, invalid: 0, corrections: 0, latencyP50Ms: null, latencyP95Ms: null });
    expect(feb28).toMatchObject({ turns: 1, actions: { ...noActions, start: 1 }, corrections: 1, latencyP50Ms: 9000, latencyP95Ms: 9000 });
    expect(mar1).toMatchObject({ turns: 4, actions: { start: 1, continue: 1, switch: 1, end: 0, none: 1 }, invalid: 1, corrections: 2 });
    expect(mar1.latencyP50Ms).toBeCloseTo(250, 6); // 100, 200, 300, 400
    expect(mar1.latencyP95Ms).toBeCloseTo(385, 6); // position 2.85: 300 + 0.85 × 100
    expect(mar2).toMatchObject({ turns: 3, actions: { start: 1, continue: 1, switch: 0, end: 1, none: 0 }, invalid: 0, corrections: 1 });
    expect(mar2.latencyP50Ms).toBeCloseTo(800, 6); // 600, 1000
    expect(mar2.latencyP95Ms).toBeCloseTo(980, 6);
  });

  it("groups by ISO week (Monday) when asked", async () => {
    const { buckets, totals } = await routingInsight({ from: "2026-03-01", to: "2026-03-02", bucket: "week" });
    expect(totals.turns).toBe(7);
    expect(buckets.map((b) => [b.start, b.turns, b.corrections, b.invalid])).toEqual([
      ["2026-02-23", 4, 2, 1],
      ["2026-03-02", 3, 1, 0],
    ]);
  });

  it("answers an empty range with zeros, no tasks and empty buckets", async () => {
    const insight = await routingInsight({ from: "2025-01-01", to: "2025-01-03" });
    expect(insight.range.bucket).toBe("day");
    expect(insight.tasks).toEqual([]);
    expect(insight.totals).toEqual({
      turns: 0,
      actions: noActions,
      sources: { router: 0, user: 0, action: 0 },
      corrections: 0,
      thumbsUp: 0,
      thumbsDown: 0,
      upRate: null,
      invalid: 0,
      latencyP50Ms: null,
      latencyP95Ms: null,
    });
    expect(insight.buckets.map((b) => [b.start, b.turns])).toEqual([
      ["2025-01-01", 0],
      ["2025-01-02", 0],
      ["2025-01-03", 0],
    ]);
  });

  it("defaults to the last 30 days, daily", async () => {
    const before = Date.now();
    const insight = await routingInsight();
    const from = Date.parse(insight.range.from);
    const to = Date.parse(insight.range.to);
    expect(to).toBeGreaterThanOrEqual(before);
    expect(to - from).toBe(30 * 24 * 60 * 60 * 1000);
    expect(insight.range.bucket).toBe("day");
    expect(insight.buckets.length).toBeGreaterThanOrEqual(30);
    expect(insight.buckets.length).toBeLessThanOrEqual(31);
    expect(insight.totals.turns).toBe(0);
  });

  it("refuses bad input with a message per field", async () => {
    const reversed = await routingInsight({ from: "2026-03-05", to: "2026-03-01" }).catch((e) => e);
    expect(reversed).toBeInstanceOf(AppError);
    expect(reversed.status).toBe(400);
    expect(reversed.code).toBe("bad_request:insight");
    expect(reversed.fields.to[0]).toMatch(/after the start/);

    const garbled = await routingInsight({ from: "yesterday", to: "2026-02-30", bucket: "month" as "day" }).catch((e) => e);
    expect(garbled).toBeInstanceOf(AppError);
    expect(Object.keys(garbled.fields).sort()).toEqual(["bucket", "from", "to"]);

    const tooLongForDays = await routingInsight({ from: "2024-01-01", to: "2025-06-30", bucket: "day" }).catch((e) => e);
    expect(tooLongForDays.fields.bucket[0]).toMatch(/weekly/);
  });
});

describe(`GET /api/insight and /admin/insight on ${kind}`, () => {
  let testDb: TestDatabase;
  let app: AppServer;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    app = await startApp(testDb.env);
  });

  afterAll(async () => {
    await app?.stop();
    await testDb?.drop();
  });

  it("is for admins only, checks its parameters, and shows an empty state without routed turns", async () => {
    expect((await new HttpClient(app.url).get("/api/insight")).status).toBe(401);

    const admin = new HttpClient(app.url);
    const adminEmail = uniqueEmail("admin");
    expect((await admin.signUp(adminEmail, "admin-password-1")).status).toBe(201);
    expect(await admin.signIn(adminEmail, "admin-password-1")).toBe(true);
    const member = new HttpClient(app.url);
    const memberEmail = uniqueEmail("member");
    await member.signUp(memberEmail, "member-password-1");
    expect(await member.signIn(memberEmail, "member-password-1")).toBe(true);

    const forbidden = await member.get("/api/insight");
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).code).toBe("forbidden:admin");

    const bad = await admin.get("/api/insight?from=soon&to=2026-01-01&bucket=year");
    expect(bad.status).toBe(400);
    const badBody = await bad.json();
    expect(badBody.code).toBe("bad_request:insight");
    expect(Object.keys(badBody.fields).sort()).toEqual(["bucket", "from"]);

    const ok = await admin.get("/api/insight?from=2026-01-01&to=2026-01-14&bucket=week");
    expect(ok.status).toBe(200);
    const body = await ok.json();
    expect(body.range).toEqual({ from: "2026-01-01T00:00:00.000Z", to: "2026-01-15T00:00:00.000Z", bucket: "week" });
    expect(body.totals.turns).toBe(0);
    expect(body.buckets.map((b: { start: string }) => b.start)).toEqual(["2025-12-29", "2026-01-05", "2026-01-12"]);

    const page = await admin.get("/admin/insight?from=2026-01-01&to=2026-01-14&bucket=day");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Routing insight");
    expect(html).toContain("No routed turns in this period yet");
    expect((await member.get("/admin/insight")).status).toBeGreaterThanOrEqual(300);
  });
});
