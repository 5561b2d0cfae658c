import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogs } from "@/lib/i18n";
import { launchBrowser } from "../support/browser";
import { HttpClient } from "../support/http-client";
import { ADMIN, contextFor, startTourApp, TOUR, type TourApp, VIEWPORTS, visit } from "../support/tour";

/**
 * Every page of the tour in Spanish and in French shows no interface string in English: no text on the
 * screen and no accessible name, tooltip or placeholder is an English catalog message whose translation
 * differs. That catches a component that forgot the catalog as well as server text sent in English.
 */
type Tree = { [key: string]: string | Tree };
const messages = (tree: Tree): string[] => Object.values(tree).flatMap((v) => (typeof v === "string" ? [v] : messages(v)));

/** English messages without placeholders, that the other language translates differently. */
function englishOnly(locale: "es" | "fr"): Set<string> {
  const flat = (tree: Tree, prefix = ""): [string, string][] =>
    Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [[`${prefix}${k}`, v] as [string, string]] : flat(v, `${prefix}${k}.`)));
  const translated = new Map(flat(catalogs[locale] as unknown as Tree));
  return new Set(
    flat(catalogs.en as unknown as Tree)
      .filter(([key, text]) => !/[{<]/.test(text) && translated.get(key) !== text && /\p{L}{3,}/u.test(text))
      .map(([, text]) => text.trim()),
  );
}

/** What a person reads or hears on the page: visible text nodes and the names controls announce. */
async function interfaceStrings(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const parent = node.parentElement;
      if (text && parent && parent.closest("script, style, template") === null) out.push(text);
    }
    for (const element of document.querySelectorAll("[aria-label], [title], [placeholder], [alt]")) {
      for (const name of ["aria-label", "title", "placeholder", "alt"]) {
        const value = element.getAttribute(name)?.trim();
        if (value) out.push(value);
      }
    }
    out.push(document.title);
    return out;
  });
}

/**
 * The tour's data as the API gives it (tasks, the conversation and its deliverable, learnings): a name
 * like "Meeting minutes" or a heading like "Summary" in an English deliverable is data, not interface.
 */
async function tourData(tour: TourApp): Promise<string> {
  const admin = new HttpClient(tour.app.url);
  await admin.signIn(ADMIN.email, ADMIN.password);
  const bodies = await Promise.all(
    ["/api/tasks", `/api/conversations/${tour.data.conversationId}`, "/api/learnings"].map(async (p) => (await admin.get(p)).text()),
  );
  return bodies.map((body) => JSON.stringify(JSON.parse(body))).join("\n");
}

describe("every page in Spanish and French", () => {
  let tour: TourApp;
  let browser: Browser;
  let data: string;

  beforeAll(async () => {
    [tour, browser] = await Promise.all([startTourApp(), launchBrowser()]);
    data = await tourData(tour);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await tour?.stop();
  });

  it("knows which English messages to look for, and which text is the tour's data", () => {
    expect(data).toContain("Meeting minutes");
    expect(englishOnly("es").size).toBeGreaterThan(50);
    expect(englishOnly("es").has(catalogs.en.common.account.signOut)).toBe(true);
    expect(messages(catalogs.es as unknown as Tree)).toContain(catalogs.es.common.account.signOut);
  });

  it.each(["en", "es", "fr"] as const)("fits the header on a phone in %s: each section's link in view, none under the account button", async (locale) => {
    const context = await contextFor(browser, tour.app.url, "admin", { locale, colorScheme: "light", viewport: VIEWPORTS.phone });
    try {
      const page = await context.newPage();
      await page.goto(`${tour.app.url}/`);
      const account = (await page.getByTestId("account-menu").boundingBox())!;
      const links = page.getByRole("navigation", { name: catalogs[locale].common.nav.main, exact: true }).getByRole("link");
      const shown = await links.evaluateAll((elements) =>
        elements
          .filter((el) => (el as HTMLElement).offsetParent !== null)
          .map((el) => ({ text: el.textContent, left: el.getBoundingClientRect().left, right: el.getBoundingClientRect().right })),
      );
      // Chat, To-dos and Admin; Settings is in the account menu on a phone
      expect(shown.map((link) => link.text)).toEqual([catalogs[locale].common.nav.chat, catalogs[locale].common.nav.todos, catalogs[locale].common.nav.admin]);
      for (const link of shown) {
        expect(link.left, link.text ?? "").toBeGreaterThanOrEqual(0);
        expect(link.right, `${link.text} ends at ${link.right}, the account button starts at ${account.x}`).toBeLessThanOrEqual(account.x);
      }
    } finally {
      await context.close();
    }
  });

  for (const locale of ["es", "fr"] as const) {
    it.each(TOUR.map((stop) => [stop.name, stop] as const))(`%s in ${locale}: no English interface string`, async (_name, stop) => {
      const context = await contextFor(browser, tour.app.url, stop.as, { locale, colorScheme: "light", viewport: VIEWPORTS.desktop });
      try {
        const page = await visit(context, tour.app.url, stop, tour.data);
        expect(await page.getAttribute("html", "lang")).toBe(locale);
        const english = englishOnly(locale);
        const leftovers = [...new Set((await interfaceStrings(page)).filter((text) => english.has(text) && !data.includes(text)))];
        expect(leftovers).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
