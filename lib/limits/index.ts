import { Redis } from "ioredis";
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "@/lib/http";
import { metrics } from "@/lib/observability";
import { settings } from "@/lib/settings";

/**
 * Limits on what costs model time or invites guessing. Sign-in is limited twice: per email address and
 * client (someone guessing from one place is stopped soon, while the owner can still sign in from
 * another), and per address from every client together, slower (many clients cannot guess on either).
 */
const limits = () => {
  const s = settings();
  return {
    chat: { points: s.RATE_LIMIT_CHAT_PER_MINUTE, duration: 60 },
    transcribe: { points: s.RATE_LIMIT_TRANSCRIBE_PER_MINUTE, duration: 60 },
    signin: { points: s.RATE_LIMIT_SIGNIN_PER_15_MINUTES, duration: 15 * 60 },
    signin_address: { points: s.RATE_LIMIT_SIGNIN_ADDRESS_PER_HOUR, duration: 60 * 60 },
    // a Slack or Telegram link code is a credential: a sender's attempts are limited as sign-ins are
    channel_link: { points: s.RATE_LIMIT_SIGNIN_PER_15_MINUTES, duration: 15 * 60 },
  };
};
export type LimitName = keyof ReturnType<typeof limits>;

const globalForLimits = globalThis as unknown as { switchboardLimiters?: Map<LimitName, RateLimiterAbstract>; switchboardRedis?: Redis };

/**
 * In memory on a single instance; in Redis when REDIS_URL is set, so every instance counts together.
 * If Redis stops answering, the in-memory limiter takes over rather than letting everything through.
 */
function limiter(name: LimitName): RateLimiterAbstract {
  globalForLimits.switchboardLimiters ??= new Map();
  const limiters = globalForLimits.switchboardLimiters;
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

/** Counts one use; throws 429 saying when to try again (and Retry-After) when the limit is reached. */
export async function enforceLimit(name: LimitName, key: string): Promise<void> {
  const chosen = limiter(name);
  await redisReady();
  try {
    await chosen.consume(key);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    metrics().rateLimited.inc({ limit: name });
    const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw new AppError(`rate_limit:${name}`, { retryAfterSeconds: seconds });
  }
}

/** Clears a key's count (a successful sign-in forgives the failed attempts from its client before it). */
export async function resetLimit(name: LimitName, key: string): Promise<void> {
  await limiter(name)
    .delete(key)
    .catch(() => {});
}

/** Gives back the one use just counted (a successful sign-in is not an attempt to guess). */
export async function refundLimit(name: LimitName, key: string): Promise<void> {
  await limiter(name)
    .reward(key, 1)
    .catch(() => {});
}
