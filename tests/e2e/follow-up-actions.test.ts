import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServer } from "../support/app-server";
import { launchBrowser, signUpInBrowser } from "../support/browser";
import type { TestDatabase } from "../support/database";
import type { ScriptedModelServer } from "../support/model-server";
import { BEST, FAST, startScriptedApp } from "../support/scripted-app";
import { withDeliverable } from "../support/scripted-replies";
import { SmtpStandIn } from "../support/smtp-server";
import { TcpProxy } from "../support/tcp-proxy";

const MINUTES_BODY = "**Attendees**: Ana (ACME), Ben\n\n**Decisions**\n1. Pilot starts in March";

describe("from minutes to a sent follow-up email in Chromium", () => {
  let testDb: TestDatabase;
  let models: ScriptedModelServer;
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let smtp: SmtpStandIn;
  let proxy: TcpProxy;

  beforeAll(async () => {
    // a real SMTP server on 127.0.0.1, reached through a proxy the test can cut (a mail server going down)
    smtp = await new SmtpStandIn().start();
    proxy = await new TcpProxy("127.0.0.1", smtp.port).start();
    // the e2e project runs on PGlite (TEST_DATABASE)
    const [scripted, launched] = await Promise.all([
      startScriptedApp({ SMTP_URL: `smtp://127.0.0.1:${proxy.port}`, SMTP_FROM: "Switchboard <switchboard@example.com>" }),
      launchBrowser(),
    ]);
    ({ testDb, models, app } = scripted);
    browser = launched;
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: "en-US" });
    await signUpInBrowser(page, app.url, "follow-up@example.test", "follow-up-password-1");
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await models?.stop();
    await proxy?.stop();
    await smtp?.stop();
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

  it("sends the email: a mail server that is down says so and records nothing; a double press sends once", async () => {
    const panel = page.getByRole("complementary", { name: "Deliverable" });
    await panel.getByRole("button", { name: "Send by email" }).click();
    const sheet = page.getByRole("dialog", { name: "Send this email" });
    await sheet.waitFor();
    expect(await sheet.getByLabel("Subject").inputValue()).toBe("ACME pilot: next steps");
    await sheet.getByLabel("To").fill("ana@acme.example");

    proxy.cut();
    await sheet.getByRole("button", { name: "Send email" }).click();
    await sheet.getByText(/could not be reached/).waitFor();
    expect(smtp.received).toHaveLength(0);
    expect(await panel.getByTestId("deliverable-sends").count()).toBe(0);

    // back up: two quick presses, one email
    proxy.restore();
    await sheet.getByRole("button", { name: "Send email" }).dblclick();
    await sheet.waitFor({ state: "detached" });
    await panel
      .getByTestId("deliverable-sends")
      .getByText(/^Sent to ana@acme\.example on /)
      .waitFor();
    expect(smtp.received).toHaveLength(1);
    const [{ envelope, parsed }] = smtp.received;
    expect(envelope.to).toEqual(["ana@acme.example"]);
    expect(parsed.subject).toBe("ACME pilot: next steps");
    expect(parsed.text).toContain("the pilot starts in March");
    expect(String(parsed.html)).toContain("the pilot starts in March");
    // recorded once: after a reload the version lists one send
    await page.reload();
    await panel
      .getByTestId("deliverable-sends")
      .getByText(/^Sent to ana@acme\.example on /)
      .waitFor();
    expect(
      await panel
        .getByTestId("deliverable-sends")
        .getByText(/^Sent to /)
        .count(),
    ).toBe(1);
  });
});
