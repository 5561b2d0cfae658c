import { randomUUID } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServer } from "../support/app-server";
import { launchBrowser } from "../support/browser";
import type { TestDatabase } from "../support/database";
import { HttpClient } from "../support/http-client";
import { docxOf, imageOnlyPdf } from "../support/knowledge-fixtures";
import type { ScriptedModelServer } from "../support/model-server";
import { BEST, expectScriptedRepliesUsed, startScriptedApp } from "../support/scripted-app";
import { withDeliverable } from "../support/scripted-replies";

const ACCOUNT = { email: "knowledge-admin@example.test", password: "knowledge-password-1" };
const SCREENSHOTS = process.env.KNOWLEDGE_SCREENSHOTS;

/**
 * Issue 16: an admin uploads a DOCX on the knowledge page, sees it indexed, is told why a scanned PDF is
 * refused, and deletes it; a deliverable written from a document names it under its title.
 */
describe("the knowledge admin page in Chromium", () => {
  let testDb: TestDatabase;
  let models: ScriptedModelServer;
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    const [scripted, launched] = await Promise.all([startScriptedApp(), launchBrowser()]);
    ({ testDb, models, app } = scripted);
    browser = launched;
    const api = new HttpClient(app.url);
    expect((await api.signUp(ACCOUNT.email, ACCOUNT.password)).status).toBe(201);
    dir = await mkdtemp(path.join(tmpdir(), "knowledge-e2e-"));
    await writeFile(path.join(dir, "Email style guide.docx"), await docxOf([{ heading: "Email style", paragraphs: ["Greet customers by their first name."] }]));
    await writeFile(path.join(dir, "scan.pdf"), await imageOnlyPdf());
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "en-US", reducedMotion: "reduce" })).newPage();
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

  it("uploads, lists with its state, explains a refusal, and deletes", async () => {
    await page.goto(`${app.url}/admin/knowledge`);
    await page.getByText("No documents yet").waitFor();
    if (SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, "knowledge-empty-1280.png"), fullPage: true });

    await page.getByLabel("Document", { exact: true }).setInputFiles(path.join(dir, "Email style guide.docx"));
    await page.getByRole("button", { name: "Upload" }).click();
    const item = page.getByTestId("knowledge-document").filter({ hasText: "Email style guide.docx" });
    await item.waitFor();
    expect(await item.textContent()).toMatch(/Indexed · 1 excerpt/);
    expect(await item.textContent()).toContain("Whole organisation");

    // a scanned PDF: the server's reason, and the list unchanged
    await page.getByLabel("Document", { exact: true }).setInputFiles(path.join(dir, "scan.pdf"));
    await page.getByRole("button", { name: "Upload" }).click();
    const alert = page.getByTestId("knowledge-error");
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/only images of pages/);
    expect(await page.getByTestId("knowledge-document").count()).toBe(1);
    if (SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, "knowledge-list-1280.png"), fullPage: true });
    if (SCREENSHOTS) {
      await page.setViewportSize({ width: 375, height: 667 });
      await page.screenshot({ path: path.join(SCREENSHOTS, "knowledge-list-375.png"), fullPage: true });
      await page.setViewportSize({ width: 1280, height: 800 });
    }

    await page.getByRole("button", { name: "Delete Email style guide.docx" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
    await page.getByText("No documents yet").waitFor();
    expect(await page.getByTestId("knowledge-document").count()).toBe(0);
  });

  it("saves the user's profile from the settings page, reached from the account menu", async () => {
    await page.goto(`${app.url}/`);
    await page.getByTestId("account-menu").click();
    await page.getByRole("menuitem", { name: "Profile and signature" }).click();
    await page.waitForURL((url) => url.pathname === "/settings");
    await page.getByLabel("Company").fill("Northwind Traders");
    await page.getByLabel("Email signature").fill("Ana Ruiz\nHead of Sales");
    await page.getByRole("button", { name: "Save profile" }).click();
    await page.getByText("Profile saved").waitFor();
    await page.reload();
    expect(await page.getByLabel("Company").inputValue()).toBe("Northwind Traders");
    expect(await page.getByLabel("Email signature").inputValue()).toBe("Ana Ruiz\nHead of Sales");
    if (SCREENSHOTS) {
      await page.screenshot({ path: path.join(SCREENSHOTS, "settings-1280.png"), fullPage: true });
      await page.setViewportSize({ width: 375, height: 667 });
      await page.screenshot({ path: path.join(SCREENSHOTS, "settings-375.png"), fullPage: true });
    }
  });

  it("names the documents a deliverable's version was written from", async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${app.url}/admin/knowledge`);
    await page.getByLabel("Document", { exact: true }).setInputFiles(path.join(dir, "Email style guide.docx"));
    await page.getByRole("button", { name: "Upload" }).click();
    await page.getByTestId("knowledge-document").filter({ hasText: "Indexed · 1 excerpt" }).waitFor();

    const created = await page.request.post(`${app.url}/api/conversations`, { data: {} });
    const conversationId = (await created.json()).conversation.id;
    models.script(BEST, withDeliverable("Thanks for today", "Hi Ana,\n\nThanks for meeting with us today.\n\nBest,\nBo"));
    const turn = await page.request.post(`${app.url}/api/chat`, {
      data: { conversationId, messageId: randomUUID(), text: "/follow-up-email to Ana; greet the customer by first name", taskSlug: "follow-up-email" },
    });
    expect(turn.status()).toBe(200);
    await turn.body();
    expectScriptedRepliesUsed(models, app);
    // the excerpt reached the model, and the version says which document it came from
    expect(JSON.stringify(models.requestsFor(BEST).at(-1)?.messages)).toContain("Greet customers by their first name.");
    await page.goto(`${app.url}/c/${conversationId}`);
    const sources = page.getByTestId("knowledge-sources");
    await sources.waitFor();
    expect(await sources.textContent()).toBe("Based on: Email style guide.docx");
    // the sign-off keeps its two lines, as the exports and the sent email do
    expect(await page.locator("article:has([data-testid=deliverable-title]) .markdown p").last().innerText()).toBe("Best,\nBo");
    if (SCREENSHOTS) {
      await page.screenshot({ path: path.join(SCREENSHOTS, "based-on-1280.png") });
      await page.setViewportSize({ width: 375, height: 667 });
      await page.getByRole("button", { name: "Deliverable", exact: true }).click();
      await page.getByRole("dialog", { name: "Deliverable" }).getByTestId("knowledge-sources").waitFor();
      await page.screenshot({ path: path.join(SCREENSHOTS, "based-on-375.png") });
    }
  });
});
