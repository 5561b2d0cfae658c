import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";

/**
 * Runs axe-core on the page as it is now and returns its serious and critical violations, one line
 * each (rule, impact, the first offending elements), after printing them under `label` so the test
 * output lists every scanned screen.
 */
export async function seriousViolations(page: Page, label: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
  console.log(`axe ${label}: ${serious.length} serious or critical${serious.length ? `\n  ${serious.join("\n  ")}` : ""}`);
  return serious;
}
