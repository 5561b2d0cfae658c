import { expect, it } from "vitest";
import { admitTurn, drain, isDraining, turnsInFlight } from "@/lib/shutdown";

// One story, in order: draining is one-way for a process.
it("admits turns until it drains, waits for them within the grace period, then stops the rest", async () => {
  const quick = admitTurn();
  const slow = admitTurn();
  const saved: string[] = [];
  // a turn that ends by itself after 50 ms; another that runs until it is stopped, then saves itself
  setTimeout(() => {
    saved.push("quick: complete");
    quick.done();
  }, 50);
  slow.signal.addEventListener("abort", () =>
    setTimeout(() => {
      saved.push(`slow: stopped (${(slow.signal.reason as Error).message})`);
      slow.done();
    }, 20),
  );
  expect(turnsInFlight()).toBe(2);

  const lines: string[] = [];
  const drained = drain({ graceMs: 300, log: (line) => lines.push(line) });
  expect(isDraining()).toBe(true);
  expect(() => admitTurn()).toThrow(expect.objectContaining({ code: "unavailable:restarting", status: 503, retryAfterSeconds: 5 }));

  expect(await drained).toEqual({ finished: true, stopped: 1 });
  expect(saved).toEqual(["quick: complete", "slow: stopped (the server is restarting)"]);
  expect(quick.signal.aborted).toBe(false);
  expect(turnsInFlight()).toBe(0);
  expect(lines).toEqual([
    "shutdown: draining, 2 turn(s) in flight, waiting up to 300 ms",
    "shutdown: stopping 1 turn(s) still running; they are saved as stopped",
  ]);
});
