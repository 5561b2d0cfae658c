import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "../support/axe";
import { launchBrowser } from "../support/browser";
import { contextFor, startTourApp, TOUR, VIEWPORTS, visit, type TourApp, type TourStop } from "../support/tour";

/**
 * An axe-core scan of every page of the tour, at desktop and phone size, in the light and the dark
 * theme: no serious or critical violation. Each page and variant is its own test, so the output lists
 * them one by one; a failure names the rule, its help text and the elements.
 */
const variants = TOUR.flatMap((stop) =>
  (["desktop", "phone"] as const).flatMap((size) => (["light", "dark"] as const).map((theme) => ({ stop, size, theme }))),
);

describe("accessibility of every page (axe-core)", () => {
  let tour: TourApp;
  let browser: Browser;
  const contexts = new Map<string, BrowserContext>();

  beforeAll(async () => {
    [tour, browser] = await Promise.all([startTourApp(), launchBrowser()]);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await tour?.stop();
  });

  async function context(as: TourStop["as"], size: keyof typeof VIEWPORTS, theme: "light" | "dark") {
    const key = `${as}/${size}/${theme}`;
    if (!contexts.has(key)) contexts.set(key, await contextFor(browser, tour.app.url, as, { locale: "en-US", colorScheme: theme, viewport: VIEWPORTS[size] }));
    return contexts.get(key)!;
  }

  it.each(variants.map((v) => [`${v.stop.name} · ${v.size} · ${v.theme}`, v] as const))("%s: no serious or critical violation", async (_name, { stop, size, theme }) => {
    const page = await visit(await context(stop.as, size, theme), tour.app.url, stop, tour.data);
    try {
      expect(await seriousViolations(page, `${stop.name} ${size} ${theme}`)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
