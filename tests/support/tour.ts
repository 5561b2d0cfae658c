import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { AppServer } from "./app-server";
import { createConversation, sendTurn } from "./chat-client";
import type { TestDatabase, TestDatabaseKind } from "./database";
import { HttpClient } from "./http-client";
import type { ScriptedModelServer } from "./model-server";
import { mojodexFollowUpSpec, mojodexTemplateSpec } from "./mojodex-specs";
import { BEST, FAST, startScriptedApp } from "./scripted-app";
import { ACTION_ITEMS, actionItemsSay, routerSays, speculativeDiscard } from "./scripted-replies";

/**
 * Every page of the app with data on it, as a user sees it: an administrator with a routed
 * conversation that produced a deliverable, a learning from a vote on it, and a plain member. The
 * accessibility scan, the language check and `npm run screenshots` all walk this tour.
 */

export const ADMIN = { email: "ada@example.test", password: "tour-password-1", name: "Ada Lovelace" };
export const MEMBER = { email: "grace@example.test", password: "tour-password-2", name: "Grace Hopper" };

export interface TourData {
  conversationId: string;
  taskId: string;
}

export interface TourStop {
  name: string;
  /** who looks at it: nobody signed in, the administrator, or the plain member */
  as: "visitor" | "admin" | "member";
  path(data: TourData): string;
  /** waits until the page shows what it is about, and brings it to the state worth looking at */
  ready(page: Page): Promise<void>;
}

const heading = (page: Page) => page.locator("h1").first().waitFor();

/** Mojodex's own template and follow-up email specs: the import preview flags a placeholder and a duplicate. */
function importFile(): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "switchboard-tour-")), "mojodex-tasks.json");
  writeFileSync(file, JSON.stringify([mojodexTemplateSpec(), mojodexFollowUpSpec()]));
  return file;
}

const MINUTES = [
  'Here are the minutes of the ACME pilot meeting.\n<deliverable title="Minutes – ACME pilot kick-off – 20 Nov">',
  "**Attendees**: Ana Ruiz (ACME), Ben Okafor, Ada Lovelace\n\n**Summary**\nACME agreed to a three-month pilot starting in March.",
  "Budget and data access were settled; security review is the open point.\n\n**Decisions**\n1. Pilot starts on 3 March with the sales team.",
  "2. ACME provides read-only CRM access.\n\n**Action items**\n\n| Owner | Action | Due |\n| --- | --- | --- |",
  "| Ben | Send the pilot plan | 27 Nov |\n| Ana | Book the security review | 4 Dec |\n</deliverable>",
].join("\n");

/** Sets the tour's data up through the API, as users would have made it. */
export async function prepareTour(app: AppServer, models: ScriptedModelServer): Promise<TourData> {
  const admin = new HttpClient(app.url);
  await admin.signUp(ADMIN.email, ADMIN.password, ADMIN.name);
  if (!(await admin.signIn(ADMIN.email, ADMIN.password))) throw new Error("the tour's administrator could not sign in");
  const member = new HttpClient(app.url);
  await member.signUp(MEMBER.email, MEMBER.password, MEMBER.name);

  const conversationId = await createConversation(admin);
  // a first turn runs the general assistant while the router decides; the router starts the minutes
  models.script(BEST, speculativeDiscard("general"), "Happy to write the minutes. When was the meeting, and who attended?");
  models.script(FAST, routerSays("meeting-minutes"));
  const question = await sendTurn(admin, { conversationId, text: "I just left the kick-off meeting with ACME about the pilot, can you write the minutes?" });
  if (question.error || question.errorText) throw new Error(`the tour's first turn failed: ${JSON.stringify(question.error ?? question.errorText)}`);
  models.script(BEST, { text: MINUTES, chunkSize: 64 });
  models.script(FAST, routerSays("meeting-minutes"));
  // the minutes' action items become the admin's to-dos (issue 15): one overdue, one due today, one later
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  models.script(
    ACTION_ITEMS,
    actionItemsSay([
      { what: "Send the pilot plan", owner: "Ben", due: day(-1) },
      { what: "Book the security review", owner: "Ana", due: day(0) },
      { what: "Share the pilot's success criteria with the sales team", owner: null, due: day(14) },
    ]),
  );
  const turn = await sendTurn(admin, {
    conversationId,
    text: "Today, with Ana Ruiz from ACME and Ben. Pilot from 3 March with sales, they give us read-only CRM access. Ben sends the plan by 27 Nov, Ana books the security review by 4 Dec.",
  });
  const version = turn.deliverables[0];
  if (!version) throw new Error(`the tour's turn wrote no deliverable: ${JSON.stringify(turn.error ?? turn.errorText)}`);
  await admin.request("/api/feedback", { method: "PUT", json: { target: { type: "version", id: version.versionId }, rating: "up" } });
  // the to-dos are extracted in the background of the turn
  for (let waited = 0; waited < 10_000; waited += 100) {
    if (((await (await admin.get("/api/todos")).json()) as { todos: unknown[] }).todos.length === 3) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const { tasks } = (await (await admin.get("/api/tasks")).json()) as { tasks: { id: string; slug: string }[] };
  const taskId = tasks.find((t) => t.slug === "meeting-minutes")?.id;
  if (!taskId) throw new Error("the seeded meeting-minutes task is missing");
  return { conversationId, taskId };
}

export const TOUR: TourStop[] = [
  { name: "sign-in", as: "visitor", path: () => "/signin", ready: heading },
  { name: "sign-up", as: "visitor", path: () => "/signup", ready: heading },
  { name: "empty-chat", as: "member", path: () => "/", ready: heading },
  {
    name: "chat-with-deliverable",
    as: "admin",
    path: (d) => `/c/${d.conversationId}`,
    // on a phone the deliverable is in a sheet the user opens; on a desktop the panel is beside the chat
    ready: (page) => page.getByTestId("assistant-message").last().waitFor(),
  },
  { name: "todos", as: "admin", path: () => "/todos", ready: (page) => page.getByTestId("todo").first().waitFor() },
  { name: "admin-tasks", as: "admin", path: () => "/admin/tasks", ready: (page) => page.getByTestId("task-row").first().waitFor() },
  { name: "admin-task-new", as: "admin", path: () => "/admin/tasks/new", ready: (page) => page.getByTestId("executor-preview").waitFor() },
  { name: "admin-task-edit", as: "admin", path: (d) => `/admin/tasks/${d.taskId}`, ready: (page) => page.getByTestId("executor-preview").waitFor() },
  {
    name: "admin-task-import",
    as: "admin",
    path: () => "/admin/tasks/import",
    ready: async (page) => {
      await page.locator('input[type="file"]').setInputFiles(importFile());
      await page.getByTestId("import-task").first().waitFor();
    },
  },
  { name: "admin-learnings", as: "admin", path: () => "/admin/learnings", ready: (page) => page.getByTestId("learning").first().waitFor() },
  { name: "admin-insight", as: "admin", path: () => "/admin/insight", ready: (page) => page.getByTestId("insight").waitFor() },
  // issue 16: the organisation's documents; issue 16 and 17: the user's profile, and linking Slack and Telegram
  { name: "admin-knowledge", as: "admin", path: () => "/admin/knowledge", ready: heading },
  { name: "settings", as: "member", path: () => "/settings", ready: heading },
  { name: "admin-channels", as: "admin", path: () => "/admin/channels", ready: (page) => page.getByTestId("channel-slack").waitFor() },
  { name: "not-found", as: "member", path: () => "/c/no-such-conversation", ready: heading },
  { name: "forbidden", as: "member", path: () => "/admin/tasks", ready: heading },
];

export const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 375, height: 667 } } as const;

export interface TourApp {
  testDb: TestDatabase;
  models: ScriptedModelServer;
  app: AppServer;
  data: TourData;
  stop(): Promise<void>;
}

/** The app on a fresh database with the tour's data in it. */
export async function startTourApp(kind?: TestDatabaseKind): Promise<TourApp> {
  const { testDb, models, app } = await startScriptedApp({}, kind);
  const data = await prepareTour(app, models);
  return {
    testDb,
    models,
    app,
    data,
    async stop() {
      await app.stop();
      await models.stop();
      await testDb.drop();
    },
  };
}

/** A browser context signed in as the stop's user, in a language, theme and size. */
export async function contextFor(
  browser: Browser,
  appUrl: string,
  as: TourStop["as"],
  options: { locale: string; colorScheme: "light" | "dark"; viewport: { width: number; height: number } },
): Promise<BrowserContext> {
  const context = await browser.newContext({ ...options, reducedMotion: "reduce" });
  if (as === "visitor") return context;
  const account = as === "admin" ? ADMIN : MEMBER;
  const page = await context.newPage();
  await page.goto(`${appUrl}/signin`);
  await page.locator('input[type="email"]').fill(account.email);
  await page.locator('input[type="password"]').fill(account.password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
  await page.close();
  return context;
}

/** Opens a stop and waits until it shows what it is about. */
export async function visit(context: BrowserContext, appUrl: string, stop: TourStop, data: TourData): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${appUrl}${stop.path(data)}`);
  await stop.ready(page);
  await page.evaluate(() => document.fonts.ready);
  return page;
}
