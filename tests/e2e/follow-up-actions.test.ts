import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServer } from "../support/app-server";
import { launchBrowser, signUpInBrowser } from "../support/browser";
import type { TestDatabase } from "../support/database";
import type { ScriptedModelServer } from "../support/model-server";
import { BEST, FAST, startScriptedApp } from "../support/scripted-app";
import { withDeliverable } from "../support/scripted-replies";

const MINUTES_BODY = "**Attendees**: Ana (ACME), Ben\n\n**Decisions**\n1. Pilot starts in March";

describe("a follow-up action in Chromium", () => {
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
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: "en-US" });
    await signUpInBrowser(page, app.url, "follow-up@example.test", "follow-up-password-1");
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await models?.stop();
    await testDb?.drop();
  });

  it("shows the button under finished minutes, and pressing it streams the follow-up email", async () => {
    models.script(BEST, withDeliverable("Minutes – ACME pilot – 20 Nov", MINUTES_BODY));
    const composer = page.getByLabel("Message", { exact: true });
    await composer.fill("/meeting-minutes Yesterday with Ana from ACME and Ben; the pilot starts in March.");
    await composer.press("Enter");
    const minutesAnswer = page.getByTestId("assistant-message").first();
    const button = minutesAnswer.getByRole("button", { name: "Write the follow-up email", exact: true });
    await button.waitFor({ timeout: 30_000 });
    // the deliverable panel beside the chat offers it too
    const panel = page.getByRole("complementary", { name: "Deliverable" });
    await panel.getByRole("button", { name: "Write the follow-up email", exact: true }).waitFor();

    // the email streams slowly enough to be seen arriving
    const email = "Hi Ana,\n\nThanks for yesterday. As agreed, the pilot starts in March.\n\nBest,\n[Your name]";
    models.script(BEST, { text: withDeliverable("ACME pilot: next steps", email, "Here is the follow-up email."), chunkSize: 6, chunkDelayMs: 60 });
    const fastCalls = models.requestsFor(FAST).length;
    await button.click();

    // the press is the user's message; the answer streams in under the routing chip
    await page.getByTestId("user-message").last().filter({ hasText: "Write the follow-up email" }).waitFor();
    const emailAnswer = page.getByTestId("assistant-message").nth(1);
    await emailAnswer.getByText("Here is the follow-up email.").waitFor({ timeout: 30_000 });
    // still streaming: the stop button shows and no new press can start a turn
    await page.getByRole("button", { name: "Stop", exact: true }).waitFor();
    expect(await button.isDisabled()).toBe(true);
    await page.getByRole("button", { name: "Send", exact: true }).waitFor({ timeout: 30_000 });

    expect(await emailAnswer.getByTestId("routing-chip").textContent()).toContain("Switched to: Follow-up email· from a button");
    await emailAnswer.getByText("Version 1 saved").waitFor();
    await panel.getByTestId("deliverable-title").filter({ hasText: "ACME pilot: next steps" }).waitFor();
    // the email task has no follow-up actions of its own; the minutes' button stays under the minutes
    expect(await emailAnswer.getByTestId("follow-up-actions").count()).toBe(0);
    expect(await button.isEnabled()).toBe(true);

    // the email's executor was given the minutes; the router was not asked
    expect(models.requestsFor(FAST).length).toBe(fastCalls);
    const executorMessages = models.requestsFor(BEST).at(-1)!.messages;
    expect(executorMessages[0].content).toContain("Current task: Follow-up email");
    expect(executorMessages.at(-2)?.content).toContain(MINUTES_BODY);
    await page.screenshot({ path: "tests/.artifacts/follow-up-desktop.png" });
  });
});
