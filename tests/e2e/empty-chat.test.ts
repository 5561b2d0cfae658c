import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer, startApp } from "../support/app-server";
import { launchBrowser, signUpInBrowser } from "../support/browser";
import { createTestDatabase, type TestDatabase } from "../support/database";

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 667 };

/**
 * Seven short tasks beside the seeded meeting minutes: eight cards, a little more than a 1280×800 screen
 * holds (as with the Mojodex tasks the issue was found with).
 */
const extraTask = (n: number) => ({
  slug: `extra-task-${n}`,
  name: `Extra task ${n}`,
  description: `Something short, number ${n}.`,
  routerDescription: `The user wants extra thing ${n}.`,
  instructions: "Write the extra thing the user asked for.",
  outputKind: "custom",
  outputTitleFormat: "Extra thing",
  outputBodyFormat: "A short text.",
  icon: "🧩",
});

/** Is the element wholly inside the area where the chat's content is visible (below the header)? */
async function fullyVisible(page: Page, selector: string) {
  return page.evaluate((css) => {
    const el = document.querySelector(css);
    const main = document.querySelector("main");
    if (!el || !main) return "missing";
    const box = el.getBoundingClientRect();
    const area = main.getBoundingClientRect();
    return box.top >= area.top && box.bottom <= area.bottom
      ? "visible"
      : `top ${Math.round(box.top)} bottom ${Math.round(box.bottom)}, area ${Math.round(area.top)}–${Math.round(area.bottom)}`;
  }, selector);
}

/** The empty chat as a new user sees it before any model is configured. */
describe("the empty chat in Chromium", () => {
  let testDb: TestDatabase;
  let app: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    testDb = await createTestDatabase("pglite");
    [app, browser] = await Promise.all([startApp(testDb.env), launchBrowser()]);
    context = await browser.newContext({ viewport: DESKTOP, locale: "en-US" });
    page = await context.newPage();
    await signUpInBrowser(page, app.url, "first@example.test", "first-password-1");
    const { tasks } = await (await page.request.get(`${app.url}/api/tasks`)).json();
    for (const task of tasks as { id: string; slug: string }[]) {
      if (task.slug !== "meeting-minutes")
        expect((await page.request.patch(`${app.url}/api/tasks/${task.id}`, { data: { enabled: false } })).status()).toBe(200);
    }
    for (let n = 1; n <= 7; n++) {
      const response = await page.request.post(`${app.url}/api/tasks`, { data: extraTask(n) });
      expect(response.status(), await response.text()).toBe(201);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await testDb?.drop();
  });

  for (const [size, viewport] of [
    ["1280×800", DESKTOP],
    ["375×667", PHONE],
  ] as const) {
    it(`opens at the top with eight tasks at ${size}: the heading and the top of the no-model notice in view`, async () => {
      await page.setViewportSize(viewport);
      await page.goto(app.url);
      await page.getByRole("heading", { name: "What are you working on?" }).waitFor();
      expect(await page.getByRole("list", { name: "Tasks the assistant can do" }).getByRole("listitem").count()).toBe(8);
      await page.waitForTimeout(500);
      expect(await fullyVisible(page, "#empty-chat-title")).toBe("visible");
      const noticeTop = await page.evaluate(() => {
        const notice = [...document.querySelectorAll('[role="status"]')].find((el) => el.textContent?.includes("MODEL_BEST"));
        return notice ? notice.getBoundingClientRect().top - document.querySelector("main")!.getBoundingClientRect().top : null;
      });
      expect(noticeTop).not.toBeNull();
      expect(noticeTop!).toBeGreaterThanOrEqual(0);
    });
  }

  it("describes each task in the user's words, not the router's, in the reader's language", async () => {
    await page.setViewportSize(DESKTOP);
    await page.goto(app.url);
    const cards = page.getByRole("list", { name: "Tasks the assistant can do" });
    const english = (await cards.textContent()) ?? "";
    expect(english).toContain("Tell it how a meeting went and get clear minutes");
    expect(english).not.toContain("The user wants");

    const spanish = await browser.newContext({ viewport: DESKTOP, locale: "es-ES" });
    await spanish.addCookies(await context.cookies());
    const es = await spanish.newPage();
    await es.goto(app.url);
    const esCards = es.getByRole("list", { name: "Tareas que puede hacer el asistente" });
    await esCards.waitFor();
    const text = (await esCards.textContent()) ?? "";
    expect(text).toContain("Acta de reunión");
    expect(text).toContain("Cuenta cómo fue una reunión");
    expect(text).not.toContain("The user wants");
    expect(text).not.toContain("Meeting minutes");
    await spanish.close();
  });

  it("puts a card's task on the composer when clicked, without sending anything", async () => {
    await page.goto(app.url);
    await page.getByRole("button", { name: /Meeting minutes/ }).click();
    await page.getByRole("button", { name: "Remove the task choice" }).waitFor();
    expect(await page.getByRole("button", { name: /^Task for this message/ }).textContent()).toContain("Meeting minutes");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Message");
    await page.getByRole("button", { name: "Remove the task choice" }).click();
    expect(await page.getByRole("button", { name: /^Task for this message/ }).textContent()).toContain("Auto");
  });
});
