import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { AppError } from "@/lib/http";
import { settings } from "@/lib/settings";

/** Per-user (or per-address) limits on what costs model time or invites guessing. */
const limits = () => {
  const s = settings();
  return {
    chat: { points: s.RATE_LIMIT_CHAT_PER_MINUTE, duration: 60, what: "messages" },
    transcribe: { points: s.RATE_LIMIT_TRANSCRIBE_PER_MINUTE, duration: 60, what: "recordings" },
    signin: { points: s.RATE_LIMIT_SIGNIN_PER_15_MINUTES, duration: 15 * 60, what: "sign-in attempts" },
  };
};
export type LimitName = keyof ReturnType<typeof limits>;

const globalForLimits = globalThis as unknown as { switchboardLimiters?: Map<LimitName, RateLimiterAbstract>; switchboardRedis?: Redis };

/**
 * In memory on a single instance; in Redis when REDIS_URL is set, so every instance counts together.
 * If Redis stops answering, the in-memory limiter takes over rather than letting everything through.
 */
function limiter(name: LimitName): RateLimiterAbstract {
  const limiters = (globalForLimits.switchboardLimiters ??= new Map());
  let found = limiters.get(name);
  if (!found) {
    const { points, duration } = limits()[name];
    const memory = new RateLimiterMemory({ points, duration, keyPrefix: `sb-${name}` });
    const { REDIS_URL } = settings();
    if (REDIS_URL) {
      globalForLimits.switchboardRedis ??= new Redis(REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
      found = new RateLimiterRedis({ storeClient: globalForLimits.switchboardRedis, points, duration, keyPrefix: `sb-${name}`, insuranceLimiter: memory });
    } else {
      found = memory;
    }
    limiters.set(name, found);
  }
  return found;
}

/** Waits (briefly) for a Redis connection that is still opening, so the first requests count in Redis too. */
async function redisReady(): Promise<void> {
  const redis = globalForLimits.switchboardRedis;
  if (!redis || redis.status === "ready") return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 1_000);
    redis.once("ready", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Counts one use; throws 429 with the time to wait when the limit is reached. */
export async function enforceLimit(name: LimitName, key: string): Promise<void> {
  const chosen = limiter(name);
  await redisReady();
  try {
    await chosen.consume(key);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw new AppError(`rate_limit:${name}`, `Too many ${limits()[name].what}. Please wait ${seconds} s and try again.`, undefined, seconds);
  }
}

/** Clears a key's count (a successful sign-in forgives the failed attempts before it). */
export async function resetLimit(name: LimitName, key: string): Promise<void> {
  await limiter(name).delete(key).catch(() => {});
}
