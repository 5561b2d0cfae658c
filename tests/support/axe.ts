import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";

/** The axe-core rules of WCAG 2.x A and AA (and best practices), as the issue's scan asks. */
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

/**
 * The serious and critical axe violations on the page as it is now, one line each: rule, impact, where,
 * why. With a label, the result is also printed under it, so the test output lists every scanned screen.
 */
export async function seriousViolations(page: Page, label?: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((node) => `${v.id} (${v.impact}): ${node.target.join(" ")} — ${node.failureSummary?.split("\n").slice(1).join(" ").trim()}`));
  if (label) console.log(`axe ${label}: ${serious.length} serious or critical${serious.length ? `\n  ${serious.join("\n  ")}` : ""}`);
  return serious;
}
