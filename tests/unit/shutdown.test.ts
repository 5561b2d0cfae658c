import { expect, it } from "vitest";
import { admitTurn, drain, holdUntilSettled, isDraining, refuseWhileDraining, turnsInFlight } from "@/lib/shutdown";

// One story, in order: draining is one-way for a process.
it("admits turns until it drains, waits for them and for messages being answered within the grace period, then stops the rest", async () => {
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
  // a channel's message, answered after its webhook response was sent, for longer than the grace period
  holdUntilSettled(new Promise<void>((resolve) => setTimeout(resolve, 450))).then(() => saved.push("channel message: answered"));
  expect(turnsInFlight()).toBe(2);
  expect(() => refuseWhileDraining()).not.toThrow();

  const lines: string[] = [];
  const drained = drain({ graceMs: 300, log: (line) => lines.push(line) });
  expect(isDraining()).toBe(true);
  expect(() => admitTurn()).toThrow(expect.objectContaining({ code: "unavailable:restarting", status: 503, retryAfterSeconds: 5 }));
  expect(() => refuseWhileDraining()).toThrow(expect.objectContaining({ code: "unavailable:restarting", status: 503 }));

  expect(await drained).toEqual({ finished: true, stopped: 1 });
  expect(saved).toEqual(["quick: complete", "slow: stopped (the server is restarting)", "channel message: answered"]);
  expect(quick.signal.aborted).toBe(false);
  expect(turnsInFlight()).toBe(0);
  expect(lines).toEqual([
    "shutdown: draining, 2 turn(s) in flight and 1 message(s) being answered, waiting up to 300 ms",
    "shutdown: stopping 1 turn(s) still running; they are saved as stopped",
  ]);
});
