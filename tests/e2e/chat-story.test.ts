import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServer } from "../support/app-server";
import { launchBrowser, signUpInBrowser } from "../support/browser";
import type { TestDatabase } from "../support/database";
import type { ScriptedModelServer } from "../support/model-server";
import { BEST, FAST, startScriptedApp } from "../support/scripted-app";

const route = (task: string) => JSON.stringify({ task });

describe("a routed conversation in Chromium", () => {
  let testDb: TestDatabase;
  let models: ScriptedModelServer;
  let app: AppServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // the e2e project runs on PGlite (TEST_DATABASE)
    const [scripted, launched] = await Promise.all([startScriptedApp(), launchBrowser()]);
    ({ testDb, models, app } = scripted);
    browser = launched;
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: "en-US" });
    await signUpInBrowser(page, app.url, "story@example.test", "story-password-1");
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await models?.stop();
    await testDb?.drop();
  });

  async function say(text: string) {
    const chips = await page.getByTestId("routing-chip").count();
    const composer = page.getByLabel("Message", { exact: true });
    await composer.fill(text);
    await composer.press("Enter");
    // the turn is routed when its chip appears, and over when the stop button has turned back into send
    await page.getByTestId("routing-chip").nth(chips).waitFor({ timeout: 30_000 });
    await page.getByRole("button", { name: "Send", exact: true }).waitFor({ timeout: 30_000 });
  }

  const lastChip = () => page.getByTestId("routing-chip").last().textContent();

  it("starts meeting minutes and asks for what is missing, streaming the answer", async () => {
    // no task yet: the speculative general answer is discarded when the router starts a task
    models.script(BEST, "SPECULATIVE general answer", { text: "Happy to write the minutes. **When** was the meeting and **who attended**?", chunkDelayMs: 20 });
    models.script(FAST, route("meeting-minutes"));
    await say("I just left the meeting with ACME about the pilot, please write the minutes");
    expect(await lastChip()).toContain("Started: Meeting minutes");
    const answer = await page.getByTestId("assistant-message").last().textContent();
    expect(answer).toContain("who attended");
    expect(answer).not.toContain("SPECULATIVE");
    expect(page.url()).toMatch(/\/c\/[a-z0-9]+$/);
  });

  it("writes version 1 of the minutes into the panel", async () => {
    models.script(
      BEST,
      'Here are the minutes.\n<deliverable title="Minutes – ACME pilot – 20 Nov">\n**Attendees**: Ana (ACME), Ben\n\n**Decisions**\n1. Pilot starts in March\n</deliverable>',
    );
    models.script(FAST, route("meeting-minutes"));
    await say("Yesterday, with Ana from ACME and Ben. We agreed the pilot starts in March.");
    expect(await lastChip()).toBe("📝Continuing");
    const panel = page.getByRole("complementary", { name: "Deliverable" });
    await panel.getByTestId("deliverable-title").filter({ hasText: "Minutes – ACME pilot" }).waitFor();
    expect(await panel.getByTestId("deliverable-version").textContent()).toBe("Version 1 of 1");
  });

  it("saves a manual edit as version 2, and the next turn's prompt contains the edited text", async () => {
    const panel = page.getByRole("complementary", { name: "Deliverable" });
    await panel.getByRole("button", { name: "Edit", exact: true }).click();
    const body = panel.getByLabel("Text (Markdown)");
    await body.fill(`${await body.inputValue()}\n2. Budget EDITED-IN-BROWSER: 40k`);
    await panel.getByRole("button", { name: "Save as new version" }).click();
    await panel.getByText("edited by you").waitFor();
    expect(await panel.getByTestId("deliverable-version").textContent()).toBe("Version 2 of 2");

    models.script(BEST, '<deliverable title="Minutes – ACME pilot – 20 Nov">\n**Decisions**\n1. Pilot in March\n2. Budget 40k\n</deliverable>');
    models.script(FAST, route("meeting-minutes"));
    await say("make it shorter");
    const executorRequest = models.requestsFor(BEST).at(-1)!;
    expect(executorRequest.messages[0].role).toBe("system");
    expect(executorRequest.messages[0].content).toContain("EDITED-IN-BROWSER");
    await panel.getByText("Version 3 of 3").waitFor();
    // older versions stay reachable
    await panel.getByRole("button", { name: "Previous version" }).click();
    expect(await panel.getByTestId("deliverable-version").textContent()).toBe("Version 2 of 3");
    await page.screenshot({ path: "tests/.artifacts/chat-desktop.png" });
  });

  it("switches to the follow-up email and then ends the task", async () => {
    models.script(BEST, "SPECULATIVE minutes answer", '<deliverable title="Next steps for the ACME pilot">\nHi Ana,\n\nThanks for today.\n</deliverable>');
    models.script(FAST, route("follow-up-email"));
    await say("now write the follow-up email to the participants");
    expect(await lastChip()).toContain("Switched to: Follow-up email");
    expect(await page.getByTestId("assistant-message").last().textContent()).not.toContain("SPECULATIVE");

    models.script(BEST, "SPECULATIVE email answer", "You're welcome — good luck with the pilot!");
    models.script(FAST, route("none"));
    await say("thanks, that's all");
    expect(await lastChip()).toBe("Task finished");
  });

  it("takes votes on an answer, a task choice (with what it should have done) and a deliverable version", async () => {
    const pressed = (scope: Locator, name: string) => scope.getByRole("button", { name, exact: true }).getAttribute("aria-pressed");
    /** the task choice is rated from its routing chip's menu: which of its two ratings is checked */
    async function taskRating(message: Locator) {
      await message.getByTestId("routing-chip").click();
      const menu = page.getByRole("menu");
      const checked = async (name: string) => (await menu.getByRole("menuitemradio", { name }).getAttribute("aria-checked")) === "true";
      const rating = { right: await checked("Right task"), wrong: await checked("Wrong task — should have been…") };
      await page.keyboard.press("Escape");
      await menu.waitFor({ state: "detached" });
      return rating;
    }
    const first = page.getByTestId("assistant-message").first();
    await first.getByRole("button", { name: "Good answer", exact: true }).click();
    await expect.poll(() => pressed(first, "Good answer")).toBe("true");

    await first.getByTestId("routing-chip").click();
    await page.getByRole("menuitemradio", { name: "Wrong task — should have been…" }).click();
    const correction = page.getByRole("dialog", { name: "Which task should it have been?" });
    await correction.getByRole("radio", { name: "Follow-up email" }).check();
    await correction.getByLabel("What was wrong? (optional)").fill("I wanted the email first");
    await correction.getByRole("button", { name: "Send feedback" }).click();
    await correction.waitFor({ state: "detached" });
    expect(await taskRating(first)).toEqual({ right: false, wrong: true });

    const panel = page.getByRole("complementary", { name: "Deliverable" });
    await panel.getByRole("button", { name: "Good deliverable version", exact: true }).click();
    await expect.poll(() => pressed(panel, "Good deliverable version")).toBe("true");

    // the votes are stored: after a reload the same ratings are shown
    await page.reload();
    const reloaded = page.getByTestId("assistant-message").first();
    await reloaded.getByRole("button", { name: "Good answer", exact: true }).waitFor();
    expect(await pressed(reloaded, "Good answer")).toBe("true");
    expect(await taskRating(reloaded)).toEqual({ right: false, wrong: true });
  });

  it("shows the saved conversation after a reload, with its chips and deliverables", async () => {
    await page.reload();
    await page.getByTestId("routing-chip").first().waitFor();
    expect(await page.getByTestId("routing-chip").allTextContents()).toEqual([
      "📝Started: Meeting minutes",
      "📝Continuing",
      "📝Continuing",
      "✉️Switched to: Follow-up email",
      "Task finished",
    ]);
    const list = page.getByRole("list", { name: "Conversation list" });
    expect(await list.getByRole("listitem").count()).toBe(1);
  });
});
