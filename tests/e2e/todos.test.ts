import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TodoView } from "@/lib/todos/types";
import type { AppServer } from "../support/app-server";
import { launchBrowser } from "../support/browser";
import { createConversation, sendTurn } from "../support/chat-client";
import type { TestDatabase } from "../support/database";
import { HttpClient } from "../support/http-client";
import type { ScriptedModelServer } from "../support/model-server";
import { BEST, startScriptedApp } from "../support/scripted-app";
import { ACTION_ITEMS, actionItemsSay, withDeliverable } from "../support/scripted-replies";

const PHONE = { width: 375, height: 667 };
const ACCOUNT = { email: "todos@example.test", password: "todos-password-1" };
const DAY_MS = 24 * 60 * 60 * 1000;
const day = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

/** Issue 15: the to-dos page on a phone: overdue and due today stand out; done/undo and edit persist. */
describe("the to-dos page in Chromium at phone size", () => {
  let testDb: TestDatabase;
  let models: ScriptedModelServer;
  let app: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let api: HttpClient;

  beforeAll(async () => {
    const [scripted, launched] = await Promise.all([startScriptedApp(), launchBrowser()]);
    ({ testDb, models, app } = scripted);
    browser = launched;

    // minutes whose action items become three to-dos: one overdue, one due today, one later
    api = new HttpClient(app.url);
    expect((await api.signUp(ACCOUNT.email, ACCOUNT.password)).status).toBe(201);
    expect(await api.signIn(ACCOUNT.email, ACCOUNT.password)).toBe(true);
    const conversationId = await createConversation(api, "Pilot kick-off");
    models.script(BEST, withDeliverable("Minutes – Pilot kick-off", "**Action items**\n| Ben | Send the pilot plan | |"));
    models.script(
      ACTION_ITEMS,
      actionItemsSay([
        { what: "Send the pilot plan", owner: "Ben", due: day(-2) },
        { what: "Book the security review", owner: "Ana", due: day(0) },
        { what: "Share the kick-off slides", owner: null, due: day(10) },
      ]),
    );
    expect((await sendTurn(api, { conversationId, text: "/meeting-minutes Pilot kick-off with Ana and Ben" })).status).toBe(200);
    for (let waited = 0; (await todos()).length < 3 && waited < 10_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await todos()).toHaveLength(3);

    // the browser's clock and the server's rendering agree on the day (UTC)
    context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: "en-US", timezoneId: "UTC", reducedMotion: "reduce" });
    page = await context.newPage();
    await page.goto(`${app.url}/signin`);
    await page.getByLabel("Email").fill(ACCOUNT.email);
    await page.getByLabel("Password").fill(ACCOUNT.password);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await models?.stop();
    await testDb?.drop();
  });

  async function todos(): Promise<TodoView[]> {
    return ((await (await api.get("/api/todos")).json()) as { todos: TodoView[] }).todos;
  }

  const item = (what: string) => page.getByTestId("todo").filter({ hasText: what });

  it("is in the main navigation and shows overdue and due-today to-dos apart, without horizontal scrolling", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "To-dos" }).click();
    await page.getByRole("heading", { name: "To-dos", level: 1 }).waitFor();
    await item("Send the pilot plan").waitFor();
    expect(await item("Send the pilot plan").getAttribute("data-state")).toBe("overdue");
    expect(await item("Send the pilot plan").getByTestId("todo-due").textContent()).toContain("Overdue");
    expect(await item("Book the security review").getAttribute("data-state")).toBe("due-today");
    expect(await item("Book the security review").getByTestId("todo-due").textContent()).toBe("Due today");
    expect(await item("Share the kick-off slides").getAttribute("data-state")).toBe("open");
    // overdue stands out in colour, not only in words
    const [overdueBg, laterBg] = await Promise.all(
      ["Send the pilot plan", "Share the kick-off slides"].map((what) => item(what).evaluate((el) => getComputedStyle(el).backgroundColor)),
    );
    expect(overdueBg).not.toBe(laterBg);
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    await page.screenshot({ path: "tests/.artifacts/phone-todos.png", fullPage: true });
  });

  it("marks a to-do done and undoes it, and both persist", async () => {
    await page.getByRole("checkbox", { name: "Mark “Send the pilot plan” done" }).click();
    await page.getByTestId("todos-done").getByText("Send the pilot plan").waitFor();
    expect((await todos()).find((t) => t.what === "Send the pilot plan")?.done).toBe(true);
    await page.reload();
    await page.getByTestId("todos-done").getByText("Send the pilot plan").waitFor();

    await page.getByRole("checkbox", { name: "Mark “Send the pilot plan” not done" }).click();
    await page.getByTestId("todos-open").getByText("Send the pilot plan").waitFor();
    expect((await todos()).find((t) => t.what === "Send the pilot plan")?.done).toBe(false);
    await page.reload();
    await page.getByTestId("todos-open").getByText("Send the pilot plan").waitFor();
    expect(await page.getByTestId("todos-done").count()).toBe(0);
  });

  it("edits what, owner and due date, and the change persists", async () => {
    await page.getByRole("button", { name: "Actions for “Share the kick-off slides”" }).click();
    await page.getByRole("menuitem", { name: "Edit" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit the to-do" });
    await dialog.getByLabel("What").fill("Share the kick-off slides with ACME");
    await dialog.getByLabel("Owner").fill("Ada");
    await dialog.getByLabel("Due date").fill(day(-1));
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.waitFor({ state: "detached" });
    await item("Share the kick-off slides with ACME").waitFor();
    expect(await item("Share the kick-off slides with ACME").getAttribute("data-state")).toBe("overdue");
    expect(await item("Share the kick-off slides with ACME").getByTestId("todo-owner").textContent()).toBe("Ada");
    expect((await todos()).find((t) => t.what === "Share the kick-off slides with ACME")).toMatchObject({ owner: "Ada", due: day(-1), edited: true });
    await page.reload();
    expect(await item("Share the kick-off slides with ACME").getAttribute("data-state")).toBe("overdue");
  });

  it("deletes a to-do after asking", async () => {
    await page.getByRole("button", { name: "Actions for “Book the security review”" }).click();
    await page.getByRole("menuitem", { name: "Delete" }).click();
    await page.getByRole("alertdialog", { name: "Delete this to-do?" }).getByRole("button", { name: "Delete" }).click();
    await item("Book the security review").waitFor({ state: "detached" });
    expect((await todos()).map((t) => t.what)).not.toContain("Book the security review");
  });
});
