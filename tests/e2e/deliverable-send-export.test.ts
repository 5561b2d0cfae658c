import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServer } from "../support/app-server";
import { launchBrowser, signUpInBrowser } from "../support/browser";
import type { TestDatabase } from "../support/database";
import type { ScriptedModelServer } from "../support/model-server";
import { BEST, expectScriptedRepliesUsed, startScriptedApp } from "../support/scripted-app";
import { withDeliverable } from "../support/scripted-replies";
import { SmtpStandIn } from "../support/smtp-server";

const SUBJECT = "Next steps after the budget review";
const BODY = `Hi Ana,

Thanks for your time today. To recap:

- Hiring is frozen until March
- **Bo** sends the revised figures by Friday

Could you confirm by reply? Copying ana@example.com for the record.

Best,
[Your name]`;

describe("the deliverable panel's downloads and send sheet in Chromium", () => {
  let testDb: TestDatabase;
  let models: ScriptedModelServer;
  let app: AppServer;
  let smtp: SmtpStandIn;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    smtp = await new SmtpStandIn().start();
    const [scripted, launched] = await Promise.all([
      startScriptedApp({ SMTP_URL: smtp.url, SMTP_FROM: "Switchboard <switchboard@example.com>" }),
      launchBrowser(),
    ]);
    ({ testDb, models, app } = scripted);
    browser = launched;
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: "en-US", acceptDownloads: true });
    await signUpInBrowser(page, app.url, "sender@example.test", "sender-password-1");
    const created = await page.request.post(`${app.url}/api/conversations`, { data: {} });
    const conversationId = (await created.json()).conversation.id;
    models.script(BEST, withDeliverable(SUBJECT, BODY));
    const turn = await page.request.post(`${app.url}/api/chat`, {
      data: { conversationId, messageId: randomUUID(), text: "/follow-up-email to Ana about the budget review", taskSlug: "follow-up-email" },
    });
    expect(turn.status()).toBe(200);
    await turn.body();
    expectScriptedRepliesUsed(models, app);
    await page.goto(`${app.url}/c/${conversationId}`);
    await page.getByTestId("deliverable-title").getByText(SUBJECT).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await models?.stop();
    await smtp?.stop();
    await testDb?.drop();
  });

  it("offers the version as Word, PDF and Markdown, named after its title", async () => {
    await page.getByRole("button", { name: "Download" }).click();
    const items = page.getByRole("menuitem");
    expect(await items.allTextContents()).toEqual(["Word (.docx)", "PDF (.pdf)", "Markdown (.md)"]);
    const href = await page.getByRole("menuitem", { name: "PDF (.pdf)" }).getAttribute("href");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("menuitem", { name: "PDF (.pdf)" }).click()]);
    expect(download.suggestedFilename()).toBe("Next-steps-after-the-budget-review.pdf");
    const file = await page.request.get(`${app.url}${href}`);
    expect(file.headers()["content-type"]).toBe("application/pdf");
    expect((await file.body()).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("sends the email from a prefilled sheet only when pressed, and shows who it went to", async () => {
    await page.getByRole("button", { name: "Send by email" }).click();
    const sheet = page.getByRole("dialog", { name: "Send this email" });
    await sheet.waitFor();
    expect(await sheet.getByLabel("To").inputValue()).toBe("ana@example.com");
    expect(await sheet.getByLabel("Subject").inputValue()).toBe(SUBJECT);
    expect(await sheet.getByLabel("Text (Markdown)").inputValue()).toBe(BODY);
    expect(smtp.received).toHaveLength(0);

    await sheet.getByLabel("Subject").fill(`${SUBJECT} (v2)`);
    await sheet.getByLabel("Cc").fill("bo@example.com");
    await sheet.getByRole("button", { name: "Send email" }).click();
    await sheet.waitFor({ state: "detached" });
    const sent = page.getByTestId("deliverable-sends");
    await sent.getByText(/^Sent to ana@example\.com on .+ · Cc bo@example\.com$/).waitFor();

    expect(smtp.received).toHaveLength(1);
    const [{ envelope, parsed }] = smtp.received;
    expect(envelope.to.sort()).toEqual(["ana@example.com", "bo@example.com"]);
    expect(parsed.subject).toBe(`${SUBJECT} (v2)`);
    expect(parsed.text?.trim()).toBe(BODY);
    expect(String(parsed.html)).toContain("<strong>Bo</strong>");

    // after a reload the record comes from the server
    await page.reload();
    await page
      .getByTestId("deliverable-sends")
      .getByText(/^Sent to ana@example\.com on /)
      .waitFor();
  });
});
