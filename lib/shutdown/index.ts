// Graceful restarts (issue 18). On SIGTERM an instance drains: it refuses new turns (503 with
// Retry-After, so a client or load balancer tries another instance), reports "draining" on /api/health,
// lets the turns in flight finish for up to SHUTDOWN_GRACE_MS, then stops the rest — they are saved as
// stopped, like a user's stop — and exits once every turn has been saved. Work done after a response was
// sent (a Slack or Telegram message, answered after the platform got its 200) is waited for the same way.
import { AppError } from "@/lib/http";
import { settings } from "@/lib/settings";

/** After the grace period: how long the stopped turns get to save what they streamed. */
const SAVE_AFTER_STOP_MS = 5_000;
/** After the last save: time for the answers' last bytes to leave the process. */
const FLUSH_MS = 500;
/** What a refused turn's client is told to wait before trying again. */
const RETRY_AFTER_SECONDS = 5;

interface ShutdownState {
  draining: boolean;
  /** one controller per turn in flight; aborting it stops the turn, which then saves itself */
  inFlight: Set<AbortController>;
  /** work a response was already sent for; it stops by itself (its turn, if any, is in inFlight) */
  background: Set<Promise<unknown>>;
  /** settles when the last turn in flight and the last background work end */
  idle: (() => void) | undefined;
}

// on globalThis: Next loads the instrumentation hook and the route handlers as separate bundles
const global = globalThis as unknown as { switchboardShutdown?: ShutdownState };
global.switchboardShutdown ??= { draining: false, inFlight: new Set(), background: new Set(), idle: undefined };
const state = global.switchboardShutdown;

export function isDraining(): boolean {
  return state.draining;
}

export function turnsInFlight(): number {
  return state.inFlight.size;
}

const busy = () => state.inFlight.size + state.background.size > 0;

/** Refuses with 503 (and a wait) while the instance drains: the client, or a platform's webhook delivery, tries again elsewhere. */
export function refuseWhileDraining(): void {
  if (state.draining) throw new AppError("unavailable:restarting", { retryAfterSeconds: RETRY_AFTER_SECONDS });
}

/**
 * Admits a turn, or refuses it with 503 while the instance drains. The turn's `signal` aborts when the
 * grace period ends; `done()` must be called once the turn is saved (or failed).
 */
export function admitTurn(): { signal: AbortSignal; done(): void } {
  refuseWhileDraining();
  const controller = new AbortController();
  state.inFlight.add(controller);
  return {
    signal: controller.signal,
    done() {
      state.inFlight.delete(controller);
      if (!busy()) state.idle?.();
    },
  };
}

/** Work that goes on after its response was sent: draining waits for it as for a turn. */
export function holdUntilSettled<T>(work: Promise<T>): Promise<T> {
  state.background.add(work);
  const release = () => {
    state.background.delete(work);
    if (!busy()) state.idle?.();
  };
  work.then(release, release);
  return work;
}

const untilIdle = (ms: number) =>
  new Promise<boolean>((resolve) => {
    if (!busy()) return resolve(true);
    const timer = setTimeout(() => resolve(false), ms);
    state.idle = () => {
      clearTimeout(timer);
      resolve(true);
    };
  });

/**
 * Drains the instance: refuses new turns from now on, waits for the turns in flight (at most
 * SHUTDOWN_GRACE_MS), stops those still running and waits for them to be saved. Resolves with what happened.
 */
export async function drain({ graceMs = settings().SHUTDOWN_GRACE_MS, log = console.log as (line: string) => void } = {}): Promise<{
  finished: boolean;
  stopped: number;
}> {
  state.draining = true;
  const background = state.background.size ? ` and ${state.background.size} message(s) being answered` : "";
  log(`shutdown: draining, ${state.inFlight.size} turn(s) in flight${background}, waiting up to ${graceMs} ms`);
  if (await untilIdle(graceMs)) return { finished: true, stopped: 0 };
  const stopped = state.inFlight.size;
  log(`shutdown: stopping ${stopped} turn(s) still running; they are saved as stopped`);
  for (const controller of state.inFlight) controller.abort(new Error("the server is restarting"));
  return { finished: await untilIdle(SAVE_AFTER_STOP_MS), stopped };
}

/** For the instrumentation hook: SIGTERM and SIGINT drain the instance, then end the process. */
export function drainOnSignals() {
  let started = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (started) return;
      started = true;
      void drain().then(({ finished }) => {
        console.log(`shutdown: ${finished ? "every turn saved" : "turns still saving when the time ran out"}; exiting`);
        // the last answers' final bytes are still on their way to the browsers
        setTimeout(() => process.exit(0), FLUSH_MS);
      });
    });
  }
}
