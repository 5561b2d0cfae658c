import { describe, expect, it } from "vitest";
import { deriveAction } from "@/lib/router/decide";

describe("deriveAction", () => {
  // previous task running × task chosen for this turn (null = none) → action
  it.each([
    { previous: null, chosen: null, action: "none" },
    { previous: null, chosen: "a", action: "start" },
    { previous: null, chosen: "b", action: "start" },
    { previous: "a", chosen: null, action: "end" },
    { previous: "a", chosen: "a", action: "continue" },
    { previous: "a", chosen: "b", action: "switch" },
  ] as const)("previous=$previous, chosen=$chosen → $action", ({ previous, chosen, action }) => {
    expect(deriveAction(previous, chosen)).toBe(action);
  });

  it("compares slugs by value, not by identity", () => {
    const previous = ["meeting", "minutes"].join("-");
    expect(deriveAction(previous, "meeting-minutes")).toBe("continue");
  });
});
