import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServer } from "../support/app-server";
import { launchBrowser, signUpInBrowser } from "../support/browser";
import type { TestDatabase } from "../support/database";
import type { ScriptedModelServer } from "../support/model-server";
import { BEST, expectScriptedRepliesUsed, FAST, startScriptedApp } from "../support/scripted-app";

const longAnswer = (label: string, lines = 30) =>
  Array.from({ length: lines }, (_, i) => `${i + 1}. ${label}, point ${i + 1}: what was agreed and who follows up.`).join("\n");

/**
 * Where the message list's scroll container stands, and where the newest message ends, in pixels,
 * as painted (two animation frames on: the view follows new text on the frame after it arrives).
 */
function scrollState(page: Page) {
  return page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const list = document.querySelector('ol[aria-label="Messages"]');
    let scroller = list?.parentElement ?? null;
    while (scroller && !(/(auto|scroll)/.test(getComputedStyle(scroller).overflowY) && scroller.scrollHeight > scroller.clientHeight)) {
      scroller = scroller.parentElement;
    }
    if (!list || !scroller) return null;
    const box = scroller.getBoundingClientRect();
    const newest = list.querySelector(":scope > li:last-of-type")!.getBoundingClientRect();
    return {
      /** how far the view is from the end of the conversation */
      fromBottom: Math.round(scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight),
      /** > 0 when the end of the newest message is below the visible area */
      newestBelowView: Math.round(newest.bottom - box.bottom),
    };
  });
}

describe("the chat follows the newest message in Chromium", () => {
  let testDb: TestDatabase;
  let models: ScriptedModelServer;
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let conversationId: string;

  beforeAll(async () => {
    const [scripted, launched] = await Promise.all([startScriptedApp(), launchBrowser()]);
    ({ testDb, models, app } = scripted);
    browser = launched;
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: "en-US" });
    await signUpInBrowser(page, app.url, "follow@example.test", "follow-password-1");

    // a conversation several screens long, written through the API (no task: one executor call per turn)
    const created = await page.request.post(`${app.url}/api/conversations`, { data: {} });
    conversationId = (await created.json()).conversation.id;
    for (let turn = 1; turn <= 4; turn++) {
      models.script(BEST, longAnswer(`Answer ${turn}`));
      const response = await page.request.post(`${app.url}/api/chat`, {
        data: { conversationId, messageId: randomUUID(), text: `Question ${turn}`, taskSlug: "none" },
      });
      expect(response.status()).toBe(200);
      await response.body();
    }
    expectScriptedRepliesUsed(models, app);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await models?.stop();
    await testDb?.drop();
  });

  it("opens a long conversation at its latest message, and again after a reload", async () => {
    await page.goto(`${app.url}/c/${conversationId}`);
    await page.getByText("Answer 4, point 30").waitFor({ state: "attached" });
    await expect.poll(async () => (await scrollState(page))?.fromBottom, { timeout: 5_000 }).toBeLessThanOrEqual(2);
    expect((await scrollState(page))!.newestBelowView).toBeLessThanOrEqual(0);
    expect(await page.getByText("Answer 4, point 30").isVisible()).toBe(true);

    await page.reload();
    await page.getByText("Answer 4, point 30").waitFor({ state: "attached" });
    await expect.poll(async () => (await scrollState(page))?.fromBottom, { timeout: 5_000 }).toBeLessThanOrEqual(2);
  });

  it("keeps the streaming answer in view", async () => {
    models.script(BEST, { text: longAnswer("Streamed answer", 40), chunkSize: 12, chunkDelayMs: 15 });
    models.script(FAST, JSON.stringify({ task: "none" }));
    const composer = page.getByLabel("Message", { exact: true });
    await composer.fill("One more question");
    await composer.press("Enter");
    await page.getByText("Streamed answer, point 8:").waitFor();
    // sampled while the answer grows: its end never drops out of view, but for the chunk that has just
    // arrived and is followed on the next frames (a line or two)
    const samples: number[] = [];
    while (await page.getByRole("button", { name: "Stop", exact: true }).isVisible()) {
      samples.push((await scrollState(page))!.newestBelowView);
      await page.waitForTimeout(150);
    }
    expect(samples.length).toBeGreaterThan(3);
    expect(Math.max(...samples), `how far below the view the answer's end was: ${samples.join(", ")}`).toBeLessThanOrEqual(120);
    await expect.poll(async () => (await scrollState(page))?.fromBottom, { timeout: 5_000 }).toBeLessThanOrEqual(2);
  });

  it("stays where the user scrolled to while the answer streams, and offers a jump to the latest", async () => {
    models.script(BEST, { text: longAnswer("Slow answer", 40), chunkSize: 10, chunkDelayMs: 25 });
    models.script(FAST, JSON.stringify({ task: "none" }));
    const composer = page.getByLabel("Message", { exact: true });
    await composer.fill("And another");
    await composer.press("Enter");
    await page.getByText("Slow answer, point 3:").waitFor();
    const list = page.getByRole("list", { name: "Messages" });
    const box = (await list.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, 300);
    await page.mouse.wheel(0, -1500);
    await page.waitForTimeout(800);
    // the answer keeps growing below, the reader is not pulled down
    const readingAt = (await scrollState(page))!.fromBottom;
    expect(readingAt).toBeGreaterThan(800);
    const jump = page.getByRole("button", { name: "Jump to latest" });
    await jump.waitFor();
    await page.waitForTimeout(600);
    expect((await scrollState(page))!.fromBottom).toBeGreaterThan(readingAt);

    await jump.click();
    await expect.poll(async () => (await scrollState(page))?.newestBelowView, { timeout: 5_000 }).toBeLessThanOrEqual(120);
    await page.getByRole("button", { name: "Send", exact: true }).waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await scrollState(page))?.fromBottom, { timeout: 5_000 }).toBeLessThanOrEqual(2);
    await jump.waitFor({ state: "hidden" });
  });
});
