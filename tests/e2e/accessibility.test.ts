import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "../support/axe";
import { launchBrowser } from "../support/browser";
import { contextFor, startTourApp, TOUR, type TourApp, type TourStop, VIEWPORTS, visit } from "../support/tour";

/**
 * An axe-core scan of every page of the tour, at desktop and phone size, in the light and the dark
 * theme: no serious or critical violation. Each page and size is a test, both themes are scanned on the
 * same page (the theme follows the system's, switched under it), and every scan prints its line.
 */
const SIZES = ["desktop", "phone"] as const;
const variants = TOUR.flatMap((stop) => SIZES.map((size) => ({ stop, size })));

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

  async function context(as: TourStop["as"], size: (typeof SIZES)[number]) {
    const key = `${as}/${size}`;
    if (!contexts.has(key))
      contexts.set(key, await contextFor(browser, tour.app.url, as, { locale: "en-US", colorScheme: "light", viewport: VIEWPORTS[size] }));
    return contexts.get(key)!;
  }

  it.each(variants.map((v) => [`${v.stop.name} · ${v.size}`, v] as const))(
    "%s, light and dark: no serious or critical violation",
    async (_name, { stop, size }) => {
      const page = await visit(await context(stop.as, size), tour.app.url, stop, tour.data);
      try {
        const found: string[] = [];
        for (const theme of ["light", "dark"] as const) {
          await page.emulateMedia({ colorScheme: theme });
          await page.waitForFunction((dark) => document.documentElement.classList.contains("dark") === dark, theme === "dark");
          found.push(...(await seriousViolations(page, `${stop.name} ${size} ${theme}`)).map((v) => `${theme}: ${v}`));
        }
        expect(found).toEqual([]);
      } finally {
        await page.close();
      }
    },
  );
});
