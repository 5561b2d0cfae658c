import type { StateAdapter } from "chat";
import type { ExternalChannel } from "./accounts";

/** What the admin page shows of a channel: when it last heard from the platform, and its last failure (never content or secrets). */
export interface ChannelActivity {
  lastEventAt: string | null;
  lastErrorAt: string | null;
  /** the kind of failure only (an error's name, or the HTTP status a webhook was refused with) */
  lastError: string | null;
}

const key = (channel: ExternalChannel) => `switchboard:channel-activity:${channel}`;
const EMPTY: ChannelActivity = { lastEventAt: null, lastErrorAt: null, lastError: null };
// kept in the channels' state (Redis when REDIS_URL is set), so every instance reports the same
const KEEP_MS = 30 * 24 * 60 * 60_000;

export async function readActivity(state: StateAdapter, channel: ExternalChannel): Promise<ChannelActivity> {
  return { ...EMPTY, ...((await state.get<ChannelActivity>(key(channel)).catch(() => null)) ?? {}) };
}

async function update(state: StateAdapter, channel: ExternalChannel, change: Partial<ChannelActivity>): Promise<void> {
  try {
    await state.set(key(channel), { ...(await readActivity(state, channel)), ...change }, KEEP_MS);
  } catch {
    // the activity is a report: failing to write it must never fail a message
  }
}

export const noteEvent = (state: StateAdapter, channel: ExternalChannel) => update(state, channel, { lastEventAt: new Date().toISOString() });

export function noteError(state: StateAdapter, channel: ExternalChannel, error: unknown): Promise<void> {
  const kind = typeof error === "string" ? error : error instanceof Error ? `${error.name}${"code" in error ? ` (${String(error.code)})` : ""}` : typeof error;
  console.error(`${channel} channel failed`, kind);
  return update(state, channel, { lastErrorAt: new Date().toISOString(), lastError: kind.slice(0, 120) });
}
