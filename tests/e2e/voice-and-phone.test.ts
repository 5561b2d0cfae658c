import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServer } from "../support/app-server";
import { fakeMicrophone, launchBrowser, signUpInBrowser } from "../support/browser";
import type { TestDatabase } from "../support/database";
import type { ScriptedModelServer } from "../support/model-server";
import { BEST, FAST, startScriptedApp } from "../support/scripted-app";

const WHISPER = "scripted-whisper";
const SPOKEN = "I just left the meeting with ACME, please write the minutes";
const PHONE = { width: 375, height: 667 };

/** Forces the MediaRecorder path: Chromium exposes speech recognition but cannot reach its service offline. */
const withoutSpeechRecognition = () => {
  delete (window as unknown as Record<string, unknown>).webkitSpeechRecognition;
  delete (window as unknown as Record<string, unknown>).SpeechRecognition;
};

async function expectNoHorizontalOverflow(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
}

async function expectComposerVisible(page: Page) {
  const box = await page.getByLabel("Message", { exact: true }).boundingBox();
  expect(box).not.toBeNull();
  expect(box!.y + box!.height).toBeLessThanOrEqual(PHONE.height);
  expect(box!.y).toBeGreaterThan(PHONE.height / 2);
}

describe("voice input and the phone layout in Chromium", () => {
  let testDb: TestDatabase;
  let models: ScriptedModelServer;
  let app: AppServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // the e2e project runs on PGlite (TEST_DATABASE)
    const [scripted, launched] = await Promise.all([
      startScriptedApp((modelsUrl) => ({ TRANSCRIBE_MODEL: `compatible:${WHISPER}`, TRANSCRIBE_BASE_URL: `${modelsUrl}/v1` })),
      launchBrowser(fakeMicrophone(path.resolve("tests/fixtures/meeting-en.wav"))),
    ]);
    ({ testDb, models, app } = scripted);
    browser = launched;
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: "en-US" });
    await context.addInitScript(withoutSpeechRecognition);
    page = await context.newPage();
    await signUpInBrowser(page, app.url, "voice@example.test", "voice-password-1");
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await models?.stop();
    await testDb?.drop();
  });

  it("records from the microphone, transcribes through the server, and sends the words to be routed", async () => {
    await page.getByLabel("Message", { exact: true }).fill("Note:");
    models.script(WHISPER, SPOKEN);
    await page.getByRole("button", { name: "Speak" }).click();
    await page.getByTestId("recording-timer").waitFor();
    await page.waitForTimeout(2_500);
    await page.getByRole("button", { name: "Stop recording" }).click();
    await page.waitForFunction(() => (document.querySelector("textarea[aria-label=Message]") as HTMLTextAreaElement)?.value.includes("ACME"));
    // the typed text is kept, the spoken words follow it
    expect(await page.getByLabel("Message", { exact: true }).inputValue()).toBe(`Note: ${SPOKEN}`);
    const upload = models.requestsFor(WHISPER).at(-1)!;
    expect(upload.body.fileType).toMatch(/^audio\/webm/);
    expect(upload.body.fileSize).toBeGreaterThan(2_000);
    expect(upload.body.language).toBe("en");

    models.script(BEST, "SPECULATIVE", "Happy to help. When was the meeting, and who attended?");
    models.script(FAST, JSON.stringify({ task: "meeting-minutes" }));
    await page.getByLabel("Message", { exact: true }).press("Enter");
    await page.getByTestId("routing-chip").first().waitFor();
    expect(await page.getByTestId("routing-chip").first().textContent()).toContain("Started: Meeting minutes");
    expect(models.requestsFor(FAST).at(-1)!.messages.at(-1)!.content).toContain(SPOKEN);
  });

  it("fits a phone: no horizontal scrolling, the composer pinned in view, drawer and sheet", async () => {
    // the first test's speculative general answer may have been aborted before its request left (the router
    // answers at once here), leaving its scripted reply queued
    models
      .clear(BEST)
      .script(
        BEST,
        '<deliverable title="Minutes – ACME – today">\n**Attendees**: Ana, Ben\n\n| Owner | Action | Due |\n|---|---|---|\n| Ana | Send the pilot contract to legal for review | Friday |\n</deliverable>',
      );
    models.script(FAST, JSON.stringify({ task: "meeting-minutes" }));
    await page.getByLabel("Message", { exact: true }).fill("Today, with Ana and Ben; Ana sends the contract to legal by Friday.");
    await page.getByLabel("Message", { exact: true }).press("Enter");
    await page.getByRole("button", { name: "Deliverable", exact: true }).waitFor();
    await page.getByRole("button", { name: "Send", exact: true }).waitFor();
    await expectNoHorizontalOverflow(page);
    await expectComposerVisible(page);
    const fontSize = await page.getByLabel("Message", { exact: true }).evaluate((el) => getComputedStyle(el).fontSize);
    expect(fontSize).toBe("16px");
    await page.screenshot({ path: "tests/.artifacts/phone-chat.png" });

    await page.getByRole("button", { name: "Open conversations" }).click();
    const drawer = page.getByRole("dialog", { name: "Conversations" });
    await drawer.getByRole("link", { name: "New conversation" }).waitFor();
    await expectNoHorizontalOverflow(page);
    await page.screenshot({ path: "tests/.artifacts/phone-drawer.png" });
    await page.getByRole("button", { name: "Close conversations" }).click();

    await page.getByRole("button", { name: "Deliverable", exact: true }).click();
    const sheet = page.getByRole("dialog", { name: "Deliverable" });
    await sheet.getByTestId("deliverable-title").waitFor();
    await expectNoHorizontalOverflow(page);
    await page.screenshot({ path: "tests/.artifacts/phone-sheet.png" });
    // every control in the sheet is large enough to tap
    const small = await sheet.locator("button, select, a").evaluateAll(
      (els) =>
        els
          .filter((el) => (el as HTMLElement).offsetParent !== null)
          .map((el) => el.getBoundingClientRect())
          .filter((r) => r.height < 44).length,
    );
    expect(small).toBe(0);
    await page.keyboard.press("Escape");
    await sheet.waitFor({ state: "detached" });
  });

  it("says when the microphone is denied, and keeps what was typed", async () => {
    const denied = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: "en-US" });
    await denied.addInitScript(withoutSpeechRecognition);
    await denied.addInitScript(() => {
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException("Permission denied", "NotAllowedError"));
    });
    await denied.addCookies(await page.context().cookies());
    const other = await denied.newPage();
    await other.goto(app.url);
    await other.getByLabel("Message", { exact: true }).fill("typed before speaking");
    await other.getByRole("button", { name: "Speak" }).click();
    await other.getByRole("alert").filter({ hasText: "Microphone access was denied" }).waitFor();
    expect(await other.getByLabel("Message", { exact: true }).inputValue()).toBe("typed before speaking");
    await denied.close();
  });

  it("says when transcription fails, and keeps what was typed", async () => {
    await page.goto(app.url);
    await page.getByLabel("Message", { exact: true }).fill("my draft");
    models.script(WHISPER, { text: "", status: 500 }, { text: "", status: 500 });
    await page.getByRole("button", { name: "Speak" }).click();
    await page.getByTestId("recording-timer").waitFor();
    await page.waitForTimeout(1_000);
    await page.getByRole("button", { name: "Stop recording" }).click();
    await page.getByRole("alert").filter({ hasText: "Transcription failed" }).waitFor();
    expect(await page.getByLabel("Message", { exact: true }).inputValue()).toBe("my draft");
  });
});
