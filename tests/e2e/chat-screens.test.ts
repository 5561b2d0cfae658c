import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServer } from "../support/app-server";
import { seriousViolations } from "../support/axe";
import { launchBrowser, signUpInBrowser } from "../support/browser";
import type { TestDatabase } from "../support/database";
import type { ScriptedModelServer } from "../support/model-server";
import { BEST, FAST, startScriptedApp } from "../support/scripted-app";

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 667 };
const MINUTES =
  '<deliverable title="Minutes – ACME pilot – 20 Nov">\n**Attendees**: Ana (ACME), Ben\n\n**Decisions**\n1. Pilot starts in March\n</deliverable>';

/** How each visible button looks: its text and the icons it draws. Two identical ones cannot be told apart. */
function buttonLooks(scope: Locator) {
  return scope.locator("button").evaluateAll((buttons) =>
    buttons
      .filter((b) => (b as HTMLElement).offsetParent !== null)
      // biome-ignore lint/performance/useDomNodeTextContent: what is painted, as a person sees the button
      .map((b) => `${(b as HTMLElement).innerText.trim()}|${[...b.querySelectorAll("svg")].map((s) => s.getAttribute("class")).join(",")}`),
  );
}

describe("answers, votes, the composer and the deliverable panel in Chromium", () => {
  let testDb: TestDatabase;
  let models: ScriptedModelServer;
  let app: AppServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const [scripted, launched] = await Promise.all([startScriptedApp(), launchBrowser()]);
    ({ testDb, models, app } = scripted);
    browser = launched;
    // axe needs a page of a context made with newContext()
    page = await (await browser.newContext({ viewport: DESKTOP, locale: "en-US" })).newPage();
    await signUpInBrowser(page, app.url, "screens@example.test", "screens-password-1");
    models.script(BEST, "SPECULATIVE general answer", `Here are the minutes.\n${MINUTES}`);
    models.script(FAST, JSON.stringify({ task: "meeting-minutes" }));
    const composer = page.getByLabel("Message", { exact: true });
    await composer.fill("Minutes of today's ACME meeting with Ana and Ben: the pilot starts in March.");
    await composer.press("Enter");
    await page.getByTestId("routing-chip").first().waitFor({ timeout: 30_000 });
    await page.getByRole("button", { name: "Send", exact: true }).waitFor({ timeout: 30_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await models?.stop();
    await testDb?.drop();
  });

  it("keeps the deliverable panel's toolbar on one row and the composer's placeholder on one line at 1280 px", async () => {
    const panel = page.getByRole("complementary", { name: "Deliverable" });
    await panel.getByTestId("deliverable-title").waitFor();
    const rows = new Set<number>();
    for (const name of ["Previous version", "Next version", "Copy", "Download", "Edit"]) {
      const box = (await panel.getByRole("button", { name, exact: true }).boundingBox())!;
      rows.add(Math.round(box.y + box.height / 2));
    }
    expect([...rows], "vertical centres of the toolbar's buttons").toHaveLength(1);

    const composer = page.getByLabel("Message", { exact: true });
    await composer.fill("");
    const emptyHeight = (await composer.boundingBox())!.height;
    await composer.fill("x");
    const oneLineHeight = (await composer.boundingBox())!.height;
    await composer.fill("");
    expect(emptyHeight, "the placeholder takes more than one line").toBe(oneLineHeight);
  });

  it("tells the answer's vote and the task choice's vote apart, labelled, without reflowing the message", async () => {
    const message = page.getByTestId("assistant-message").last();
    const looks = await buttonLooks(message);
    expect(new Set(looks).size, `buttons under the answer: ${looks.join(" / ")}`).toBe(looks.length);

    // the answer's thumbs say what they rate, on hover too
    await message.getByRole("button", { name: "Good answer", exact: true }).hover();
    await page.getByRole("tooltip", { name: "Good answer" }).waitFor();

    // a thumbs-down asks in a dialog: the message keeps its size
    const before = (await message.boundingBox())!.height;
    await message.getByRole("button", { name: "Bad answer", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "What was wrong with this answer?" });
    await dialog.waitFor();
    expect((await message.boundingBox())!.height).toBe(before);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(await message.getByRole("button", { name: "Bad answer", exact: true }).getAttribute("aria-pressed")).toBe("false");

    // the task choice is rated from the routing chip itself
    const chip = message.getByTestId("routing-chip");
    await chip.hover();
    await page.getByRole("tooltip", { name: "Was this the right task?" }).waitFor();
    await chip.click();
    const menu = page.getByRole("menu");
    await menu.getByRole("menuitemradio", { name: "Right task" }).waitFor();
    await menu.getByRole("menuitemradio", { name: "Wrong task — should have been…" }).click();
    const correction = page.getByRole("dialog", { name: "Which task should it have been?" });
    await correction.getByRole("radio", { name: "Follow-up email" }).check();
    await correction.getByLabel("What was wrong? (optional)").fill("I wanted the email");
    expect((await message.boundingBox())!.height).toBe(before);
    await correction.getByRole("button", { name: "Send feedback" }).click();
    await correction.waitFor({ state: "detached" });
    await chip.click();
    await expect.poll(() => page.getByRole("menuitemradio", { name: "Wrong task — should have been…" }).getAttribute("aria-checked")).toBe("true");
    await page.keyboard.press("Escape");
  });

  it("offers the tasks as / commands in a listbox driven by the keyboard", async () => {
    const composer = page.getByLabel("Message", { exact: true });
    await composer.fill("/");
    const listbox = page.getByRole("listbox", { name: "Task commands" });
    await listbox.waitFor();
    const options = listbox.getByRole("option");
    expect(await options.count()).toBe(3);
    expect(await options.nth(0).getAttribute("aria-selected")).toBe("true");
    await composer.press("ArrowDown");
    expect(await options.nth(1).getAttribute("aria-selected")).toBe("true");
    expect(await composer.getAttribute("aria-activedescendant")).toBe(await options.nth(1).getAttribute("id"));
    await composer.press("Enter");
    expect(await composer.inputValue()).toBe("/meeting-minutes ");
    await listbox.waitFor({ state: "detached" });
    await composer.fill("");
  });

  it("names tasks in the reader's language in the chip, the conversation list, the panel and the task menu", async () => {
    expect((await page.request.patch(`${app.url}/api/account`, { data: { locale: "es" } })).status()).toBe(200);
    try {
      await page.reload();
      await page.getByTestId("routing-chip").first().waitFor();
      expect(await page.getByTestId("routing-chip").first().textContent()).toContain("Acta de reunión");
      expect(await page.getByRole("navigation", { name: "Conversaciones" }).textContent()).toContain("Acta de reunión");
      expect(await page.getByRole("complementary", { name: "Entregable" }).textContent()).toContain("Acta de reunión");
      await page.getByRole("button", { name: /^Tarea para este mensaje/ }).click();
      await page.getByRole("menuitemradio", { name: "Acta de reunión" }).waitFor();
      await page.keyboard.press("Escape");
    } finally {
      await page.request.patch(`${app.url}/api/account`, { data: { locale: null } });
      await page.reload();
    }
  });

  it("stops an answer, and says when one fails with a Retry that answers it", async () => {
    // ends the meeting minutes: the executor that started for them speculatively is dropped
    models.script(FAST, JSON.stringify({ task: "none" }));
    models.script(BEST, "SPECULATIVE minutes", { text: "A long answer that takes its time. ".repeat(60), chunkSize: 6, chunkDelayMs: 30 });
    const composer = page.getByLabel("Message", { exact: true });
    await composer.fill("Tell me a long story");
    await composer.press("Enter");
    await page.getByText("A long answer that takes its time.").first().waitFor();
    await page.getByRole("button", { name: "Stop", exact: true }).click();
    await page.getByRole("button", { name: "Send", exact: true }).waitFor();
    await page.getByTestId("assistant-message").last().getByText("Stopped").waitFor();

    models.script(FAST, JSON.stringify({ task: "none" }));
    models.script(BEST, { text: "The first part arrives, and then the provider drops the connection.", chunkSize: 8, failAfterChunks: 3 });
    await composer.fill("Are you there?");
    await composer.press("Enter");
    const alert = page.getByRole("alert").filter({ has: page.getByRole("button", { name: "Retry" }) });
    await alert.waitFor({ timeout: 30_000 });
    models.script(FAST, JSON.stringify({ task: "none" }));
    models.script(BEST, "Yes, I am here.");
    await alert.getByRole("button", { name: "Retry" }).click();
    await page.getByTestId("assistant-message").last().getByText("Yes, I am here.").waitFor({ timeout: 30_000 });
    await alert.waitFor({ state: "detached" });
  });

  it("has no serious accessibility violations with a deliverable, its sheet and the drawer, at both sizes, light and dark", async () => {
    const found: string[] = [];
    const scan = async (label: string) => found.push(...(await seriousViolations(page, label)).map((v) => `${label}: ${v}`));
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize(DESKTOP);
      await page.reload();
      await page.getByRole("complementary", { name: "Deliverable" }).getByTestId("deliverable-title").waitFor();
      await scan(`chat with the deliverable panel 1280×800 ${colorScheme}`);

      await page.setViewportSize(PHONE);
      await page.reload();
      await page.getByTestId("routing-chip").first().waitFor();
      await scan(`chat with a deliverable 375×667 ${colorScheme}`);
      await page.getByRole("button", { name: "Deliverable", exact: true }).click();
      await page.getByRole("dialog", { name: "Deliverable" }).getByTestId("deliverable-title").waitFor();
      await scan(`deliverable sheet 375×667 ${colorScheme}`);
      await page.keyboard.press("Escape");
      await page.getByRole("dialog").waitFor({ state: "detached" });
      await page.getByRole("button", { name: "Open conversations" }).click();
      await page.getByRole("dialog", { name: "Conversations" }).getByRole("link", { name: "New conversation" }).waitFor();
      await scan(`conversation drawer 375×667 ${colorScheme}`);
      await page.keyboard.press("Escape");
      await page.getByRole("dialog").waitFor({ state: "detached" });
    }
    expect(found).toEqual([]);
  });

  it("starts one conversation when Enter is pressed again while the first message is on its way", async () => {
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize(DESKTOP);
    await page.goto(app.url);
    const items = page.getByRole("list", { name: "Conversation list" }).getByRole("listitem");
    const before = await items.count();
    // a slow network: the conversation is created half a second after the first Enter
    await page.route(`${app.url}/api/conversations`, async (route) => {
      if (route.request().method() === "POST") await new Promise((resolve) => setTimeout(resolve, 500));
      await route.continue();
    });
    models.script(FAST, JSON.stringify({ task: "none" }));
    models.script(BEST, "One answer.");
    const composer = page.getByLabel("Message", { exact: true });
    await composer.fill("Just one question");
    await composer.press("Enter");
    await composer.press("Enter");
    await page.getByTestId("assistant-message").getByText("One answer.").waitFor();
    await page.getByRole("button", { name: "Send", exact: true }).waitFor();
    expect(await page.getByTestId("user-message").count()).toBe(1);
    await expect.poll(() => items.count()).toBe(before + 1);
    await page.unroute(`${app.url}/api/conversations`);
  });
});
