import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServer } from "../support/app-server";
import { launchBrowser, signUpInBrowser } from "../support/browser";
import type { TestDatabase } from "../support/database";
import type { ScriptedModelServer } from "../support/model-server";
import { BEST, FAST, startScriptedApp } from "../support/scripted-app";

/**
 * A model answer (or a deliverable) full of hostile Markdown and HTML must render as inert text: no
 * script runs, no active element is created, no javascript: link survives — while streaming, once
 * saved, and after a reload (when the page is rendered on the server).
 */

/** Raw HTML that must appear literally, as text. */
const RAW_PAYLOADS = [
  "<script>window.__pwned=1</script>",
  '<img src=x onerror="window.__pwned=1">',
  '<iframe src="javascript:window.__pwned=1"></iframe>',
  '<a href="javascript:window.__pwned=1">raw anchor</a>',
  '<svg onload="window.__pwned=1"></svg>',
];
/** Markdown whose links and images must lose their javascript: address. */
const MARKDOWN_PAYLOADS = [
  "[click](javascript:window.__pwned=1)",
  "[mixed case](JaVaScRiPt:window.__pwned=1)",
  "[encoded](&#106;avascript:window.__pwned=1)",
  "<javascript:window.__pwned=1>",
  "![picture](javascript:window.__pwned=1)",
  "[data link](data:text/html;base64,PHNjcmlwdD53aW5kb3cub3BlbmVyLl9fcHduZWQ9MTwvc2NyaXB0Pg==)",
];
const hostile = (label: string) => [`${label}:`, ...RAW_PAYLOADS, ...MARKDOWN_PAYLOADS].join("\n\n");

const HOSTILE_TITLE = 'Minutes <img src=x onerror="window.__pwned=1"> <script>window.__pwned=1</script>';
const ANSWER = `${hostile("Answer")}\n\n<deliverable title="${HOSTILE_TITLE.replace(/"/g, "'")}">\n${hostile("Deliverable")}\n</deliverable>`;
const USER_TEXT = '/meeting-minutes <img src=x onerror="window.__pwned=1"> <script>window.__pwned=1</script> Budget review with Ana and Bo.';

describe("hostile Markdown and HTML in Chromium", () => {
  let testDb: TestDatabase;
  let models: ScriptedModelServer;
  let app: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];
  const popups: Page[] = [];

  beforeAll(async () => {
    // the e2e project runs on PGlite (TEST_DATABASE)
    const [scripted, launched] = await Promise.all([startScriptedApp(), launchBrowser()]);
    ({ testDb, models, app } = scripted);
    browser = launched;
    context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: "en-US" });
    context.on("page", (p) => {
      popups.push(p);
      p.on("dialog", (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
    });
    page = await context.newPage();
    await signUpInBrowser(page, app.url, "safety@example.test", "safety-password-1");
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await models?.stop();
    await testDb?.drop();
  });

  const pwned = (p: Page = page) => p.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
  const messages = () => page.getByRole("list", { name: "Messages" });
  const panel = () => page.getByRole("complementary", { name: "Deliverable" });

  /** No active content inside a rendered region, whatever the payload tried. */
  async function expectInert(region: Locator, label: string) {
    const found = await region.evaluate((root) => {
      const all = [...root.querySelectorAll("*")];
      return {
        scripts: root.querySelectorAll("script").length,
        iframes: root.querySelectorAll("iframe, frame, object, embed").length,
        svgs: root.querySelectorAll("svg[onload], svg script").length,
        imgOnerror: root.querySelectorAll("img[onerror]").length,
        eventAttributes: all.flatMap((el) => [...el.attributes].filter((a) => a.name.toLowerCase().startsWith("on")).map((a) => `${el.tagName}[${a.name}]`)),
        dangerousUrls: all.flatMap((el) =>
          ["href", "src", "action", "formaction", "xlink:href", "data"]
            .map((name) => el.getAttribute(name))
            // browsers ignore control characters inside a URL's scheme, so they are removed before looking
            // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
            .filter((value): value is string => !!value && /^\s*(javascript|data|vbscript):/i.test(value.replace(/[\u0000-\u001f]/g, ""))),
        ),
      };
    });
    expect(found, label).toEqual({ scripts: 0, iframes: 0, svgs: 0, imgOnerror: 0, eventAttributes: [], dangerousUrls: [] });
  }

  /** The raw tags are on the page as text. */
  async function expectShownAsText(region: Locator, label: string) {
    const text = (await region.textContent()) ?? "";
    for (const payload of RAW_PAYLOADS) expect(text, `${label} shows ${payload} as text`).toContain(payload);
  }

  async function expectLinksDisarmed(region: Locator, label: string) {
    for (const name of ["click", "mixed case", "encoded", "data link"]) {
      const link = region.getByText(name, { exact: true });
      expect(await link.count(), `${label}: the "${name}" link text is shown`).toBeGreaterThan(0);
      const href = await link.first().evaluate((el) => el.closest("a")?.getAttribute("href") ?? null);
      expect(href ?? "", `${label}: "${name}" keeps a dangerous address`).not.toMatch(/^\s*(javascript|data|vbscript):/i);
    }
  }

  it("renders the hostile answer and deliverable as inert text while streaming and once saved", async () => {
    models.script(BEST, { text: ANSWER, chunkSize: 24, chunkDelayMs: 5 });
    // records any active element that appears in the messages or the panel while the answer streams
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __activeSeen: string[] }).__activeSeen = seen;
      const check = (el: Element) => {
        if (!el.closest('ol[aria-label="Messages"], aside[aria-label="Deliverable"]')) return;
        const tag = el.tagName.toLowerCase();
        if (["script", "iframe", "frame", "object", "embed"].includes(tag)) seen.push(tag);
        for (const a of el.attributes) {
          if (a.name.toLowerCase().startsWith("on")) seen.push(`${tag}[${a.name}]`);
          if (/^\s*(javascript|vbscript):/i.test(a.value) && ["href", "src", "action", "formaction"].includes(a.name))
            seen.push(`${tag}[${a.name}=${a.value}]`);
        }
      };
      new MutationObserver((records) => {
        for (const record of records) {
          if (record.type === "attributes" && record.target instanceof Element) check(record.target);
          for (const node of record.addedNodes) {
            if (!(node instanceof Element)) continue;
            check(node);
            node.querySelectorAll("*").forEach(check);
          }
        }
      }).observe(document.body, { childList: true, subtree: true, attributes: true });
    });
    const composer = page.getByLabel("Message", { exact: true });
    await composer.fill(USER_TEXT);
    await composer.press("Enter");
    await page.getByTestId("routing-chip").first().waitFor({ timeout: 30_000 });
    await page.getByRole("button", { name: "Send", exact: true }).waitFor({ timeout: 30_000 });
    expect(models.pending(BEST), app.output().slice(-2_000)).toBe(0);
    expect(models.requestsFor(FAST)).toHaveLength(0);
    expect(await page.getByTestId("routing-chip").first().textContent()).toContain("Started: Meeting minutes");

    await panel().getByTestId("deliverable-title").waitFor();
    expect(await panel().getByTestId("deliverable-title").textContent()).toBe(HOSTILE_TITLE.replace(/"/g, "'"));
    expect(await pwned()).toBeUndefined();
    expect(await page.evaluate(() => (window as unknown as { __activeSeen: string[] }).__activeSeen), "active content while streaming").toEqual([]);

    await expectInert(messages(), "messages");
    await expectInert(panel(), "deliverable panel");
    await expectInert(page.getByRole("navigation", { name: "Conversations" }), "conversation list");
    await expectShownAsText(page.getByTestId("assistant-message").last(), "the answer");
    await expectShownAsText(panel(), "the deliverable");
    expect(await page.getByTestId("user-message").last().textContent()).toBe(USER_TEXT);
    await expectLinksDisarmed(messages(), "answer");
    await expectLinksDisarmed(panel(), "deliverable");
  });

  it("runs nothing when the disarmed links are clicked", async () => {
    for (const region of [messages(), panel()]) {
      for (const name of ["click", "mixed case", "encoded", "data link"]) {
        await region.getByText(name, { exact: true }).first().click();
        await page.waitForTimeout(200);
        expect(await pwned(), `after clicking "${name}"`).toBeUndefined();
      }
    }
    for (const popup of popups.filter((p) => p !== page)) {
      await popup.waitForLoadState().catch(() => {});
      expect(popup.url(), "a link opened something other than the app").toMatch(new RegExp(`^(${app.url.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}|about:blank)`));
      expect(await pwned(popup).catch(() => undefined)).toBeUndefined();
    }
    expect(dialogs).toEqual([]);
    expect(page.url()).toMatch(/\/c\/[a-z0-9]+$/);
  });

  it("stays inert after a reload, when the conversation is rendered on the server", async () => {
    await page.reload();
    await panel().getByTestId("deliverable-title").waitFor();
    await page.getByTestId("assistant-message").first().waitFor();
    expect(await pwned()).toBeUndefined();
    await expectInert(messages(), "messages after reload");
    await expectInert(panel(), "deliverable panel after reload");
    await expectInert(page.getByRole("navigation", { name: "Conversations" }), "conversation list after reload");
    await expectShownAsText(page.getByTestId("assistant-message").last(), "the answer after reload");
    await expectShownAsText(panel(), "the deliverable after reload");
    await expectLinksDisarmed(messages(), "answer after reload");
    await expectLinksDisarmed(panel(), "deliverable after reload");
    // the server-rendered HTML itself carries no live payload
    const html = await (await page.context().request.get(page.url())).text();
    expect(html).not.toMatch(/<(script|img|iframe|svg)[^>]*(onerror|onload)=/i);
    expect(html).not.toMatch(/<iframe/i);
    expect(html).not.toMatch(/href="\s*javascript:/i);
    expect(dialogs).toEqual([]);
  });
});
